import { listSheets } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { categoryTotals, totals } from './totals';
import type { PlanSnapshot, SnapshotCell, SnapshotColumn, SnapshotRow, SnapshotSheet } from './versionSnapshot';
import { sheetSnapshot, snapshotColumns, snapshotRows } from './versionSnapshot';

/**
 * The plan now, built from a version and the change log since it was saved: only the rows the
 * log says were touched since (edited, added, deleted, moved) are read again; a sheet whose
 * columns, name or bulk rows changed, or that the version does not have, is read whole. Comparing
 * a version with now then costs what changed, not the size of the plan — a 100,000-row sheet
 * with a few edits is not read again. Every write of cells and rows is logged (the log is the undo
 * history), so the rows not touched are exactly as the version has them; column layout (order,
 * widths) is not logged, which is why rows are matched to columns by key, never by place.
 */

type Plan = { touched: Map<number, Set<number>>; whole: Set<number> } | 'everything';

/** Kinds that change one row, named by the change's row_id. */
const ROW_KINDS = new Set(['cell', 'rowInsert', 'rowDelete', 'rowMove']);

function changedSince(core: StoreCore, actionId: number): Plan {
  const touched = new Map<number, Set<number>>();
  const whole = new Set<number>();
  const changes = core
    .prepare('SELECT kind, sheet_id, row_id FROM changes WHERE action_id > ?')
    .raw(true)
    .all(actionId) as [string, number | null, number | null][];
  for (const [kind, sheetId, rowId] of changes) {
    if (sheetId === null) return 'everything';
    if (ROW_KINDS.has(kind) && rowId !== null) {
      let rows = touched.get(sheetId);
      if (!rows) touched.set(sheetId, (rows = new Set()));
      rows.add(rowId);
    } else {
      whole.add(sheetId);
    }
  }
  return { touched, whole };
}

/** A version's row with its cells in another order of the same sheet's columns (by key). */
function reorder(base: SnapshotSheet, columns: readonly SnapshotColumn[]): (row: SnapshotRow) => SnapshotRow {
  const from = new Map(base.columns.map((column, index) => [column.key, index]));
  const slots = columns.map((column) => from.get(column.key));
  if (slots.every((slot, index) => slot === index) && slots.length === base.columns.length) return (row) => row;
  return (row) => [
    row[0],
    row[1],
    row[2],
    ...slots.map((slot) => (slot === undefined ? null : (row[3 + slot] as SnapshotCell))),
  ];
}

export function snapshotSince(core: StoreCore, base: PlanSnapshot, baseActionId: number): PlanSnapshot {
  const plan = changedSince(core, baseActionId);
  const before = new Map(base.sheets.map((sheet) => [sheet.id, sheet]));
  return {
    sheets: listSheets(core).map((sheet): SnapshotSheet => {
      const old = before.get(sheet.id);
      if (plan === 'everything' || !old || plan.whole.has(sheet.id)) {
        return sheetSnapshot(core, sheet.id, sheet.name, sheet.kind);
      }
      const touched = plan.touched.get(sheet.id);
      if (!touched) return { ...old, name: sheet.name };
      const columns = snapshotColumns(core, sheet.id);
      const fresh = snapshotRows(core, sheet.id, columns, [...touched]);
      const asNow = reorder(old, columns);
      const rows = [...old.rows.filter((row) => !touched.has(row[0])).map(asNow), ...fresh].sort(
        (a, b) => a[2] - b[2] || a[0] - b[0],
      );
      return {
        id: sheet.id,
        name: sheet.name,
        kind: sheet.kind,
        columns,
        rows,
        categories: categoryTotals(core, sheet.id),
        totals: totals(core, sheet.id),
      };
    }),
  };
}
