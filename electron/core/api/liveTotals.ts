import type { ColumnTotal } from '../../../shared/contract/contract';
import type { ValueChange } from '../../../shared/values/totalsDelta';
import { adjustTotals, valueChange } from '../../../shared/values/totalsDelta';
import type { Change } from '../../../shared/model/changes';
import { viewEffect } from '../../../shared/model/changes';
import { isSummable } from '../../../shared/model/columnTypes';
import type { PlanStore } from '../store/planStore';

/**
 * The last totals worked out for each sheet, with the newest action of the change log they
 * include. Summing a 100,000-row sheet takes a tenth of a second or more; a typed cell moves its
 * column's total by the difference of two values. So a mutation that only changed cells reports
 * the totals it was known at (before it) adjusted by the cells' old and new values, exactly, and
 * sums again only when it cannot (rows or columns changed, or the totals were never read).
 */
interface KnownTotals {
  actionId: number;
  totals: ColumnTotal[];
}

const known = new WeakMap<PlanStore, Map<number, KnownTotals>>();

function sheetsOf(store: PlanStore): Map<number, KnownTotals> {
  let sheets = known.get(store);
  if (!sheets) known.set(store, (sheets = new Map()));
  return sheets;
}

/** Totals summed by the store now, remembered as of the change log's newest action. */
export function sumTotals(store: PlanStore, sheetId: number): ColumnTotal[] {
  const before = store.latestActionId();
  const totals = store.totals(sheetId);
  // Remembered only when no action landed meanwhile (another process writing the same file).
  if (store.latestActionId() === before) sheetsOf(store).set(sheetId, { actionId: before, totals });
  else sheetsOf(store).delete(sheetId);
  return totals;
}

/**
 * A sheet's totals after the actions in (beforeId, afterId] changed only these cells of it:
 * adjusted from the totals known at beforeId, or summed again when none are known there.
 */
export function totalsAfterCells(
  store: PlanStore,
  sheetId: number,
  beforeId: number,
  afterId: number,
  changes: readonly ValueChange[],
): ColumnTotal[] {
  const sheets = sheetsOf(store);
  const last = sheets.get(sheetId);
  if (!last || last.actionId > beforeId || store.latestActionId() !== afterId) return sumTotals(store, sheetId);
  // Actions that landed since the totals were known without passing here (a write through the
  // store itself, an undo): followed from the log when they only changed cells, else summed again.
  const missed = last.actionId < beforeId ? cellChangesBetween(store, sheetId, last.actionId, beforeId) : [];
  if (missed === null) return sumTotals(store, sheetId);
  const totals = adjustTotals(last.totals, [...missed, ...changes]);
  sheets.set(sheetId, { actionId: afterId, totals });
  return totals;
}

/** More missed actions than this are not read back: summing the sheet is then as cheap. */
const MAX_MISSED_ACTIONS = 200;

/**
 * The summable cell changes of a sheet in the actions (fromId, toId], oldest first, or null when
 * any of them did more to the sheet than change cells (or there are too many to read).
 */
function cellChangesBetween(store: PlanStore, sheetId: number, fromId: number, toId: number): ValueChange[] | null {
  if (toId - fromId > MAX_MISSED_ACTIONS) return null;
  const actions = store.actionsBetween(fromId, toId);
  const summable = new Set(
    store
      .columns(sheetId)
      .filter(isSummable)
      .map((column) => column.key),
  );
  const found: ValueChange[] = [];
  for (const action of actions) {
    for (const change of action.changes) {
      const effect = viewEffect(change as unknown as Change);
      if (effect.sheetId === null) return null;
      if (effect.sheetId !== sheetId || effect.effect === 'comments') continue;
      if (effect.effect !== 'cell') return null;
      if (summable.has(effect.columnKey)) {
        found.push(
          valueChange(effect.columnKey, effect.before ?? undefined, effect.after ?? { text: '', value: null }),
        );
      }
    }
  }
  return found;
}

/** The totals of a sheet that no longer exists, or whose columns changed outside the log, are forgotten. */
export function forgetTotals(store: PlanStore, sheetId: number): void {
  sheetsOf(store).delete(sheetId);
}
