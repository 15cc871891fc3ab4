import { z } from 'zod';
import { CellValue } from '../../values/cells';
import { MONEY_UNITS } from '../../values/money';
import { call, Empty, Id } from '../define';
import { MadeFile, SaveTo } from '../files';

/**
 * Going back: a cell's history from the change log (who changed it, when, old → new) and
 * restoring an earlier value; named versions of the whole plan, comparing two of them (or one
 * with now) and restoring the plan to one. Money in comparisons is exact decimal text in the
 * column's unit.
 */

const ColumnKey = z.string().min(1).max(200);

/** Who made a change (shared/rules/actors.ts). */
export const ActorInfo = z
  .object({
    zh: z.string(),
    en: z.string(),
    file: z.string().nullable(),
    department: z.string().nullable(),
  })
  .strict();

export const CellHistoryEntry = z
  .object({
    changeId: Id,
    actionId: Id,
    at: z.string(),
    source: z.string(),
    label: z.string(),
    who: ActorInfo,
    /** 'undone': a later undo reversed this step (the undo is listed as a step of its own). */
    state: z.enum(['done', 'undone']),
    event: z.enum(['edit', 'rowAdded', 'rowRemoved']),
    /** The cell's text before and after; null where the row did not exist. */
    before: z.string().nullable(),
    after: z.string().nullable(),
  })
  .strict();
export type CellHistoryEntry = z.infer<typeof CellHistoryEntry>;

export const VersionInfo = z
  .object({
    id: Id,
    name: z.string(),
    note: z.string(),
    at: z.string(),
    /** The newest action in the change log when the version was saved. */
    actionId: z.number().int().min(0),
    /** Size of the stored version in the plan file, compressed. */
    bytes: z.number().int(),
  })
  .strict();
export type VersionInfo = z.infer<typeof VersionInfo>;

const MoneyUnit = z.enum(MONEY_UNITS);

export const CellDifference = z
  .object({
    rowId: Id,
    seq: z.string(),
    /** The row's 序号 and name. */
    label: z.string(),
    columnKey: z.string(),
    columnName: z.string(),
    before: z.string(),
    after: z.string(),
    /** Money: after − before, exact, in `unit` (an empty or unknown side counts as 0). */
    difference: z.string().nullable(),
    unit: MoneyUnit.nullable(),
  })
  .strict();
export type CellDifference = z.infer<typeof CellDifference>;

export const RowDifference = z
  .object({
    rowId: Id,
    seq: z.string(),
    label: z.string(),
    /** Its non-empty cells' texts by column key. */
    cells: z.record(z.string(), z.string()),
  })
  .strict();
export type RowDifference = z.infer<typeof RowDifference>;

export const CategoryDifference = z
  .object({
    category: z.string(),
    countBefore: z.number().int(),
    countAfter: z.number().int(),
    /** Exact totals of the sheet's first money column, in its unit. */
    sumBefore: z.string().nullable(),
    sumAfter: z.string().nullable(),
    difference: z.string().nullable(),
  })
  .strict();
export type CategoryDifference = z.infer<typeof CategoryDifference>;

export const TotalDifference = z
  .object({
    columnKey: z.string(),
    columnName: z.string(),
    unit: MoneyUnit.nullable(),
    sumBefore: z.string().nullable(),
    sumAfter: z.string().nullable(),
    difference: z.string().nullable(),
  })
  .strict();
export type TotalDifference = z.infer<typeof TotalDifference>;

export const SheetComparison = z
  .object({
    sheetId: Id,
    name: z.string(),
    /** The sheet's name before, when it was renamed. */
    nameBefore: z.string().nullable(),
    status: z.enum(['kept', 'added', 'deleted']),
    columns: z.array(z.object({ key: z.string(), name: z.string() }).strict()),
    cells: z.array(CellDifference),
    addedRows: z.array(RowDifference),
    deletedRows: z.array(RowDifference),
    categories: z.array(CategoryDifference),
    totals: z.array(TotalDifference),
  })
  .strict();
export type SheetComparison = z.infer<typeof SheetComparison>;

export const VersionComparison = z
  .object({
    from: VersionInfo,
    /** null: the plan as it is now. */
    to: VersionInfo.nullable(),
    /** Only the sheets where something changed. */
    sheets: z.array(SheetComparison),
  })
  .strict();
export type VersionComparison = z.infer<typeof VersionComparison>;

const VersionName = z.string().trim().min(1).max(100);
/** A version by its name, or its id. */
const VersionRef = z.union([VersionName, Id]);

export const versionsCalls = {
  'cell.history': call(
    z.object({ sheetId: Id, rowId: Id, columnKey: ColumnKey }).strict(),
    z.object({ current: z.string(), entries: z.array(CellHistoryEntry) }).strict(),
    'Every change of one cell, oldest first: when, who (the user, the imported file, the department and its returned file), old → new.',
  ),
  'cell.restore': call(
    z.object({ sheetId: Id, rowId: Id, columnKey: ColumnKey, changeId: Id }).strict(),
    z.object({ actionId: Id.nullable(), cell: CellValue }).strict(),
    'Set a cell back to the text it had after one step of its history, as a new undoable action.',
  ),
  'versions.list': call(
    Empty,
    z.object({ versions: z.array(VersionInfo) }).strict(),
    'Every saved version, oldest first.',
  ),
  'versions.save': call(
    z.object({ name: VersionName, note: z.string().max(2000).default('') }).strict(),
    z.object({ version: VersionInfo }).strict(),
    "Save the plan's current state as a named version (初稿, 征求意见稿…).",
  ),
  'versions.compare': call(
    z.object({ from: VersionRef, to: VersionRef.optional() }).strict(),
    VersionComparison,
    'What changed from one version to another, or to now: cells (old → new, money exact), rows added and deleted, totals by category.',
  ),
  'versions.compareFile': call(
    z
      .object({
        from: VersionRef,
        to: VersionRef.optional(),
        format: z.enum(['xlsx', 'pdf']),
        /** The file to write (the CLI); absent: offered as a download. */
        saveTo: SaveTo.optional(),
      })
      .strict(),
    MadeFile.extend({ lines: z.number().int(), pages: z.number().int().nullable() }).strict(),
    'The comparison as a 修改对照表 (before | after, changes marked): an .xlsx, or a PDF through the print engine.',
  ),
  'versions.restore': call(
    z.object({ version: VersionRef }).strict(),
    z
      .object({
        actionId: Id.nullable(),
        cells: z.number().int(),
        rowsRestored: z.number().int(),
        rowsRemoved: z.number().int(),
        /** What a restore does not bring back (sheets added or removed since), in Chinese and English. */
        notRestored: z.array(z.object({ zh: z.string(), en: z.string() }).strict()),
      })
      .strict(),
    'Bring every sheet back to a version (cells, rows, their order, sheet names) as one undoable action.',
  ),
} as const;
