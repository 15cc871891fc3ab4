import type { CellValue } from '../values/cells';
import type { ColumnDef, SheetKind } from './columns';

/**
 * The change log's vocabulary: every kind of change a plan's log records, each with the exact
 * shape of its before/after payloads (null: the row, column, sheet or cell does not exist on
 * that side). The store writes changes in these shapes and reads them back typed; undo and redo
 * apply them through one table of appliers (electron/core/store/changeAppliers.ts), and the checks'
 * snapshot learns what each one touches from SNAPSHOT_EFFECTS below, so no one interprets the
 * kind strings a second time. The stored JSON is exactly these payloads, as it always was.
 */

/** A sheet as the change log keeps it: its place, its columns with their ids. */
export interface SavedSheet {
  id: number | null;
  name: string;
  kind: SheetKind;
  position: number;
  description: string;
  columns: (Omit<ColumnDef, 'id'> & { id: number | null })[];
}

/** A row as the change log keeps it, to restore it on undo or redo: its place and cell texts. */
export interface SavedRow {
  parentId: number | null;
  position: number;
  cells: Record<string, string>;
}

/**
 * Many rows in one change (kind 'rowsInsert'): rows with the consecutive ids first, first + 1,
 * …, each as [parentId, position, …texts by `columns`] with null for an empty cell. One record
 * per chunk of an import instead of one JSON object per row keeps a 100,000-row import's log
 * compact, and still lets undo delete exactly those rows and redo restore them with their ids,
 * places and texts.
 */
export interface SavedRowBlock {
  columns: string[];
  first: number;
  rows: (string | number | null)[][];
}

/**
 * A plan setting the user chose (督查's thresholds), on both sides of its change: its scope, key
 * and value (null: not set, the default applies).
 */
export interface SavedSetting {
  scope: string;
  key: string;
  value: unknown;
}

/**
 * A comment (批注) as the change log keeps it: its text, who wrote it as people read it (the OS
 * user, or the department or file it came from) and when.
 */
export interface SavedComment {
  text: string;
  author: string;
  at: string;
}

/** Each kind of change and the payload its before and after hold. */
export interface ChangePayloads {
  /** One cell (row_id, column_id, column_key set): its value; null when empty. */
  cell: CellValue;
  /** One row added (before null) — or, in an undo's log, taken away again. */
  rowInsert: SavedRow;
  /** One row deleted (after null), with its sub-rows logged before it. */
  rowDelete: SavedRow;
  /** A block of rows appended by an import (row_id = the block's first id). */
  rowsInsert: SavedRowBlock;
  /** A row moved: its position before and after. */
  rowMove: { position: number };
  /** A column added (before null). */
  columnAdd: ColumnDef;
  /** A column renamed, re-typed or re-set. */
  columnUpdate: ColumnDef;
  sheetRename: { name: string };
  /** A sheet created inside an action (an import into a new sheet). */
  sheetCreate: SavedSheet;
  /**
   * A setting kept with a sheet that the sheet's figures follow (a factor allocation's total,
   * weights, rounding, floors and caps): column_key holds the setting's name, each side its value
   * (null: not set). Logged so that undo takes it back with the figures it produced.
   */
  sheetSetting: { value: unknown };
  /** A plan setting changed (sheet_id null): its value before and after. */
  setting: SavedSetting;
  /**
   * A comment on a cell (column_id, column_key set) or on a whole row (both null): added
   * (before null), edited, or deleted (after null) — also the comments a row deletion took.
   */
  comment: SavedComment;
  /** The plan's metadata (title, 发文机关, 文号, period…): the fields changed, before and after. */
  planMeta: Record<string, unknown>;
}

export type ChangeKind = keyof ChangePayloads;

/** Every kind, in the order the table below lists them (the API's enum of kinds). */
export const CHANGE_KINDS = [
  'cell',
  'rowInsert',
  'rowDelete',
  'rowsInsert',
  'rowMove',
  'columnAdd',
  'columnUpdate',
  'sheetRename',
  'sheetCreate',
  'sheetSetting',
  'setting',
  'comment',
  'planMeta',
] as const satisfies readonly ChangeKind[];

/** One logged change of kind K, where it is, and its two sides. */
export interface ChangeOf<K extends ChangeKind> {
  kind: K;
  sheetId: number | null;
  rowId: number | null;
  columnKey: string | null;
  before: ChangePayloads[K] | null;
  after: ChangePayloads[K] | null;
}

/** Any logged change: a union discriminated by `kind`. */
export type Change = { [K in ChangeKind]: ChangeOf<K> }[ChangeKind];

/** A logged action with its typed changes (the API's ActionRecord, typed). */
export interface LoggedAction {
  id: number;
  at: string;
  source: string;
  detail: string;
  label: string;
  state: 'done' | 'undone';
  /** The person who did it ('' before the log named them). */
  author: string;
  /** The window or program it came from ('' before the log named them). */
  client: string;
  changes: Change[];
}

export function isChangeKind(kind: string): kind is ChangeKind {
  return Object.hasOwn(SNAPSHOT_EFFECTS, kind);
}

/**
 * What a change means for an in-memory copy of the plan's rows: a cell's new text, a row added
 * or removed, or "re-read the sheet" (or every sheet) when the copy cannot follow it row by row.
 */
