import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { lockFileOf } from '../../../electron/core/store/planHolder';
import { PlanbenchError } from '../../../shared/contract/errors';
import { callApi } from '../../apiCall';
import { REPO_ROOT, tempDir } from '../../helpers';

/**
 * One plan on a shared folder, two computers: the first to open it for writing holds it (a lock
 * beside the plan), the second opens it read-only, says who holds it, and never touches the
 * plan's WAL index. Another computer is played by rewriting the lock as that computer would have
 * written it; the beat is shortened (PLANBENCH_HOLD_BEAT_MS) so a lock goes stale in a second.
 */
process.env.PLANBENCH_HOLD_BEAT_MS = '150';
const STALE_AFTER_MS = 6 * 150;
/** Older than any clock of an office is off: stale at first sight. */
const ABANDONED_AGE_MS = 20 * 60_000;

/** This thread does nothing for a while, as a computer asleep (no beat can run). */
function sleepHard(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const OTHER = { host: 'PC-规划科-02', user: 'zhangsan', pid: 4242, since: '2026-12-05T01:12:00.000Z' };

function writeForeignLock(plan: string, ageMs = 0): void {
  const lock = lockFileOf(plan);
  fs.rmSync(lock, { force: true });
  fs.writeFileSync(lock, JSON.stringify(OTHER));
  const time = new Date(Date.now() - ageMs);
  fs.utimesSync(lock, time, time);
}

function lockHolder(plan: string): { host: string; pid: number } | null {
  try {
    return JSON.parse(fs.readFileSync(lockFileOf(plan), 'utf8')) as { host: string; pid: number };
  } catch {
    return null;
  }
}

function projectsOf(store: PlanStore) {
  const sheet = store.listSheets().find((candidate) => candidate.kind === 'projects')!;
  const row = store.listRows(sheet.id, 0, 1).rows[0]!;
  return { sheetId: sheet.id, rowId: row.id };
}

describe('a plan held by one computer at a time', () => {
  let dir = '';
  let cleanup = () => undefined as void;
  let template = '';
  let n = 0;
  const freshPlan = () => {
    const file = path.join(dir, `plan-${++n}.planbench`);
    fs.copyFileSync(template, file);
    return file;
  };

  before(() => {
    ({ dir, cleanup } = tempDir());
    template = path.join(dir, 'template.planbench');
    createSamplePlan(template).close();
    fs.rmSync(lockFileOf(template), { force: true });
  });
  after(() => cleanup());

  test('opening a plan to write holds it from this computer; closing it lets it go', () => {
    const plan = freshPlan();
    const store = PlanStore.open(plan);
    assert.equal(store.readOnly, null);
    assert.deepEqual(
      { host: lockHolder(plan)?.host, pid: lockHolder(plan)?.pid },
      { host: os.hostname(), pid: process.pid },
    );
    store.close();
    assert.equal(fs.existsSync(lockFileOf(plan)), false);
  });

  test('a plan another computer holds opens read-only, names who holds it, and refuses every write', async () => {
    const plan = freshPlan();
    writeForeignLock(plan);
    const before = fs.readFileSync(plan);
    const store = PlanStore.open(plan);
    try {
      assert.equal(store.readOnly, 'elsewhere');
      assert.equal(store.holderElsewhere?.host, OTHER.host);
      const { sheetId, rowId } = projectsOf(store);
      const context = { store, edition: 'browser' as const };
      const shown = await callApi(context, 'plan.get', {});
      assert.equal(shown.readOnly, true);
      assert.match(shown.readOnlyNote ?? '', /zhangsan 在电脑“PC-规划科-02”上/);
      await assert.rejects(
        callApi(context, 'cells.update', { sheetId, edits: [{ rowId, columnKey: 'investment', text: '1' }] }),
        (error: unknown) =>
          error instanceof PlanbenchError &&
          error.body.code === 'read_only' &&
          /PC-规划科-02/.test(error.body.messageZh) &&
          /PC-规划科-02/.test(error.body.messageEn),
      );
    } finally {
      store.close();
    }
    assert.deepEqual(fs.readFileSync(plan), before, 'the plan is byte for byte as it was');
    assert.equal(lockHolder(plan)?.host, OTHER.host, 'their lock stays theirs');
    for (const suffix of ['-wal', '-shm']) assert.equal(fs.existsSync(plan + suffix), false, suffix);
  });

  test('the read-only view shows what the other computer committed, without touching its WAL index', () => {
    const plan = freshPlan();
    // The "other computer": a writer with the plan open, its last edit still in the -wal.
    const writer = PlanStore.open(plan);
    const { sheetId, rowId } = projectsOf(writer);
    writer.updateCells(
      sheetId,
      [{ rowId, columnKey: 'name', text: '另一台电脑写入的名称' }],
      { source: 'user' },
      'abort',
    );
    writeForeignLock(plan);
    const shm = fs.readFileSync(`${plan}-shm`);
    const wal = fs.readFileSync(`${plan}-wal`);
    assert.ok(wal.length > 0, 'the edit is in the -wal, not yet in the file');
    const viewer = PlanStore.open(plan);
    try {
      assert.equal(viewer.readOnly, 'elsewhere');
      assert.equal(viewer.listRows(sheetId, 0, 1).rows[0]!.cells.name?.text, '另一台电脑写入的名称');
      assert.deepEqual(fs.readFileSync(`${plan}-shm`), shm, 'the writer’s WAL index is untouched');
      assert.deepEqual(fs.readFileSync(`${plan}-wal`), wal);
    } finally {
      viewer.close();
      writer.close();
    }
  });

  test('a lock dated long ago is taken over at once', () => {
    const plan = freshPlan();
    writeForeignLock(plan, ABANDONED_AGE_MS);
    const store = PlanStore.open(plan);
    try {
      assert.equal(store.readOnly, null);
      assert.equal(lockHolder(plan)?.host, os.hostname());
    } finally {
      store.close();
    }
  });

  test('another computer’s clock may be off: its lock counts while it changes, and is taken once seen unchanged', async () => {
    const plan = freshPlan();
    // Its clock is 100 s behind ours: its lock looks old, but it is touched as it should be.
    writeForeignLock(plan, 100_000);
    const first = PlanStore.open(plan);
    assert.equal(first.readOnly, 'elsewhere', 'not taken at first sight');
    first.close();
    for (let beat = 1; beat <= 8; beat++) {
      await sleep(150);
      const time = new Date(Date.now() - 100_000 + beat);
      fs.utimesSync(lockFileOf(plan), time, time);
    }
    const whileAlive = PlanStore.open(plan);
    assert.equal(whileAlive.readOnly, 'elsewhere', 'a lock that keeps changing is alive, however old it looks');
    whileAlive.close();
    // Now it stops (that computer crashed): unchanged for longer than a lock stays fresh.
    await sleep(STALE_AFTER_MS + 300);
    const after = PlanStore.open(plan);
    try {
      assert.equal(after.readOnly, null);
      assert.equal(lockHolder(plan)?.host, os.hostname());
    } finally {
      after.close();
    }
  });

  test('a lock left on this computer by a program that has ended is taken over at once', async () => {
    const plan = freshPlan();
    const ended = spawn(process.execPath, ['-e', '0']);
    await new Promise((done) => ended.once('exit', done));
    fs.writeFileSync(lockFileOf(plan), JSON.stringify({ ...OTHER, host: os.hostname(), pid: ended.pid }));
    const store = PlanStore.open(plan);
    try {
      assert.equal(store.readOnly, null);
      assert.equal(lockHolder(plan)?.pid, process.pid);
    } finally {
      store.close();
    }
  });

  test('a second program on this computer writes beside the holder, and the lock stays while the holder has the plan', () => {
    const plan = freshPlan();
    const first = PlanStore.open(plan);
    const second = PlanStore.open(plan);
    try {
      assert.equal(second.readOnly, null);
      second.close();
      assert.equal(lockHolder(plan)?.pid, process.pid, 'still held: the first still has it open');
    } finally {
      first.close();
    }
    assert.equal(fs.existsSync(lockFileOf(plan)), false);
  });

  test('a holder whose plan another computer took over (it slept) stops writing at once', async () => {
    const plan = freshPlan();
    const store = PlanStore.open(plan);
    try {
      const { sheetId, rowId } = projectsOf(store);
      const context = { store, edition: 'browser' as const };
      await callApi(context, 'cells.update', { sheetId, edits: [{ rowId, columnKey: 'name', text: '一' }] });
      writeForeignLock(plan);
      await sleep(400); // a beat or two
      assert.equal(store.readOnly, 'lost');
      assert.equal(store.holderElsewhere?.host, OTHER.host);
      await assert.rejects(
        callApi(context, 'cells.update', { sheetId, edits: [{ rowId, columnKey: 'name', text: '二' }] }),
        (error: unknown) => error instanceof PlanbenchError && error.body.code === 'read_only',
      );
      assert.equal(store.listRows(sheetId, 0, 1).rows[0]!.cells.name?.text, '一');
    } finally {
      store.close();
    }
    assert.equal(lockHolder(plan)?.host, OTHER.host, 'the other computer’s lock is left alone');
  });

  test('a holder away longer than a lock stays fresh does not take a missing lock back: it stops writing', async () => {
    const plan = freshPlan();
    const store = PlanStore.open(plan);
    try {
      const { sheetId, rowId } = projectsOf(store);
      const context = { store, edition: 'browser' as const };
      // Meanwhile another computer took the plan, wrote it and closed it: its lock is gone.
      fs.rmSync(lockFileOf(plan));
      sleepHard(STALE_AFTER_MS + 300);
      await assert.rejects(
        callApi(context, 'cells.update', { sheetId, edits: [{ rowId, columnKey: 'name', text: '醒来之后' }] }),
        (error: unknown) =>
          error instanceof PlanbenchError &&
          error.body.code === 'read_only' &&
          /休眠或断网太久/.test(error.body.messageZh),
      );
      assert.equal(store.readOnly, 'lost');
      assert.equal(fs.existsSync(lockFileOf(plan)), false, 'no lock taken back');
    } finally {
      store.close();
    }
  });

  test('a holder away as long, whose lock nobody touched, goes on writing', async () => {
    const plan = freshPlan();
    const store = PlanStore.open(plan);
    try {
      const { sheetId, rowId } = projectsOf(store);
      sleepHard(STALE_AFTER_MS + 300);
      const context = { store, edition: 'browser' as const };
      await callApi(context, 'cells.update', { sheetId, edits: [{ rowId, columnKey: 'name', text: '醒来之后' }] });
      assert.equal(store.listRows(sheetId, 0, 1).rows[0]!.cells.name?.text, '醒来之后');
    } finally {
      store.close();
    }
  });

  test('a program writing beside another of this computer goes on after being held up, while that one kept the plan', async () => {
    const plan = freshPlan();
    // The owner: another program of this computer, beating as it should.
    const storeModule = pathToFileURL(path.join(REPO_ROOT, 'electron', 'core', 'store', 'planStore.ts')).href;
    const owner = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { PlanStore } from ${JSON.stringify(storeModule)}; PlanStore.open(process.argv[1]); console.log('open'); setInterval(() => {}, 1000);`,
        plan,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => owner.stdout.once('data', () => resolve()));
      const guest = PlanStore.open(plan);
      try {
        assert.equal(lockHolder(plan)?.pid, owner.pid);
        sleepHard(STALE_AFTER_MS + 300); // this program held up; the owner beats on
        const { sheetId, rowId } = projectsOf(guest);
        await callApi({ store: guest, edition: 'cli' }, 'cells.update', {
          sheetId,
          edits: [{ rowId, columnKey: 'name', text: '等了一会儿之后' }],
        });
        assert.equal(guest.readOnly, null);
      } finally {
        guest.close();
      }
    } finally {
      owner.kill('SIGKILL');
    }
  });

  test('a fresh lock that cannot be read is left alone: whoever wrote it, the plan opens read-only here', async () => {
    const plan = freshPlan();
    fs.writeFileSync(lockFileOf(plan), '{"host":"'); // half written, or another user's
    const store = PlanStore.open(plan);
    try {
      assert.equal(store.readOnly, 'elsewhere');
      assert.equal(store.holderElsewhere, null);
      const shown = await callApi({ store, edition: 'browser' }, 'plan.get', {});
      assert.match(shown.readOnlyNote ?? '', /此规划正由另一台电脑上的用户编辑/);
    } finally {
      store.close();
    }
  });
});
