/**
 * Promises of the import's row-total checks (electron/core/import/totals.ts): a row's 合计 cell is
 * checked when it holds a plain number — thousands separators allowed, nothing before or after —
 * a column mapped to the plan is never taken for the 合计 column, and the first column counts like
 * any other.
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
const A: TargetColumn = { key: 'a', name: '2021年', type: 'number', role: null, settings: {} };
const B: TargetColumn = { key: 'b', name: '2022年', type: 'number', role: null, settings: {} };

function prepare(columns: readonly TargetColumn[], bodies: Cell[][]): PreparedRow[] {
  return bodies.map((cells, index) => ({
    body: { r: 3 + index, cells },
    cells: columns.map((column, at) => parseImportCell(column, cells[at], { sourceUnit: null, carried: false, units })),
    action: 'insert',
    rowId: null,
  })) as PreparedRow[];
}

const mapped = (columns: readonly TargetColumn[]): ColumnMatch[] =>
  columns.map(
    (column, index) =>
      ({ source: index, header: column.name, target: column.key, confidence: 1, how: 'exact' }) as ColumnMatch,
  );

describe('promise: a row’s 合计 cell is checked only when it is a plain number', () => {
  const columns = [A, B];
  const headers = ['2021年', '2022年', '合计'];
  const matches: ColumnMatch[] = [
    ...mapped(columns),
    { source: 2, header: '合计', target: null, confidence: 0, how: 'none' },
  ];

  test('the first column is summed like the others; separators are dropped', () => {
    const rows = prepare(columns, [
      [1, 2, '1,003'],
      [10, 20, '30'],
    ]);
    const checks = compareTotals([], rows, columns, [0, 1], headers, [], units, matches);
    assert.deepEqual(
      checks.map((c) => [c.r, c.stated, c.computed, c.matches]),
      [
        [3, '1003', '3', false],
        [4, '30', '30', true],
      ],
    );
  });

  test('numbers of several digits and decimals are checked; text around a number is not', () => {
    const stated = ['12', '3.25', '-0.5', 'x3', '3x', '3.', '3.5.1', '第3', ''];
    const rows = prepare(
      columns,
      stated.map((text) => [1, 2, text]),
    );
    const checks = compareTotals([], rows, columns, [0, 1], headers, [], units, matches);
    assert.deepEqual(
      checks.map((c) => c.stated),
      ['12', '3.25', '-0.5'],
    );
  });

  test('a 合计 row whose 合计 cell is not a number has no grand-total check', () => {
    const rows = prepare(columns, [[1, 2, 3]]);
    const checks = compareTotals(
      [{ r: 9, kind: 'total', label: '合计', cells: [1, 2, '—'], from: 0, to: 1 }],
      rows,
      columns,
      [0, 1],
      headers,
      [],
      units,
      matches,
    );
    assert.deepEqual(
      checks.map((c) => [c.kind, c.columnKey]),
      [
        ['total', 'a'],
        ['total', 'b'],
        ['rowTotal', null],
      ],
    );
  });

  test('a column mapped to the plan is never the 合计 column, whatever its header', () => {
    const total: TargetColumn = { key: 'sum', name: '合计（万元）', type: 'number', role: null, settings: {} };
    const withMapped = [A, B, total];
    const rows = prepare(withMapped, [[1, 2, 5]]);
    const checks = compareTotals(
      [],
      rows,
      withMapped,
      [0, 1, 2],
      ['2021年', '2022年', '合计（万元）'],
      [],
      units,
      mapped(withMapped),
    );
    assert.deepEqual(checks, []);
  });

  test('the first source column is checked against a 合计 row', () => {
    const rows = prepare(columns, [
      [1, 2, 3],
      [4, 5, 9],
    ]);
    const checks = compareTotals(
      [{ r: 9, kind: 'total', label: '合计', cells: [5, 7, 12], from: 0, to: 2 }],
      rows,
      columns,
      [0, 1],
      headers,
      [],
      units,
      mapped(columns),
    );
    assert.deepEqual(
      checks.map((c) => [c.columnKey, c.stated, c.computed, c.matches]),
      [
        ['a', '5', '5', true],
        ['b', '7', '7', true],
      ],
    );
  });
});
