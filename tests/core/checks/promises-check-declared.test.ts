/**
 * More promises of the declared checks (electron/core/checks/declared.ts), written against the
 * mutants the earlier tests let through: categories are counted on a sheet that has no category
 * column, a sub-item never adds a category of its own, and a difference is restated in the
 * column's own unit only when the claim is in another unit; a category's count or amount is
 * checked only when stated, a right count says so and lists no rows.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engineFor } from '../../../electron/core/checks/engine';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import { tempDir } from '../../helpers';

describe('promise: a declared count or total is checked on any sheet, against its items only', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'declared-more.planbench'), { title: '规划' });
    // No column has the category role: 类型 is an ordinary text column.
    sheetId = store.createSheet({
      name: '项目',
      kind: 'projects',
      columns: [
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'kind', name: '类型', type: 'text' },
        {
          key: 'investment',
          name: '总投资（万元）',
          type: 'money',
          role: 'investment',
          settings: { moneyUnit: '万元' },
        },
      ],
    });
    store.insertRows(
      sheetId,
      [
        { cells: { name: '甲', kind: '新建', investment: '100' } },
        { cells: { name: '甲-子项', kind: '扩建', investment: '40' }, parentIndex: 0 },
        { cells: { name: '乙', kind: '续建', investment: '250.5' } },
        { cells: { name: '丙', kind: '新建', investment: '/' } },
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
    return engineFor(store)
      .run()
      .filter((result) => result.declaredId === id);
  }

  test('categories of a sheet without a category column: the items’ values, a sub-item’s not among them', () => {
    const [kinds] = evaluate('categoryCount', { column: 'kind', expected: 2 });
    assert.deepEqual(
      [kinds!.status, kinds!.computed, kinds!.messageZh],
      ['pass', '2', '一致：声明 2 类，“类型”列有 2 类（新建、续建）'],
      '扩建 is written only on a sub-item',
    );
  });

  test('a difference in the column’s own unit is stated once, not restated', () => {
    const [different] = evaluate('columnTotal', { column: 'investment', expected: '351' });
    assert.deepEqual(
      [different!.status, different!.unit, different!.messageZh],
      ['fail', '万元', '不符：声明 351万元，计算 350.5万元，差 -0.5万元（3 项中 2 项有金额，1 项金额未知、未计入）'],
    );
    const [rounded] = evaluate('columnTotal', { column: 'investment', expected: '351', approximate: true });
    assert.deepEqual(
      [rounded!.status, rounded!.messageZh],
      [
        'pass',
        '四舍五入到 0 位小数后相符：声明 351万元，计算 350.5万元（差 -0.5万元）（3 项中 2 项有金额，1 项金额未知、未计入）',
      ],
    );
  });
});

describe('promise: a category’s count and amount are checked only when stated, each saying what it found', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'category-claims.planbench'), { title: '规划' });
    sheetId = store.createSheet({
      name: '重点工程',
      kind: 'projects',
      columns: [
        { key: 'category', name: '大类', type: 'text', role: 'category' },
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        {
          key: 'investment',
          name: '总投资（万元）',
          type: 'money',
          role: 'investment',
          settings: { moneyUnit: '万元' },
        },
      ],
    });
    store.insertRows(
      sheetId,
      [
        { cells: { category: '生态安全类', name: '甲', investment: '300' } },
        { cells: { category: '生态经济类', name: '乙', investment: '200' } },
        { cells: { category: '生态安全类', name: '丙', investment: '120' } },
      ],
      { source: 'system' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  /** The results of one new claim; every result the engine gives is a whole check result. */
  function evaluate(kind: string, spec: Record<string, unknown>): CheckResult[] {
    const label = `检查${Math.random()}`;
    store.addDeclaredChecks([{ sheetId, kind, label, spec }]);
    const id = store.listDeclaredChecks().find((check) => check.label === label)!.id;
    const all = engineFor(store).run();
    assert.deepEqual(
      all.filter((result) => typeof result !== 'object' || typeof result.kind !== 'string'),
      [],
      'nothing but check results',
    );
    return all.filter((result) => result.declaredId === id);
  }

  test('a right count says it agrees and lists no rows', () => {
    const results = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态安全类',
      count: 2,
      amount: '420',
    });
    assert.deepEqual(
      results.map((result) => [result.kind, result.status, result.messageZh, result.rows.length]),
      [
        ['categoryTotal', 'pass', '一致：声明生态安全类 2 项，表中 2 项', 0],
        ['categoryTotal', 'pass', '一致：声明 420万元，计算 420万元', 0],
      ],
    );
  });

  test('a count or amount stated as nothing is not checked', () => {
    const amountOnly = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态安全类',
      count: null,
      amount: '420',
    });
    assert.deepEqual(
      amountOnly.map((result) => [result.id.endsWith(':amount'), result.status, result.expected]),
      [[true, 'pass', '420']],
    );
    const countOnly = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态经济类',
      count: 1,
      amount: null,
    });
    assert.deepEqual(
      countOnly.map((result) => [result.id, result.kind, result.status, result.messageZh]),
      [
        [`declared:${countOnly[0]!.declaredId}:count`, 'categoryTotal', 'pass', '一致：声明生态经济类 1 项，表中 1 项'],
        [
          `declared:${countOnly[0]!.declaredId}:amount`,
          'categoryTotal',
          'info',
          '未声明投资额；表中生态经济类 1 项，1 项有金额，合计 200万元',
        ],
      ],
    );
  });

  test('a claim about a column the sheet lacks names its kind and the column', () => {
    const [missing] = evaluate('categoryTotal', { column: 'nope', category: '生态安全类', count: 2 });
    assert.deepEqual(
      [missing!.kind, missing!.status, missing!.messageZh],
      ['categoryTotal', 'notEvaluable', '找不到列“nope”'],
    );
  });
});
