import type { SavedRow } from '../../../shared/model/changes';
import { updateCells } from './cellEdits';
import { inAction, logChange, beginAction } from './changeLog';
import { deleteRows, restoreRow } from './rowWrites';
import { listSheets } from './sheetLookup';
import { renameSheet } from './sheetWrites';
import type { StoreCore } from './storeCore';
import type { ActionOrigin, CellEdit } from './storeTypes';
import type { PlanSnapshot, SnapshotCell, SnapshotRow, SnapshotSheet } from './versionSnapshot';
import { sheetSnapshot } from './versionSnapshot';

/**
 * Bringing the plan back to a saved version as ONE action: every change it takes — cells set
 * back, rows added since deleted, rows deleted since restored with their ids, rows moved back,
 * sheets renamed back — is logged in that action, so one undo returns to where the plan was.
 * Sheets added or removed since, and columns removed since, are not brought back: the result
 * says so.
 */

export interface RestoreOutcome {
  actionId: number | null;
  cells: number;
  rowsRestored: number;
  rowsRemoved: number;
  notRestored: { zh: string; en: string }[];
}

const textOf = (cell: SnapshotCell | undefined): string =>
  cell == null ? '' : typeof cell === 'string' ? cell : cell[0];

export function restoreSnapshot(core: StoreCore, target: PlanSnapshot, origin: ActionOrigin): RestoreOutcome {
  const outcome: RestoreOutcome = { actionId: null, cells: 0, rowsRestored: 0, rowsRemoved: 0, notRestored: [] };
  const { actionId } = inAction(core, origin, () => {
    const present = new Map(listSheets(core).map((sheet) => [sheet.id, sheet]));
    for (const sheet of target.sheets) {
      const now = present.get(sheet.id);
      if (!now) {
        outcome.notRestored.push({
          zh: `工作表“${sheet.name}”已被删除，未恢复`,
          en: `sheet "${sheet.name}" has been removed since and is not brought back`,
        });
        continue;
      }
      present.delete(sheet.id);
      if (now.name !== sheet.name) renameSheet(core, sheet.id, sheet.name, origin);
      restoreSheet(core, sheet, origin, outcome);
    }
    for (const sheet of present.values()) {
      outcome.notRestored.push({
        zh: `工作表“${sheet.name}”是该版本之后新建的，保留不动`,
        en: `sheet "${sheet.name}" was added after the version and is kept as it is`,
      });
    }
  });
  outcome.actionId = actionId;
  return outcome;
}

function restoreSheet(core: StoreCore, target: SnapshotSheet, origin: ActionOrigin, outcome: RestoreOutcome): void {
  const current = sheetSnapshot(core, target.id, target.name, target.kind);
  const slots = new Map(current.columns.map((column, index) => [column.key, index]));
  for (const column of target.columns) {
    if (!slots.has(column.key)) {
      outcome.notRestored.push({
        zh: `工作表“${target.name}”的列“${column.name}”已被删除，其内容未恢复`,
        en: `column "${column.name}" of sheet "${target.name}" has been removed since; its cells are not brought back`,
      });
    }
  }
  const wanted = new Map(target.rows.map((row) => [row[0], row]));
  const existing = new Map(current.rows.map((row) => [row[0], row]));

  // Rows added since: deleted (a sub-row goes with its parent, so only the topmost are named).
  const extra = current.rows.filter((row) => !wanted.has(row[0]));
  const extraIds = new Set(extra.map((row) => row[0]));
  const topmost = extra.filter((row) => row[1] === null || !extraIds.has(row[1])).map((row) => row[0]);
  if (topmost.length > 0) outcome.rowsRemoved += deleteRows(core, target.id, topmost, origin).deleted;

  // Rows deleted since: back with their ids, parents before their sub-rows.
  let missing = target.rows.filter((row) => !existing.has(row[0]));
  const back = new Set<number>();
  while (missing.length > 0) {
    const ready = missing.filter((row) => row[1] === null || existing.has(row[1]) || back.has(row[1]));
    // A parent that is in neither state cannot be restored; its sub-rows come back at the top level.
    const batch = ready.length > 0 ? ready : missing.map((row) => withoutParent(row));
    const actionId = beginAction(core, origin);
    for (const row of batch) {
      const saved = savedRow(target, row, slots);
      restoreRow(core, row[0], target.id, saved);
      logChange(core, actionId, {
        kind: 'rowInsert',
        sheetId: target.id,
        rowId: row[0],
        columnKey: null,
        before: null,
        after: saved,
      });
      back.add(row[0]);
      outcome.rowsRestored++;
    }
    missing = missing.filter((row) => !back.has(row[0]));
  }

  // Rows in both: moved back to their place, cells set back to their texts.
  const edits: CellEdit[] = [];
  for (const row of target.rows) {
    const now = existing.get(row[0]);
    if (!now) continue;
    if (now[2] !== row[2]) {
      core.prepare('UPDATE rows SET position = ? WHERE id = ?').run(row[2], row[0]);
      logChange(core, beginAction(core, origin), {
        kind: 'rowMove',
        sheetId: target.id,
        rowId: row[0],
        columnKey: null,
        before: { position: now[2] },
        after: { position: row[2] },
      });
    }
    target.columns.forEach((column, index) => {
      const slot = slots.get(column.key);
      if (slot === undefined) return;
      const text = textOf(row[3 + index] as SnapshotCell);
      if (text !== textOf(now[3 + slot] as SnapshotCell)) edits.push({ rowId: row[0], columnKey: column.key, text });
    });
  }
  // Columns added since hold nothing in the version: their cells are emptied, the column stays.
  const targetKeys = new Set(target.columns.map((column) => column.key));
  current.columns.forEach((column, index) => {
    if (targetKeys.has(column.key)) return;
    const rowsWithText = current.rows.filter(
      (row) => wanted.has(row[0]) && textOf(row[3 + index] as SnapshotCell) !== '',
    );
    for (const row of rowsWithText) edits.push({ rowId: row[0], columnKey: column.key, text: '' });
    if (rowsWithText.length > 0) {
      outcome.notRestored.push({
        zh: `工作表“${target.name}”的列“${column.name}”是该版本之后新建的，已清空其内容，列本身保留`,
        en: `column "${column.name}" of sheet "${target.name}" was added after the version: its cells are emptied, the column is kept`,
      });
    }
  });
  if (edits.length > 0) outcome.cells += updateCells(core, target.id, edits, origin, 'abort').applied.length;
}

function withoutParent(row: SnapshotRow): SnapshotRow {
  return [row[0], null, row[2], ...(row.slice(3) as SnapshotCell[])];
}

function savedRow(sheet: SnapshotSheet, row: SnapshotRow, slots: ReadonlyMap<string, number>): SavedRow {
  const cells: Record<string, string> = {};
  sheet.columns.forEach((column, index) => {
    const text = textOf(row[3 + index] as SnapshotCell);
    if (text !== '' && slots.has(column.key)) cells[column.key] = text;
  });
  return { parentId: row[1], position: row[2], cells };
}
