import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cellText, knownText } from '../../../renderer/src/grid/cellDisplay';
import type { GridRow } from '../../../renderer/src/grid/gridRows';
import { gridRowFor, subtotals } from '../../../renderer/src/grid/gridRows';
import type { ColumnDef } from '../../../shared/model/columns';

/** The grid's text of an approximate amount, and its totals' count of them. */

const money: ColumnDef = {
  id: 1,
  key: 'investment',
  name: '投资匡算',
  type: 'money',
  role: 'investment',
  settings: { moneyUnit: '万元', decimals: 2 },
  width: null,
  hidden: false,
} as ColumnDef;
const row = (id: number, text: string, value: string | null, approximate?: true): GridRow =>
  gridRowFor({ id, parentId: null, cells: { investment: { text, value, ...(approximate ? { approximate } : {}) } } });

describe('approximate amounts in the grid', () => {
  test('an approximate amount shows its 约, in any display unit', () => {
    assert.equal(cellText(row(1, '约500', '500', true), money, { moneyUnit: null }), '约500.00');
    assert.equal(cellText(row(1, '约3亿', '30000', true), money, { moneyUnit: '亿元' }), '约3.0000');
    assert.equal(cellText(row(1, '500', '500'), money, { moneyUnit: null }), '500.00');
  });

  test('totals say how many amounts are approximate', () => {
    const data = [
      { id: 1, parentId: null, cells: { investment: { text: '约500', value: '500', approximate: true as const } } },
      { id: 2, parentId: null, cells: { investment: { text: '100', value: '100' } } },
      { id: 3, parentId: null, cells: { investment: { text: '/', value: null } } },
    ];
    const total = subtotals(data, [money]).get('investment')!;
    assert.deepEqual([total.sum, total.known, total.unknown, total.approximate], ['600', 2, 1, 1]);
    assert.equal(knownText(total), '2/3 有金额，其中约数 1');
    assert.equal(knownText({ ...total, approximate: undefined }), '2/3 有金额');
  });
});
