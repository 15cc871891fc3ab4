/**
 * Promises of the declared checks' results (electron/core/checks/declared.ts): each result names its
 * kind and carries an id made from its declared check, so the panel can find it again after an
 * edit; a failing column total lists no rows (a total has no rows of its own to point at), and a
 * category count is taken from the category column the totals already follow.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engineFor } from '../../../electron/core/checks/engine';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import { tempDir } from '../../helpers';

describe('promise: a declared check’s results name their kind and keep its id', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'ids.planbench'), { title: '规划' });
    sheetId = store.createSheet({
      name: '项目',
      kind: 'projects',
      columns: [
        { key: 'category', name: '大类', type: 'text', role: 'category' },
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      ],
    });
    store.insertRows(
      sheetId,
      [
        { cells: { category: '乙类', name: '甲', investment: '1' } },
        { cells: { category: '甲类', name: '乙', investment: '2' } },
        { cells: { category: '乙类', name: '丙', investment: '3' } },
      ],
      { source: 'system' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  function evaluate(kind: string, spec: Record<string, unknown>): CheckResult[] {
    const label = `检查${Math.random()}`;
    store.addDeclaredChecks([{ sheetId, kind, label, spec }]);
    const id = store.listDeclaredChecks().find((check) => check.label === label)!.id;
    const results = engineFor(store)
      .run()
      .filter((result) => result.declaredId === id);
    for (const result of results) assert.match(result.id, new RegExp(`^declared:${id}(:count|:amount)?$`));
    return results;
  }

  test('each kind is named on its result', () => {
    assert.deepEqual(
      evaluate('rowCount', { expected: 3 }).map((r) => r.kind),
      ['rowCount'],
    );
    assert.deepEqual(
      evaluate('categoryCount', { column: 'category', expected: 2 }).map((r) => r.kind),
      ['categoryCount'],
    );
    assert.deepEqual(
      evaluate('columnTotal', { column: 'investment', expected: '7' }).map((r) => r.kind),
      ['columnTotal'],
    );
    assert.deepEqual(
      evaluate('categoryTotal', { column: 'investment', category: '乙类', count: 2, amount: '4' }).map((r) => [
        r.kind,
        r.id.split(':').at(-1),
      ]),
      [
        ['categoryTotal', 'count'],
        ['categoryTotal', 'amount'],
      ],
    );
  });

  test('a wrong column total lists no rows', () => {
    const [total] = evaluate('columnTotal', { column: 'investment', expected: '7' });
    assert.deepEqual([total!.status, total!.rows, total!.rowsOmitted], ['fail', [], 0]);
  });

  test('categories are counted in the order they first appear', () => {
    const [count] = evaluate('categoryCount', { column: 'category', expected: 2 });
    assert.equal(count!.messageZh, '一致：声明 2 类，“大类”列有 2 类（乙类、甲类）');
  });
});
