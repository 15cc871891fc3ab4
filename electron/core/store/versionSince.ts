import { listSheets } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { categoryTotals, totals } from './totals';
import type { BlockedSheet, BlockedSnapshot, RowBlock } from './versionBlocks';
import { blockKey, blockedSheet, byId, groupByBlock, lazyBlock, memoryBlock } from './versionBlocks';
import type { SnapshotCell, SnapshotColumn, SnapshotRow } from './versionSnapshot';
import { sheetSnapshot, snapshotColumns, snapshotRows } from './versionSnapshot';

/**
 * The plan now, built from a version and the change log since it was saved: only the rows the
 * log says were touched since (edited, added, deleted, moved) are read again; a sheet whose
 * columns, name or bulk rows changed, or that the version does not have, is read whole. Comparing
 * a version with now then costs what changed, not the size of the plan — a 100,000-row sheet
 * with a few edits is not read again, and the version's blocks without a touched row are not even
 * inflated (versionBlocks.ts). Every write of cells and rows is logged (the log is the undo
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
    // The plan's metadata is not part of a version's content.
    if (kind === 'planMeta') continue;
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

/** A version's row with its cells in another order of the same sheet's columns (by key); null when the same. */
function reorder(
  base: readonly SnapshotColumn[],
  columns: readonly SnapshotColumn[],
): ((row: SnapshotRow) => SnapshotRow) | null {
  const from = new Map(base.map((column, index) => [column.key, index]));
  const slots = columns.map((column) => from.get(column.key));
  if (slots.every((slot, index) => slot === index) && slots.length === base.length) return null;
  return (row) => [
    row[0],
    row[1],
    row[2],
    ...slots.map((slot) => (slot === undefined ? null : (row[3 + slot] as SnapshotCell))),
  ];
}

/**
 * The rows now of a sheet the log says had only rows touched: the version's blocks that hold no
 * touched row are kept as they are (with their fingerprints, so a comparison skips them unread);
 * a block with a touched row is the version's rows without the touched ones plus those rows read
 * now, its fingerprint unknown.
 */
function touchedSheet(
  core: StoreCore,
  old: BlockedSheet,
  columns: readonly SnapshotColumn[],
  touched: ReadonlySet<number>,
): Map<number, RowBlock> {
  const asNow = reorder(old.columns, columns);
  const fresh = groupByBlock(snapshotRows(core, old.id, columns, [...touched]));
  const touchedKeys = new Set([...touched].map(blockKey));
  const blocks = new Map<number, RowBlock>();
  for (const [key, block] of old.blocks) {
    if (!touchedKeys.has(key) && !asNow) {
      blocks.set(key, block);
      continue;
    }
    blocks.set(
      key,
      lazyBlock(key, null, () => {
        const kept = block.rows().filter((row) => !touched.has(row[0]));
        return [...(asNow ? kept.map(asNow) : kept), ...(fresh.get(key) ?? [])].sort(byId);
      }),
    );
  }
  for (const [key, rows] of fresh) if (!blocks.has(key)) blocks.set(key, memoryBlock(key, rows));
  return blocks;
}

export function snapshotSince(core: StoreCore, base: BlockedSnapshot, baseActionId: number): BlockedSnapshot {
  const plan = changedSince(core, baseActionId);
  const before = new Map(base.sheets.map((sheet) => [sheet.id, sheet]));
  return {
    sheets: listSheets(core).map((sheet): BlockedSheet => {
      const old = before.get(sheet.id);
      if (plan === 'everything' || !old || plan.whole.has(sheet.id)) {
        return blockedSheet(sheetSnapshot(core, sheet.id, sheet.name, sheet.kind));
      }
      const touched = plan.touched.get(sheet.id);
      if (!touched) return { ...old, name: sheet.name };
      const columns = snapshotColumns(core, sheet.id);
      return {
        id: sheet.id,
        name: sheet.name,
        kind: sheet.kind,
        columns,
        blocks: touchedSheet(core, old, columns, touched),
        categories: categoryTotals(core, sheet.id),
        totals: totals(core, sheet.id),
      };
    }),
  };
}
