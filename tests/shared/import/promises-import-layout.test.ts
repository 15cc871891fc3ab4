/**
 * More promises of reading the rows under a table's header (shared/import/importBody.ts): cells
 * beyond the table's columns are not part of it, merged values are carried into null and empty
 * cells, a repeated header needs most of its names, and a section band is a merge across at least
 * half the columns.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shapeBody } from '../../../shared/import/importBody';
import type { GridCell, GridRow, MergeRange } from '../../../shared/import/importGrid';
import type { HeaderGuess } from '../../../shared/import/importHeader';

function grid(rows: (GridCell | null)[][], first = 1): GridRow[] {
  return rows.map((cells, index) => ({ r: first + index, cells: cells.map((cell) => cell ?? undefined) }));
}

function range(top: number, left: number, bottom: number, right: number): MergeRange {
  return { top, left, bottom, right };
}

describe('promise: the rows under a header are read within the table’s columns and merges', () => {
  const header: HeaderGuess = {
    headerRows: [1],
    above: [],
    names: ['序号', '项目名称', '总投资', '责任单位'],
    moneyUnit: null,
    confidence: 1,
  };
  const head = ['序号', '项目名称', '总投资', '责任单位'];

  test('cells beyond the table’s columns are not part of a set-aside row or a repeated header', () => {
    const body = shapeBody(grid([head, [...head, '页脚'], ['合计', null, 5, null, '表外备注']]), [], 4, header);
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind, row.text]),
      [
        [2, 'repeatedHeader', '序号 项目名称 总投资 责任单位'],
        [3, 'total', '合计 5'],
      ],
    );
  });

  test('a merged value is carried into covered cells that are null or empty text, and a null top carries nothing', () => {
    const rows: GridRow[] = [
      { r: 1, cells: head },
      { r: 2, cells: ['一', null, 1, '市残联'] },
      { r: 3, cells: [null, null, 2, ''] },
      { r: 4, cells: ['', '丙', 3, null] },
    ];
    const body = shapeBody(rows, [range(2, 0, 4, 0), range(2, 1, 3, 1), range(2, 3, 4, 3)], 4, header);
    assert.deepEqual(
      body.rows.map((row) => [row.r, row.cells[0], row.cells[1], row.cells[3], row.carried]),
      [
        [2, '一', null, '市残联', undefined],
        [3, '一', null, '市残联', [0, 3]],
        [4, '一', '丙', '市残联', [0, 3]],
      ],
    );
  });

  test('a row repeats the header only with most of its names; empty columns do not count as names', () => {
    const wide: HeaderGuess = { ...header, names: ['序号', '项目名称', '总投资', '', ''] };
    const rows = grid([
      ['序号', '项目名称', '总投资', null, null],
      ['序号', '项目名称', null, null, null],
      ['序号', '项目名称', '总投资', null, null],
    ]);
    const body = shapeBody(rows, [], 5, wide);
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [2],
      'two of three names is not enough',
    );
    assert.deepEqual(
      body.setAside.map((row) => row.r),
      [3],
    );
  });

  test('a section band is a merge across at least half the columns (and two)', () => {
    const eight: HeaderGuess = { ...header, names: ['一', '二', '三', '四', '五', '六', '七', '八'] };
    const rows = grid([
      ['一', '二', '三', '四', '五', '六', '七', '八'],
      ['甲乙'],
      ['丙丁'],
      [null, null, '戊己'],
      ['庚辛'],
    ]);
    const body = shapeBody(
      rows,
      [range(2, 0, 2, 1), range(3, 0, 3, 3), range(4, 2, 4, 2), range(5, 0, 5, 2)],
      8,
      eight,
    );
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind]),
      [[3, 'section']],
      'only the merge over four of eight columns',
    );
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [2, 4, 5],
    );
    const four = shapeBody(grid([head, ['甲乙'], [null, '丙丁']]), [range(2, 0, 2, 1), range(3, 1, 3, 2)], 4, header);
    assert.deepEqual(
      four.setAside.map((row) => [row.r, row.kind]),
      [
        [2, 'section'],
        [3, 'section'],
      ],
      'two of four columns is half',
    );
  });
});
