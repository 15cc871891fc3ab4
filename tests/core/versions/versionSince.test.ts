import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { compareBlocked, compareSnapshots, sheetChanged } from '../../../electron/core/versions/compare';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * Comparing a version with now reads again only what the change log says changed since. After
 * every kind of write — edits, rows added, deleted and moved, undo, a column added, columns
 * reordered (not logged), an import appending rows, a sheet renamed, a restore — it must find
 * exactly what a full read of the plan finds.
 */
describe('the plan now from a version and the log since', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'since.planbench');
  let store: PlanStore;
  let projects: number;
  const context = () => ({ store, edition: 'cli' as const });

  before(async () => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    await callApi(context(), 'versions.save', { name: 'base' });
  });
  after(() => {
    store.close();
    cleanup();
  });

  const sameAsFullRead = (label: string) => {
    const { info, snapshot } = store.readVersion('base');
    const blocks = store.readVersionBlocks('base').snapshot;
    const fast = compareBlocked(blocks, store.snapshotSince(blocks, info.actionId)).filter(sheetChanged);
    const full = compareSnapshots(snapshot, store.snapshot()).filter(sheetChanged);
    assert.deepEqual(fast, full, label);
    return full;
  };

  test('after each kind of write, the same differences as a full read', async () => {
    const rows = () => store.listRows(projects, 0, 1000).rows;
    assert.deepEqual(sameAsFullRead('nothing changed'), []);
    await callApi(context(), 'cell.update', {
      sheetId: projects,
      rowId: rows()[0]!.id,
      columnKey: 'investment',
      text: '1',
    });
    assert.equal(sameAsFullRead('an edit')[0]!.cells.length, 1);
    store.insertRows(projects, [{ cells: { name: '新行' } }], { source: 'user' });
    await callApi(context(), 'rows.delete', { sheetId: projects, rowIds: [rows()[3]!.id] });
    await callApi(context(), 'rows.move', { sheetId: projects, rowIds: [rows()[10]!.id], beforeRowId: rows()[1]!.id });
    sameAsFullRead('rows added, deleted, moved');
    await callApi(context(), 'history.undo', {});
    sameAsFullRead('an undo');
    const reversed = store
      .columns(projects)
      .reverse()
      .map((column, position) => ({ key: column.key, position }));
    await callApi(context(), 'columns.layout', { sheetId: projects, layout: reversed });
    assert.equal(store.columns(projects)[0]!.key, reversed[0]!.key, 'the columns were reordered');
    await callApi(context(), 'cell.update', { sheetId: projects, rowId: rows()[5]!.id, columnKey: 'name', text: '改' });
    sameAsFullRead('columns reordered (not logged), then an edit');
    await callApi(context(), 'columns.add', { sheetId: projects, name: '备注', type: 'text' });
    sameAsFullRead('a column added');
    const csv = path.join(dir, 'more.csv');
    fs.writeFileSync(csv, '序号,项目名称,投资匡算（万元）\n89,追加一,1\n90,追加二,2\n');
    await callApi(context(), 'import.run', { file: { path: csv }, target: { kind: 'append', sheetId: projects } });
    const other = store.listSheets().find((sheet) => sheet.id !== projects)!;
    await callApi(context(), 'sheets.rename', { sheetId: other.id, name: `${other.name}（改）` });
    sameAsFullRead('an import appending rows, another sheet renamed');
    await callApi(context(), 'versions.restore', { version: 'base' });
    assert.deepEqual(
      sameAsFullRead('restored').filter((sheet) => sheet.cells.length + sheet.addedRows.length > 0),
      [],
    );
  });
});
