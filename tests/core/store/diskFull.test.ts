import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiName } from '../../../shared/contract/contract';
import type { Tmpfs } from '../../fileSystems';
import { mountedTmpfs, tmpfsAvailable } from '../../fileSystems';
import { runPlanbench, tempDir } from '../../helpers';

/**
 * A full disk under the plan, on a real small file system (a tmpfs mounted for the test): the
 * write that does not fit fails with 磁盘已满 / disk full, nothing of it is in the plan, the
 * process goes on, what was saved before is intact, and once there is room again edits work.
 */

/** Fill the file system up to `leave` bytes with one file; returns its path. */
function fillDisk(dir: string, leave = 0): string {
  const filler = path.join(dir, 'filler.bin');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(16 * 1024, 0x5a);
  try {
    for (;;) {
      const free = fs.statfsSync(dir).bavail * fs.statfsSync(dir).bsize;
      if (free <= leave) break;
      fs.writeSync(fd, chunk, 0, Math.min(chunk.length, Math.max(free - leave, 1)));
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

const tmpfs = tmpfsAvailable();

describe('a full disk under the plan', { skip: tmpfs === true ? false : tmpfs }, () => {
  let disk: Tmpfs;
  let plan = '';
  let store: PlanStore;
  let projects: number;
  let rowIds: number[];
  const call = async (name: ApiName, input: unknown) => dispatch({ store, edition: 'cli' }, name, input);
  const setName = (rowId: number, text: string) =>
    call('cells.update', { sheetId: projects, edits: [{ rowId, columnKey: 'name', text }] });
  const cell = (rowId: number, key: string) => store.rowsById(projects, [rowId])[0]!.cells[key]?.text;

  before(() => {
    disk = mountedTmpfs('3m');
    plan = path.join(disk.dir, 'plan.planbench');
    createSamplePlan(plan).close();
    store = PlanStore.open(plan);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    rowIds = store.listRows(projects, 0, 50).rows.map((row) => row.id);
  });
  after(() => {
    store?.close();
    disk?.unmount();
  });

  test('the change that does not fit is refused as disk full and rolled back; earlier edits stay; edits work again after', async () => {
    const saved = await setName(rowIds[0]!, '满盘前保存的修改');
    assert.ok(saved.ok, JSON.stringify(saved));
    const summaryBefore = await call('plan.summary', {});
    const historyBefore = store.history(1000).length;

    const filler = fillDisk(disk.dir);
    // 50 cells of 40 KB each: about 2 MB that cannot fit on the full disk.
    const big = await call('cells.update', {
      sheetId: projects,
      edits: rowIds.map((rowId, index) => ({ rowId, columnKey: 'name', text: `${index}`.padEnd(40_000, '满') })),
    });
    assert.equal(big.ok, false, 'the write cannot have succeeded');
    if (!big.ok) {
      assert.equal(big.error.code, 'disk_full', JSON.stringify(big.error));
      assert.match(big.error.messageZh, /磁盘已满/);
      assert.match(big.error.messageEn, /disk is full/);
      assert.doesNotMatch(big.error.messageZh, /内部错误/);
    }

    // Nothing of the failed change is in the plan, and the plan still answers.
    assert.equal(cell(rowIds[0]!, 'name'), '满盘前保存的修改');
    assert.notEqual(cell(rowIds[1]!, 'name')?.startsWith('1满'), true);
    assert.deepEqual(await call('plan.summary', {}), summaryBefore);
    assert.equal(store.history(1000).length, historyBefore, 'no action was logged for it');

    fs.rmSync(filler);
    const after = await setName(rowIds[2]!, '腾出空间后的修改');
    assert.ok(after.ok, JSON.stringify(after));

    store.close();
    store = PlanStore.open(plan);
    assert.equal(cell(rowIds[0]!, 'name'), '满盘前保存的修改');
    assert.equal(cell(rowIds[2]!, 'name'), '腾出空间后的修改');
    assert.notEqual(cell(rowIds[1]!, 'name')?.startsWith('1满'), true);
  });

  test('the CLI: a new plan that does not fit exits 1 with 磁盘已满 / disk full and leaves no file behind', async () => {
    const fresh = path.join(disk.dir, 'new.planbench');
    const filler = fillDisk(disk.dir);
    try {
      for (const args of [
        ['new', fresh],
        ['new', fresh, '--sample'],
      ]) {
        const result = await runPlanbench(args);
        assert.equal(result.code, 1, `${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, /磁盘已满/);
        assert.match(result.stderr, /disk is full/);
        assert.doesNotMatch(result.stderr, /内部错误|internal error/);
        assert.deepEqual(
          fs.readdirSync(disk.dir).filter((name) => name.startsWith('new.planbench')),
          [],
          args.join(' '),
        );
      }
    } finally {
      fs.rmSync(filler);
    }
  });

  test('the CLI: an import that does not fit exits 1 with 磁盘已满 / disk full and leaves the plan as it was', async () => {
    store.close();
    const { dir, cleanup } = tempDir();
    try {
      const csv = path.join(dir, 'big.csv');
      const rows = Array.from(
        { length: 3000 },
        (_, index) => `${index + 1},项目${index + 1}${'甲'.repeat(300)},${index}`,
      );
      fs.writeFileSync(csv, ['序号,项目名称,投资匡算', ...rows].join('\n'));
      const bytes = fs.readFileSync(plan);
      const filler = fillDisk(disk.dir, 256 * 1024);
      try {
        const result = await runPlanbench(['import', plan, csv, '--as', 'table']);
        assert.equal(result.code, 1, result.stderr);
        assert.match(result.stderr, /磁盘已满/);
        assert.match(result.stderr, /disk is full/);
        assert.doesNotMatch(result.stderr, /内部错误|internal error/);
      } finally {
        fs.rmSync(filler);
      }
      assert.deepEqual(fs.readFileSync(plan), bytes, 'the plan is byte for byte as it was');
    } finally {
      cleanup();
      store = PlanStore.open(plan);
    }
  });
});
