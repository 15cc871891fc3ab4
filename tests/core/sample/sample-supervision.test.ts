import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * The sample plan shows supervision at once: two reporting rounds on its 2023 work-plan tasks,
 * deadlines read from the tasks' own text, sensible statuses, and progress that only goes forward.
 */

describe('the sample plan’s supervision rounds', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let sheetId: number;
  before(() => {
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    context = { store, edition: 'cli' };
    sheetId = store.listSheets().find((sheet) => sheet.name === '2023年工作方案任务')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('two rounds, with statuses from the tasks’ own deadlines and the change between them', async () => {
    const { rounds } = await callApi(context, 'rounds.list', { sheetId });
    assert.deepEqual(
      rounds.map((round) => [round.name, round.asOf]),
      [
        ['2023年第2季度', '2023-06-30'],
        ['2023年第3季度', '2023-09-30'],
      ],
    );
    const [q2, q3] = await Promise.all(
      rounds.map((round) => callApi(context, 'supervision.progress', { sheetId, roundId: round.id })),
    );
    const bySeq = Object.fromEntries(q3!.rows.map((row) => [row.seq, row]));
    assert.equal(bySeq['9']!.deadline, '2023-06-30', '“2023年6月底前”');
    assert.equal(bySeq['10']!.deadline, '2023-05-31', '“5月底前” in the work plan’s year');
    assert.equal(bySeq['14']!.deadline, '2023-12-31', '“年内；6月底前”: the later one');
    assert.equal(bySeq['1']!.deadline, '2023-12-31', 'no deadline written: the work plan’s year');
    assert.equal(bySeq['17']!.status, 'no_deadline', '“6月1日起” names a start, not a deadline');
    // Every status a supervision office expects to see in a quarter's 通报, and none unreported.
    for (const status of ['done', 'on_track', 'behind', 'seriously_behind'] as const) {
      assert.ok(q3!.counts[status]! > 0, status);
    }
    assert.equal(q3!.counts.not_reported, 0);
    assert.equal(q3!.previousRound, '2023年第2季度');
    // Progress never goes backwards, and the grid's cells hold the last round's figures.
    for (const row of q3!.rows) {
      const before = q2!.rows.find((candidate) => candidate.rowId === row.rowId)!;
      assert.equal(row.previousProgress, before.progress);
      assert.ok(Number(row.progress) >= Number(before.progress), row.seq);
    }
    const cells = store.listRows(sheetId, 0, 1).rows[0]!.cells;
    assert.equal(`${cells.rate!.value}.00`, q3!.rows[0]!.progress);
    assert.ok(cells.progress!.text.length > 0);
  });
});
