import type { SavedRow, SavedRowBlock } from '../../../shared/model/changes';
import type { StoreCore } from './storeCore';
import { notFound } from './storeCore';

/**
 * The history of one cell, read from the change log: every action that set its text — an edit,
 * a paste, an import's update or appended block, a department's return, an undo or redo — and
 * the row's insertions and deletions, which carry its text with them. Found through the
 * changes_by_cell and changes_row_blocks indexes (schema migration 5), so it answers at once
 * however long the log is.
 */

/** One step of a cell's history: which change, in which action, and its text before and after. */
export interface CellHistoryStep {
  changeId: number;
  actionId: number;
  at: string;
  source: string;
  detail: string;
  label: string;
  /** 'undone' when a later undo reversed the action (that undo is a step of its own). */
  state: 'done' | 'undone';
  /** The person who did it (the OS user; '' in actions logged before the log named them). */
  author: string;
  /** What the step did to the cell: set it, or brought the row in or took it away. */
  event: 'edit' | 'rowAdded' | 'rowRemoved';
  /** The cell's text before and after the step; null when the row did not exist on that side. */
  before: string | null;
  after: string | null;
}

interface StepRow {
  id: number;
  action_id: number;
  kind: string;
  row_id: number;
  before: string | null;
  after: string | null;
  at: string;
  source: string;
  detail: string;
  label: string;
  state: 'done' | 'undone';
  author: string;
}

const ACTION_COLUMNS =
  'c.id, c.action_id, c.kind, c.row_id, c.before, c.after, a.at, a.source, a.detail, a.label, a.state, a.author';

/** The cell's text on one side of a logged cell change (JSON of a CellValue, or null). */
function cellText(side: string | null): string {
  if (side === null) return '';
  const value = JSON.parse(side) as { text?: string } | null;
  return value?.text ?? '';
}

function rowText(side: string | null, _rowId: number, columnKey: string): string | null {
  if (side === null) return null;
  const row = JSON.parse(side) as SavedRow;
  return row.cells[columnKey] ?? '';
}

function blockText(side: string | null, rowId: number, columnKey: string): string | null {
  if (side === null) return null;
  const block = JSON.parse(side) as SavedRowBlock;
  const record = block.rows[rowId - block.first];
  const index = block.columns.indexOf(columnKey);
  if (!record || index < 0) return '';
  const text = record[index + 2];
  return typeof text === 'string' ? text : '';
}

/** Whether a logged block of rows (row_id = its first id) holds the row. */
function blockHolds(side: string | null, rowId: number): boolean {
  if (side === null) return false;
  const block = JSON.parse(side) as SavedRowBlock;
  return rowId >= block.first && rowId < block.first + block.rows.length;
}

/**
 * Every step of one cell's history, oldest first. A row id is reused by SQLite when the newest
 * row was deleted for good and another added, so the history starts at the row's latest
 * creation that was not an undo or redo (those bring the same row back): what came before
 * belonged to another row.
 */
export function cellHistory(
  core: StoreCore,
  sheetId: number,
  rowId: number,
  columnId: number,
  columnKey: string,
): CellHistoryStep[] {
  const placed = core
    .prepare(
      `SELECT ${ACTION_COLUMNS} FROM changes c JOIN actions a ON a.id = c.action_id
        WHERE c.row_id = ? AND c.sheet_id = ?
          AND ((c.kind = 'cell' AND c.column_id = ?) OR c.kind IN ('rowInsert', 'rowDelete'))
        ORDER BY c.id`,
    )
    .all(rowId, sheetId, columnId) as StepRow[];
  // The blocks an import appended are logged under their first id: the block that can hold the
  // row is the one starting nearest at or before it (with its undos and redos), if long enough.
  const blocks = (
    core
      .prepare(
        `SELECT ${ACTION_COLUMNS} FROM changes c JOIN actions a ON a.id = c.action_id
          WHERE c.kind = 'rowsInsert' AND c.sheet_id = ? AND c.row_id = (
            SELECT MAX(row_id) FROM changes WHERE kind = 'rowsInsert' AND sheet_id = ? AND row_id <= ?)`,
      )
      .all(sheetId, sheetId, rowId) as StepRow[]
  ).filter((row) => blockHolds(row.after ?? row.before, rowId));
  const steps = [...placed, ...blocks].sort((a, b) => a.id - b.id).map((row) => toStep(row, rowId, columnKey));
  const start = steps.findLastIndex(
    (step) => step.event === 'rowAdded' && step.source !== 'undo' && step.source !== 'redo',
  );
  return start > 0 ? steps.slice(start) : steps;
}

function toStep(row: StepRow, rowId: number, columnKey: string): CellHistoryStep {
  const common = {
    changeId: row.id,
    actionId: row.action_id,
    at: row.at,
    source: row.source,
    detail: row.detail,
    label: row.label,
    state: row.state,
    author: row.author,
  };
  if (row.kind === 'cell')
    return { ...common, event: 'edit', before: cellText(row.before), after: cellText(row.after) };
  const read = row.kind === 'rowsInsert' ? blockText : rowText;
  const before = read(row.before, rowId, columnKey);
  const after = read(row.after, rowId, columnKey);
  return { ...common, event: after === null ? 'rowRemoved' : 'rowAdded', before, after };
}

/** The cell's text now ('' when empty); not_found when the row is not on the sheet. */
export function currentText(core: StoreCore, sheetId: number, rowId: number, columnId: number): string {
  if (!core.prepare('SELECT 1 FROM rows WHERE id = ? AND sheet_id = ?').get(rowId, sheetId)) {
    throw notFound('行', 'row', rowId);
  }
  const text = core.prepare('SELECT text FROM cells WHERE row_id = ? AND column_id = ?').pluck().get(rowId, columnId);
  return typeof text === 'string' ? text : '';
}
