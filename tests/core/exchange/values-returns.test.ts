import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { callApi } from '../../apiCall';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { decimalToFen, fenToDecimal } from '../../../shared/values/money';
import { tempDir } from '../../helpers';
import { editSendOut } from './exchange-libreoffice';
import { madeBytes, pathRef, saveToFolder } from '../../fileRefs';

/**
 * A department's return, through the API with real workbooks: 完成投资 over the project's 投资匡算
 * and a 完成率 over 100% are shown as warnings in the collect preview (not ticked by default, but
 * acceptable), and once in the plan they are failing findings in 检查. "约3亿" comes back as an
 * approximate 30000 万元, and a month-precision 完成时间 is a date.
 */

const DEPARTMENT = '市住房和城乡建设局';

describe('returns with values beyond their bounds', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let projects: number;

  const call = <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => callApi(context, name, input);

  before(() => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
    context = { store, edition: 'cli' };
    projects = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('完成投资 over 投资匡算 and 完成率 over 100%: warnings in the preview, failing findings in 检查', async () => {
    const rate = await call('columns.add', { sheetId: projects, name: '投资完成率', type: 'percent' });
    const created = await call('sendout.create', {
      sheetId: projects,
      departments: [DEPARTMENT],
      package: 'files',
      saveTo: saveToFolder(),
      fill: [{ standard: 'doneInvestment' }, { columnKey: rate.key }, { standard: 'doneDate' }],
    });
    const sent = path.join(dir, 'sent.xlsx');
    fs.writeFileSync(sent, madeBytes(created.files[0]!.file));
    const own = store
      .listRows(projects, 0, 100)
      .rows.filter((row) => (row.cells.responsible?.value as string[])[0] === DEPARTMENT);
    const budget = (index: number) => own[index]!.cells.investment!.value as string;
    const over = fenToDecimal(decimalToFen(budget(0), '万元')! + 180_000_000n, '万元'); // budget + 180 万元
    const edited = path.join(dir, 'returned.xlsx');
    await editSendOut(sent, edited, {
      cells: [
        [1, '完成投资', Number(over)],
        [2, '完成投资', Number(budget(1))], // exactly the budget: fine
        [3, '完成投资', '约3亿'],
        [1, '投资完成率', '105%'],
        [2, '投资完成率', '100%'],
        [2, '完成时间', '2025年6月'],
      ],
    });
    const preview = await call('collect.preview', { file: pathRef(fs.readFileSync(edited), 'returned.xlsx') });
    const cells = preview.rows.flatMap((row) => row.cells);
    const warned = cells.filter((cell) => cell.warnings);
    assert.deepEqual(
      warned.map((cell) => [cell.header, cell.kind, cell.returned]),
      [
        ['完成投资（万元）', 'proposed', over],
        ['投资完成率', 'proposed', '105%'],
      ],
    );
    assert.match(warned[0]!.warnings![0]!.zh, new RegExp(`完成投资 .* 万元超过投资匡算 .* 万元（多 180 万元）`));
    assert.match(warned[0]!.warnings![0]!.en, /exceeds 投资匡算/);
    assert.match(warned[1]!.warnings![0]!.zh, /投资完成率 105% 超过 100%/);
    assert.equal(preview.counts.warnings, 2);
    assert.ok(preview.notes.some((note) => note.level === 'warning' && /2 处填报值超出/.test(note.zh)));
    assert.equal(
      cells.filter((cell) => cell.kind === 'invalid').length,
      0,
      'month-precision 完成时间 and 约3亿 are readable',
    );

    // Accepted knowingly: in the plan, then 检查 fails on exactly those rows.
    await call('collect.apply', { previewId: preview.previewId, accept: 'all' });
    const after = store.listRows(projects, 0, 100).rows;
    const row = (index: number) => after.find((candidate) => candidate.id === own[index]!.id)!;
    const done = store.columns(projects).find((column) => column.name === '完成投资')!;
    const doneDate = store.columns(projects).find((column) => column.name === '完成时间')!;
    assert.deepEqual(
      row(2).cells[done.key],
      { text: '约3亿', value: '30000', approximate: true },
      '约3亿 is an approximate 30000 万元',
    );
    assert.deepEqual(row(1).cells[doneDate.key], { text: '2025年6月', value: '2025-06-30', precision: 'month' });
    const results = (await call('checks.run', { sheetId: projects })).results;
    const budgetRule = results.find((result) => result.kind === 'doneOverBudget')!;
    assert.equal(budgetRule.status, 'fail');
    assert.ok(decimalToFen(budget(2), '万元')! >= decimalToFen('30000', '万元')!, 'project 3 can take 约3亿');
    assert.deepEqual(
      budgetRule.rows.map((ref) => ref.rowId),
      [own[0]!.id],
    );
    assert.match(budgetRule.label, /完成投资不超过投资匡算/);
    const rateRule = results.find((result) => result.kind === 'rateOver100')!;
    assert.equal(rateRule.status, 'fail');
    assert.deepEqual(
      rateRule.rows.map((ref) => ref.rowId),
      [own[0]!.id],
    );
    assert.match(rateRule.messageZh, /投资完成率 105% 超过 100%/);

    // Put right: the findings pass.
    store.updateCell(projects, own[0]!.id, done.key, budget(0), { source: 'user' });
    store.updateCell(projects, own[2]!.id, done.key, '/', { source: 'user' });
    store.updateCell(projects, own[0]!.id, rate.key, '95%', { source: 'user' });
    const fixed = (await call('checks.run', { sheetId: projects })).results;
    assert.equal(fixed.find((result) => result.kind === 'doneOverBudget')!.status, 'pass');
    assert.equal(fixed.find((result) => result.kind === 'rateOver100')!.status, 'pass');
  });
});
