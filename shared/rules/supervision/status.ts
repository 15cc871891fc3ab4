import type { Dec } from '../../values/exactDecimal';
import { cmp, dec, divide, multiply, sub, toFixedText } from '../../values/exactDecimal';
import type { SupervisionThresholds } from './thresholds';
import { checkThresholds, DEFAULT_THRESHOLDS } from './thresholds';

/**
 * 督查督办's traffic light for one task or project as of a date: how far its reported completion
 * lags behind the share of its time already gone (序时进度). One common rule of supervision
 * offices, with the plan's own thresholds: 滞后 when progress is `behind` or more percentage points
 * behind the time elapsed, 严重滞后 beyond `seriouslyBehind`, 逾期 past the deadline and not done.
 * All arithmetic is exact: time is whole days, progress a ratio of exact decimals (完成率 / 100, or
 * 完成投资 / 投资匡算), and a comparison is made by cross-multiplying, never on a rounded figure.
 */

export const SUPERVISION_STATUSES = [
  'done',
  'on_track',
  'behind',
  'seriously_behind',
  'overdue',
  'not_reported',
  'no_deadline',
] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

export const SUPERVISION_STATUS_LABELS: Readonly<Record<SupervisionStatus, string>> = {
  done: '已完成',
  on_track: '按序时推进',
  behind: '滞后',
  seriously_behind: '严重滞后',
  overdue: '逾期',
  not_reported: '未报送',
  no_deadline: '无时限',
};

/**
 * Each status's colour where it is drawn as a bar or swatch (the 通报's chart, the dashboard):
 * greens, yellow, reds and greys as supervision offices mark them.
 */
export const SUPERVISION_STATUS_COLOURS: Readonly<Record<SupervisionStatus, string>> = {
  done: '#1b7f3b',
  on_track: '#5cb85c',
  behind: '#f0ad4e',
  seriously_behind: '#d9534f',
  overdue: '#8b1a1a',
  not_reported: '#9e9e9e',
  no_deadline: '#d0d0d0',
};

// The thresholds and their rules live in thresholds.ts; they are named here too for the status rule's users.
export type { SupervisionThresholds } from './thresholds';
export { DEFAULT_THRESHOLDS } from './thresholds';

/** Completion as a ratio: `done` of `of` (完成率 72.5 of 100; 完成投资 of 投资匡算); `of` > 0. */
export interface Progress {
  done: Dec;
  of: Dec;
}

export interface StatusInput {
  /** The date the status is for (ISO yyyy-mm-dd). */
  asOf: string;
  /** When the work started (ISO); the time elapsed is counted from it. */
  start: string;
  /** The deadline (ISO, the last day of the period it names), or null for none (长期坚持). */
  deadline: string | null;
  /** What was reported; null when nothing was (未报送). */
  progress: Progress | null;
}

export interface StatusReading {
  status: SupervisionStatus;
  /** Reported completion in percent, two decimals ("72.50"); null when not reported. */
  progressPercent: string | null;
  /** Share of the time elapsed in percent, two decimals; null without a deadline. */
  elapsedPercent: string | null;
}

const HUNDRED = dec(100);
const DAY_MS = 86_400_000;

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The time elapsed as a ratio of days, counting the deadline's own day as time to work. */
function elapsed(input: StatusInput & { deadline: string }): Progress {
  const total = Math.max(1, daysBetween(input.start, input.deadline) + 1);
  const gone = Math.min(total, Math.max(0, daysBetween(input.start, input.asOf) + 1));
  return { done: dec(gone), of: dec(total) };
}

function percent(ratio: Progress): string {
  return toFixedText(divide(multiply(ratio.done, HUNDRED), ratio.of, 6), 2);
}

/** Whether time − progress (in percentage points) is at least `points`; exact, by cross-multiplying. */
function lagsBy(time: Progress, progress: Progress, points: number, orMore: boolean): boolean {
  // (t.done / t.of − p.done / p.of) × 100 ≥ points  ⇔  (t.done·p.of − p.done·t.of) × 100 ≥ points·t.of·p.of
  const lag = multiply(sub(multiply(time.done, progress.of), multiply(progress.done, time.of)), HUNDRED);
  const bound = multiply(multiply(dec(points), time.of), progress.of);
  const order = cmp(lag, bound);
  return orMore ? order >= 0 : order > 0;
}

/** The status of one row as of a date (see the module comment for the rule). */
export function supervisionStatus(
  input: StatusInput,
  thresholds: SupervisionThresholds = DEFAULT_THRESHOLDS,
): StatusReading {
  const { progress, deadline } = input;
  const progressPercent = progress ? percent(progress) : null;
  const reading = (status: SupervisionStatus, elapsedPercent: string | null = null): StatusReading => ({
    status,
    progressPercent,
    elapsedPercent,
  });
  if (progress && cmp(progress.done, progress.of) >= 0) {
    return reading('done', deadline === null ? null : percent(elapsed({ ...input, deadline })));
  }
  if (deadline === null) return reading('no_deadline');
  const time = elapsed({ ...input, deadline });
  const timePercent = percent(time);
  if (input.asOf > deadline) return reading('overdue', timePercent);
  if (!progress) return reading('not_reported', timePercent);
  if (lagsBy(time, progress, thresholds.seriouslyBehind, false)) return reading('seriously_behind', timePercent);
  if (lagsBy(time, progress, thresholds.behind, true)) return reading('behind', timePercent);
  return reading('on_track', timePercent);
}

/** Counts of each status, every status present (0 when none). */
export function countStatuses(statuses: Iterable<SupervisionStatus>): Record<SupervisionStatus, number> {
  const counts = Object.fromEntries(SUPERVISION_STATUSES.map((status) => [status, 0])) as Record<
    SupervisionStatus,
    number
  >;
  for (const status of statuses) counts[status]++;
  return counts;
}

/** Thresholds as a plan may store them, checked as a user's are (thresholds.ts): null when not valid. */
export function validThresholds(value: unknown): SupervisionThresholds | null {
  if (typeof value !== 'object' || value === null) return null;
  const { behind, seriouslyBehind } = value as Record<string, unknown>;
  if (typeof behind !== 'number' || typeof seriouslyBehind !== 'number') return null;
  const reading = checkThresholds(behind, seriouslyBehind);
  return reading.ok ? reading.thresholds : null;
}
