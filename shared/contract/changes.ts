import { z } from 'zod';
import { CellValue } from '../values/cells';
import { ColumnDef } from '../model/columns';
import { CheckResult, CheckSummary } from './calls/checks';
import { ColumnTotal, PlanMeta, SheetInfo } from './calls/core';
import { UndoCandidate } from './calls/editing';
import { Id } from './define';

/**
 * What a call that writes the plan changed, sent beside its result ({ ok, result, changes }) so a
 * front end can bring its picture of the plan up to date without asking again. Self-contained:
 * whatever it says changed comes with its new state, except a sheet's rows when they were added,
 * removed or reordered (rowsChanged: read that sheet's rows again with sheet.rows). Issue 15's
 * live updates push the same envelope to every other window on the plan.
 */

/** One action the call made in the change log (undo and redo are actions too). */
export const ChangedAction = z
  .object({
    id: Id,
    source: z.string(),
    detail: z.string(),
    label: z.string(),
    /** Who did it and through which window or program: another window names them, and knows its own. */
    author: z.string(),
    client: z.string(),
  })
  .strict();
export type ChangedAction = z.infer<typeof ChangedAction>;

/** A cell's new value; an emptied cell has text ''. */
export const ChangedCell = z.object({ rowId: Id, columnKey: z.string(), cell: CellValue }).strict();
export type ChangedCell = z.infer<typeof ChangedCell>;

export const SheetChanges = z
  .object({
    sheetId: Id,
    /** The sheet no longer exists (its creation was undone). */
    removed: z.boolean(),
    /** The sheet's columns after the call when they changed (added, renamed, retyped, laid out); null: unchanged. */
    columns: z.array(ColumnDef).nullable(),
    /** Rows were added, removed or reordered: the sheet's rows are to be read again (sheet.rows). */
    rowsChanged: z.boolean(),
    /** Comments (批注) were added, edited or deleted in the sheet: read them again with comments.list. */
    commentsChanged: z.boolean(),
    /** The cells whose value changed, when the rows did not (rowsChanged false); each cell at most once. */
    cells: z.array(ChangedCell),
    /** The sheet's exact totals after the call when they may have changed; null: unchanged. */
    totals: z.array(ColumnTotal).nullable(),
  })
  .strict();
export type SheetChanges = z.infer<typeof SheetChanges>;

export const ChecksChanges = z
  .object({
    /** The call may have changed what the checks find. */
    changed: z.boolean(),
    /**
     * The checks after the call, when they were run with it (the plan's checks had already been
     * run once, so a run replays only this call's changes); null: not run — checks.run tells.
     */
    summary: CheckSummary.nullable(),
    results: z.array(CheckResult).nullable(),
    /**
     * The checks after the call come in a second part of the same answer (see LATE_CHECKS_HEADER):
     * a front end waits for them rather than asking.
     */
    following: z.boolean(),
  })
  .strict();
export type ChecksChanges = z.infer<typeof ChecksChanges>;

export { LATE_CHECKS_HEADER } from './lateChecksHeader';

/** The second part of a two-part answer. */
export const LateChecks = z.object({ checks: ChecksChanges }).strict();
export type LateChecks = z.infer<typeof LateChecks>;

export const ChangeEnvelope = z
  .object({
    /** The actions the call logged, oldest first (none for a write the change log does not hold, e.g. a column layout). */
    actions: z.array(ChangedAction),
    /** Per sheet touched, what changed in it. */
    sheets: z.array(SheetChanges),
    /** The plan's sheets after the call when a sheet was added, removed, renamed or its row count changed; null: unchanged. */
    sheetList: z.array(SheetInfo).nullable(),
    /** The plan's details (title, 发文机关, 文号…) after the call when a change of the whole plan may have changed them; null: unchanged. */
    meta: PlanMeta.nullable(),
    checks: ChecksChanges,
    /** What undo and redo would do now. */
    undo: z.object({ undo: UndoCandidate.nullable(), redo: UndoCandidate.nullable() }).strict(),
    /**
     * The plan was opened again — another computer that held it let it go, and it may now be
     * written here: a window reads it afresh (plan.get says whether it is read-only).
     */
    reopened: z.boolean().optional(),
  })
  .strict();
export type ChangeEnvelope = z.infer<typeof ChangeEnvelope>;
