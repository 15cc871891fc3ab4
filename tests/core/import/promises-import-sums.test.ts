/**
 * More promises of the import's total checks (electron/core/import/totals.ts): a money column without
 * a stated unit is in 万元, negative figures are compared exactly, unmapped columns are not
 * checked, a 小计 row's 合计 cell is not taken for the grand total, and when a matrix has more rows
 * than are listed, the rows that do not add up are listed first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PreparedRow } from '../../../electron/core/import/preparedRow';
import { compareTotals } from '../../../electron/core/import/totals';
import { parseImportCell } from '../../../shared/import/importCells';
import { unitDirectory } from '../../../shared/import/importDepartments';
import type { GridCell } from '../../../shared/import/importGrid';
import type { ColumnMatch, TargetColumn } from '../../../shared/import/importMapping';

const units = unitDirectory([]);
type Cell = GridCell | null | undefined;
const NAME: TargetColumn = { key: 'name', name: '项目名称', type: 'text', role: 'name', settings: {} };

function prepare(columns: readonly TargetColumn[], bodies: Cell[][], firstR = 3): PreparedRow[] {
  return bodies.map((cells, index) => ({
    body: { r: firstR + index, cells },
    cells: columns.map((column, at) => parseImportCell(column, cells[at], { sourceUnit: null, carried: false, units })),
    action: 'insert',
    rowId: null,
  })) as PreparedRow[];
}

const matchesFor = (columns: readonly TargetColumn[]): ColumnMatch[] =>
  columns.map(
    (column, index) =>
      ({ source: index, header: column.name, target: column.key, confidence: 1, how: 'exact' }) as ColumnMatch,
  );

describe('promise: every 合计 is compared exactly, in the unit the column is kept in', () => {
  test('a money column without a stated unit is in 万元', () => {
    const money: TargetColumn = { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: {} };
    const columns = [NAME, money];
    const rows = prepare(columns, [
      ['甲', '1.5'],
      ['乙', '2.25'],
    ]);
    const checks = compareTotals(
      [{ r: 9, kind: 'total', label: '合计', cells: ['合计', '3.75'], from: 0, to: 2 }],
      rows,
      columns,
      [0, 1],
      ['项目名称', '总投资'],
      [null, null],
      units,
      matchesFor(columns),
    );
    assert.deepEqual(
      checks.map((c) => [c.stated, c.computed, c.difference, c.matches]),
      [['3.75', '3.75', '0', true]],
    );
  });

  test('negative figures: the difference is exact whatever the signs', () => {
    const delta: TargetColumn = { key: 'delta', name: '增减', type: 'number', role: null, settings: {} };
    const columns = [NAME, delta];
    const rows = prepare(columns, [
      ['甲', -2],
      ['乙', -3.5],
    ]);
    const check = (stated: GridCell) =>
      compareTotals(
        [{ r: 9, kind: 'total', label: '合计', cells: ['合计', stated], from: 0, to: 2 }],
        rows,
        columns,
        [0, 1],
        ['项目名称', '增减'],
        [null, null],
        units,
        matchesFor(columns),
      )[0]!;
    assert.deepEqual([check(-5.5).computed, check(-5.5).difference, check(-5.5).matches], ['-5.5', '0', true]);
    assert.deepEqual([check(-5).difference, check(-5).matches], ['0.5', false]);
    assert.deepEqual([check(5.5).difference, check(5.5).matches], ['11', false]);
  });

  test('a column the file does not have is not checked', () => {
    const count: TargetColumn = { key: 'count', name: '个数', type: 'number', role: null, settings: {} };
    const columns = [NAME, count];
    const rows = prepare(columns, [['甲', null]]);
    const checks = compareTotals(
      [{ r: 9, kind: 'total', label: '合计', cells: ['合计', 4], from: 0, to: 1 }],
      rows,
      columns,
      [0, -1],
      ['项目名称'],
      [null],
      units,
      matchesFor([NAME]),
    );
    assert.deepEqual(checks, []);
  });
});

describe('promise: a 合计 column is checked row by row; what does not add up is listed first', () => {
  const A: TargetColumn = { key: 'a', name: '2021年', type: 'number', role: null, settings: {} };
  const B: TargetColumn = { key: 'b', name: '2022年', type: 'number', role: null, settings: {} };
  const MONEY: TargetColumn = { key: 'm', name: '投资', type: 'money', role: null, settings: { moneyUnit: '万元' } };
  const columns = [NAME, A, B, MONEY];
  const headers = ['区域', '2021年', '2022年', '投资', '总计'];
  const matches: ColumnMatch[] = [
    ...matchesFor(columns),
    { source: 4, header: '总计', target: null, confidence: 0, how: 'none' },
  ];

  test('money columns are not part of a row’s 合计; the column’s own header names the check', () => {
    const rows = prepare(columns, [['甲区', 1, 2, 100, '+3']]);
    const checks = compareTotals([], rows, columns, [0, 1, 2, 3], headers, [], units, matches);
    assert.deepEqual(
      checks.map((c) => [c.kind, c.label, c.columnName, c.stated, c.computed, c.matches, c.rows, c.columnKey]),
      [['rowTotal', '总计', '总计', '+3', '3', true, 1, null]],
    );
  });

  test('a 小计 row’s 合计 cell is not checked as the grand total', () => {
    const rows = prepare(columns, [['甲区', 1, 2, null, 3]]);
    const checks = compareTotals(
      [{ r: 8, kind: 'subtotal', label: '小计', cells: ['小计', 1, 2, null, 3], from: 0, to: 1 }],
      rows,
      columns,
      [0, 1, 2, 3],
      headers,
      [],
      units,
      matches,
    );
    assert.deepEqual(
      checks.map((c) => [c.kind, c.r]),
      [
        ['subtotal', 8],
        ['subtotal', 8],
        ['rowTotal', 3],
      ],
    );
  });

  test('of many rows, the ones that do not add up are listed first, then the rest up to 200, in row order', () => {
    const bodies: Cell[][] = Array.from({ length: 205 }, (_, index) => [
      `区${index}`,
      1,
      1,
      null,
      index === 204 ? 3 : 2,
    ]);
    const rows = prepare(columns, bodies);
    const checks = compareTotals([], rows, columns, [0, 1, 2, 3], headers, [], units, matches);
    assert.equal(checks.length, 200);
    assert.deepEqual(
      checks.filter((c) => !c.matches).map((c) => [c.r, c.difference]),
      [[207, '1']],
    );
    assert.deepEqual(
      checks.slice(0, 2).map((c) => c.r),
      [3, 4],
    );
    assert.equal(checks.at(-1)!.r, 207, 'sorted by row once chosen');
    assert.equal(checks.at(-2)!.r, 201);
  });

  test('the grand total in the 合计 row’s 合计 cell, against every number imported', () => {
    const rows = prepare(columns, [
      ['甲区', 1, 2, null, 3],
      ['乙区', '/', 2, null, 2],
    ]);
    const checks = compareTotals(
      [{ r: 9, kind: 'total', label: '合 计', cells: ['合 计', 1, 4, null, '5'], from: 0, to: 2 }],
      rows,
      columns,
      [0, 1, 2, 3],
      headers,
      [],
      units,
      matches,
    );
    const grand = checks.find((c) => c.kind === 'total' && c.columnKey === null)!;
    assert.deepEqual(
      [
        grand.r,
        grand.label,
        grand.columnName,
        grand.stated,
        grand.computed,
        grand.difference,
        grand.matches,
        grand.rows,
        grand.unknown,
      ],
      [9, '合 计', '总计', '5', '5', '0', true, 2, 0],
    );
    assert.deepEqual(
      checks.filter((c) => c.kind === 'rowTotal').map((c) => [c.r, c.unknown]),
      [
        [3, 0],
        [4, 1],
      ],
    );
  });
});
