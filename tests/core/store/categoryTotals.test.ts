import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

/**
 * Totals by category (the summary, the checks' declared category totals, comparing versions): per
 * category value, the top-level rows (a sub-item is part of its item) and the exact total of the
 * first money column over them, with how many have an amount; a category without amounts totals 0.
 */
const { dir, cleanup } = tempDir();
after(cleanup);

test('totals by category count top-level rows only and sum their amounts exactly', () => {
  const store = PlanStore.create(path.join(dir, 'categories.planbench'));
  try {
    const sheetId = store.createSheet({
      name: '重点工程',
      kind: 'projects',
      columns: [
        { key: 'category', name: '大类', type: 'text', role: 'category' },
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '投资匡算', type: 'money', settings: { moneyUnit: '万元' } },
      ],
    });
    store.insertRows(
      sheetId,
      [
        { cells: { category: '甲类', name: '一', investment: '0.01' } },
        { cells: { category: '甲类', name: '一之一', investment: '500' }, parentIndex: 0 },
        { cells: { category: '乙类', name: '二', investment: '/' } },
        { cells: { category: '甲类', name: '三', investment: '99999999.99' } },
        { cells: { name: '无类' } },
      ],
      { source: 'user' },
    );
    assert.deepEqual(store.categoryTotals(sheetId), [
      { category: '甲类', count: 2, sum: '100000000', known: 2, unknown: 0 },
      { category: '乙类', count: 1, sum: '0', known: 0, unknown: 1 },
      { category: '', count: 1, sum: '0', known: 0, unknown: 1 },
    ]);
  } finally {
    store.close();
  }
});
