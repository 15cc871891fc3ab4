import { PlanbenchError } from '../../../shared/contract/errors';
import type { SavedComment } from '../../../shared/model/changes';
import { currentActor } from './actor';
import { beginAction, logChange } from './changeLog';
import { column as sheetColumn } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { notFound } from './storeCore';
import type { ActionOrigin } from './storeTypes';

/**
 * Comments (批注) on cells and on whole rows. Each add, edit and delete is one action in the
 * change log (kind 'comment'), so undo, redo, history and other windows follow it like a cell
 * edit. A comment belongs to its row (and column): it moves and sorts with it, and a row
 * deletion logs the comments it takes before the row itself, so undo brings both back.
 */

/** A comment where it is: columnKey null is a comment on the whole row. */
export interface PlanComment extends SavedComment {
  rowId: number;
  columnKey: string | null;
}

/** Where a comment is, for writing it: its row, and its column or none (the whole row). */
export interface CommentPlace {
  rowId: number;
  columnKey: string | null;
}

/** A comment to write; author and time default to the one acting, now. */
export interface CommentInit {
  text: string;
  author?: string;
  at?: string;
}

interface CommentRow {
  row_id: number;
  column_key: string | null;
  text: string;
  author: string;
  at: string;
}

const SELECT_COMMENTS = `SELECT m.row_id, col.key AS column_key, m.text, m.author, m.at
   FROM comments m LEFT JOIN columns col ON col.id = m.column_id`;

const toComment = (row: CommentRow): PlanComment => ({
  rowId: row.row_id,
  columnKey: row.column_key,
  text: row.text,
  author: row.author,
  at: row.at,
});

/** Every comment of a sheet, in sheet order (rows by place, the row's own comment first, then by column). */
export function listComments(core: StoreCore, sheetId: number): PlanComment[] {
  return (
    core
      .prepare(
        `${SELECT_COMMENTS} JOIN rows r ON r.id = m.row_id
          WHERE m.sheet_id = ? ORDER BY r.position, r.id, m.column_id IS NOT NULL, col.position`,
      )
      .all(sheetId) as CommentRow[]
  ).map(toComment);
}

/** The comments of one row (its own and its cells'). */
function rowComments(core: StoreCore, rowId: number): PlanComment[] {
  return (core.prepare(`${SELECT_COMMENTS} WHERE m.row_id = ?`).all(rowId) as CommentRow[]).map(toComment);
}

function columnIdOf(core: StoreCore, sheetId: number, columnKey: string | null): number | null {
  return columnKey === null ? null : sheetColumn(core, sheetId, columnKey).id;
}

function readComment(core: StoreCore, rowId: number, columnId: number | null): SavedComment | null {
  const row = core
    .prepare('SELECT text, author, at FROM comments WHERE row_id = ? AND COALESCE(column_id, 0) = ?')
    .get(rowId, columnId ?? 0) as SavedComment | undefined;
  return row ? { text: row.text, author: row.author, at: row.at } : null;
}

/** Put a comment in its place, or take it away (null), unlogged: the change log's applier. */
export function writeComment(
  core: StoreCore,
  sheetId: number,
  rowId: number,
  columnId: number | null,
  state: SavedComment | null,
): void {
  core.prepare('DELETE FROM comments WHERE row_id = ? AND COALESCE(column_id, 0) = ?').run(rowId, columnId ?? 0);
  if (state === null) return;
  core
    .prepare('INSERT INTO comments (sheet_id, row_id, column_id, text, author, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(sheetId, rowId, columnId, state.text, state.author, state.at);
}

function assertRow(core: StoreCore, sheetId: number, rowId: number): void {
  if (!core.prepare('SELECT 1 FROM rows WHERE id = ? AND sheet_id = ?').get(rowId, sheetId))
    throw notFound('行', 'row', rowId);
}

/** The longest comment kept: Excel's own limit for a comment's text. */
export const MAX_COMMENT_LENGTH = 32_767;

/** The text a comment keeps: line breaks as \n, no blank edges; empty or too long is refused. */
export function commentText(text: string): string {
  const kept = text.replace(/\r\n?/g, '\n').trim();
  if (kept === '') throw PlanbenchError.of('invalid_input', '批注内容不能为空', 'a comment cannot be empty');
  if (kept.length > MAX_COMMENT_LENGTH) {
    throw PlanbenchError.of(
      'invalid_input',
      `批注过长（${kept.length} 字），最多 ${MAX_COMMENT_LENGTH} 字`,
      `the comment is too long (${kept.length} characters; at most ${MAX_COMMENT_LENGTH})`,
    );
  }
  return kept;
}

/**
 * Add a comment or change one, as one action (or a part of the open one). The same text again
 * changes nothing and logs nothing (actionId null).
 */
export function setComment(
  core: StoreCore,
  sheetId: number,
  place: CommentPlace,
  init: CommentInit,
  origin: ActionOrigin,
): { actionId: number | null; comment: PlanComment } {
  return core.transaction(() => {
    assertRow(core, sheetId, place.rowId);
    const columnId = columnIdOf(core, sheetId, place.columnKey);
    const before = readComment(core, place.rowId, columnId);
    const text = commentText(init.text);
    if (before && before.text === text && (init.author === undefined || init.author === before.author)) {
      return { actionId: null, comment: { ...place, ...before } };
    }
    const after: SavedComment = {
      text,
      author: init.author ?? (origin.actor ?? currentActor()).author,
      at: init.at ?? new Date().toISOString(),
    };
    const actionId = beginAction(core, origin);
    writeComment(core, sheetId, place.rowId, columnId, after);
    logChange(core, actionId, { kind: 'comment', sheetId, ...place, columnId, before, after });
    return { actionId, comment: { ...place, ...after } };
  });
}

/** Delete a comment as one action; there being none is not_found (nothing changes). */
export function deleteComment(
  core: StoreCore,
  sheetId: number,
  place: CommentPlace,
  origin: ActionOrigin,
): { actionId: number } {
  return core.transaction(() => {
    assertRow(core, sheetId, place.rowId);
    const columnId = columnIdOf(core, sheetId, place.columnKey);
    const before = readComment(core, place.rowId, columnId);
    if (!before) {
      throw PlanbenchError.of('not_found', '此处没有批注', 'there is no comment here', {
        row: place.rowId,
        ...(place.columnKey === null ? {} : { column: place.columnKey }),
      });
    }
    const actionId = beginAction(core, origin);
    writeComment(core, sheetId, place.rowId, columnId, null);
    logChange(core, actionId, { kind: 'comment', sheetId, ...place, columnId, before, after: null });
    return { actionId };
  });
}

/**
 * Log the deletion of a row's comments in the action deleting it, before the row's own change:
 * undo replays the log backwards, so it restores the row first and then its comments.
 */
export function logRowCommentsDeleted(core: StoreCore, actionId: number, sheetId: number, rowId: number): void {
  for (const { rowId: _row, columnKey, ...before } of rowComments(core, rowId)) {
    const columnId = columnIdOf(core, sheetId, columnKey);
    logChange(core, actionId, { kind: 'comment', sheetId, rowId, columnKey, columnId, before, after: null });
  }
}
