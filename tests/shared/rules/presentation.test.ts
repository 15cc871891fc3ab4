import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planHeader } from '../../../electron/core/export/layout';
import { headerRows } from '../../../electron/core/print/model';
import { formatMoney } from '../../../shared/values/money';
import { groupThousands, headerBands, splitGroupedHeader } from '../../../shared/rules/presentation';

/**
 * Digit grouping and grouped headers are written once (shared/rules/presentation.ts) and read
 * the same in the grid, on paper and in Excel.
 */

test('digits are grouped by thousands, signs and fractions left as they are', () => {
  assert.equal(groupThousands('3309473.59'), '3,309,473.59');
  assert.equal(groupThousands('-1234567'), '-1,234,567');
  assert.equal(groupThousands('999'), '999');
  assert.equal(groupThousands('1000.0001'), '1,000.0001');
  assert.equal(formatMoney(-123456789n, '元'), '-1,234,567.89');
});

test('a grouped header needs text on both sides of the separator', () => {
  assert.deepEqual(splitGroupedHeader('目标值·2025年'), { group: '目标值', leaf: '2025年' });
  assert.deepEqual(splitGroupedHeader('目标值·'), { group: null, leaf: '目标值·' });
  assert.deepEqual(splitGroupedHeader('·2025年'), { group: null, leaf: '·2025年' });
  const { grouped, bands } = headerBands(['序号', '目标值·2025年', '目标值·2030年', '现状·2020年', '目标值·2035年']);
  assert.equal(grouped, true);
  assert.deepEqual(
    bands.map((band) => [band.group, band.first, band.last, band.leaves]),
    [
      [null, 0, 0, ['序号']],
      ['目标值', 1, 2, ['2025年', '2030年']],
      ['现状', 3, 3, ['2020年']],
      ['目标值', 4, 4, ['2035年']],
    ],
  );
});

test('print and export draw the same header for the same columns', () => {
  for (const headers of [
    ['序号', '目标值·2025年', '目标值·2030年', '备注'],
    ['名称', '备注·'],
    ['名称', '金额'],
    ['A·x', 'B·y', 'A·z'],
  ]) {
    const printed = headerRows(headers);
    const exported = planHeader(headers.map((header) => ({ header })));
    assert.equal(printed.length, exported.rows, headers.join(' | '));
    // The printed top row's cells, each with the columns it covers, against the export's merges.
    const fromPrint = printed[0]!.map((cell) => [cell.text, cell.colspan, cell.rowspan]);
    const fromExport = exported.cells[0]!.flatMap((text, column) => {
      if (text === '' && exported.rows === 2) return [];
      const merge = exported.merges.find(([left, top]) => left === column && top === 0);
      return [[text, merge ? merge[2] - merge[0] + 1 : 1, merge ? merge[3] - merge[1] + 1 : 1]];
    });
    assert.deepEqual(fromPrint, fromExport, headers.join(' | '));
  }
});
