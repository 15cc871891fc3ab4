import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../electron/core/api/dispatch';
import { PlanStore } from '../../electron/core/store/planStore';
import { kindColumns } from '../../shared/model/sheetKinds';
import { runPlanbench, tempDir } from '../helpers';

/** `planbench progress`: each task's status as of a date, as JSON and as a table. */

interface ProgressJson {
  asOf: string;
  rows: { seq: string; title: string; deadline: string | null; progress: string | null; status: string }[];
  counts: Record<string, number>;
}

const TASKS: Record<string, string>[] = [
  { seq: '1', item: '按时推进的任务', lead: '市发改委', start: '2025年1月', deadline: '2025年6月底', rate: '60' },
  { seq: '2', item: '滞后的任务', lead: '市发改委', start: '2025年1月', deadline: '2025年6月底', rate: '50%' },
  { seq: '3', item: '严重滞后的任务', lead: '市住建局', start: '2025年1月', deadline: '2025年6月底', rate: '30' },
  { seq: '4', item: '未报送的任务', lead: '市住建局', start: '2025年1月', deadline: '2025年上半年' },
  { seq: '5', item: '逾期的任务', lead: '市住建局', start: '2025年1月', deadline: '2025年3月底前', rate: '80' },
  { seq: '6', item: '长期任务', lead: '市住建局', deadline: '长期坚持', rate: '10' },
  { seq: '7', item: '已完成的任务', lead: '市发改委', deadline: '2025年3月', rate: '100' },
];

describe('planbench progress', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'progress.planbench');
  after(cleanup);

  before(() => {
    const store = PlanStore.create(plan, { title: '督查测试', periodStart: 2025, periodEnd: 2025 });
    store.addDepartments([{ name: '市发改委' }, { name: '市住建局' }]);
    const sheetId = store.createSheet({
      name: '重点任务',
      kind: 'tasks',
      description: '',
      columns: kindColumns('tasks'),
    });
    store.insertRows(
      sheetId,
      TASKS.map((cells) => ({ cells })),
      { source: 'user', label: 'test' },
    );
    store.createSheet({ name: '普通表', kind: 'table', description: '', columns: kindColumns('table') });
    store.close();
  });

  test('--json: every status, with deadlines read from month-precision text, and the counts', async () => {
    const result = await runPlanbench(['progress', plan, '--sheet', '重点任务', '--as-of', '2025-04-30', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const progress = JSON.parse(result.stdout) as ProgressJson;
    assert.equal(progress.asOf, '2025-04-30');
    assert.deepEqual(
      progress.rows.map((row) => [row.seq, row.status]),
      [
        ['1', 'on_track'],
        ['2', 'behind'],
        ['3', 'seriously_behind'],
        ['4', 'not_reported'],
        ['5', 'overdue'],
        ['6', 'no_deadline'],
        ['7', 'done'],
      ],
    );
    assert.deepEqual(progress.rows[0], {
      ...progress.rows[0],
      title: '按时推进的任务',
      deadline: '2025-06-30',
      progress: '60.00',
    });
    assert.equal(progress.rows[3]!.progress, null);
    assert.deepEqual(progress.counts, {
      done: 1,
      on_track: 1,
      behind: 1,
      seriously_behind: 1,
      overdue: 1,
      not_reported: 1,
      no_deadline: 1,
    });
  });

  test('the plan’s own thresholds change what is 滞后; the table names statuses in Chinese', async () => {
    const store = PlanStore.open(plan);
    try {
      const set = await dispatch({ store, edition: 'cli' }, 'supervision.thresholds.set', {
        thresholds: { behind: 20, seriouslyBehind: 40 },
      });
      assert.equal(set.ok, true);
    } finally {
      store.close();
    }
    const result = await runPlanbench(['progress', plan, '--sheet', '重点任务', '--as-of', '2025年4月底']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /截至 2025-04-30/);
    // Row 2 (16 points behind) is on track under 20; row 3 (36 behind) only 滞后 under 40.
    assert.match(result.stdout, /按序时推进 2，滞后 1，严重滞后 0，逾期 1，未报送 1，无时限 1/);
    assert.match(result.stdout, /严重滞后的任务.*滞后/);
  });

  test('--thresholds sets the plan’s thresholds (one undoable action) before listing; a bad value exits 1 and changes nothing', async () => {
    const set = await runPlanbench([
      'progress',
      plan,
      '--sheet',
      '重点任务',
      '--as-of',
      '2025-04-30',
      '--thresholds',
      '15,35',
    ]);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /督查阈值：滞后 15、严重滞后 35 个百分点/);
    // Row 2 (16 points behind) is 滞后 from 15; row 3 (36 behind) 严重滞后 beyond 35.
    assert.match(set.stdout, /按序时推进 1，滞后 1，严重滞后 1/);
    const store = PlanStore.open(plan);
    const logged = store.history(1000).length;
    try {
      assert.match(store.history(1)[0]!.label, /督查阈值改为滞后 15、严重滞后 35/);
    } finally {
      store.close();
    }
    for (const [text, zh, en] of [
      ['-5,30', /滞后阈值须在 0 到 100 个百分点之间（现为 -5）/, /between 0 and 100/],
      ['30,10', /滞后阈值（30）须小于严重滞后阈值（10）/, /must be below/],
      ['十,30', /滞后阈值须为数字/, /must be a number/],
    ] as const) {
      const refused = await runPlanbench(['progress', plan, '--sheet', '重点任务', '--thresholds', text]);
      assert.equal(refused.code, 1, text);
      assert.match(refused.stderr, zh);
      assert.match(refused.stderr, en);
    }
    const after = PlanStore.open(plan);
    try {
      assert.equal(after.history(1000).length, logged, 'a refused value logs nothing');
    } finally {
      after.close();
    }
  });

  test('a wrong date or a sheet with nothing to supervise changes nothing and says why; usage errors exit 2', async () => {
    const badDate = await runPlanbench(['progress', plan, '--sheet', '重点任务', '--as-of', '明天']);
    assert.equal(badDate.code, 1);
    assert.match(badDate.stderr, /“明天”不是日期/);
    const plain = await runPlanbench(['progress', plan, '--sheet', '普通表']);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /没有可督查的列/);
    assert.match(plain.stderr, /cannot be supervised/);
    const noSheet = await runPlanbench(['progress', plan]);
    assert.equal(noSheet.code, 2);
  });
});
