import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { kindColumns } from '../../../shared/model/sheetKinds';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * The dashboard over rounds (supervision.trend): statuses by lead department for each round and
 * now, and for projects Σ完成投资 / Σ投资匡算 as each round reported it — exact, sub-items not
 * counted twice — while sheets without rounds stay out.
 */
describe('supervision over rounds for the dashboard', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  const call = <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => callApi(context, name, input);

  before(async () => {
    store = PlanStore.create(path.join(dir, 'trend.planbench'), { title: '趋势', periodStart: 2025, periodEnd: 2026 });
    context = { store, edition: 'cli' };
    store.addDepartments([{ name: '市发改委' }, { name: '市住建局' }]);
    const projects = store.createSheet({
      name: '重点项目',
      kind: 'projects',
      description: '',
      columns: kindColumns('projects'),
    });
    // 乙's sub-item has figures of its own: the parent's figures already hold them.
    const [a, b, , c] = store.insertRows(
      projects,
      [
        { cells: { seq: '1', name: '甲项目', period: '2025-2025', investment: '1000.10', responsible: '市发改委' } },
        { cells: { seq: '2', name: '乙项目', period: '2025-2026', investment: '3000.20', responsible: '市住建局' } },
        { parentIndex: 1, cells: { name: '乙项目一期', investment: '500', doneInvestment: '400' } },
        { cells: { seq: '3', name: '丙项目', period: '2025-2026', investment: '', responsible: '市住建局' } },
      ],
      { source: 'user', label: 'test' },
    ).rowIds as [number, number, number, number];
    const q2 = await call('rounds.open', { sheetId: projects, name: '2025年第2季度', due: '2025-07-10' });
    const q3 = await call('rounds.open', { sheetId: projects, name: '2025年第3季度', due: '2025-10-10' });
    store.rounds.record(
      q2.id,
      [
        { rowId: a, columnKey: 'doneInvestment', text: '100.01' },
        { rowId: b, columnKey: 'doneInvestment', text: '300.02' },
        { rowId: c, columnKey: 'doneInvestment', text: '50' },
      ],
      null,
    );
    store.rounds.record(
      q3.id,
      [
        { rowId: a, columnKey: 'doneInvestment', text: '1000.10' },
        { rowId: b, columnKey: 'doneInvestment', text: '900.06' },
      ],
      null,
    );
    // The plan as it stands: what was typed since.
    store.updateCells(
      projects,
      [{ rowId: b, columnKey: 'doneInvestment', text: '1500.10' }],
      { source: 'user' },
      'abort',
    );
    const tasks = store.createSheet({
      name: '无轮次任务',
      kind: 'tasks',
      description: '',
      columns: kindColumns('tasks'),
    });
    store.insertRows(tasks, [{ cells: { seq: '1', item: '任务', deadline: '2025年底前', rate: '10' } }], {
      source: 'user',
      label: 'test',
    });
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('each round and now: statuses by department, and investment completion summed exactly', async () => {
    const { sheets } = await call('supervision.trend', { asOf: '2025-12-31' });
    assert.deepEqual(
      sheets.map((sheet) => sheet.sheetName),
      ['重点项目'],
      'a sheet without rounds is not charted',
    );
    const [sheet] = sheets;
    assert.deepEqual(
      sheet!.points.map((point) => [point.label, point.asOf]),
      [
        ['2025年第2季度', '2025-06-30'],
        ['2025年第3季度', '2025-09-30'],
        ['当前', '2025-12-31'],
      ],
    );
    // Σ投资匡算 over projects with one: 1000.10 + 3000.20 (丙 has none; 乙一期 is inside 乙).
    assert.deepEqual(
      sheet!.points.map((point) => point.investment),
      [
        { done: '400.03', budget: '4000.3', unit: '万元', percent: '10.00' },
        { done: '1900.16', budget: '4000.3', unit: '万元', percent: '47.50' },
        { done: '1500.1', budget: '4000.3', unit: '万元', percent: '37.50' },
      ],
    );
    // 甲 (due at the end of 2025) done in the third quarter; 乙 behind its 2025–2026 span then.
    const q3 = sheet!.points[1]!;
    assert.equal(q3.counts.done, 1);
    const byDepartment = Object.fromEntries(q3.byDepartment.map((entry) => [entry.department, entry.counts]));
    assert.equal(byDepartment['市发改委']!.done, 1);
    assert.equal(
      Object.values(byDepartment['市住建局']!).reduce((sum, count) => sum + count, 0),
      2,
      '乙 and 丙 under 市住建局',
    );
  });
});
