/**
 * More promises of the checks (electron/core/checks/declared.ts, rowChecks.ts, indicators.ts): a money
 * column without a stated unit is in 万元 in every message, a long list of a category's rows is
 * cut at the listing cap with the rest counted, duplicate groups come in row order, and an
 * unreadable 达标情况 on an indicator that cannot be computed is a warning, not a failure.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engineFor } from '../../../electron/core/checks/engine';
import { MAX_ROWS_LISTED } from '../../../electron/core/checks/results';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import { tempDir } from '../../helpers';

describe('promise: checks on a sheet whose money column states no unit, and on long lists', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'edges.planbench'), { title: '规划' });
    sheetId = store.createSheet({
      name: '项目',
      kind: 'projects',
      columns: [
        { key: 'category', name: '大类', type: 'text', role: 'category' },
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'content', name: '建设内容', type: 'longText', role: 'content' },
        { key: 'investment', name: '投资', type: 'money', role: 'investment' },
      ],
    });
    const many = Array.from({ length: MAX_ROWS_LISTED + 1 }, (_, index) => ({
      cells: { category: '乙类', name: `项目${index}`, content: `内容${index}`, investment: '1' },
    }));
    store.insertRows(
      sheetId,
      [
        { cells: { category: '甲类', name: '道路', content: '新建农村公路10公里及桥梁', investment: '800' } },
        { cells: { category: '甲类', name: '河道', content: '整治河道3公里及沿岸绿化', investment: '500' } },
        { cells: { category: '甲类', name: '河道', content: '整治河道3公里及沿岸绿化', investment: '500' } },
        { cells: { category: '甲类', name: '道路', content: '新建农村公路10公里及桥梁', investment: '800' } },
        ...many,
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

  test('a money column without a unit is in 万元: totals converted from it, differences restated in it', () => {
    const [total] = evaluate('columnTotal', { column: 'investment', expected: '0.28', unit: '亿元' });
    assert.deepEqual([total!.status, total!.computed, total!.unit], ['fail', '0.2801', '亿元']);
    assert.equal(total!.messageZh, '不符：声明 0.28亿元，计算 0.2801亿元，差 +0.0001亿元，即 +1万元');
    const [own] = evaluate('columnTotal', { column: 'investment', expected: '2801' });
    assert.deepEqual([own!.status, own!.unit, own!.messageZh], ['pass', '万元', '一致：声明 2801万元，计算 2801万元']);
  });

  test('duplicates are listed in row order, amounts in 万元', () => {
    const duplicates = engineFor(store)
      .run()
      .filter((result) => result.kind === 'duplicate' && result.sheetId === sheetId);
    assert.deepEqual(
      duplicates.map((result) => [result.label, result.unit, result.messageZh]),
      [
        [
          '疑似重复：第1行与第4行',
          '万元',
          '第1行与第4行投资均为 800万元，且名称和内容相同，合计与分类小计中重复计入 800万元',
        ],
        [
          '疑似重复：第2行与第3行',
          '万元',
          '第2行与第3行投资均为 500万元，且名称和内容相同，合计与分类小计中重复计入 500万元',
        ],
      ],
    );
    const [unknown] = engineFor(store)
      .run()
      .filter((result) => result.kind === 'unknownAmount' && result.sheetId === sheetId);
    assert.equal(unknown!.messageZh, `${MAX_ROWS_LISTED + 5} 项均有金额`);
  });

  test('a wrong count of a large category lists the first rows up to the cap and counts the rest', () => {
    const [count] = evaluate('categoryTotal', { column: 'investment', category: '乙类', count: 1 });
    assert.equal(count!.status, 'fail');
    assert.equal(count!.rows.length, MAX_ROWS_LISTED);
    assert.equal(count!.rowsOmitted, 1);
    assert.deepEqual([count!.rows[0]!.rowNumber, count!.rows.at(-1)!.rowNumber], [5, MAX_ROWS_LISTED + 4]);
  });

  test('a declared check that cannot be evaluated keeps its id and says why', () => {
    const [missing] = evaluate('columnTotal', { column: 'nope', expected: '1' });
    assert.deepEqual(
      [missing!.id, missing!.status, missing!.label.startsWith('检查')],
      [`declared:${missing!.declaredId}`, 'notEvaluable', true],
    );
  });
});

describe('promise: an unreadable 达标情况 is a failure only when the figures give the answer', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'indicators.planbench'), { title: '规划' });
    sheetId = store.createSheet({
      name: '指标',
      kind: 'indicators',
      columns: [
        { key: 'name', name: '指标名称', type: 'text', role: 'name' },
        { key: 'standard', name: '指标值', type: 'text', role: 'standard' },
        { key: 'baseline', name: '现状值', type: 'text', role: 'baseline' },
        { key: 'compliance', name: '达标情况', type: 'text', role: 'compliance' },
      ],
    });
    store.insertRows(sheetId, [{ cells: { name: '待核指标', standard: '≥60', baseline: '', compliance: '待定' } }], {
      source: 'system',
    });
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('nothing to compute: a warning naming the record, without a computed answer', () => {
    const [result] = engineFor(store)
      .run()
      .filter((candidate) => candidate.kind === 'indicatorStatus' && candidate.sheetId === sheetId);
    assert.deepEqual(
      [result!.label, result!.status, result!.messageZh, result!.messageEn],
      [
        '指标 待核指标',
        'warn',
        '达标情况填写为“待定”，应为“达标”或“不达标”',
        '达标情况 reads "待定", which is neither 达标 nor 不达标',
      ],
    );
    assert.deepEqual(
      result!.milestones!.map((point) => [point.label, point.year]),
      [['现状值', null]],
      'no base year: the baseline’s year is unknown',
    );
  });
});

describe('promise: sub-indicators are judged on their own, their indicator through them; content alone identifies a project', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;

  before(() => {
    store = PlanStore.create(path.join(dir, 'more.planbench'), { title: '规划' });
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('an indicator with sub-indicators has no result of its own', () => {
    const sheetId = store.createSheet({
      name: '指标',
      kind: 'indicators',
      columns: [
        { key: 'name', name: '指标名称', type: 'text', role: 'name' },
        { key: 'standard', name: '指标值', type: 'text', role: 'standard' },
        { key: 'baseline', name: '现状值', type: 'text', role: 'baseline' },
      ],
    });
    store.insertRows(
      sheetId,
      [
        { cells: { name: '水环境质量', standard: '', baseline: '' } },
        { cells: { name: '地表水达标率', standard: '≥80', baseline: '85' }, parentIndex: 0 },
        { cells: { name: '劣V类比例', standard: '≤5', baseline: '3' }, parentIndex: 0 },
      ],
      { source: 'system' },
    );
    const results = engineFor(store)
      .run()
      .filter((result) => result.kind === 'indicatorStatus' && result.sheetId === sheetId);
    assert.deepEqual(
      results.map((result) => [result.label, result.status]),
      [
        ['指标 地表水达标率', 'warn'],
        ['指标 劣V类比例', 'warn'],
      ],
    );
  });

  test('a sheet with a content column but no name column still finds the same project twice', () => {
    const sheetId = store.createSheet({
      name: '任务',
      kind: 'tasks',
      columns: [
        { key: 'content', name: '工作内容', type: 'longText', role: 'content' },
        { key: 'unit', name: '牵头单位', type: 'departmentList', role: 'leadUnit' },
      ],
    });
    store.insertRows(
      sheetId,
      [
        { cells: { content: '建立河长制工作机制', unit: '市水利局' } },
        { cells: { content: '建立河长制工作机制。', unit: '市水利局' } },
      ],
      { source: 'system' },
    );
    const duplicates = engineFor(store)
      .run()
      .filter((result) => result.kind === 'duplicate' && result.sheetId === sheetId);
    assert.deepEqual(
      duplicates.map((result) => [result.status, result.label]),
      [['fail', '疑似重复：第1行与第2行']],
    );
  });
});
