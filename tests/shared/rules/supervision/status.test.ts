import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColumnDef } from '../../../../shared/model/columns';
import { kindColumns } from '../../../../shared/model/sheetKinds';
import {
  defaultStart,
  isSupervisable,
  rowDeadline,
  rowStart,
  rowStatusInput,
  supervisionColumns,
} from '../../../../shared/rules/supervision/rowReading';
import type { StatusInput } from '../../../../shared/rules/supervision/status';
import {
  countStatuses,
  DEFAULT_THRESHOLDS,
  supervisionStatus,
  validThresholds,
} from '../../../../shared/rules/supervision/status';
import type { CellValue } from '../../../../shared/values/cells';
import { parseCellInput, toCellValue } from '../../../../shared/values/cells';
import { dec } from '../../../../shared/values/exactDecimal';

const rate = (percent: number) => ({ done: dec(percent), of: dec(100) });

// A task from 1 January to 31 December 2025 (365 days); on 2 July 183 days are gone: 50.14%.
const YEAR_TASK: StatusInput = { asOf: '2025-07-02', start: '2025-01-01', deadline: '2025-12-31', progress: null };

test('every status on hand-made rows, with the default thresholds (10 and 30 points)', () => {
  const status = (change: Partial<StatusInput>) => supervisionStatus({ ...YEAR_TASK, ...change }).status;
  assert.equal(status({ progress: rate(100) }), 'done');
  assert.equal(status({ progress: rate(45) }), 'on_track', '5 points behind');
  assert.equal(status({ progress: rate(35) }), 'behind', '15 points behind');
  assert.equal(status({ progress: rate(15) }), 'seriously_behind', '35 points behind');
  assert.equal(status({ progress: null }), 'not_reported');
  assert.equal(status({ deadline: null, progress: rate(20) }), 'no_deadline');
  assert.equal(status({ asOf: '2026-01-01', progress: rate(90) }), 'overdue');
  assert.equal(status({ asOf: '2026-01-01', progress: null }), 'overdue', 'past the deadline, nothing reported');
  // Done wins over a passed deadline and over no deadline at all.
  assert.equal(status({ asOf: '2026-03-01', progress: rate(100) }), 'done');
  assert.equal(status({ deadline: null, progress: rate(100) }), 'done');
  // The deadline's own day is still time to work.
  assert.equal(status({ asOf: '2025-12-31', progress: rate(95) }), 'on_track');
});

test('the bounds are exact: 10 points behind is 滞后, 30 is still 滞后, just over 30 is 严重滞后', () => {
  // 1–10 January 2025: on 5 January 5 of 10 days are gone, exactly 50%.
  const at = (progress: string) =>
    supervisionStatus({
      asOf: '2025-01-05',
      start: '2025-01-01',
      deadline: '2025-01-10',
      progress: { done: dec(progress), of: dec(100) },
    }).status;
  assert.equal(at('40.01'), 'on_track');
  assert.equal(at('40'), 'behind');
  assert.equal(at('20'), 'behind');
  assert.equal(at('19.99'), 'seriously_behind');
  const custom = supervisionStatus(
    { asOf: '2025-01-05', start: '2025-01-01', deadline: '2025-01-10', progress: rate(44) },
    { behind: 5, seriouslyBehind: 20 },
  );
  assert.equal(custom.status, 'behind', 'a plan’s own thresholds');
  assert.equal(custom.elapsedPercent, '50.00');
  assert.equal(custom.progressPercent, '44.00');
});

test('progress from 完成投资 over 投资匡算 is an exact ratio, not a rounded percentage', () => {
  // 1/3 of the time gone (3 of 9 days); 完成投资 2 of 9: 33.33… − 22.22… = 11.11… points behind.
  const input = { asOf: '2025-01-03', start: '2025-01-01', deadline: '2025-01-09' };
  const reading = supervisionStatus({ ...input, progress: { done: dec(2), of: dec(9) } });
  assert.equal(reading.status, 'behind');
  assert.equal(reading.progressPercent, '22.22');
  // 0.0000001 short of a third: a hair over 0 points behind, not 滞后 at 10 points.
  assert.equal(supervisionStatus({ ...input, progress: { done: dec('2.9999999'), of: dec(9) } }).status, 'on_track');
  // 完成投资 equal to 投资匡算 is done.
  assert.equal(supervisionStatus({ ...input, progress: { done: dec('1234.56'), of: dec('1234.56') } }).status, 'done');
});

test('deadlines as officials write them: month precision, several parts, no year, 长期坚持', () => {
  assert.deepEqual(rowDeadline('2025年6月底'), { kind: 'date', date: '2025-06-30' });
  assert.deepEqual(rowDeadline('2025年底前'), { kind: 'date', date: '2025-12-31' });
  assert.deepEqual(rowDeadline('2025年上半年'), { kind: 'date', date: '2025-06-30' });
  assert.deepEqual(rowDeadline('6月底前；年内', 2023), { kind: 'date', date: '2023-12-31' }, 'the latest part');
  assert.deepEqual(rowDeadline('3月底前；6月底前', 2023), { kind: 'date', date: '2023-06-30' });
  assert.deepEqual(rowDeadline('到2023年'), { kind: 'date', date: '2023-12-31' });
  assert.deepEqual(rowDeadline('6月1日起；年底前', 2023), { kind: 'date', date: '2023-12-31' });
  assert.deepEqual(rowDeadline('长期坚持'), { kind: 'none' });
  assert.deepEqual(rowDeadline('持续推进', 2023), { kind: 'none' });
  assert.deepEqual(rowDeadline('按进度推进'), { kind: 'none' });
  assert.deepEqual(rowDeadline('6月底前'), { kind: 'none' }, 'no year to place it in');
  assert.deepEqual(rowDeadline('', 2023), { kind: 'date', date: '2023-12-31' }, 'a work plan for 2023');
  assert.deepEqual(rowDeadline(''), { kind: 'none' });
  assert.equal(rowStart('2025年3月'), '2025-03-01');
  assert.equal(rowStart('2025年第三季度'), '2025-07-01');
  assert.equal(rowStart('2025年下半年'), '2025-07-01');
  assert.equal(rowStart('2025年'), '2025-01-01');
  assert.equal(rowStart('2025-03-15'), '2025-03-15');
  assert.equal(rowStart('尽快'), null);
});

