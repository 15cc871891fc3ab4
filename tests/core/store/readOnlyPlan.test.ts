import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { MIGRATIONS, PLAN_APPLICATION_ID } from '../../../electron/core/store/schema';
import { mapStoreError } from '../../../electron/core/store/storeErrors';
import { CALL_ACCESS } from '../../../shared/contract/access';
import type { ApiName } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { Tmpfs } from '../../fileSystems';
import { mountedTmpfs, runPlanbenchAs, strayFiles, tmpfsAvailable, UNPRIVILEGED } from '../../fileSystems';
import { tempDir } from '../../helpers';
import { saveTo } from '../../fileRefs';

/**
 * Plans that cannot be written — on a CD or a write-protected share, another user's file, a
 * folder the user may not write — open read-only: they can be read, checked and exported, every
 * change is refused with code read_only and a clear message, and the file is left byte for byte
 * as it was with nothing beside it. Tested on a real read-only mount and, for file and folder
 * permissions, with the CLI run as an unprivileged user (root would write regardless).
 */

const READ_ONLY_NOTE = /只读打开 \/ opened read-only/;

function sampleIds(store: PlanStore) {
  const sheets = store.listSheets();
  const projects = sheets.find((sheet) => sheet.kind === 'projects')!.id;
  const allocation = sheets.find((sheet) => sheet.kind === 'allocation')!.id;
  const firstRow = store.listRows(projects, 0, 1).rows[0]!.id;
  return { projects, allocation, firstRow };
}

function oldSchemaPlan(file: string): void {
  const db = new Database(file);
  db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
  db.exec(MIGRATIONS[0]!.sql);
  db.pragma('user_version = 1');
  db.prepare("INSERT INTO plan_meta (key, value) VALUES ('title', ?)").run(JSON.stringify('旧版规划'));
  db.close();
}

const tmpfs = tmpfsAvailable();

