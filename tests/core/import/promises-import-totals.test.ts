/**
 * Promises of the import's total checks (electron/core/import/totals.ts): the file's own 合计 and
 * 小计 rows, and a 合计 column at the right of a matrix, are compared exactly with the rows
 * imported — sub-items counted once (inside their item), unknown amounts counted apart — and a
 * difference is reported, never corrected.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PreparedRow } from '../../../electron/core/import/preparedRow';
import { compareTotals } from '../../../electron/core/import/totals';
import type { TotalRow } from '../../../shared/import/importBody';
import { parseImportCell } from '../../../shared/import/importCells';
import { unitDirectory } from '../../../shared/import/importDepartments';
import type { GridCell } from '../../../shared/import/importGrid';
import type { ColumnMatch, TargetColumn } from '../../../shared/import/importMapping';

const units = unitDirectory([]);
const NAME: TargetColumn = { key: 'name', name: '项目名称', type: 'text', role: 'name', settings: {} };
const MONEY: TargetColumn = {
  key: 'investment',
  name: '总投资',
  type: 'money',
  role: 'investment',
  settings: { moneyUnit: '万元' },
};
const COUNT: TargetColumn = { key: 'count', name: '个数', type: 'number', role: null, settings: {} };
const SEQ: TargetColumn = { key: 'seq', name: '序号', type: 'number', role: 'seq', settings: {} };

/** Prepared rows as the preview makes them: cells read for their columns, sub-items linked to their item. */
function prepare(
  columns: readonly TargetColumn[],
  bodies: { cells: GridCell[]; parentIndex?: number }[],
  firstR = 3,
): PreparedRow[] {
  return bodies.map((body, index) => ({
    body: { r: firstR + index, cells: body.cells },
    cells: columns.map((column, at) =>
      parseImportCell(column, body.cells[at], { sourceUnit: null, carried: false, units }),
    ),
    ...(body.parentIndex === undefined ? {} : { parentIndex: body.parentIndex }),
    action: 'insert',
    rowId: null,
  })) as PreparedRow[];
}

const identity = (columns: readonly TargetColumn[]) => columns.map((_column, index) => index);
const matchesFor = (columns: readonly TargetColumn[]): ColumnMatch[] =>
  columns.map(
    (column, index) =>
      ({ source: index, header: column.name, target: column.key, confidence: 1, how: 'exact' }) as ColumnMatch,
  );

describe('promise: a file’s 合计 row is checked exactly against the rows imported', () => {
  const columns = [NAME, MONEY, COUNT, SEQ];
  const rows = prepare(columns, [
    { cells: ['项目甲', 100, 2, 1] },
    { cells: ['甲-子项一', 60, 1, 1], parentIndex: 0 },
    { cells: ['甲-子项二', 40, 1, 2], parentIndex: 0 },
    { cells: ['项目乙', '200.5', '/', 2] },
    { cells: ['项目丙', '/', 3, 3] },
  ]);
  const check = (stated: GridCell[], kind: TotalRow['kind'] = 'total', from = 0, to = rows.length) =>
    compareTotals(
      [{ r: 9, kind, label: kind === 'total' ? '合计' : '小计', cells: stated, from, to }],
      rows,
      columns,
      identity(columns),
      columns.map((c) => c.name),
      [null, null, null, null],
      units,
      matchesFor(columns),
    );

  test('sub-items are part of their item’s figure: a 合计 of the items matches', () => {
    const checks = check(['合计', '300.5', 5, 6]);
    assert.deepEqual(
      checks.map((c) => [c.columnKey, c.stated, c.computed, c.difference, c.matches, c.rows, c.unknown]),
      [
        ['investment', '300.5', '300.5', '0', true, 3, 1],
        ['count', '5', '5', '0', true, 3, 1],
      ],
      'the sequence column is not summed; unknown amounts are counted apart',
    );
    assert.deepEqual(
      [checks[0]!.r, checks[0]!.kind, checks[0]!.label, checks[0]!.columnName],
      [9, 'total', '合计', '总投资'],
    );
  });

  test('a 合计 that does not add up is a finding with the exact difference', () => {
    const [money, count] = check(['合计', '400.5', '4']);
    assert.deepEqual([money!.difference, money!.matches], ['100', false]);
    assert.deepEqual([count!.difference, count!.matches], ['-1', false]);
    const [small] = check(['合计', '300.49']);
    assert.deepEqual([small!.computed, small!.difference, small!.matches], ['300.5', '-0.01', false]);
  });

  test('a 小计 covers only its own rows; a total cell left blank or unknown is not checked', () => {
    const [sub] = check(['小计', 100], 'subtotal', 0, 3);
    assert.deepEqual([sub!.kind, sub!.computed, sub!.matches, sub!.rows], ['subtotal', '100', true, 1]);
    assert.deepEqual(check(['合计', '/', '']), []);
  });

  test('amounts stated in another unit are compared after exact conversion', () => {
    const checks = compareTotals(
      [{ r: 9, kind: 'total', label: '合计', cells: ['合计', '0.030050'], from: 0, to: rows.length }],
      rows,
      [NAME, MONEY],
      [0, 1],
      ['项目名称', '总投资（亿元）'],
      [null, '亿元'],
      units,
      matchesFor([NAME, MONEY]),
    );
    assert.deepEqual(
      checks.map((c) => [c.stated, c.computed, c.matches]),
      [['300.5', '300.5', true]],
    );
  });
});