function cellsOf(columns: readonly ColumnDef[], texts: Record<string, string>): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {};
  for (const [key, text] of Object.entries(texts)) {
    const column = columns.find((candidate) => candidate.key === key)!;
    const parsed = parseCellInput(column, text);
    assert.ok(parsed.ok, `${key}: ${text}`);
    cells[key] = toCellValue(column, parsed.cell);
  }
  return cells;
}

function defs(kind: 'tasks' | 'projects'): ColumnDef[] {
  return kindColumns(kind).map((column, position) => ({
    ...column,
    id: position + 1,
    position,
    width: null,
    hidden: false,
  }));
}

test('a task row: month-precision 完成时限, 开始时间, a missing 完成率', () => {
  const columns = defs('tasks');
  const found = supervisionColumns(columns);
  assert.ok(isSupervisable(found));
  const context = { asOf: '2025-04-30', defaultStart: defaultStart(found, 2021, '2025-04-30') };
  assert.equal(context.defaultStart, '2021-01-01', 'the plan’s first year when the row gives no start');
  const status = (texts: Record<string, string>) =>
    supervisionStatus(rowStatusInput(found, cellsOf(columns, texts), context), DEFAULT_THRESHOLDS).status;
  // 1 January – 30 June 2025: on 30 April 120 of 181 days are gone (66.3%).
  assert.equal(status({ start: '2025年1月', deadline: '2025年6月底', rate: '60' }), 'on_track');
  assert.equal(status({ start: '2025年1月', deadline: '2025年6月底', rate: '50%' }), 'behind');
  assert.equal(status({ start: '2025年1月', deadline: '2025年6月底', rate: '30' }), 'seriously_behind');
  assert.equal(status({ start: '2025年1月', deadline: '2025年6月底' }), 'not_reported');
  assert.equal(status({ start: '2025年1月', deadline: '2025年3月', rate: '80' }), 'overdue');
  assert.equal(status({ deadline: '长期坚持', rate: '10' }), 'no_deadline');
  // Without a start, time counts from 2021: by April 2025 almost all of it is gone.
  assert.equal(status({ deadline: '2025年6月底', rate: '60' }), 'seriously_behind');
});

test('a project row: 完成投资 over 投资匡算 in their units, time from 建设起止年限', () => {
  const columns = defs('projects');
  const found = supervisionColumns(columns);
  assert.ok(isSupervisable(found));
  const context = { asOf: '2024-12-31', defaultStart: '2021-01-01' };
  const input = rowStatusInput(
    found,
    cellsOf(columns, { period: '2023-2026', investment: '1.2亿', doneInvestment: '3000' }),
    context,
  );
  assert.equal(input.start, '2023-01-01');
  assert.equal(input.deadline, '2026-12-31');
  const reading = supervisionStatus(input);
  // Two of four years gone (50.03%), 3000 万元 of 12000 万元 done (25%).
  assert.equal(reading.progressPercent, '25.00');
  assert.equal(reading.status, 'behind');
  assert.equal(
    supervisionStatus(
      rowStatusInput(
        found,
        cellsOf(columns, { period: '2023-2026', investment: '/', doneInvestment: '3000' }),
        context,
      ),
    ).status,
    'not_reported',
    'no ratio without a known 投资匡算',
  );
});

test('a sheet without roles is read by its headers; thresholds are checked; counts cover every status', () => {
  const plain = ['工作任务', '完成时间', '完成率', '进展情况', '开始时间'].map((name, id) => ({
    key: `c${id}`,
    name,
    type: name === '完成率' ? ('percent' as const) : ('text' as const),
    role: null,
    settings: {},
  }));
  const found = supervisionColumns(plain);
  assert.deepEqual(
    [found.deadline?.name, found.rate?.name, found.note?.name, found.start?.name],
    ['完成时间', '完成率', '进展情况', '开始时间'],
  );
  assert.equal(isSupervisable(supervisionColumns(plain.slice(0, 1))), false);
  assert.deepEqual(validThresholds({ behind: 5, seriouslyBehind: 20 }), { behind: 5, seriouslyBehind: 20 });
  assert.equal(validThresholds({ behind: 40, seriouslyBehind: 20 }), null);
  assert.equal(validThresholds({ behind: '10', seriouslyBehind: 30 }), null);
  const counts = countStatuses(['done', 'done', 'overdue']);
  assert.equal(counts.done, 2);
  assert.equal(counts.overdue, 1);
  assert.equal(counts.no_deadline, 0);
});
