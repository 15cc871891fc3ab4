/**
 * More promises of finding a table's header (shared/import/importHeader.ts): year numbers between
 * 1900 and 2200 are column names and other numbers are figures, a row with figures or a lone cell
 * is never preferred to a row of names, and only merges in the header row itself group its
 * columns — a title merged across the table above it does not.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GridCell, GridRow, MergeRange } from '../../../shared/import/importGrid';
import { detectHeader } from '../../../shared/import/importHeader';

function grid(rows: (GridCell | null)[][], first = 1): GridRow[] {
  return rows.map((cells, index) => ({ r: first + index, cells: cells.map((cell) => cell ?? undefined) }));
}

function range(top: number, left: number, bottom: number, right: number): MergeRange {
  return { top, left, bottom, right };
}

const headerRow = (rows: (GridCell | null)[][], columns: number, merges: MergeRange[] = []) =>
  detectHeader(grid(rows), merges, columns).headerRows;

describe('promise: years are names, other numbers are figures', () => {
  const weak = ['甲乙', '丙丁', '戊己'];

  test('whole years from 1900 to 2200 make a row of names', () => {
    assert.deepEqual(headerRow([['地区', 1900, 1900], weak], 3), [1]);
    assert.deepEqual(headerRow([['地区', 2200, 2200], weak], 3), [1]);
  });

  test('1899, 2201, a year with decimals and numbers written as text are figures', () => {
    for (const figure of [1899, 2201, 2024.5, '12']) {
      assert.deepEqual(headerRow([['地区', figure, figure], weak], 3), [2], String(figure));
    }
  });

  test('only a whole year, alone or with 年, is a known name', () => {
    assert.equal(detectHeader(grid([['颜色', 'x2024年', '2024年度']]), [], 3).confidence, 0.4);
    assert.equal(detectHeader(grid([['颜色', '合计']]), [], 2).confidence, 0.7, 'a 合计 column is a known name');
  });
});

describe('promise: a row with figures or a lone cell is never preferred to a row of names', () => {
  test('a lone cell, or a row with two figures, loses even to a row of figures above it', () => {
    assert.deepEqual(headerRow([[1, 2, 3], ['标题']], 3), [1]);
    assert.deepEqual(
      headerRow(
        [
          [1, 2, 3],
          ['项目名称', 1, 2],
        ],
        3,
      ),
      [1],
    );
  });

  test('a total label with a figure is never the header, however many names it has', () => {
    assert.deepEqual(
      headerRow(
        [
          ['合计', '总计', 5],
          ['甲乙', '丙丁', '戊己'],
        ],
        3,
      ),
      [2],
    );
  });

  test('known names with two figures lose to unknown names', () => {
    assert.deepEqual(
      headerRow(
        [
          ['项目名称', '责任主体', '总投资', 1, 2],
          ['甲乙', '丙丁', '戊己', '庚辛', '壬癸'],
        ],
        5,
      ),
      [2],
    );
  });

  test('one name and one figure are not two names', () => {
    assert.deepEqual(
      headerRow(
        [
          ['项目名称', 5],
          ['甲乙', '丙丁'],
        ],
        2,
      ),
      [2],
    );
  });

  test('a figure costs a row more than an unknown name gains', () => {
    assert.deepEqual(
      headerRow(
        [
          ['项目名称', '责任主体', 5],
          ['项目名称', '责任主体', '甲乙'],
        ],
        3,
      ),
      [2],
    );
  });
});

describe('promise: only merges in the header row group its columns', () => {
  test('a title merged across the table does not group the header under it', () => {
    const header = detectHeader(
      grid([['重点工程表'], ['序号', '项目名称', '目标', null], [null, null, '2025年', '2030年'], [1, '甲', 3, 4]]),
      [range(1, 0, 1, 3)],
      4,
    );
    assert.deepEqual(header.headerRows, [2, 3]);
    assert.deepEqual(header.names, ['序号', '项目名称', '目标·2025年', '目标·2030年']);
  });

  test('a merged group keeps its columns even where a sub-column has no name', () => {
    const header = detectHeader(
      grid([
        ['地区', '目标', null, null, '备注'],
        [null, '2025年', null, '2030年', null],
        ['甲', 1, 2, 3, null],
      ]),
      [range(1, 1, 1, 3)],
      5,
    );
    assert.deepEqual(header.headerRows, [1, 2]);
    assert.deepEqual(header.names, ['地区', '目标·2025年', '目标', '目标·2030年', '备注']);
  });
});
