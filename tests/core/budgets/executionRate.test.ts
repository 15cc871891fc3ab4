import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { PlanStore } from '../../../electron/core/store/planStore';
import { PlanbenchError } from '../../../shared/contract/errors';
import { kindColumns } from '../../../shared/model/sheetKinds';
import { callApi } from '../../apiCall';
import { madeBytes, saveToFolder } from '../../fileRefs';
import { commit, preview } from '../../fixtures/importHarness';
import { editSendOut } from '../exchange/exchange-libreoffice';
import { writeExcelJs } from '../../fixtures/writers';
import { tempDir } from '../../helpers';

/**
 * A 资金预算 sheet's 执行率 is computed by the workbench from 已支出 ÷ 资金 — on typing, pasting
 * and importing, in the same undoable action — and typing into it is refused; a budget of zero
 * leaves it blank. Real plan file, through the API.
 */
describe('执行率 on a budget sheet', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;
  let context: ApiContext;
  before(() => {
    store = PlanStore.create(path.join(dir, 'execution.planbench'), { title: '预算执行' });
    sheetId = store.createSheet({ name: '2025年专项资金', kind: 'budget', columns: kindColumns('budget') });
    store.insertRows(
      sheetId,
      [
        { cells: { seq: '1', name: '污水管网改造', investment: '1200', issued: '1000' } },
        { cells: { seq: '2', name: '农村环境整治', investment: '0' } },
        { cells: { seq: '3', name: '大气监测站', investment: '300.5' } },
      ],
      { source: 'system' },
    );
    context = { store, edition: 'cli' };
  });
  after(() => {
    store.close();
    cleanup();
  });

  const rows = () => store.listRows(sheetId, 0, 100).rows;
  const rates = () => rows().map((row) => row.cells['rate']?.text ?? '');

  test('typing 已支出 or 资金 computes the row’s 执行率 in the same action; one undo takes both back', async () => {
    const [first] = rows();
    await callApi(context, 'cell.update', { sheetId, rowId: first!.id, columnKey: 'spent', text: '548.04' });
    // 548.04 ÷ 1200 = 45.67%
    assert.equal(rates()[0], '45.67');
    assert.equal(rows()[0]!.cells['rate']?.value, 45.67);
    await callApi(context, 'cell.update', { sheetId, rowId: first!.id, columnKey: 'investment', text: '1,600' });
    // 548.04 ÷ 1600 = 34.2525% → 34.25
    assert.equal(rates()[0], '34.25');
    await callApi(context, 'history.undo', {});
    assert.equal(rates()[0], '45.67', 'undo restores the budget and its rate together');
    assert.equal(rows()[0]!.cells['investment']?.text, '1200');
  });

  test('restoring 已支出 from its history recomputes 执行率 in the same action', async () => {
    const [first] = rows();
    const cell = { sheetId, rowId: first!.id, columnKey: 'spent' };
    await callApi(context, 'cell.update', { ...cell, text: '600' }); // 50.00%
    await callApi(context, 'cell.update', { ...cell, text: '900' }); // 75.00%
    assert.equal(rates()[0], '75.00');
    const { entries } = await callApi(context, 'cell.history', cell);
    const at600 = entries.find((entry) => entry.after === '600');
    assert.ok(at600, JSON.stringify(entries));
    await callApi(context, 'cell.restore', { ...cell, changeId: at600.changeId });
    assert.equal(rows()[0]!.cells['spent']?.text, '600');
    assert.equal(rates()[0], '50.00', 'the rate follows the restored spending');
    await callApi(context, 'history.undo', {});
    assert.equal(rates()[0], '75.00', 'one undo takes both back');
  });

  test('a budget of zero leaves the rate blank, not NaN; clearing the spending clears it', async () => {
    const [first, zero] = rows();
    await callApi(context, 'cell.update', { sheetId, rowId: zero!.id, columnKey: 'spent', text: '10' });
    assert.equal(rates()[1], '');
    assert.equal(rows()[1]!.cells['rate']?.value ?? null, null);
    await callApi(context, 'cell.update', { sheetId, rowId: first!.id, columnKey: 'spent', text: '' });
    assert.equal(rates()[0], '');
  });

  test('typing into 执行率 is refused naming the cell and changes nothing; a paste keeps its other cells', async () => {
    const [, , third] = rows();
    const before = store.latestActionId();
    await assert.rejects(
      callApi(context, 'cell.update', { sheetId, rowId: third!.id, columnKey: 'rate', text: '99' }),
      (error: unknown) =>
        error instanceof PlanbenchError &&
        error.body.code === 'invalid_input' &&
        /“执行率”由工作台计算/.test(error.body.messageZh) &&
        error.body.where?.row === 3 &&
        error.body.where?.column === '执行率',
    );
    assert.equal(store.latestActionId(), before);
    const pasted = await callApi(context, 'cells.update', {
      sheetId,
      source: 'paste',
      onInvalid: 'skip',
      edits: [
        { rowId: third!.id, columnKey: 'spent', text: '100.2' },
        { rowId: third!.id, columnKey: 'rate', text: '50' },
      ],
    });
    assert.deepEqual(
      pasted.rejected.map((cell) => [cell.row, cell.column]),
      [[3, '执行率']],
    );
    // 100.2 ÷ 300.5 = 33.3444…% → 33.34
    assert.equal(rates()[2], '33.34');
  });

  test('a department reports 已支出 through send-out and collect: the rate follows in the collecting action', async () => {
    store.addDepartments([{ name: '市住房城乡建设局' }]);
    const [first] = rows();
    await callApi(context, 'cell.update', {
      sheetId,
      rowId: first!.id,
      columnKey: 'responsible',
      text: '市住房城乡建设局',
    });
    await assert.rejects(
      callApi(context, 'sendout.create', {
        sheetId,
        fill: [{ columnKey: 'rate' }],
        package: 'files',
        saveTo: saveToFolder(),
      }),
      (error: unknown) =>
        error instanceof PlanbenchError && /“执行率”由工作台计算.*不能作为填报列/.test(error.body.messageZh),
    );
    const created = await callApi(context, 'sendout.create', {
      sheetId,
      fill: [{ columnKey: 'spent' }],
      package: 'files',
      saveTo: saveToFolder(),
    });
    const sent = path.join(dir, 'sent.xlsx');
    fs.writeFileSync(sent, madeBytes(created.files[0]!.file));
    const returned = path.join(dir, 'returned-by-department.xlsx');
    await editSendOut(sent, returned, { cells: [[1, '已支出', 900]] });
    const shown = await callApi(context, 'collect.preview', { file: { path: returned } });
    await callApi(context, 'collect.apply', { previewId: shown.previewId, accept: 'all' });
    // 900 ÷ 1200 = 75%
    assert.equal(rows()[0]!.cells['spent']?.text, '900');
    assert.equal(rates()[0], '75.00');
    await callApi(context, 'history.undo', {});
    assert.equal(rates()[0], '', 'undo takes the return and its rate back together');
  });

  test('rows pasted past the end and rows imported get their rates too', async () => {
    await callApi(context, 'cells.update', {
      sheetId,
      source: 'paste',
      onInvalid: 'skip',
      appendRows: 1,
      edits: [
        { newRow: 0, columnKey: 'investment', text: '80' },
        { newRow: 0, columnKey: 'spent', text: '20' },
      ],
    });
    assert.equal(rates()[3], '25.00');
    const file = path.join(dir, 'returned.xlsx');
    await writeExcelJs(
      {
        base: 'returned',
        sheetName: 'Sheet1',
        rows: [
          ['序号', '项目名称', '资金', '已下达', '已支出', '执行率'],
          ['5', '河道清淤', 900, 900, 300, '99%'],
        ],
        merges: [],
      } as Parameters<typeof writeExcelJs>[0],
      file,
    );
    const shown = await preview(store, file, { kind: 'append', sheetId });
    await commit(store, shown.previewId);
    // The file's own 执行率 (99%) is not what its amounts give: the workbench's 33.33 stands.
    assert.equal(rates()[4], '33.33');
    await callApi(context, 'history.undo', {});
    assert.equal(rows().length, 4);
  });
});
