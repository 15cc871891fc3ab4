import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { ApiResponse } from '../../../shared/contract/client';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

/**
 * Promise: a writer that finds another program writing the plan waits for it, then succeeds;
 * when the other program holds the plan longer than a writer waits, the writer is told so
 * (另一程序正在写入此计划) and nothing of its change is saved — never "internal error".
 */
describe('promise: a writer waits for another program, then succeeds or is told the plan is busy', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'busy.planbench');
  let store: PlanStore;
  let other: Database.Database;
  let sheetId: number;
  let rowId: number;

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    const sheet = store.listSheets().find((candidate) => candidate.kind === 'projects')!;
    sheetId = sheet.id;
    rowId = store.listRows(sheetId, 0, 1).rows[0]!.id;
    other = new Database(file);
  });
  after(() => {
    other.close();
    store.close();
    cleanup();
  });

  const edit = (text: string, writeWaitMs: number) =>
    Promise.resolve(
      dispatch({ store, edition: 'browser', writeWaitMs }, 'cell.update', {
        sheetId,
        rowId,
        columnKey: 'investment',
        text,
      }),
    );
  const stored = () => store.listRows(sheetId, 0, 1).rows[0]!.cells['investment']!.text;

  test('another program holding the plan for a while: the edit waits and lands', async () => {
    other.exec('BEGIN IMMEDIATE');
    // The other program writes for longer than SQLite's own short wait (BUSY_WAIT_MS).
    const release = setTimeout(() => other.exec('COMMIT'), 700);
    const answer: ApiResponse = await edit('4321', 10_000);
    clearTimeout(release);
    assert.equal(other.inTransaction, false, 'the edit could only land once the other program had finished');
    assert.ok(answer.ok, JSON.stringify(answer));
    assert.equal(stored(), '4321');
  });

  test('held longer than a writer waits: a busy refusal, in Chinese and English, and nothing saved', async () => {
    const before = stored();
    const actions = store.latestActionId();
    other.exec('BEGIN IMMEDIATE');
    try {
      const answer = await edit('99', 600);
      assert.equal(answer.ok, false);
      if (answer.ok) return;
      assert.equal(answer.error.code, 'busy');
      assert.match(answer.error.messageZh, /^另一程序正在写入此计划/);
      assert.match(answer.error.messageEn, /another program is writing this plan/);
    } finally {
      other.exec('COMMIT');
    }
    assert.equal(stored(), before);
    assert.equal(store.latestActionId(), actions);
  });

  test('a call that only reads is never held up by a writer', async () => {
    other.exec('BEGIN IMMEDIATE');
    try {
      const answer = dispatch({ store, edition: 'browser', writeWaitMs: 60_000 }, 'sheet.totals', { sheetId });
      assert.ok(!(answer instanceof Promise), 'a read answers at once');
      assert.ok(answer.ok);
    } finally {
      other.exec('COMMIT');
    }
  });
});
