import { z } from 'zod';
import { SUPERVISION_STATUSES } from '../../rules/supervision/status';
import { call, Id } from '../define';

/**
 * Supervision (督查督办): each task's or project's status as of a date — from the time elapsed
 * between its start and deadline against its reported completion — and the plan's thresholds.
 */

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date, yyyy-mm-dd');

export const SupervisionStatus = z.enum(SUPERVISION_STATUSES);

export const Thresholds = z
  .object({
    /** Percentage points behind the time elapsed from which a row is 滞后. */
    behind: z.number().min(0).max(100),
    /** Percentage points behind beyond which a row is 严重滞后. */
    seriouslyBehind: z.number().min(0).max(100),
  })
  .strict()
  .refine(
    (value) => value.behind <= value.seriouslyBehind,
    '滞后阈值不能大于严重滞后阈值 / behind must not exceed seriouslyBehind',
  );
export type Thresholds = z.infer<typeof Thresholds>;

export const ProgressRow = z
  .object({
    rowId: Id,
    parentId: Id.nullable(),
    seq: z.string(),
    title: z.string(),
    /** The lead (or responsible) units, canonical names, lead first. */
    departments: z.array(z.string()),
    /** 完成时限 as written, and the date it means (null: none). */
    deadlineText: z.string(),
    deadline: IsoDate.nullable(),
    start: IsoDate,
    /** Reported completion and time elapsed in percent, two decimals; null when unknown. */
    progress: z.string().nullable(),
    elapsed: z.string().nullable(),
    /** 进展情况 as reported. */
    note: z.string(),
    status: SupervisionStatus,
  })
  .strict();
export type ProgressRow = z.infer<typeof ProgressRow>;

export const StatusCounts = z.record(SupervisionStatus, z.number().int());
export type StatusCounts = z.infer<typeof StatusCounts>;

export const SheetProgress = z
  .object({
    sheetId: Id,
    sheetName: z.string(),
    asOf: IsoDate,
    thresholds: Thresholds,
    /** Keys of the columns the statuses are read from (null: the sheet has none). */
    columns: z
      .object({
        start: z.string().nullable(),
        deadline: z.string().nullable(),
        rate: z.string().nullable(),
        doneInvestment: z.string().nullable(),
        budget: z.string().nullable(),
        note: z.string().nullable(),
      })
      .strict(),
    rows: z.array(ProgressRow),
    counts: StatusCounts,
  })
  .strict();
export type SheetProgress = z.infer<typeof SheetProgress>;

export const supervisionCalls = {
  'supervision.progress': call(
    z
      .object({
        sheetId: Id,
        /** Omitted: today. */
        asOf: IsoDate.optional(),
      })
      .strict(),
    SheetProgress,
    'Each row’s supervision status (已完成/按序时推进/滞后/严重滞后/逾期/未报送/无时限) as of a date, and the counts.',
  ),
  'supervision.thresholds.get': call(
    z.object({}).strict(),
    z.object({ thresholds: Thresholds }).strict(),
    'The plan’s thresholds for 滞后 and 严重滞后 (defaults 10 and 30 percentage points).',
  ),
  'supervision.thresholds.set': call(
    z.object({ thresholds: Thresholds }).strict(),
    z.object({ thresholds: Thresholds }).strict(),
    'Set the plan’s thresholds for 滞后 and 严重滞后.',
  ),
} as const;
