import type { RowData } from '../../../shared/contract/contract';
import { executionColumns, executionRateText } from '../../../shared/rules/budgets/executionRate';
import type { ColumnDef } from '../../../shared/model/columns';
import type { PlanStore } from '../store/planStore';
import { fenOf } from './sheetValues';

/**
 * Keeping an execution sheet's 执行率 what its 已支出 and 资金 give (shared/rules/budgets/
 * executionRate.ts): after cells change inside an action, the rates of the rows whose amounts
 * changed are written into the same action, so one undo takes back the edit and its rate.
 */

/** The rate a row should show, as its cell's text. */
export function rowExecutionRate(row: RowData, budget: ColumnDef, spent: ColumnDef): string {
  return executionRateText(fenOf(row, spent), fenOf(row, budget));
}

/**
 * Write the 执行率 of the rows whose 资金 or 已支出 changed (`'all'`: every row, after an import
 * or a collected return), only where it differs. Nothing for sheets without the execution columns.
 */
export function refreshExecutionRates(
  store: PlanStore,
  sheetId: number,
  changed: readonly { rowId: number; columnKey: string }[] | 'all',
): void {
  const columns = executionColumns(store.columns(sheetId));
  if (!columns) return;
  const { budget, spent, rate } = columns;
  let rows: RowData[];
  if (changed === 'all') rows = store.allRows(sheetId);
  else {
    const rowIds = new Set(
      changed.filter((cell) => cell.columnKey === budget.key || cell.columnKey === spent.key).map((cell) => cell.rowId),
    );
    if (rowIds.size === 0) return;
    rows = store.rowsById(sheetId, [...rowIds]);
  }
  const edits = rows.flatMap((row) => {
    const text = rowExecutionRate(row, budget, spent);
    return (row.cells[rate.key]?.text ?? '') === text ? [] : [{ rowId: row.id, columnKey: rate.key, text }];
  });
  if (edits.length > 0) store.updateCells(sheetId, edits, { source: 'user', label: '计算执行率' }, 'abort');
}
