import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ImportPreview } from '../../../shared/contract/calls/importing';
import type { ApiOutput } from '../../../shared/contract/contract';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { ImportState } from '../../../renderer/src/panels/import/importState';
import {
  chosenTarget,
  fixKey,
  importReducer,
  INITIAL_IMPORT_STATE,
  previewIsCurrent,
  rowsToWrite,
  unfixedCells,
} from '../../../renderer/src/panels/import/importState';
import { callApi } from '../../apiCall';
import { pathRef } from '../../fileRefs';
import { tempDir } from '../../helpers';

/**
 * The import wizard's reducer, driven by the answers of the real main side: a CSV previewed
 * against the sample plan through the dispatcher, its rows paged and corrected, and committed.
 */
describe('the import wizard’s state', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let sheets: ApiOutput<'plan.get'>['sheets'];
  const csv = '名称,总投资（万元）\n甲项目,100\n乙项目,两千\n丙项目,约30\n';
  // The picked file as the wizard holds it (its upload id); the test reads the same bytes from a path.
  const file = { fileName: '重点工程.csv', upload: 'upload-wizard-test', size: csv.length };
  const onDisk = pathRef(Buffer.from(csv, 'utf8'), file.fileName);
  let preview: ImportPreview;
  const run = (state: ImportState, ...actions: Parameters<typeof importReducer>[1][]) =>
    actions.reduce(importReducer, state);

  before(async () => {
    const plan = path.join(dir, 'wizard.planbench');
    createSamplePlan(plan).close();
    store = PlanStore.open(plan);
    context = { store, edition: 'cli' };
    sheets = (await callApi(context, 'plan.get', {})).sheets;
    preview = await callApi(context, 'import.preview', {
      file: onDisk,
      target: { kind: 'new', sheetKind: 'projects', name: '重点工程（2）' },
      rowLimit: 200,
    });
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('the plan’s sheets arrive: the first is the default target, a sheet already set stays', () => {
    const read = run(INITIAL_IMPORT_STATE, { type: 'planRead', sheets });
    assert.equal(read.sheetId, sheets[0]!.id);
    const chosen = run(
      INITIAL_IMPORT_STATE,
      { type: 'sheetChosen', sheetId: sheets[1]!.id },
      { type: 'planRead', sheets },
    );
    assert.equal(chosen.sheetId, sheets[1]!.id);
  });

  test('a new file is named after itself, never after a sheet the plan has; reading it forgets the last file’s work', () => {
    const worked = run(
      INITIAL_IMPORT_STATE,
      { type: 'planRead', sheets },
      { type: 'targetKindChosen', kind: 'append' },
      { type: 'sheetChosen', sheetId: sheets[1]!.id },
      { type: 'fileRead', file },
      { type: 'previewed', preview },
      { type: 'fixed', key: '3:investment', text: '2000' },
      { type: 'mapped', source: 1, key: null },
    );
    assert.equal(worked.newName, '重点工程（2）');
    const again = importReducer(worked, { type: 'fileReading' });
    assert.equal(again.busy, '正在读取文件…');
    assert.deepEqual(
      [again.file, again.preview, again.fixes.size, again.mapping.size, again.sheetChosen],
      [null, null, 0, 0, false],
    );
    assert.equal(again.targetKind, 'append', 'where the file goes is kept');
  });

  test('the best-fitting sheet is the target until the user picks one', () => {
    const followed = run(
      INITIAL_IMPORT_STATE,
      { type: 'planRead', sheets },
      { type: 'bestSheetFound', sheetId: sheets[2]!.id },
    );
    assert.equal(followed.sheetId, sheets[2]!.id);
    const picked = run(
      followed,
      { type: 'sheetChosen', sheetId: sheets[1]!.id },
      { type: 'bestSheetFound', sheetId: sheets[2]!.id },
    );
    assert.equal(picked.sheetId, sheets[1]!.id);
  });

  test('a preview is current for the target it was made for; another choice asks for a new one', () => {
    const shown = run(
      INITIAL_IMPORT_STATE,
      { type: 'planRead', sheets },
      { type: 'sheetKindChosen', kind: 'projects' },
      { type: 'fileRead', file },
      { type: 'previewed', preview },
    );
    assert.deepEqual(chosenTarget(shown), { kind: 'new', sheetKind: 'projects', name: '重点工程（2）' });
    assert.equal(previewIsCurrent(shown), true);
    assert.equal(shown.rowTotal, preview.rowCount);
    assert.equal(previewIsCurrent(importReducer(shown, { type: 'newNameTyped', name: '另一个' })), false);
    assert.equal(previewIsCurrent(importReducer(shown, { type: 'targetKindChosen', kind: 'append' })), false);
    // An update needs its key column before it can be previewed at all.
    const update = run(shown, { type: 'targetKindChosen', kind: 'update' });
    assert.equal(chosenTarget(update), null);
    const keyed = run(update, { type: 'keyColumnsRead', columns: [{ key: 'name', name: '名称' }], preferred: 'name' });
    assert.deepEqual(chosenTarget(keyed), { kind: 'update', sheetId: sheets[0]!.id, keyColumn: 'name' });
  });

  test('cells that cannot be read count until corrected; a correction taken back counts again', () => {
    const shown = run(INITIAL_IMPORT_STATE, { type: 'fileRead', file }, { type: 'previewed', preview });
    const invalid = preview.problems.filter((problem) => problem.kind === 'invalid');
    assert.ok(invalid.length > 0, 'the preview finds “两千” unreadable');
    const first = invalid[0]!;
    const key = fixKey(first.r, preview.target.columns.find((column) => column.name === first.columnName)!.key);
    assert.equal(unfixedCells(shown), invalid.length);
    const fixed = importReducer(shown, { type: 'fixed', key, text: '2000' });
    assert.equal(unfixedCells(fixed), invalid.length - 1);
    assert.equal(unfixedCells(importReducer(fixed, { type: 'fixed', key, text: null })), invalid.length);
    assert.equal(rowsToWrite(preview), 3);
  });

  test('paging keeps the preview; a failure stops being busy and says why; a commit ends the preview', async () => {
    const shown = run(
      INITIAL_IMPORT_STATE,
      { type: 'fileRead', file },
      { type: 'previewStarted' },
      { type: 'previewed', preview },
      { type: 'settled' },
    );
    assert.equal(shown.busy, null);
    const window = await callApi(context, 'import.rows', {
      previewId: preview.previewId,
      offset: 1,
      limit: 200,
      filter: 'all',
    });
    const paged = importReducer(shown, {
      type: 'rowsPaged',
      rows: window.rows,
      total: window.total,
      offset: 1,
      filter: 'all',
    });
    assert.deepEqual([paged.offset, paged.rows.length, paged.preview], [1, 2, preview]);
    const failedState = run(paged, { type: 'committing' }, { type: 'failed', error: new Error('x') });
    assert.deepEqual([failedState.busy, (failedState.error as Error).message], [null, 'x']);
    const result = await callApi(context, 'import.commit', { previewId: preview.previewId, fixes: [] });
    const done = run(paged, { type: 'committing' }, { type: 'committed', result });
    assert.deepEqual([done.busy, done.preview, done.done?.inserted], [null, null, 3]);
    assert.equal(importReducer(done, { type: 'closed' }).done, null);
  });
});
