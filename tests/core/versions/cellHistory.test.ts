import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * A cell's history from the change log: an import (naming its file), an edit, an update by a
 * second import, undo, and restoring an earlier value as a new undoable action.
 */
describe('cell history', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'history.planbench');
  let store: PlanStore;
  // The person the log names for each step (store/actor.ts).
  const context = () => ({ store, edition: 'cli' as const, actor: { author: '张三', client: 'cli:test' } });

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('imported, edited, updated by a file, undone, restored: every step with who and old → new', async () => {
    const csv = path.join(dir, '新增项目.csv');
    fs.writeFileSync(csv, '序号,项目名称,投资匡算（万元）\n1,河道整治,100\n2,绿道建设,250\n3,污水管网,/\n');
    const imported = await callApi(context(), 'import.run', {
      file: { path: csv },
      target: { kind: 'new', sheetKind: 'projects', name: '新增项目' },
    });
    const sheetId = imported.sheetId;
    const detail = store.getSheet(sheetId);
    const money = detail.columns.find((column) => column.type === 'money')!;
    const rows = store.listRows(sheetId, 0, 10).rows;
    const second = rows[1]!;
    assert.equal(second.cells[money.key]!.text, '250');

    await callApi(context(), 'cell.update', { sheetId, rowId: second.id, columnKey: money.key, text: '300' });
    const update = path.join(dir, '调整.csv');
    fs.writeFileSync(update, '序号,项目名称,投资匡算（万元）\n2,绿道建设,320.5\n');
    await callApi(context(), 'import.run', {
      file: { path: update },
      target: { kind: 'update', sheetId, keyColumn: detail.columns.find((column) => column.role === 'seq')!.key },
    });
    await callApi(context(), 'cell.update', { sheetId, rowId: second.id, columnKey: money.key, text: '999' });
    await callApi(context(), 'history.undo', {});

    const history = await callApi(context(), 'cell.history', { sheetId, rowId: second.id, columnKey: money.key });
    assert.equal(history.current, '320.5');
    assert.deepEqual(
      history.entries.map((entry) => [
        entry.event,
        entry.source,
        entry.before,
        entry.after,
        entry.state,
        entry.who.file,
      ]),
      [
        ['rowAdded', 'import', null, '250', 'done', '新增项目.csv'],
        ['edit', 'user', '250', '300', 'done', null],
        ['edit', 'import', '300', '320.5', 'done', '调整.csv'],
        ['edit', 'user', '320.5', '999', 'undone', null],
        ['edit', 'undo', '999', '320.5', 'done', null],
      ],
    );
    assert.equal(history.entries[0]!.who.zh, '张三：导入 新增项目.csv');
    assert.equal(history.entries[1]!.who.en, '张三: edited by the user');
    // Another cell of the same row has only its own steps.
    const nameKey = detail.columns.find((column) => column.role === 'name')!.key;
    const nameHistory = await callApi(context(), 'cell.history', { sheetId, rowId: second.id, columnKey: nameKey });
    assert.deepEqual(
      nameHistory.entries.map((entry) => entry.after),
      ['绿道建设'],
    );

    // Restore the value the user typed first: a new action, which an undo takes back.
    const typed = history.entries[1]!;
    const restored = await callApi(context(), 'cell.restore', {
      sheetId,
      rowId: second.id,
      columnKey: money.key,
      changeId: typed.changeId,
    });
    assert.equal(restored.cell.text, '300');
    assert.ok(restored.actionId);
    assert.equal(store.listRows(sheetId, 0, 10).rows[1]!.cells[money.key]!.text, '300');
    const total = () => store.totals(sheetId).find((entry) => entry.columnKey === money.key)!.sum;
    assert.equal(total(), '400');
    await callApi(context(), 'history.undo', {});
    assert.equal(store.listRows(sheetId, 0, 10).rows[1]!.cells[money.key]!.text, '320.5');
    assert.equal(total(), '420.5');
  });

  test('a row deleted and re-added by undo keeps its history; a new row with a reused id does not inherit it', async () => {
    const sheetId = store.listSheets().find((sheet) => sheet.name === '新增项目')!.id;
    const money = store.getSheet(sheetId).columns.find((column) => column.type === 'money')!;
    const last = store.listRows(sheetId, 0, 10).rows[2]!;
    await callApi(context(), 'cell.update', { sheetId, rowId: last.id, columnKey: money.key, text: '77' });
    await callApi(context(), 'rows.delete', { sheetId, rowIds: [last.id] });
    await callApi(context(), 'history.undo', {});
    const kept = await callApi(context(), 'cell.history', { sheetId, rowId: last.id, columnKey: money.key });
    assert.deepEqual(
      kept.entries.map((entry) => [entry.event, entry.after]),
      [
        ['rowAdded', '/'],
        ['edit', '77'],
        ['rowRemoved', null],
        ['rowAdded', '77'],
      ],
    );
    // Deleted for good (the newest row), then a new row: SQLite gives it the same id.
    await callApi(context(), 'rows.delete', { sheetId, rowIds: [last.id] });
    const newId = store.insertRows(sheetId, [{ cells: { [money.key]: '5' } }], { source: 'user' }).rowIds[0]!;
    assert.equal(newId, last.id, 'the id was reused, which is what this test is about');
    const fresh = await callApi(context(), 'cell.history', { sheetId, rowId: newId, columnKey: money.key });
    assert.deepEqual(
      fresh.entries.map((entry) => [entry.event, entry.source, entry.after]),
      [['rowAdded', 'user', '5']],
    );
  });

  test('a cell of no such column or row is refused, naming it', async () => {
    const sheetId = store.listSheets()[0]!.id;
    await assert.rejects(callApi(context(), 'cell.history', { sheetId, rowId: 1, columnKey: 'nope' }), /nope/);
    await assert.rejects(
      callApi(context(), 'cell.restore', {
        sheetId,
        rowId: store.listRows(sheetId, 0, 1).rows[0]!.id,
        columnKey: store.getSheet(sheetId).columns[0]!.key,
        changeId: 999_999,
      }),
      /没有这一步.*no such step/,
    );
  });
});
