/**
 * The read thread (issue 15), on the checks bench's 100,000-row plan: what an edit waits when it
 * is asked at the moment the first check run of a freshly opened plan starts.
 *   - In place (no read thread), the first run reads the whole plan on the one thread, so the
 *     edit is answered only after it: the cold run's time plus the edit's.
 *   - With the read thread, the run reads on its own thread and connection; edits are asked one
 *     after another while it works, each timed from its request to its answer.
 * Then edits with the checks after them (a transport that sends one answer waits for the
 * thread's incremental run), against the same in place (checks.ts measures those).
 * The thread's results are compared with a run in place, so speed cannot come from a wrong answer.
 */
import assert from 'node:assert/strict';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';
import { ReadThreads } from '../electron/core/api/readThread';
import { PlanStore } from '../electron/core/store/planStore';
import type { ApiResponse } from '../shared/contract/client';
import type { Summary } from './stats';
import { fmtMs, msSince, now, summarize } from './stats';

/** An edit asked while the first check run reads the plan: answered within this, at p95. */
export const EDIT_DURING_COLD_CHECKS_TARGET_MS = 100;
const EDITS_AFTER = 30;

async function ok(response: ApiResponse | Promise<ApiResponse>, what: string): Promise<Record<string, unknown>> {
  const settled = await response;
  if (!settled.ok) throw new Error(`${what} failed: ${settled.error.code} ${settled.error.messageEn}`);
  return settled as unknown as Record<string, unknown>;
}

export interface ReadThreadFigures {
  coldOnThreadMs: number;
  editsDuringColdRun: Summary;
  editThenChecksOnThread: Summary;
}

export async function readThreadBench(
  file: string,
  sheetId: number,
  rowIds: number[],
  coldInPlaceMs: number,
  log: (message: string) => void,
): Promise<{
  figures: ReadThreadFigures;
  tableRows: string[][];
  target: { name: string; measured: string; limit: string; pass: boolean };
}> {
  const store = PlanStore.open(file);
  const threads = new ReadThreads();
  const context: ApiContext = { store, edition: 'browser', readThreads: threads };
  try {
    log('checks: the first run on the read thread, with edits asked meanwhile …');
    const edit = (index: number) =>
      dispatch(context, 'cell.update', {
        sheetId,
        rowId: rowIds[(index * 7919) % rowIds.length]!,
        columnKey: 'investment',
        text: String(1000 + index),
      });
    let coldDone = false;
    const coldStart = now();
    let coldOnThreadMs = 0;
    const cold = Promise.resolve(dispatch(context, 'checks.run', {})).then((answer) => {
      coldOnThreadMs = msSince(coldStart);
      coldDone = true;
      return answer;
    });
    const during: number[] = [];
    for (let index = 0; !coldDone; index++) {
      const start = now();
      await ok(edit(index), 'cell.update');
      during.push(msSince(start));
      await yieldToEvents();
    }
    const onThread = await ok(cold, 'checks.run');

    log(`checks: ${EDITS_AFTER} edits with the checks after them, from the read thread …`);
    const after: number[] = [];
    for (let index = 0; index < EDITS_AFTER; index++) {
      const start = now();
      const answer = await ok(edit(10_000 + index), 'cell.update');
      after.push(msSince(start));
      const checks = (answer.changes as { checks: { summary: unknown } }).checks;
      assert.ok(checks.summary, 'the answer carries the thread’s checks');
    }
    const separate = PlanStore.open(file);
    const inPlace = await ok(dispatch({ store: separate, edition: 'cli' }, 'checks.run', {}), 'checks.run');
    separate.close();
    const threadNow = await ok(dispatch(context, 'checks.run', {}), 'checks.run');
    assert.deepEqual(threadNow.result, inPlace.result, 'the thread’s checks equal a run in place');
    assert.ok((onThread.result as { results: unknown[] }).results.length > 0);

    const figures = {
      coldOnThreadMs,
      editsDuringColdRun: summarize(during),
      editThenChecksOnThread: summarize(after),
    };
    const pair = (s: Summary) => `${fmtMs(s.p50)} / ${fmtMs(s.p95)}`;
    const pass = figures.editsDuringColdRun.p95 < EDIT_DURING_COLD_CHECKS_TARGET_MS;
    const tableRows = [
      [
        `an edit asked as the first run starts: read thread p50 / p95 (${during.length} edits meanwhile) vs in place`,
        pair(figures.editsDuringColdRun),
        fmtMs(coldInPlaceMs),
        `${(figures.editsDuringColdRun.p95 / coldInPlaceMs).toFixed(3)}×`,
        pass ? 'PASS' : 'MISS',
      ],
      ['  the first run itself on the read thread', fmtMs(coldOnThreadMs), fmtMs(coldInPlaceMs), '', ''],
      [
        `  an edit with the checks after it, one answer, from the read thread p50 / p95 (${after.length}×)`,
        pair(figures.editThenChecksOnThread),
        '',
        '',
        '',
      ],
    ];
    return {
      figures,
      tableRows,
      target: {
        name: `an edit asked while the first check run reads ${rowIds.length.toLocaleString('en')} rows, p95`,
        measured: fmtMs(figures.editsDuringColdRun.p95),
        limit: `< ${EDIT_DURING_COLD_CHECKS_TARGET_MS} ms`,
        pass,
      },
    };
  } finally {
    await threads.close();
    store.close();
  }
}
