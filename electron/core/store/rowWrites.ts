import { PlanbenchError } from '../../../shared/contract/errors';
import type { SavedRow } from '../../../shared/model/changes';
import { beginAction, logChange } from './changeLog';
import { writeCell, writeFreshCell } from './cellWrites';
import { logRowCommentsDeleted } from './comments';
import { columns as sheetColumns, getSheet } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { notFound } from './storeCore';
import type { ActionOrigin, RowInit, RowPlace } from './storeTypes';

/** Inserting, deleting and moving rows as logged actions, and where new rows go. */

/**
 * Add rows to a sheet as one action: at the end, or before/after a given row. Every cell is
 * parsed by its column's type; the first cell that cannot be read aborts the whole batch with
 * its row and column named, and nothing is written.
 */
export function insertRows(
  core: StoreCore,
  sheetId: number,
  rows: RowInit[],
  origin: ActionOrigin,
  place: RowPlace = { at: 'end' },
): { actionId: number; rowIds: number[] } {
  const sheet = getSheet(core, sheetId);
  const columns = new Map(sheet.columns.map((column) => [column.key, column]));
  return core.transaction(() => {
    const actionId = beginAction(core, origin);
    const positions = positionsFor(core, sheetId, place, rows.length);
    const rowIds: number[] = [];
    rows.forEach((row, index) => {
      const parentId = row.parentIndex === undefined ? (place.parentId ?? null) : rowIds[row.parentIndex];
      if (parentId === undefined) {
        throw PlanbenchError.of(
          'invalid_input',
          '上级行须排在其下级行之前',
          'a parent row must come before its children',
          {
            sheet: sheet.name,
            row: index + 1,
          },
        );
      }
      const saved: SavedRow = { parentId, position: positions[index]!, cells: {} };
      const rowId = restoreRow(core, null, sheetId, saved);
      rowIds.push(rowId);
      for (const [key, text] of Object.entries(row.cells)) {
        const column = columns.get(key);
        if (!column) throw notFound('列', 'column', key);
        if (text === '') continue;
        saved.cells[key] = writeFreshCell(core, rowId, column, text, () => ({ sheet: sheet.name, row: index + 1 }));
      }
      // The log keeps each inserted row's texts and place: enough to redo it after an undo.
      logChange(core, actionId, { kind: 'rowInsert', sheetId, rowId, columnKey: null, before: null, after: saved });
    });
    return { actionId, rowIds };
  });
}

/**
 * Positions for `count` new rows at `place`. Rows are ordered by a REAL position; new rows
 * take evenly spaced positions in the gap, and the sheet is renumbered first when the gap is
 * too narrow to split.
 */
export function positionsFor(core: StoreCore, sheetId: number, place: RowPlace, count: number): number[] {
  const bounds = (): [number, number] => {
    if (place.at === 'end') {
      const last = core.prepare('SELECT MAX(position) FROM rows WHERE sheet_id = ?').pluck().get(sheetId) as
        number | null;
      return [last ?? 0, (last ?? 0) + count + 1];
    }
    const anchor = core
      .prepare('SELECT position FROM rows WHERE id = ? AND sheet_id = ?')
      .pluck()
      .get(place.rowId, sheetId) as number | undefined;
    if (anchor === undefined) throw notFound('行', 'row', place.rowId);
    const neighbour = core
      .prepare(
        place.at === 'before'
          ? 'SELECT MAX(position) FROM rows WHERE sheet_id = ? AND position < ?'
          : 'SELECT MIN(position) FROM rows WHERE sheet_id = ? AND position > ?',
      )
      .pluck()
      .get(sheetId, anchor) as number | null;
    return place.at === 'before'
      ? [neighbour ?? anchor - count - 1, anchor]
      : [anchor, neighbour ?? anchor + count + 1];
  };
  let [low, high] = bounds();
  if ((high - low) / (count + 1) < 1e-6) {
    renumberPositions(core, sheetId);
    [low, high] = bounds();
  }
  const step = (high - low) / (count + 1);
  return Array.from({ length: count }, (_, index) => low + step * (index + 1));
}

/** Positions 1, 2, 3… in the current order (positions are internal; the log keeps ids). */
function renumberPositions(core: StoreCore, sheetId: number): void {
  const ids = core
    .prepare('SELECT id FROM rows WHERE sheet_id = ? ORDER BY position, id')
    .pluck()
    .all(sheetId) as number[];
  const update = core.prepare('UPDATE rows SET position = ? WHERE id = ?');
  ids.forEach((id, index) => update.run(index + 1, id));
}

