import type { Actor } from './actor';
import type { CellValue } from '../../../shared/values/cells';
import type { ColumnRole, ColumnSettings, ColumnType, SheetKind } from '../../../shared/model/columns';

/** The types of PlanStore's public methods (re-exported by planStore.ts, where callers find them). */

/** Where a change came from, as the change log records it. */
export type ActionSource = 'user' | 'paste' | 'fill' | 'import' | 'merge' | 'system' | 'undo' | 'redo';

export interface ActionOrigin {
  source: ActionSource;
  /** e.g. the imported file's name, or the department a return came from. */
  detail?: string;
  label?: string;
  /** Who acts, when not the call being run (the import writer thread is told its caller). */
  actor?: Actor;
}

export interface ColumnInit {
  key: string;
  name: string;
  type: ColumnType;
  role?: ColumnRole | null;
  width?: number | null;
  hidden?: boolean;
  settings?: ColumnSettings;
}

export interface SheetInit {
  name: string;
  kind: SheetKind;
  description?: string;
  columns: ColumnInit[];
}

export interface RowInit {
  /** Cell texts by column key; parsed by the column's type like typed input. */
  cells: Record<string, string>;
  /** Index (in this batch) of the row this one sits under, e.g. a sub-indicator's indicator. */
  parentIndex?: number;
}

/**
 * Rows of cells their caller has already read the way parseCellInput reads typed text (an
 * import's preview does): the texts to keep and, for money, number, percent and year columns,
 * their numbers (bigint 分 for money); unit links are still resolved here, from the text. Flat:
 * row r's cell for column c is at r × width + c, where the width is the number of column keys
 * given alongside — flat arrays cost no object per cell and cross to a worker thread cheaply.
 */
export interface ParsedRowBatch {
  /** Cell texts; '' leaves the cell empty. */
  texts: readonly string[];
  /** The cells' numbers, aligned with texts (bigint 分 for money; null when none). */
  nums: readonly (bigint | number | null)[];
  /** Per row: the index (in this batch) of the earlier row it sits under, or null. */
  parentIndexes?: readonly (number | null)[];
  /** Per row: the id of a row already in the sheet it sits under (e.g. from an earlier batch of the same import), or null. */
  parentRowIds?: readonly (number | null)[];
}

/** One cell to set from text. */
export interface CellEdit {
  rowId: number;
  columnKey: string;
  text: string;
}

/** A cell a batch could not read, with where it is and why (Chinese and English). */
export interface RejectedCell {
  rowId: number;
  /** 1-based row number as the user counts rows in the sheet. */
  row: number;
  columnKey: string;
  column: string;
  text: string;
  reasonZh: string;
  reasonEn: string;
}

export interface CellUpdateResult {
  /** The logged action, or null when nothing changed. */
  actionId: number | null;
  applied: { rowId: number; columnKey: string; cell: CellValue }[];
  rejected: RejectedCell[];
}

export interface UndoCandidate {
  actionId: number;
  label: string;
  at: string;
}

export interface UndoOutcome {
  /** The action undone or redone. */
  actionId: number;
  label: string;
  /** Sheets whose rows changed, for the UI to refresh. */
  sheetIds: number[];
}

export interface ColumnLayout {
  key: string;
  width?: number | null;
  hidden?: boolean;
  position?: number;
}

/** Where new rows go. */
export type RowPlace =
  { at: 'end'; parentId?: number | null } | { at: 'before' | 'after'; rowId: number; parentId?: number | null };

export interface DepartmentInit {
  name: string;
  shortName?: string;
  kind?: string;
  notes?: string;
  aliases?: string[];
}

export interface DeclaredCheckInit {
  sheetId: number | null;
  kind: string;
  label: string;
  spec: Record<string, unknown>;
  source?: string;
}
