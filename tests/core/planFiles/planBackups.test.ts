import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanbenchError } from '../../../shared/contract/errors';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { backupFolder } from '../../../electron/core/store/planBackups';
import { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * Automatic backups before every import (beside the plan, named by time and reason), pruned past
 * their days when a new one is made; restoring one gives the plan as it was before the import —
 * also a sheet the import created is gone; and Save As makes a copy that opens as the same plan.
 */
describe('backups and copies of a plan', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, '规划.planbench');
  let store: PlanStore;
  const context = () => ({ store, edition: 'cli' as const });

  /** Every sheet's name and rows as the grid would read them. */
  const contents = () =>
    store.listSheets().map((sheet) => ({ name: sheet.name, rows: store.listRows(sheet.id, 0, 10_000).rows }));

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
  });
  after(() => {
    store.close();
    cleanup();
  });

  const csv = (name: string, text: string) => {
    const csvFile = path.join(dir, name);
    fs.writeFileSync(csvFile, text);
    return { path: csvFile };
  };

  test('an import makes a backup; restoring it gives the plan as it was before the import', async () => {
    assert.deepEqual((await callApi(context(), 'backups.list', {})).backups, []);
    const projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    await callApi(context(), 'cell.update', {
      sheetId: projects,
      rowId: store.listRows(projects, 0, 1).rows[0]!.id,
      columnKey: 'investment',
      text: '4321',
    });
    const beforeImport = contents();
    const sheetsBefore = store.listSheets().length;

    await callApi(context(), 'import.run', {
      file: csv('新表.csv', '序号,项目名称,投资匡算（万元）\n1,新项目甲,10\n2,新项目乙,20\n'),
      target: { kind: 'new', name: '新导入', sheetKind: 'projects' },
    });
    await callApi(context(), 'import.run', {
      file: csv('追加.csv', '序号,项目名称,投资匡算（万元）\n89,追加一,1\n'),
      target: { kind: 'append', sheetId: projects },
    });
    assert.equal(store.listSheets().length, sheetsBefore + 1);
    const listed = await callApi(context(), 'backups.list', {});
    assert.equal(listed.folder, backupFolder(file));
    assert.equal(listed.folder, path.join(dir, '规划.备份'));
    assert.equal(listed.keepDays, 30);
    assert.equal(listed.backups.length, 2, 'one backup per import');
    assert.ok(listed.backups.every((backup) => backup.reason === 'import' && /-import\.planbench$/.test(backup.name)));
    const first = listed.backups[1]!;

    const { restored, saved } = await callApi(context(), 'backups.restore', { name: first.name });
    assert.equal(restored.name, first.name);
    assert.equal(saved.reason, 'restore');
    assert.deepEqual(contents(), beforeImport, 'the plan as it was before the first import, in this open store');
    store.close();
    store = PlanStore.open(file);
    assert.deepEqual(contents(), beforeImport, 'and on disk');

    // The restore itself can be taken back: the plan before it was backed up.
    await callApi(context(), 'backups.restore', { name: saved.name });
    assert.equal(store.listSheets().length, sheetsBefore + 1);

    await assert.rejects(
      callApi(context(), 'backups.restore', { name: 'nothing.planbench' }),
      (error: unknown) =>
        error instanceof PlanbenchError &&
        /没有名为“nothing.planbench”的备份/.test(error.message) &&
        /no backup named/.test(error.message),
    );
  });

  test('a new backup removes those past their days, and leaves other files alone', async () => {
    const folder = backupFolder(file);
    const some = (await callApi(context(), 'backups.list', {})).backups[0]!;
    const daysAgo = (days: number) =>
      new Date(Date.now() - days * 24 * 3600 * 1000).toISOString().replace(/[:.]/g, '-');
    const old = `${daysAgo(40)}-import.planbench`;
    const recent = `${daysAgo(10)}-collect.planbench`;
    for (const name of [old, recent, '说明.txt'])
      fs.copyFileSync(path.join(folder, some.name), path.join(folder, name));
    assert.ok((await callApi(context(), 'backups.list', {})).backups.some((backup) => backup.name === old));

    await callApi(context(), 'import.run', {
      file: csv('再追加.csv', '序号,项目名称,投资匡算（万元）\n90,再追加,1\n'),
      target: { kind: 'append', sheetId: store.listSheets().find((sheet) => sheet.kind === 'projects')!.id },
    });
    const names = (await callApi(context(), 'backups.list', {})).backups.map((backup) => backup.name);
    assert.ok(!names.includes(old), 'the 40-day-old backup is removed');
    assert.ok(names.includes(recent), 'the 10-day-old one is kept');
    assert.ok(fs.existsSync(path.join(folder, '说明.txt')), 'a file that is not a backup is left');

    await callApi(context(), 'backups.setKeepDays', { days: 5 });
    await callApi(context(), 'import.run', {
      file: csv('三追加.csv', '序号,项目名称,投资匡算（万元）\n91,三追加,1\n'),
      target: { kind: 'append', sheetId: store.listSheets().find((sheet) => sheet.kind === 'projects')!.id },
    });
    const kept = (await callApi(context(), 'backups.list', {})).backups.map((backup) => backup.name);
    assert.ok(!kept.includes(recent), 'kept 5 days now: the 10-day-old one goes too');
  });

  test('Save As writes a copy that opens as the same plan', async () => {
    const copy = path.join(dir, '副本.planbench');
    const made = await callApi(context(), 'plan.saveAs', { saveTo: { path: copy } });
    assert.equal(made.bytes, fs.statSync(copy).size);
    const expected = contents();
    const meta = store.getMeta();
    store.close();
    store = PlanStore.open(copy);
    try {
      assert.deepEqual(contents(), expected);
      assert.deepEqual(store.getMeta(), meta);
    } finally {
      store.close();
      store = PlanStore.open(file);
    }
  });
});
