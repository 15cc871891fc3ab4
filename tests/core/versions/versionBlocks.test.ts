import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { BlockedSnapshot } from '../../../electron/core/store/versionBlocks';
import { decodeBlocked, encodeBlocked, expandSnapshot } from '../../../electron/core/store/versionBlocks';
import { compareBlocked, compareSnapshots, sheetChanged } from '../../../electron/core/versions/compare';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * The fast comparison (versions kept in fingerprinted blocks, unchanged blocks skipped unread, now
 * built from the log since) finds exactly what the straightforward comparison of two whole
 * snapshots finds, after random edits, inserts, deletes, moves and an import; and it does skip.
 */
describe('comparing versions in blocks', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'blocks.planbench');
  let store: PlanStore;
  let projects: number;
  const context = () => ({ store, edition: 'cli' as const });

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  /** Which blocks a comparison reads (a block is inflated once however often it is asked for). */
  const counted = (snapshot: BlockedSnapshot) => {
    const seen = new Set<string>();
    for (const sheet of snapshot.sheets) {
      for (const block of sheet.blocks.values()) {
        const rows = block.rows;
        block.rows = () => {
          seen.add(`${sheet.id}:${block.key}`);
          return rows();
        };
      }
    }
    return {
      snapshot,
      read: {
        get blocks() {
          return seen.size;
        },
      },
    };
  };

  const fastEqualsFull = (from: string, to?: string) => {
    const old = store.readVersionBlocks(from);
    const now = to ? store.readVersionBlocks(to).snapshot : store.snapshotSince(old.snapshot, old.info.actionId);
    const fast = compareBlocked(old.snapshot, now).filter(sheetChanged);
    const full = compareSnapshots(
      store.readVersion(from).snapshot,
      to ? store.readVersion(to).snapshot : store.snapshot(),
    ).filter(sheetChanged);
    assert.deepEqual(fast, full, `${from} → ${to ?? 'now'}`);
    return full;
  };

  test('random edits, inserts, deletes, moves and an import: the same differences as a full comparison', async () => {
    let seed = 18;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
    const rows = () => store.listRows(projects, 0, 10_000).rows;
    const pick = () => {
      const all = rows();
      return all[Math.floor(random() * all.length)]!.id;
    };
    await callApi(context(), 'versions.save', { name: 'v0' });
    for (let round = 1; round <= 4; round++) {
      for (let step = 0; step < 12; step++) {
        const what = Math.floor(random() * 5);
        if (what <= 1) {
          const column = what === 0 ? 'investment' : 'name';
          await callApi(context(), 'cell.update', {
            sheetId: projects,
            rowId: pick(),
            columnKey: column,
            text: what === 0 ? String(Math.floor(random() * 100_000) / 100) : `改${round}-${step}`,
          });
        } else if (what === 2) {
          store.insertRows(projects, [{ cells: { name: `新${round}-${step}`, investment: '12.5' } }], {
            source: 'user',
          });
        } else if (what === 3) {
          await callApi(context(), 'rows.delete', { sheetId: projects, rowIds: [pick()] });
        } else {
          await callApi(context(), 'rows.move', { sheetId: projects, rowIds: [pick()], beforeRowId: pick() });
        }
      }
      if (round === 3) {
        const csv = path.join(dir, 'more.csv');
        fs.writeFileSync(csv, '序号,项目名称,投资匡算（万元）\n201,追加一,1\n202,追加二,2.25\n');
        await callApi(context(), 'import.run', { file: { path: csv }, target: { kind: 'append', sheetId: projects } });
      }
      const found = fastEqualsFull(`v${round - 1}`);
      assert.ok(found.length > 0, `round ${round} changed something`);
      await callApi(context(), 'versions.save', { name: `v${round}` });
      fastEqualsFull(`v${round - 1}`, `v${round}`);
      fastEqualsFull('v0', `v${round}`);
    }
  });

  test('a block unchanged since the version is not read', async () => {
    await callApi(context(), 'versions.save', { name: 'before-one-edit' });
    const first = rows0();
    await callApi(context(), 'cell.update', { sheetId: projects, rowId: first, columnKey: 'investment', text: '7' });
    // The plan's details are not part of a version: editing them reads nothing more.
    await callApi(context(), 'plan.meta.set', { title: '另一个标题' });
    const old = store.readVersionBlocks('before-one-edit');
    const { snapshot, read } = counted(old.snapshot);
    const total = snapshot.sheets.reduce((sum, sheet) => sum + sheet.blocks.size, 0);
    const sheets = compareBlocked(snapshot, store.snapshotSince(snapshot, old.info.actionId)).filter(sheetChanged);
    assert.equal(sheets[0]!.cells.length, 1);
    assert.equal(read.blocks, 1, `one block of ${total} read`);
    await callApi(context(), 'versions.save', { name: 'after-one-edit' });
    const two = counted(store.readVersionBlocks('after-one-edit').snapshot);
    const again = counted(store.readVersionBlocks('before-one-edit').snapshot);
    compareBlocked(again.snapshot, two.snapshot);
    assert.equal(again.read.blocks + two.read.blocks, 2, 'between two versions, the one changed block on each side');
  });

  test('a version saved before blocks (one deflated JSON document) is still read', () => {
    const whole = store.snapshot();
    const legacy = zlib.deflateRawSync(JSON.stringify(whole));
    assert.deepEqual(expandSnapshot(decodeBlocked(legacy)), whole);
    assert.deepEqual(expandSnapshot(decodeBlocked(encodeBlocked(whole))), whole);
  });

  const rows0 = () => store.listRows(projects, 0, 1).rows[0]!.id;
});