describe(
  'a plan on a read-only file system (a CD, a write-protected share)',
  { skip: tmpfs === true ? false : tmpfs },
  () => {
    let media: Tmpfs | undefined;
    let plan = '';
    let old = '';
    let live = '';
    let stale = '';
    let bytes: Buffer;
    let store: PlanStore;
    let ids: ReturnType<typeof sampleIds>;
    const call = (name: ApiName, input: unknown) => dispatch({ store, edition: 'cli' }, name, input);

    before(() => {
      media = mountedTmpfs('8m');
      plan = path.join(media.dir, '规划 副本.planbench');
      old = path.join(media.dir, 'old.planbench');
      live = path.join(media.dir, 'live.planbench');
      stale = path.join(media.dir, 'stale.planbench');
      createSamplePlan(plan).close();
      oldSchemaPlan(old);
      // A plan copied while it was open, its last edit still in the -wal (and its -shm with it).
      const open = PlanStore.open(plan);
      const { projects, firstRow } = sampleIds(open);
      open.updateCell(projects, firstRow, 'name', '只在 WAL 中的修改', { source: 'user' });
      for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(plan + suffix, live + suffix);
      open.close();
      // An empty -wal left behind by a session that was killed, without its -shm.
      fs.copyFileSync(plan, stale);
      fs.writeFileSync(`${stale}-wal`, '');
      media.remountReadOnly();
      bytes = fs.readFileSync(plan);
      store = PlanStore.open(plan);
      ids = sampleIds(store);
    });
    after(() => {
      store?.close();
      media?.unmount();
    });

    test('it opens read-only, and plan.get says so to every front end', async () => {
      assert.equal(store.readOnly, 'file');
      const response = await call('plan.get', {});
      assert.ok(response.ok);
      assert.equal((response.result as { readOnly: boolean }).readOnly, true);
    });

    test('reading, checking, rolling up and exporting work', async () => {
      const reads: [ApiName, unknown][] = [
        ['app.info', {}],
        ['plan.summary', {}],
        ['sheet.get', { sheetId: ids.projects }],
        ['sheet.rows', { sheetId: ids.projects }],
        ['sheet.totals', { sheetId: ids.projects }],
        ['departments.list', {}],
        ['checks.declared', {}],
        ['history.list', {}],
        ['history.state', {}],
        ['checks.run', {}],
        ['rollup.get', { sheetId: ids.projects, columnKey: 'category' }],
        ['allocation.get', { sheetId: ids.allocation }],
        ['dashboard.get', {}],
        ['sheet.view.get', { sheetId: ids.projects }],
        ['print.options.get', { sheetId: ids.projects }],
        ['export.sheet', { sheetId: ids.projects, saveTo: saveTo('重点工程.xlsx') }],
        ['export.word', { sheetId: ids.projects, saveTo: saveTo('重点工程.docx') }],
        ['sendout.status', { sheetId: ids.projects }],
        ['sendout.preview', { sheetId: ids.projects }],
        ['departments.rows', { department: store.listDepartments()[0]!.name }],
      ];
      for (const [name, input] of reads) {
        assert.equal(CALL_ACCESS[name], 'read', name);
        const response = await call(name, input);
        assert.ok(response.ok, `${name}: ${JSON.stringify(response.ok ? null : response.error)}`);
      }
      const summary = await call('plan.summary', {});
      assert.ok(summary.ok);
      const { sheets } = summary.result as { sheets: { kind: string; totals: { sum: string }[] }[] };
      const projects = sheets.find((sheet) => sheet.kind === 'projects');
      assert.equal(projects?.totals[0]?.sum, '3309473.59');
    });

    test('every change is refused with read_only and a clear message, before its handler runs', async () => {
      const writes: [ApiName, unknown][] = [
        ['cell.update', { sheetId: ids.projects, rowId: ids.firstRow, columnKey: 'investment', text: '1' }],
        [
          'cells.update',
          { sheetId: ids.projects, edits: [{ rowId: ids.firstRow, columnKey: 'investment', text: '1' }] },
        ],
        ['rows.insert', { sheetId: ids.projects, place: { at: 'end' }, count: 1 }],
        ['rows.delete', { sheetId: ids.projects, rowIds: [ids.firstRow] }],
        ['sheets.create', { name: '新表', kind: 'table' }],
        ['sheet.view.save', { sheetId: ids.projects, view: {} }],
        ['history.undo', {}],
        ['departments.add', { name: '新单位' }],
      ];
      for (const [name, input] of writes) {
        assert.equal(CALL_ACCESS[name], 'write', name);
        const response = await call(name, input);
        assert.equal(response.ok, false, name);
        if (response.ok) continue;
        assert.equal(response.error.code, 'read_only', `${name}: ${JSON.stringify(response.error)}`);
        assert.match(response.error.messageZh, /只读方式打开.*不能修改/);
        assert.match(response.error.messageEn, /open read-only/);
        // Refused by the dispatcher, which knows why (SQLite, refusing a write itself, does not).
        assert.match(response.error.messageZh, /（文件不可写）/, name);
      }
    });

    test('a write that gets past the dispatcher is stopped by SQLite and named read_only too', () => {
      let caught: unknown = null;
      try {
        store.updateCell(ids.projects, ids.firstRow, 'investment', '1', { source: 'user' });
      } catch (error) {
        caught = error;
      }
      assert.ok(caught, 'the read-only connection refuses the write');
      assert.equal(mapStoreError(caught, plan)?.body.code, 'read_only');
    });

    test('the file is unchanged, with nothing beside it, after reading and refused writes', () => {
      assert.deepEqual(fs.readFileSync(plan), bytes);
      assert.deepEqual(strayFiles(plan), []);
    });

    test('a plan with changes still in its -wal is read with them', () => {
      const copy = PlanStore.open(live);
      try {
        assert.equal(copy.readOnly, 'file');
        const { projects, firstRow } = sampleIds(copy);
        assert.equal(copy.rowsById(projects, [firstRow])[0]!.cells.name?.text, '只在 WAL 中的修改');
      } finally {
        copy.close();
      }
    });

    test('a plan with an empty -wal left behind and no -shm opens from the file alone', () => {
      const copy = PlanStore.open(stale);
      try {
        assert.equal(copy.readOnly, 'file');
        const { projects } = sampleIds(copy);
        assert.equal(copy.totals(projects).find((total) => total.columnKey === 'investment')?.sum, '3309473.59');
      } finally {
        copy.close();
      }
    });

    test('an older plan that would need upgrading says it needs a writable copy', () => {
      let caught: unknown = null;
      try {
        PlanStore.open(old).close();
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof PlanbenchError, String(caught));
      assert.equal(caught.body.code, 'read_only');
      assert.match(caught.body.messageZh, /需要升级.*复制到可写的文件夹/);
      assert.match(caught.body.messageEn, /copy it to a writable folder/);
    });
  },
);