/** Insert a row (with a given id when restoring one) and its cells, without logging. */
export function restoreRow(core: StoreCore, rowId: number | null, sheetId: number, saved: SavedRow): number {
  const id = Number(
    core
      .prepare('INSERT INTO rows (id, sheet_id, position, parent_id) VALUES (?, ?, ?, ?)')
      .run(rowId, sheetId, saved.position, saved.parentId).lastInsertRowid,
  );
  if (rowId !== null) {
    const columns = new Map(sheetColumns(core, sheetId).map((column) => [column.key, column]));
    for (const [key, text] of Object.entries(saved.cells)) {
      const column = columns.get(key);
      if (column) writeCell(core, id, column, text, () => ({ row: id, column: key }));
    }
  }
  return id;
}

/** A row as the change log keeps it: where it was and what its cells said. */
function savedRow(core: StoreCore, rowId: number): SavedRow {
  const row = core.prepare('SELECT position, parent_id FROM rows WHERE id = ?').get(rowId) as
    { position: number; parent_id: number | null } | undefined;
  if (!row) throw notFound('行', 'row', rowId);
  const cells = core
    .prepare('SELECT col.key, c.text FROM cells c JOIN columns col ON col.id = c.column_id WHERE c.row_id = ?')
    .all(rowId) as { key: string; text: string }[];
  return {
    parentId: row.parent_id,
    position: row.position,
    cells: Object.fromEntries(cells.map((c) => [c.key, c.text])),
  };
}

/**
 * Delete rows as one action. A row's sub-rows go with it. The log keeps every deleted row
 * whole (place and texts), so undo restores it with its id.
 */
export function deleteRows(
  core: StoreCore,
  sheetId: number,
  rowIds: readonly number[],
  origin: ActionOrigin,
): { actionId: number; deleted: number } {
  return core.transaction(() => {
    const actionId = beginAction(core, origin);
    const children = core.prepare('SELECT id FROM rows WHERE parent_id = ? ORDER BY position DESC').pluck();
    const remove = core.prepare('DELETE FROM rows WHERE id = ?');
    const seen = new Set<number>();
    let deleted = 0;
    const deleteOne = (rowId: number): void => {
      if (seen.has(rowId)) return;
      seen.add(rowId);
      // Children first, so undo (which replays the log backwards) restores parents first.
      for (const child of children.all(rowId) as number[]) deleteOne(child);
      logRowCommentsDeleted(core, actionId, sheetId, rowId);
      logChange(core, actionId, {
        kind: 'rowDelete',
        sheetId,
        rowId,
        columnKey: null,
        before: savedRow(core, rowId),
        after: null,
      });
      remove.run(rowId);
      deleted++;
    };
    for (const rowId of rowIds) {
      if (!core.prepare('SELECT 1 FROM rows WHERE id = ? AND sheet_id = ?').get(rowId, sheetId))
        throw notFound('行', 'row', rowId);
      deleteOne(rowId);
    }
    return { actionId, deleted };
  });
}

/** Move rows (kept in their current order) before another row, or to the end, as one action. */
export function moveRows(
  core: StoreCore,
  sheetId: number,
  rowIds: readonly number[],
  beforeRowId: number | null,
  origin: ActionOrigin,
): { actionId: number } {
  return core.transaction(() => {
    if (beforeRowId !== null && rowIds.includes(beforeRowId)) {
      throw PlanbenchError.of('invalid_input', '不能移动到所选行自身之前', 'cannot move rows before one of themselves');
    }
    const actionId = beginAction(core, origin);
    const current = rowIds
      .map((rowId) => ({ rowId, position: savedRow(core, rowId).position }))
      .sort((a, b) => a.position - b.position);
    const place: RowPlace = beforeRowId === null ? { at: 'end' } : { at: 'before', rowId: beforeRowId };
    const positions = positionsFor(core, sheetId, place, current.length);
    current.forEach(({ rowId }, index) => {
      // Renumbering inside positionsFor may have moved the row's own position: read it again.
      const before = savedRow(core, rowId).position;
      core.prepare('UPDATE rows SET position = ? WHERE id = ?').run(positions[index], rowId);
      logChange(core, actionId, {
        kind: 'rowMove',
        sheetId,
        rowId,
        columnKey: null,
        before: { position: before },
        after: { position: positions[index]! },
      });
    });
    return { actionId };
  });
}