export type SnapshotEffect =
  | { touches: 'plan' }
  | { touches: 'nothing' }
  | { touches: 'sheet'; sheetId: number }
  | { touches: 'cell'; sheetId: number; rowId: number; columnKey: string; text: string }
  | { touches: 'rowAdded' | 'rowRemoved'; sheetId: number; rowId: number };

type Located<K extends ChangeKind> = ChangeOf<K> & { sheetId: number };

/** A row added or removed, when the change names its row; else the sheet is re-read. */
function rowEffect(change: Located<'rowInsert' | 'rowDelete'>): SnapshotEffect {
  if (change.rowId === null) return { touches: 'sheet', sheetId: change.sheetId };
  return { touches: change.after === null ? 'rowRemoved' : 'rowAdded', sheetId: change.sheetId, rowId: change.rowId };
}

const rereadSheet = (change: { sheetId: number }): SnapshotEffect => ({ touches: 'sheet', sheetId: change.sheetId });

/**
 * For each kind, what it means for a snapshot (the compiler sees that every kind is here).
 * Moves, blocks of rows and column or sheet changes re-read the sheet: its order or meaning
 * changed as a whole.
 */
const SNAPSHOT_EFFECTS: { [K in ChangeKind]: (change: Located<K>) => SnapshotEffect } = {
  cell: (change) =>
    change.rowId === null || change.columnKey === null
      ? rereadSheet(change)
      : {
          touches: 'cell',
          sheetId: change.sheetId,
          rowId: change.rowId,
          columnKey: change.columnKey,
          text: change.after?.text ?? '',
        },
  rowInsert: rowEffect,
  rowDelete: rowEffect,
  rowsInsert: rereadSheet,
  rowMove: rereadSheet,
  columnAdd: rereadSheet,
  columnUpdate: rereadSheet,
  sheetRename: rereadSheet,
  sheetCreate: rereadSheet,
  sheetSetting: rereadSheet,
  // A setting has no sheet (snapshotEffect answers 'plan' before it gets here); its rows are as they were.
  setting: rereadSheet,
  // A comment is no figure: the rows' texts are as they were.
  comment: () => ({ touches: 'nothing' }),
  // Logged with no sheet, so snapshotEffect answers 'plan' before reaching here.
  planMeta: rereadSheet,
};

/** What one logged change means for a snapshot of the plan; a change of no sheet re-reads all. */
export function snapshotEffect(change: Change): SnapshotEffect {
  if (change.sheetId === null) return { touches: 'plan' };
  const effect = SNAPSHOT_EFFECTS[change.kind] as (change: Located<ChangeKind>) => SnapshotEffect;
  return effect(change as Located<ChangeKind>);
}

/**
 * What a change means for a front end's picture of the plan (the change envelope a write returns,
 * electron/core/api/changes.ts): a cell's value before and after, or "this sheet's rows, columns,
 * or the sheet itself changed" — so the envelope, like undo, redo and the snapshot, reads the
 * kinds from a table here (the compiler sees every kind in it).
 */
export type ViewEffect =
  | { sheetId: null; effect: 'plan' }
  | {
      sheetId: number;
      effect: 'cell';
      rowId: number;
      columnKey: string;
      before: CellValue | null;
      after: CellValue | null;
    }
  | { sheetId: number; effect: 'rows' | 'columns' | 'sheet' | 'comments' };

const rowsOf = (change: { sheetId: number }): ViewEffect => ({ sheetId: change.sheetId, effect: 'rows' });
const columnsOf = (change: { sheetId: number }): ViewEffect => ({ sheetId: change.sheetId, effect: 'columns' });
const sheetOf = (change: { sheetId: number }): ViewEffect => ({ sheetId: change.sheetId, effect: 'sheet' });

const VIEW_EFFECTS: { [K in ChangeKind]: (change: Located<K>) => ViewEffect } = {
  cell: (change) =>
    change.rowId === null || change.columnKey === null
      ? rowsOf(change)
      : {
          sheetId: change.sheetId,
          effect: 'cell',
          rowId: change.rowId,
          columnKey: change.columnKey,
          before: change.before,
          after: change.after,
        },
  rowInsert: rowsOf,
  rowDelete: rowsOf,
  rowsInsert: rowsOf,
  rowMove: rowsOf,
  columnAdd: columnsOf,
  columnUpdate: columnsOf,
  sheetRename: sheetOf,
  // A sheet made (an import into a new sheet), or its making undone.
  sheetCreate: sheetOf,
  // The sheet's setup changed: a window shows it with the columns (the panels read it again).
  sheetSetting: columnsOf,
  // Logged with no sheet: viewEffect answers 'plan' before it gets here.
  setting: sheetOf,
  comment: (change) => ({ sheetId: change.sheetId, effect: 'comments' }),
  // Logged with no sheet, so viewEffect answers 'plan' before reaching here.
  planMeta: sheetOf,
};

/** What one logged change means for a front end's picture of the plan; a change of no sheet is the whole plan. */
export function viewEffect(change: Change): ViewEffect {
  if (change.sheetId === null) return { sheetId: null, effect: 'plan' };
  const effect = VIEW_EFFECTS[change.kind] as (change: Located<ChangeKind>) => ViewEffect;
  return effect(change as Located<ChangeKind>);
}
