import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiName, ApiOutput } from '../../../shared/contract/contract';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { CheckEngine, engineFor } from '../../../electron/core/checks/engine';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { sumDecimals } from '../../../shared/values/exactDecimal';
import { tempDir } from '../../helpers';

/**
 * The checks on a fresh copy of the sample plan: declared totals within rounding, the duplicate
 * 电动溧阳 project, the two wrong 达标情况 cells, the micro-grid matrix, spreading, roll-ups, the
 * by-department view — and the incremental engine agreeing with a fresh one after every edit.
 */

describe('checks on the sample plan', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  const sheetIds = new Map<string, number>();

  before(() => {
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    context = { store, edition: 'cli' };
    for (const sheet of store.listSheets()) sheetIds.set(sheet.name, sheet.id);
  });
  after(() => {
    store.close();
    cleanup();
  });

  async function call<N extends ApiName>(name: N, input: unknown): Promise<ApiOutput<N>> {
    const response = await dispatch(context, name, input);
    if (!response.ok) throw new Error(`${name}: ${response.error.messageZh} / ${response.error.messageEn}`);
    return response.result as ApiOutput<N>;
  }

  async function run(sheetName?: string): Promise<CheckResult[]> {
    const input = sheetName ? { sheetId: sheetIds.get(sheetName) } : {};
    return (await call('checks.run', input)).results;
  }

  function byId(results: CheckResult[], id: string): CheckResult {
    const found = results.find((result) => result.id === id);
    assert.ok(found, `a result ${id}`);
    return found;
  }

  const declaredId = (label: RegExp) => store.listDeclaredChecks().find((check) => label.test(check.label))!.id;
  const rowIdsOf = (sheet: string) => store.listRows(sheetIds.get(sheet)!, 0, 5000).rows.map((row) => row.id);

  test('every declared total and count of 重点工程 passes, rounded claims within rounding, with the exact difference', async () => {
    const results = await run('重点工程');
    const declared = results.filter((result) => result.declaredId !== null && result.status !== 'info');
    assert.equal(declared.length, 15);
    for (const result of declared) assert.equal(result.status, 'pass', `${result.label}: ${result.messageZh}`);

    const safety = byId(results, `declared:${declaredId(/生态安全类24项/)}:amount`);
    assert.deepEqual(
      [safety.expected, safety.computed, safety.difference, safety.unit, safety.match],
      ['104.3', '104.278359', '-0.021641', '亿元', 'rounded'],
    );
    assert.match(safety.messageZh, /四舍五入到 1 位小数后相符.*-216\.41万元/);
    const headline = byId(results, `declared:${declaredId(/总投资约331亿元/)}`);
    assert.deepEqual([headline.computed, headline.difference, headline.match], ['330.947359', '-0.052641', 'rounded']);
    const exact = byId(results, `declared:${declaredId(/合计行/)}`);
    assert.deepEqual([exact.computed, exact.match], ['3309473.59', 'exact']);
    const noAmount = byId(results, `declared:${declaredId(/生态制度类/)}:amount`);
    assert.equal(noAmount.status, 'info');
  });

  test('the duplicate check finds rows 55 and 71 and nothing else', async () => {
    const duplicates = (await run()).filter((result) => result.kind === 'duplicate' && result.status === 'fail');
    assert.equal(duplicates.length, 1, duplicates.map((result) => result.label).join('; '));
    const [duplicate] = duplicates;
    assert.deepEqual(
      duplicate!.rows.map((row) => [row.sheetId, row.rowNumber]),
      [
        [sheetIds.get('重点工程'), 55],
        [sheetIds.get('重点工程'), 71],
      ],
    );
    assert.equal(duplicate!.computed, '1200');
    assert.match(duplicate!.messageZh, /溧阳市人民政府/);
  });

  test('the indicator checks flag indicators 1 and 34, and only them', async () => {
    const results = await run('指标体系');
    const failing = results.filter((result) => result.kind === 'indicatorStatus' && result.status === 'fail');
    assert.deepEqual(
      failing.map((result) => result.label.split(' ')[1]),
      ['1', '34'],
    );
    const [one, thirtyFour] = failing;
    assert.deepEqual([one!.expected, one!.computed], ['不达标', '达标']);
    assert.deepEqual([thirtyFour!.expected, thirtyFour!.computed], ['100', '达标']);
    assert.equal(one!.rows[0]?.columnKey, 'compliance');
    // Milestones: 现状值 and both targets, each with its own status.
    const three = results.find((result) => result.label.startsWith('指标 3 '))!;
    assert.deepEqual(
      three.milestones?.map((point) => [point.year, point.status]),
      [
        [2020, 'met'],
        [2025, 'met'],
        [2030, 'met'],
      ],
    );
    // Free text is not guessed: 7.1 stays not evaluable, its record kept.
    assert.equal(results.find((result) => result.label.startsWith('指标 7.1 '))!.status, 'notEvaluable');
  });

  test('the micro-grid matrix reconciles to 30, and fails as soon as one cell changes', async () => {
    const sheetId = sheetIds.get('微电网试点分解表')!;
    const matrix = await call('allocation.get', { sheetId });
    assert.equal(matrix.reconciled, true);
    assert.equal(matrix.grandTotal.total, '30');
    assert.deepEqual(
      matrix.columnTotals.map((total) => [total.total, total.target]),
      [
        ['10', '10'],
        ['10', '10'],
        ['10', '10'],
      ],
    );
    assert.deepEqual(
      matrix.rows.map((row) => row.total),
      ['4', '4', '6', '6', '3', '3', '4'],
    );
    assert.equal((await run('微电网试点分解表')).filter((result) => result.status === 'fail').length, 0);

    const liyang = matrix.rows.find((row) => row.label === '溧阳市')!;
    store.updateCells(sheetId, [{ rowId: liyang.rowId, columnKey: 'y2025', text: '2' }], { source: 'user' }, 'abort');
    const failing = (await run('微电网试点分解表')).filter((result) => result.status === 'fail');
    assert.deepEqual(
      failing.map((result) => result.label).sort(),
      ['2025年合计10个', '总计30个', '溧阳市合计4个'].sort(),
    );
    const grand = failing.find((result) => result.label === '总计30个')!;
    assert.deepEqual([grand.expected, grand.computed, grand.difference], ['30', '31', '1']);
    const after = await call('allocation.get', { sheetId });
    assert.equal(after.reconciled, false);
    assert.equal(after.rows.find((row) => row.label === '溧阳市')?.status, 'fail');

    store.undo();
    assert.equal((await call('allocation.get', { sheetId })).reconciled, true, 'undo restores the reconciliation');
  });

  test('spreading 30 over 7 districts × 3 years gives whole numbers that sum to 30, as one action', async () => {
    const sheetId = sheetIds.get('微电网试点分解表')!;
    const matrix = await call('allocation.get', { sheetId });
    const cells = matrix.rows.flatMap((row) =>
      matrix.periods.map((period) => ({ rowId: row.rowId, columnKey: period.columnKey })),
    );
    assert.equal(cells.length, 21);
    const actionsBefore = store.history(1)[0]!.id;
    const spread = await call('allocation.spread', { sheetId, total: '30', mode: 'even', cells: [...cells].reverse() });
    const values = spread.cells.map((cell) => Number(cell.text));
    assert.ok(values.every((value) => Number.isInteger(value) && value >= 1));
    assert.equal(
      values.reduce((a, b) => a + b, 0),
      30,
    );
    // The 9 left over go to the first 9 cells in sheet order: the first three districts, all years.
    assert.deepEqual(values, [...Array(9).fill(2), ...Array(12).fill(1)]);
    assert.equal(store.history(1)[0]!.id, actionsBefore + 1, 'one action');
    const spreadMatrix = await call('allocation.get', { sheetId });
    assert.equal(spreadMatrix.grandTotal.status, 'pass');
    assert.deepEqual(
      spreadMatrix.columnTotals.map((total) => total.total),
      ['10', '10', '10'],
    );

    // In proportion to the 2024 column: 12 over the 2025 column of 7 districts (2024: 2,2,2,1,1,1,1).
    const proportional = await call('allocation.spread', {
      sheetId,
      total: '12',
      mode: 'proportional',
      basis: { columnKey: 'y2024' },
      cells: matrix.rows.map((row) => ({ rowId: row.rowId, columnKey: 'y2025' })),
    });
    assert.deepEqual(
      proportional.cells.map((cell) => cell.text),
      ['3', '3', '2', '1', '1', '1', '1'],
    );

    const refused = await dispatch(context, 'allocation.spread', { sheetId, total: '30.5', mode: 'even', cells });
    assert.equal(!refused.ok && refused.error.code, 'invalid_value');
    store.undo();
    store.undo();
    assert.equal((await call('allocation.get', { sheetId })).reconciled, true);
  });

  test('roll-ups by category, by start year and by unit', async () => {
    const sheetId = sheetIds.get('重点工程')!;
    const byCategory = await call('rollup.get', { sheetId, columnKey: 'category' });
    assert.equal(byCategory.groups.length, 6);
    assert.deepEqual(byCategory.groups[0], {
      label: '生态安全类',
      count: 24,
      known: 21,
      unknown: 3,
      sum: '1042783.59',
      countSharePercent: '27.27',
      sumSharePercent: '31.51',
    });
    assert.deepEqual(byCategory.total, { count: 88, known: 70, unknown: 18, sum: '3309473.59' });
    assert.equal(byCategory.multiValued, false);

    const byYear = await call('rollup.get', { sheetId, columnKey: 'period', part: 'start' });
    assert.deepEqual(
      byYear.groups.map((group) => group.label),
      ['2020', '2021', '2022', '2023'],
    );
    assert.equal(
      byYear.groups.reduce((sum, group) => sum + group.count, 0),
      88,
    );

    const byUnit = await call('rollup.get', { sheetId, columnKey: 'responsible' });
    assert.equal(byUnit.multiValued, true);
    const liyang = byUnit.groups.find((group) => group.label === '溧阳市人民政府')!;
    assert.equal(liyang.count, 8, 'rows 11, 15, 25, 55, 64, 65, 67, 71');

    const written = await call('rollup.toSheet', { sheetId, columnKey: 'category' });
    assert.equal(written.rows, 6);
    const rows = store.listRows(written.sheetId, 0, 10).rows;
    assert.equal(rows[0]?.cells.sum?.value, '1042783.59');
    assert.equal(store.totals(written.sheetId).find((total) => total.columnKey === 'sum')?.sum, '3309473.59');
  });

  test('a department by an alias: every row it leads, cooperates on or is responsible for', async () => {
    const { department, rows } = await call('departments.rows', { department: '市资规局' });
    assert.equal(department, '市自然资源和规划局');
    const projects = rows.filter((row) => row.sheetName === '重点工程');
    assert.deepEqual(
      projects.map((row) => row.rowNumber),
      [8, 31, 36, 37, 85],
    );
    assert.ok(projects.every((row) => row.role === 'responsible'));
    const tasks = rows.filter((row) => row.sheetName === '2023年工作方案任务');
    assert.deepEqual(
      tasks.filter((row) => row.role === 'cooperating').map((row) => row.rowNumber),
      [5, 6, 40, 41],
    );
    const ndrc = await call('departments.rows', { department: '市发改委' });
    assert.deepEqual(
      ndrc.rows.filter((row) => row.role === 'lead').map((row) => [row.sheetName, row.rowNumber, row.roleLabel]),
      [
        ['2023年工作方案任务', 1, '牵头'],
        ['2023年工作方案任务', 3, '牵头'],
      ],
    );
    const missing = await dispatch(context, 'departments.rows', { department: '市不存在局' });
    assert.equal(!missing.ok && missing.error.code, 'not_found');
  });

  test('a user’s declared total is stored and checked; a wrong column is refused', async () => {
    const sheetId = sheetIds.get('重点工程')!;
    const { check } = await call('checks.addDeclared', {
      sheetId,
      kind: 'categoryTotal',
      spec: { column: 'investment', category: '生态经济类', count: 14, amount: '47.4', unit: '亿元' },
    });
    assert.equal(check.label, '生态经济类14项，投资47.4亿元');
    const result = byId(await run('重点工程'), `declared:${check.id}:amount`);
    assert.deepEqual([result.status, result.computed, result.difference], ['fail', '47.574', '0.174']);
    assert.equal(result.rows.length, 14, 'the category’s rows');

    const refused = await dispatch(context, 'checks.addDeclared', {
      sheetId,
      kind: 'columnTotal',
      spec: { column: 'nope', expected: '1' },
    });
    assert.equal(!refused.ok && refused.error.code, 'invalid_value');
    assert.equal(!refused.ok && refused.error.where?.column, 'nope');
  });

  test('the dashboard: money by category, year and unit add up; indicator and allocation status', async () => {
    const board = await call('dashboard.get', {});
    const projects = board.investment.find((entry) => entry.sheetName === '重点工程')!;
    assert.equal(projects.total, '3309473.59');
    const sum = (values: string[]) => sumDecimals(values);
    assert.equal(sum(projects.byCategory.map((bar) => bar.sum)), '3309473.59');
    assert.equal(sum([...projects.byYear.map((year) => year.sum), projects.undated.sum]), '3309473.59');
    assert.equal(sum(projects.byDepartment.map((bar) => bar.sum)), '3309473.59');
    assert.deepEqual(projects.byYear.map((year) => year.year)[0], 2020);
    const indicators = board.indicators[0]!;
    assert.equal(indicators.disagreements, 2);
    assert.equal(board.allocations[0]?.total, '30');
    assert.deepEqual(
      board.allocations[0]?.byPeriod.map((period) => period.cumulative),
      ['10', '20', '30'],
    );
  });

  test('after edits, inserts, deletes and undo, the incremental engine agrees with a fresh one', async () => {
    const sheetId = sheetIds.get('重点工程')!;
    const ids = rowIdsOf('重点工程');
    const agree = (what: string) => {
      const incremental = engineFor(store).run();
      const fresh = new CheckEngine(store).run();
      assert.deepEqual(incremental, fresh, what);
    };
    agree('initially');
    store.updateCells(
      sheetId,
      [{ rowId: ids[70]!, columnKey: 'investment', text: '1300' }],
      { source: 'user' },
      'abort',
    );
    agree('after an amount edit that removes the duplicate');
    assert.equal(engineFor(store).lastSync?.reloadedSheets.length, 0, 'replayed, not re-read');
    store.updateCells(
      sheetId,
      [{ rowId: ids[70]!, columnKey: 'investment', text: '1200' }],
      { source: 'user' },
      'abort',
    );
    store.updateCells(
      sheetId,
      [{ rowId: ids[0]!, columnKey: 'category', text: '生态新类' }],
      { source: 'paste' },
      'abort',
    );
    agree('after a category edit');
    store.insertRows(
      sheetId,
      [
        {
          cells: {
            seq: '89',
            category: '生态文化类',
            name: '“电动溧阳”建设',
            content: '公用充电站规划布设65个，专用充电站规划布设10个（不含住宅小区专站），共75个',
            investment: '1200',
            responsible: '溧阳市人民政府',
          },
        },
      ],
      { source: 'user' },
    );
    agree('after appending a third copy');
    const threeWay = engineFor(store)
      .run()
      .find((result) => result.kind === 'duplicate' && result.status === 'fail');
    assert.deepEqual(
      threeWay?.rows.map((row) => row.rowNumber),
      [55, 71, 89],
    );
    store.deleteRows(sheetId, [ids[10]!], { source: 'user' });
    agree('after deleting a row');
    store.undo();
    agree('after undoing the delete (a row restored in the middle)');
    store.undo();
    store.undo();
    agree('after undoing the insert and the category edit');
    store.insertRows(
      sheetId,
      [{ cells: { name: '插入的项目', investment: '5' } }],
      { source: 'user' },
      { at: 'before', rowId: ids[1]! },
    );
    agree('after inserting in the middle');
  });
});
