import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import { PlanStore } from '../../electron/core/store/planStore';
import { startServerProcess } from '../fixtures/serverProcess';
import type { ServerProcess } from '../fixtures/serverProcess';
import { tempDir } from '../helpers';

/**
 * Promise: an edit the plan acknowledged is in the file, whatever happens next. Four writers
 * send edits as fast as they are answered; the server is killed (SIGKILL, no chance to tidy up)
 * in the middle of the burst; the plan then opens, and every acknowledged edit is there with
 * its action in the log.
 */
describe('promise: kill -9 of the plan service mid-burst loses no acknowledged edit', () => {
  const { dir, cleanup } = tempDir();
  let server: ServerProcess;
  let sheetId = 0;
  let rowIds: number[] = [];

  before(async () => {
    fs.mkdirSync(path.join(dir, 'renderer'));
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>规划工作台</title>');
    const store = createSamplePlan(path.join(dir, 'plan.planbench'));
    sheetId = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    rowIds = store.listRows(sheetId, 0, 4).rows.map((row) => row.id);
    store.close();
    server = await startServerProcess(dir, {});
  });
  after(async () => {
    await server.stop();
    cleanup();
  });

  test('every acknowledged edit survives', async () => {
    const acknowledged: { rowId: number; text: string; actionId: number }[] = [];
    const url = `http://127.0.0.1:${server.port}/s/${server.secret}/api/cell.update`;
    let killed = false;
    const writer = async (rowId: number, writerIndex: number) => {
      for (let edit = 1; !killed; edit++) {
        const text = String(edit * 10 + writerIndex);
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ sheetId, rowId, columnKey: 'investment', text }),
          });
          const answer = (await response.json()) as { ok: boolean; result?: { actionId: number } };
          if (answer.ok) acknowledged.push({ rowId, text, actionId: answer.result!.actionId });
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = rowIds.map((rowId, index) => writer(rowId, index));
    while (acknowledged.length < 200) await new Promise((resume) => setTimeout(resume, 5));
    process.kill(server.pid, 'SIGKILL');
    killed = true;
    await Promise.all(writers);
    for (let waited = 0; server.alive() && waited < 100; waited++)
      await new Promise((resume) => setTimeout(resume, 50));
    assert.equal(server.alive(), false, 'the server was killed');

    const store = PlanStore.open(path.join(dir, 'plan.planbench'));
    try {
      const rows = new Map(store.listRows(sheetId, 0, 4).rows.map((row) => [row.id, row]));
      const logged = new Set(store.history(1000).map((action) => action.id));
      for (const edit of acknowledged) assert.ok(logged.has(edit.actionId), `action ${edit.actionId} is in the log`);
      // Each writer's cell holds its last acknowledged figure, or a later one that committed unanswered.
      for (const rowId of rowIds) {
        const mine = acknowledged.filter((edit) => edit.rowId === rowId);
        const last = Number(mine[mine.length - 1]!.text);
        const stored = Number(rows.get(rowId)!.cells['investment']!.text);
        assert.ok(stored >= last, `row ${rowId}: stored ${stored}, acknowledged ${last}`);
      }
    } finally {
      store.close();
    }
  });
});