describe(
  'another user’s plan: the CLI as an unprivileged user',
  { skip: typeof UNPRIVILEGED === 'string' ? UNPRIVILEGED : false },
  () => {
    const user = UNPRIVILEGED as { uid: number; gid: number };
    const { dir, cleanup } = tempDir();
    after(cleanup);
    // A folder the user may write, holding a plan they may only read (someone else's file).
    const shared = path.join(dir, 'shared');
    const plan = path.join(shared, 'plan.planbench');
    // A folder the user may not write, holding a plan they own (a read-only share).
    const locked = path.join(dir, 'locked');
    const lockedPlan = path.join(locked, 'plan.planbench');
    const out = path.join(dir, 'out');
    let bytes: Buffer;

    before(() => {
      fs.chmodSync(dir, 0o755);
      for (const folder of [shared, locked, out]) fs.mkdirSync(folder);
      createSamplePlan(plan).close();
      fs.chmodSync(plan, 0o444);
      fs.copyFileSync(plan, lockedPlan);
      fs.chmodSync(lockedPlan, 0o644);
      fs.chownSync(lockedPlan, user.uid, user.gid);
      fs.chownSync(shared, user.uid, user.gid);
      fs.chownSync(out, user.uid, user.gid);
      fs.writeFileSync(path.join(out, 'rows.csv'), '序号,项目名称\n1,测试\n');
      fs.chownSync(path.join(out, 'rows.csv'), user.uid, user.gid);
      bytes = fs.readFileSync(plan);
    });

    test('summary, check and export work and say "opened read-only" on stderr; nothing is left beside the plan', async () => {
      const summary = await runPlanbenchAs(user, ['summary', plan]);
      assert.equal(summary.code, 0, summary.stderr);
      assert.match(summary.stdout, /3,309,473\.59 万元/);
      assert.match(summary.stderr, READ_ONLY_NOTE);
      assert.match(summary.stderr, /文件不可写/);

      const check = await runPlanbenchAs(user, ['check', plan, '--json']);
      assert.equal(check.code, 0, check.stderr);
      assert.equal((JSON.parse(check.stdout) as { ok: boolean }).ok, true, 'stdout stays clean JSON');
      assert.match(check.stderr, READ_ONLY_NOTE);

      const exported = path.join(out, 'export.xlsx');
      const exporting = await runPlanbenchAs(user, ['export', plan, exported]);
      assert.equal(exporting.code, 0, exporting.stderr);
      assert.ok(fs.statSync(exported).size > 0);

      assert.deepEqual(fs.readFileSync(plan), bytes);
      assert.deepEqual(strayFiles(plan), [], 'no -wal or -shm in the writable folder');
    });

    test('import, sendout and collect --apply refuse with exit 1 and change nothing', async () => {
      const sendoutFolder = path.join(out, 'sendout');
      const attempts = [
        ['import', plan, path.join(out, 'rows.csv'), '--as', 'table'],
        ['sendout', plan, '--sheet', '重点工程', '--out', sendoutFolder],
        ['collect', plan, path.join(out, 'export.xlsx'), '--apply', 'all'],
      ];
      for (const args of attempts) {
        const result = await runPlanbenchAs(user, args);
        assert.equal(result.code, 1, `${args[0]}: ${result.stderr}`);
        assert.match(result.stderr, /只读方式打开.*不能修改/, args[0]);
        assert.match(result.stderr, /open read-only/, args[0]);
        assert.doesNotMatch(result.stderr, /内部错误|internal error/, args[0]);
      }
      assert.ok(!fs.existsSync(sendoutFolder), 'no send-out workbook was written');
      assert.deepEqual(fs.readFileSync(plan), bytes);
      assert.deepEqual(strayFiles(plan), []);
    });

    test('a plan in a folder the user may not write opens read-only too (WAL needs the folder)', async () => {
      const before = fs.readFileSync(lockedPlan);
      const summary = await runPlanbenchAs(user, ['summary', lockedPlan, '--json']);
      assert.equal(summary.code, 0, summary.stderr);
      assert.match(summary.stderr, READ_ONLY_NOTE);
      assert.match(summary.stderr, /所在文件夹不可写/);
      assert.equal((JSON.parse(summary.stdout) as { sheets: unknown[] }).sheets.length > 0, true);
      assert.deepEqual(fs.readFileSync(lockedPlan), before);
      assert.deepEqual(strayFiles(lockedPlan), []);
    });

    test('a plan its owner has open and is editing is read with the owner’s latest saved edits', async () => {
      const live = path.join(shared, 'live.planbench');
      fs.copyFileSync(plan, live);
      fs.chmodSync(live, 0o644);
      const owner = PlanStore.open(live);
      try {
        const { projects, firstRow } = sampleIds(owner);
        const total = () => owner.totals(projects).find((candidate) => candidate.columnKey === 'investment')!.sum;
        for (const amount of ['123456.78', '0.01']) {
          owner.updateCell(projects, firstRow, 'investment', amount, { source: 'user' });
          const expected = Number(total()).toLocaleString('en-US', { minimumFractionDigits: 2 });
          const summary = await runPlanbenchAs(user, ['summary', live]);
          assert.equal(summary.code, 0, summary.stderr);
          assert.match(summary.stderr, READ_ONLY_NOTE);
          assert.ok(summary.stdout.includes(`${expected} 万元`), `${expected} in ${summary.stdout}`);
        }
      } finally {
        owner.close();
      }
      assert.deepEqual(strayFiles(live), [], 'the owner closing leaves the plan as one file');
    });

    test('a writable plan is not affected: the same user edits their own copy', async () => {
      const own = path.join(out, 'own.planbench');
      fs.copyFileSync(plan, own);
      fs.chmodSync(own, 0o644);
      fs.chownSync(own, user.uid, user.gid);
      const result = await runPlanbenchAs(user, ['import', own, path.join(out, 'rows.csv'), '--as', 'table']);
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, READ_ONLY_NOTE);
    });
  },
);
