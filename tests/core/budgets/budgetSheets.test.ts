import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import { costSharingColumns } from '../../../shared/model/budgetSheets';
import { kindColumns } from '../../../shared/model/sheetKinds';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/** The annual investment plan, cost sharing and execution on a real plan file, through the API. */
describe('budget sheets', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let projectsId: number;
  before(() => {
    store = PlanStore.create(path.join(dir, 'budgets.planbench'), {
      title: '预算测试',
      periodStart: 2021,
      periodEnd: 2030,
    });
    context = { store, edition: 'cli' };
    projectsId = store.createSheet({ name: '重点工程', kind: 'projects', columns: kindColumns('projects') });
    store.insertRows(
      projectsId,
      [
        ['1', '甲工程', '2021-2023', '1000'],
        ['2', '乙工程', '2022', '15038.57'],
        ['3', '丙工程', '2021-2025', '/'],
        ['4', '丁工程', '长期', '200'],
        ['5', '戊工程', '2020—2022', '约100.01'],
      ].map(([seq, name, period, investment]) => ({
        cells: { seq: seq!, name: name!, period: period!, investment: investment! },
      })),
      { source: 'system', label: '测试数据' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  const checks = async (sheetId: number) => (await callApi(context, 'checks.run', { sheetId })).results;
  const byKind = (results: CheckResult[], kind: string) => results.find((result) => result.kind === kind)!;

  test('年度投资计划: each 投资匡算 spread evenly over its years, the remainder in the last, one action', async () => {
    const before = store.latestActionId();
    const info = await callApi(context, 'budget.investmentPlan', { sheetId: projectsId });
    assert.equal(info.name, '年度投资计划');
    assert.equal(store.latestActionId(), before + 1);
    const columns = store.columns(info.id).map((column) => column.name);
    assert.deepEqual(columns.slice(6, 12), ['2020年', '2021年', '2022年', '2023年', '2024年', '2025年']);
    assert.ok(columns.includes('中央财政') && columns.includes('专项债') && columns.includes('自筹'));
    const rows = store.listRows(info.id, 0, 10).rows;
    const years = (index: number) =>
      [2020, 2021, 2022, 2023, 2024, 2025].map((year) => rows[index]!.cells[`invest${year}`]?.value ?? null);
    assert.deepEqual(years(0), [null, '333.33', '333.33', '333.34', null, null]);
    assert.deepEqual(years(1), [null, null, '15038.57', null, null, null]);
    assert.deepEqual(years(2), [null, null, null, null, null, null], 'an unknown amount is not spread');
    assert.deepEqual(years(3), [null, null, null, null, null, null], 'a period that names no years is not spread');
    assert.deepEqual(years(4), ['33.33', '33.33', '33.35', null, null, null]);
    assert.equal(rows[4]!.cells['investment']?.approximate, true);

    const results = await checks(info.id);
    const yearsCheck = byKind(results, 'investmentYears');
    assert.equal(yearsCheck.status, 'fail');
    assert.deepEqual(
      yearsCheck.rows.map((row) => row.rowNumber),
      [4],
      '丁工程 (200 万元, no years) is listed',
    );
    assert.equal(byKind(results, 'investmentSources').status, 'info');
    assert.match(byKind(results, 'investmentSources').messageZh, /4 个项目的资金来源待填/);

    await assert.rejects(callApi(context, 'budget.investmentPlan', { sheetId: projectsId }), /已有名为“年度投资计划”/);
  });

  test('editing a year or the sources keeps them honest: the checks say which project is off', async () => {
    const sheetId = store.listSheets().find((sheet) => sheet.name === '年度投资计划')!.id;
    const rows = store.listRows(sheetId, 0, 10).rows;
    const first = rows[0]!.id;
    await callApi(context, 'cells.update', {
      sheetId,
      edits: [
        { rowId: first, columnKey: 'invest2021', text: '500' },
        { rowId: first, columnKey: 'invest2022', text: '300' },
        { rowId: first, columnKey: 'invest2023', text: '200' },
        { rowId: rows[3]!.id, columnKey: 'invest2024', text: '200' },
        { rowId: first, columnKey: 'fundCity', text: '600' },
        { rowId: first, columnKey: 'fundBond', text: '300' },
      ],
    });
    let results = await checks(sheetId);
    assert.equal(byKind(results, 'investmentYears').status, 'pass');
    const sources = byKind(results, 'investmentSources');
    assert.equal(sources.status, 'fail');
    assert.deepEqual(
      sources.rows.map((row) => row.label),
      ['1 甲工程'],
    );
    await callApi(context, 'cells.update', { sheetId, edits: [{ rowId: first, columnKey: 'fundSelf', text: '100' }] });
    results = await checks(sheetId);
    assert.equal(byKind(results, 'investmentSources').status, 'info');
    await callApi(context, 'cells.update', {
      sheetId,
      edits: [{ rowId: first, columnKey: 'invest2023', text: '200.01' }],
    });
    assert.equal(byKind(await checks(sheetId), 'investmentYears').status, 'fail');
  });

  test('cost sharing: 2- and 3-level ratios split to the 元; checks for rules, 100% and the split', async () => {
    const sheetId = store.createSheet({ name: '共同财政事权', kind: 'budget', columns: costSharingColumns() });
    const items: [string, string, string][] = [
      ['免费孕前优生健康检查', '市:区 = 5:5', '1000001'],
      ['义务教育公用经费保障', '省：市：区＝4：3：3', '100000.01'],
      ['城乡居民基本医疗保险补助', '因素法', '5000000'],
      ['基本公共卫生服务', '', '200'],
      ['困难残疾人生活补贴', '市:区 = 60%:30%', '100'],
    ];
    store.insertRows(
      sheetId,
      items.map(([item, rule, spending]) => ({ cells: { item, rule, spending } })),
      { source: 'system', label: '测试数据' },
    );
    let results = await checks(sheetId);
    assert.equal(byKind(results, 'sharingRule').status, 'fail');
    assert.match(byKind(results, 'sharingRule').messageZh, /比例之和为 90%，应为 100%/);
    assert.equal(byKind(results, 'sharingSplit').status, 'warn');

    const applied = await callApi(context, 'costSharing.apply', { sheetId });
    assert.equal(applied.split, 2);
    assert.deepEqual(
      applied.skipped.map((item) => item.reasonZh.slice(0, 6)),
      ['因素法：在资', '未填分担方式', '分担方式“市'],
    );
    const rows = store.listRows(sheetId, 0, 10).rows;
    const shares = (index: number) =>
      ['shareProvince', 'shareCity', 'shareDistrict'].map((key) => rows[index]!.cells[key]?.value ?? null);
    // 1,000,001 元 at 5:5: 500,000.5 each; the 元 left goes to the earlier (市).
    assert.deepEqual(shares(0), [null, '500001', '500000']);
    // 100,000.01 元 has 分: split to the 分, 40,000.004 / 30,000.003 / 30,000.003.
    assert.deepEqual(shares(1), ['40000.01', '30000', '30000']);
    assert.equal(store.undoState().undo?.label, '按分担方式计算各级承担');

    await callApi(context, 'cells.update', {
      sheetId,
      edits: [
        { rowId: rows[3]!.id, columnKey: 'rule', text: '市:区 = 3:7' },
        { rowId: rows[4]!.id, columnKey: 'rule', text: '市:区 = 60%:40%' },
        { rowId: rows[0]!.id, columnKey: 'shareCity', text: '500000' },
      ],
    });
    results = await checks(sheetId);
    assert.equal(byKind(results, 'sharingRule').status, 'pass');
    const split = byKind(results, 'sharingSplit');
    assert.equal(split.status, 'fail');
    assert.deepEqual(
      split.rows.map((row) => row.rowNumber),
      [1],
    );
    await callApi(context, 'costSharing.apply', { sheetId });
    assert.equal(byKind(await checks(sheetId), 'sharingSplit').status, 'pass');
  });

  test('execution: 已支出 ≤ 已下达 ≤ 预算数 on a 资金预算 sheet', async () => {
    const info = await callApi(context, 'sheets.create', { name: '2025年资金预算', kind: 'budget' });
    const names = store.columns(info.id).map((column) => column.name);
    assert.deepEqual(names.slice(3, 7), ['资金', '已下达', '已支出', '执行率']);
    await callApi(context, 'cells.update', {
      sheetId: info.id,
      appendRows: 3,
      edits: [
        ...[
          ['甲', '100', '80', '80'],
          ['乙', '100', '120', '90'],
          ['丙', '100', '50', '60'],
        ].flatMap(([name, budget, issued, spent], newRow) => [
          { newRow, columnKey: 'name', text: name! },
          { newRow, columnKey: 'investment', text: budget! },
          { newRow, columnKey: 'issued', text: issued! },
          { newRow, columnKey: 'spent', text: spent! },
        ]),
      ],
    });
    const execution = byKind(await checks(info.id), 'budgetExecution');
    assert.equal(execution.status, 'fail');
    assert.deepEqual(
      execution.rows.map((row) => row.rowNumber),
      [2, 3],
    );
  });
});
