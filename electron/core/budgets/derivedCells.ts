import type { RejectedCellOutput } from '../../../shared/contract/calls/editing';
import { PlanbenchError } from '../../../shared/contract/errors';
import { executionColumns } from '../../../shared/rules/budgets/executionRate';
import type { CellValue } from '../../../shared/values/cells';
import type { PlanStore } from '../store/planStore';
import type { ActionOrigin } from '../store/storeTypes';
import { refreshExecutionRates } from './executionRate';
import { reallocateAfterEdit } from './factorSheet';

/**
 * Cells the workbench computes from other cells of the same sheet — a 资金分配表's shares (因素法),
 * an execution sheet's 执行率 — kept up to date inside the action that changed what they follow,
 * and never typed over: every write path (typing, paste, fill, import, a collected return) calls
 * refreshDerivedCells, and the edit calls refuse edits into computed columns first.
 */

/** After cells of a sheet changed inside an action (`'all'`: rows were added or replaced). */
export function refreshDerivedCells(
  store: PlanStore,
  sheetId: number,
  changed: readonly { rowId: number; columnKey: string }[] | 'all',
): void {
  const keys =
    changed === 'all'
      ? new Set(store.columns(sheetId).map((column) => column.key))
      : new Set(changed.map((cell) => cell.columnKey));
  reallocateAfterEdit(store, sheetId, keys);
  refreshExecutionRates(store, sheetId, changed);
}

/**
 * One cell set by the user — typed, or restored from its history: refused when the workbench
 * computes it, written, and the cells computed from it refreshed, all in one action.
 */
export function editCell(
  store: PlanStore,
  sheetId: number,
  rowId: number,
  columnKey: string,
  text: string,
  origin: ActionOrigin,
): { actionId: number | null; cell: CellValue } {
  return store.inAction(origin, () => {
    refuseComputedEdits(store, sheetId, [{ rowId, columnKey, text }], 'abort');
    const updated = store.updateCell(sheetId, rowId, columnKey, text, origin);
    refreshDerivedCells(store, sheetId, [{ rowId, columnKey }]);
    return updated;
  }).value;
}

function refusalOf(columnName: string) {
  return {
    reasonZh: `“${columnName}”由工作台计算（已支出 ÷ 资金），不能直接填写；请修改资金或已支出`,
    reasonEn: `"${columnName}" is computed by the workbench (spent ÷ budget) and cannot be typed; change the budget or the spending`,
  };
}

/**
 * Edits into computed columns: refused as a whole (`abort`, naming the cell) or taken out of the
 * batch and listed as rejected (`skip`: a paste across the sheet keeps its other cells).
 */
export function refuseComputedEdits<E extends { rowId: number; columnKey: string; text: string }>(
  store: PlanStore,
  sheetId: number,
  edits: readonly E[],
  onInvalid: 'abort' | 'skip',
): { allowed: E[]; rejected: RejectedCellOutput[] } {
  const columns = store.columns(sheetId);
  // Worked out once per batch: a paste may carry a hundred thousand cells.
  const rateKey = executionColumns(columns)?.rate.key;
  const computedKeys = new Set(rateKey === undefined ? [] : [rateKey]);
  const computed = computedKeys.size === 0 ? [] : edits.filter((edit) => computedKeys.has(edit.columnKey));
  if (computed.length === 0) return { allowed: [...edits], rejected: [] };
  const nameOf = (key: string) => columns.find((column) => column.key === key)?.name ?? key;
  if (onInvalid === 'abort') {
    const first = computed[0]!;
    const { reasonZh, reasonEn } = refusalOf(nameOf(first.columnKey));
    throw PlanbenchError.of('invalid_input', reasonZh, reasonEn, {
      sheet: store.getSheet(sheetId).name,
      row: store.rowNumber(sheetId, first.rowId),
      column: nameOf(first.columnKey),
    });
  }
  return {
    allowed: edits.filter((edit) => !computed.includes(edit)),
    rejected: computed.map((edit) => ({
      rowId: edit.rowId,
      row: store.rowNumber(sheetId, edit.rowId),
      columnKey: edit.columnKey,
      column: nameOf(edit.columnKey),
      text: edit.text,
      ...refusalOf(nameOf(edit.columnKey)),
    })),
  };
}