describe('promise: a 合计 column at the right of a matrix is checked row by row', () => {
  const A: TargetColumn = { key: 'a', name: '2021年', type: 'number', role: null, settings: {} };
  const B: TargetColumn = { key: 'b', name: '2022年', type: 'number', role: null, settings: {} };
  const columns = [NAME, A, B];
  const headers = ['区域', '2021年', '2022年', '合计'];
  const matches: ColumnMatch[] = [
    ...matchesFor(columns),
    { source: 3, header: '合计', target: null, confidence: 0, how: 'none' },
  ];
  const rows = prepare(columns, [
    { cells: ['甲区', 1, 2, '3'] },
    { cells: ['乙区', 1.5, 2, '4'] },
    { cells: ['丙区', '/', 2, '2'] },
    { cells: ['丁区', 1, 1, '合计'] },
  ]);

  test('each row’s 合计 and the grand total, mismatches reported with their difference', () => {
    const checks = compareTotals(
      [{ r: 20, kind: 'total', label: '合计', cells: ['合计', 3.5, 6, '1,0'], from: 0, to: 4 }],
      rows,
      columns,
      [0, 1, 2],
      headers,
      [null, null, null, null],
      units,
      matches,
    );
    const rowChecks = checks.filter((c) => c.kind === 'rowTotal');
    assert.deepEqual(
      rowChecks.map((c) => [c.r, c.stated, c.computed, c.difference, c.matches, c.unknown, c.columnKey, c.label]),
      [
        [3, '3', '3', '0', true, 0, null, '合计'],
        [4, '4', '3.5', '0.5', false, 0, null, '合计'],
        [5, '2', '2', '0', true, 1, null, '合计'],
      ],
      'a row whose 合计 cell is not a number is not checked',
    );
    const grand = checks.find((c) => c.kind === 'total' && c.columnKey === null)!;
    assert.deepEqual(
      [grand.stated, grand.computed, grand.difference, grand.matches, grand.rows],
      ['10', '10.5', '-0.5', false, 4],
    );
    const perColumn = checks.filter((c) => c.kind === 'total' && c.columnKey !== null);
    assert.deepEqual(
      perColumn.map((c) => [c.columnKey, c.computed, c.matches]),
      [
        ['a', '3.5', true],
        ['b', '7', false],
      ],
    );
  });

  test('without a 合计 column, or without number columns, there is no row check', () => {
    const none = compareTotals([], rows, columns, [0, 1, 2], ['区域', '2021年', '2022年', '备注'], [], units, matches);
    assert.deepEqual(none, []);
    const noNumbers = compareTotals([], rows, [NAME], [0], headers, [], units, matches);
    assert.deepEqual(noNumbers, []);
  });
});
