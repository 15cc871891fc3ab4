import type { ChangeKind, ChangePayloads } from '../../../shared/model/changes';
import { restoreRowBlock } from './bulkRows';
import type { StoredChange, StoredChangeOf } from './changeLog';
import { writeCell } from './cellWrites';
import { writeComment } from './comments';
import { writeMetaFields } from './planMeta';
import { restoreRow } from './rowWrites';
import { writeSetting, writeSheetSetting } from './settings';
import { columns as sheetColumns } from './sheetLookup';
import { insertColumn, insertSheet, writeColumnDef } from './sheetWrites';
import type { StoreCore } from './storeCore';

/**
 * How each kind of logged change is brought to one of its two states — its `before` (undo) or
 * its `after` (redo) — in the database, unlogged (undoRedo.ts logs the replay). null means the
 * row, column, sheet or cell does not exist in that state. The compiler sees that every kind of
 * shared/model/changes.ts has its applier here.
 */
type Applier<K extends ChangeKind> = (
  core: StoreCore,
  change: StoredChangeOf<K>,
  state: ChangePayloads[K] | null,
) => void;

/** A row inserted or deleted: gone in one state, back with its id, place and texts in the other. */
const applyRow: Applier<'rowInsert' | 'rowDelete'> = (core, change, state) => {
  if (state === null) core.prepare('DELETE FROM rows WHERE id = ?').run(change.rowId);
  else restoreRow(core, change.rowId, change.sheetId!, state);
};

const APPLIERS: { [K in ChangeKind]: Applier<K> } = {
  cell: (core, change, state) => {
    const column = sheetColumns(core, change.sheetId!).find((candidate) => candidate.id === change.columnId);
    // A column deleted since: nothing left to restore the cell into.
    if (!column) return;
    const rowId = change.rowId ?? 0;
    writeCell(core, rowId, column, state === null ? '' : state.text, () => ({ row: rowId, column: column.name }));
  },
  rowInsert: applyRow,
  rowDelete: applyRow,
  rowsInsert: (core, change, state) => {
    if (state !== null) {
      restoreRowBlock(core, change.sheetId!, state);
      return;
    }
    // The block's rows have consecutive ids; their sub-rows are among them. A rowsInsert always
    // holds its block on one side: the side the rows exist on.
    const block = (change.after ?? change.before)!;
    core
      .prepare('DELETE FROM rows WHERE sheet_id = ? AND id BETWEEN ? AND ?')
      .run(change.sheetId, block.first, block.first + block.rows.length - 1);
  },
  rowMove: (core, change, state) => {
    core.prepare('UPDATE rows SET position = ? WHERE id = ?').run(state!.position, change.rowId);
  },
  columnAdd: (core, change, state) => {
    if (state === null) core.prepare('DELETE FROM columns WHERE id = ?').run(change.columnId);
    else insertColumn(core, change.sheetId!, state);
  },
  columnUpdate: (core, change, state) => writeColumnDef(core, change.sheetId!, state!),
  sheetRename: (core, change, state) => {
    core.prepare('UPDATE sheets SET name = ? WHERE id = ?').run(state!.name, change.sheetId);
  },
  sheetCreate: (core, change, state) => {
    if (state === null) core.prepare('DELETE FROM sheets WHERE id = ?').run(change.sheetId);
    else insertSheet(core, state);
  },
  sheetSetting: (core, change, state) =>
    writeSheetSetting(core, change.sheetId!, change.columnKey!, state?.value ?? null),
  setting: (core, _change, state) => writeSetting(core, state!),
  comment: (core, change, state) => {
    // A row or column gone since (its creation undone by someone else) takes its comments along.
    const row = core.prepare('SELECT 1 FROM rows WHERE id = ?').get(change.rowId);
    const column = change.columnId === null || core.prepare('SELECT 1 FROM columns WHERE id = ?').get(change.columnId);
    if (row && column) writeComment(core, change.sheetId!, change.rowId!, change.columnId, state);
  },
  planMeta: (core, _change, state) => writeMetaFields(core, state!),
};

/** Bring one logged change to its state before it (undo) or after it (redo). */
export function applyChange(core: StoreCore, change: StoredChange, direction: 'undo' | 'redo'): void {
  const state = direction === 'undo' ? change.before : change.after;
  const apply = APPLIERS[change.kind] as Applier<ChangeKind>;
  apply(core, change as StoredChangeOf<ChangeKind>, state);
}
