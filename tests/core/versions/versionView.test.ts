import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanbenchError } from '../../../shared/contract/errors';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/** A version's sheet read beside the plan: the version's texts, with what differs now marked. */
describe('a version’s sheet, read-only', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'view.planbench');
  let store: PlanStore;
  const context = () => ({ store, edition: 'cli' as const });

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('pages of the version’s rows; edited cells carry the text now, deleted rows are flagged', async () => {
    const projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    const rows = store.listRows(projects, 0, 1000).rows;
    await callApi(context(), 'versions.save', { name: '初稿' });
    const oldName = rows[2]!.cells.name!.text;
    await callApi(context(), 'cell.update', {
      sheetId: projects,
      rowId: rows[2]!.id,
      columnKey: 'name',
      text: '新名称',
    });
    await callApi(context(), 'rows.delete', { sheetId: projects, rowIds: [rows[4]!.id] });
    store.insertRows(projects, [{ cells: { name: '新增的行' } }], { source: 'user' });

    const page = await callApi(context(), 'versions.sheet', {
      version: '初稿',
      sheetId: projects,
      offset: 0,
      limit: 10,
    });
    assert.equal(page.version.name, '初稿');
    assert.equal(page.total, rows.length);
    assert.equal(page.rows.length, 10);
    assert.equal(page.addedSince, 1);
    assert.ok(page.columns.some((column) => column.key === 'name'));
    const edited = page.rows.find((row) => row.rowId === rows[2]!.id)!;
    assert.equal(edited.cells.name, oldName, 'the version’s text');
    assert.deepEqual(edited.now, { name: '新名称' }, 'and the text now');
    assert.equal(page.rows.find((row) => row.rowId === rows[4]!.id)!.deleted, true);
    const untouched = page.rows.find((row) => row.rowId === rows[0]!.id)!;
    assert.deepEqual([untouched.now, untouched.deleted], [{}, false]);
    const later = await callApi(context(), 'versions.sheet', {
      version: '初稿',
      sheetId: projects,
      offset: 10,
      limit: 5,
    });
    assert.deepEqual(
      later.rows.map((row) => row.rowId),
      rows.slice(10, 15).map((row) => row.id),
    );
    await assert.rejects(
      callApi(context(), 'versions.sheet', { version: '初稿', sheetId: 99_999, offset: 0, limit: 5 }),
      (error: unknown) => error instanceof PlanbenchError && /版本“初稿”中没有这个工作表/.test(error.message),
    );
  });
});
