import { z } from 'zod';
import { SUPERVISION_STATUSES } from '../../rules/supervision/status';
import { call, Id } from '../define';
import { MadeFile, SaveTo } from '../files';
import { SendOutInput, SendOutResult } from './exchange';

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
    (value) => value.behind < value.seriouslyBehind,
    '滞后阈值须小于严重滞后阈值 / behind must be below seriouslyBehind',
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
    /** For a round: the completion reported in the round before it (null: none), and its status then. */
    previousProgress: z.string().nullable(),
    previousStatus: SupervisionStatus.nullable(),
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
    /** The round whose figures these are, and the round before it (null: the plan as it stands). */
    round: z.string().nullable(),
    previousRound: z.string().nullable(),
    rows: z.array(ProgressRow),
    counts: StatusCounts,
  })
  .strict();
export type SheetProgress = z.infer<typeof SheetProgress>;

export const Round = z
  .object({
    id: Id,
    sheetId: Id,
    name: z.string(),
    /** The date its figures are for: the end of the period its name says (2025年第3季度 → 2025-09-30). */
    asOf: IsoDate,
    /** 报送截止: departments report by this date; after it, one who has not is late. */
    due: IsoDate,
    createdAt: z.string(),
    /** Its send-out, once made. */
    batchId: z.string().nullable(),
  })
  .strict();
export type Round = z.infer<typeof Round>;

export const RoundDepartment = z
  .object({
    department: z.string(),
    /** From the plan's unit list (its notes: whom to call). */
    contact: z.string(),
    rows: z.number().int(),
    returned: z.boolean(),
    lastReturnAt: z.string().nullable(),
    /** Not returned and the due date has passed. */
    late: z.boolean(),
    /** Its rows that are 逾期 or 严重滞后 in this round (its figures, or the last ones the plan has). */
    overdueRows: z.array(
      z.object({ seq: z.string(), title: z.string(), deadlineText: z.string(), status: SupervisionStatus }).strict(),
    ),
  })
  .strict();
export type RoundDepartment = z.infer<typeof RoundDepartment>;

export const RoundStatus = z.object({ round: Round, today: IsoDate, departments: z.array(RoundDepartment) }).strict();
export type RoundStatus = z.infer<typeof RoundStatus>;

/** One reporting round (or the plan as it stands, "当前") of a sheet, for the dashboard. */
export const TrendPoint = z
  .object({
    label: z.string(),
    asOf: IsoDate,
    counts: StatusCounts,
    /** Lead departments with most tasks first, each with its statuses. */
    byDepartment: z.array(z.object({ department: z.string(), counts: StatusCounts }).strict()),
    /** Projects: Σ完成投资 and Σ投资匡算 (exact, in `unit`) and their ratio in percent; null when not reported. */
    investment: z
      .object({ done: z.string(), budget: z.string(), unit: z.string(), percent: z.string().nullable() })
      .strict()
      .nullable(),
  })
  .strict();
export type TrendPoint = z.infer<typeof TrendPoint>;

export const SupervisionTrend = z
  .object({
    sheets: z.array(
      z.object({ sheetId: Id, sheetName: z.string(), kind: z.string(), points: z.array(TrendPoint) }).strict(),
    ),
  })
  .strict();
export type SupervisionTrend = z.infer<typeof SupervisionTrend>;

export const supervisionCalls = {
  'supervision.trend': call(
    z.object({ asOf: IsoDate.optional() }).strict(),
    SupervisionTrend,
    'For the dashboard: each supervised sheet with reporting rounds, its statuses by lead department per round and now, and for projects investment completion (完成投资 / 投资匡算) per round.',
  ),
  'supervision.report': call(
    z
      .object({
        sheetId: Id,
        /** The figures of this round (compared with the round before); else the plan as it stands. */
        roundId: Id.optional(),
        /** Omitted: the round's date, else today. */
        asOf: IsoDate.optional(),
        /** A PDF (the default) or a Word document with the same content. */
        format: z.enum(['pdf', 'docx']).optional(),
        /** The file to write (the CLI); absent: offered as a download. */
        saveTo: SaveTo.optional(),
      })
      .strict(),
    /** pages: the PDF's; null for Word, which lays its pages out itself. */
    MadeFile.extend({ pages: z.number().int().nullable() }).strict(),
    '督查通报 as a PDF or .docx (A4 portrait): counts by status and by lead department, a chart, overdue and seriously behind tasks, the change since the last round.',
  ),
  'rounds.open': call(
    z
      .object({
        sheetId: Id,
        name: z.string().trim().min(1).max(100),
        due: IsoDate,
        /** Omitted: read from the name ("2025年第3季度" → 2025-09-30). */
        asOf: IsoDate.optional(),
      })
      .strict(),
    Round,
    'Open a reporting round (报送轮次) of a sheet, with the date its figures are for and its due date.',
  ),
  'rounds.list': call(
    z.object({ sheetId: Id.optional() }).strict(),
    z.object({ rounds: z.array(Round) }).strict(),
    'The reporting rounds, earliest first.',
  ),
  'rounds.sendout': call(
    SendOutInput.omit({ sheetId: true, fill: true, dueDate: true }).extend({ roundId: Id }).strict(),
    SendOutResult,
    'The send-out for a round: each department’s rows with the latest figures filled in and the progress columns open.',
  ),
  'rounds.chaseList': call(
    z
      .object({
        roundId: Id,
        today: IsoDate.optional(),
        /** An .xlsx to pass on (the default), or a printable A4 page as PDF. */
        format: z.enum(['xlsx', 'pdf']).optional(),
        saveTo: SaveTo.optional(),
      })
      .strict(),
    MadeFile.extend({ rows: z.number().int(), pages: z.number().int().optional() }).strict(),
    '催报清单 of a round as .xlsx or a printable PDF: each late department, whom to call, and its overdue or seriously behind tasks.',
  ),
  'rounds.status': call(
    z.object({ roundId: Id, today: IsoDate.optional() }).strict(),
    RoundStatus,
    '回收情况 of a round: who has returned, who is late, and each late department’s overdue rows (催报).',
  ),
  'supervision.progress': call(
    z
      .object({
        sheetId: Id,
        /** Omitted: the round's as-of date, else today. */
        asOf: IsoDate.optional(),
        /** The figures reported for this round instead of the plan's current cells. */
        roundId: Id.optional(),
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
    'Set the plan’s thresholds for 滞后 and 严重滞后 (0 ≤ behind < seriouslyBehind ≤ 100), one undoable action.',
  ),
} as const;
