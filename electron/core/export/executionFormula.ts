import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { executionColumns } from '../../../shared/rules/budgets/executionRate';
import { FEN_PER_UNIT } from '../../../shared/values/money';
import { columnLetters } from '../formats/xml';
import type { OutCell } from './cells';
import { numericText } from './cells';

/**
 * An exported execution sheet's 执行率 as Excel keeps a computed column: a formula on the row's
 * 已支出 and 资金 cells — ROUND(…, 2) rounds half away from zero, as the workbench does — with the
 * workbench's exact value cached, so a reader that does not calculate shows the same figure and
 * Excel keeps it live when an amount is changed there. A budget of zero gives "" there as here.
 * Null when the sheet has no computed 执行率 or its amounts are not among the exported columns.
 */
export function executionRateCell(
  sheetColumns: readonly ColumnDef[],
  exported: readonly { key: string }[],
): { key: string; cell: (row: RowData) => OutCell } | null {
  const columns = executionColumns(sheetColumns);
  if (!columns) return null;
  const { budget, spent, rate } = columns;
  const budgetAt = exported.findIndex((column) => column.key === budget.key);
  const spentAt = exported.findIndex((column) => column.key === spent.key);
  if (budgetAt < 0 || spentAt < 0) return null;
  const scaled = (letter: string, column: ColumnDef) => {
    // Amounts are exported in their column's unit: the ratio of two units is their 分 per unit.
    const perUnit = FEN_PER_UNIT[column.settings.moneyUnit ?? '万元'];
    const other = FEN_PER_UNIT[(column === budget ? spent : budget).settings.moneyUnit ?? '万元'];
    return perUnit === other ? letter : `${letter}*${perUnit}`;
  };
  const formula = (row: number) => {
    const [b, s] = [`${columnLetters(budgetAt)}${row}`, `${columnLetters(spentAt)}${row}`];
    return `IF(AND(ISNUMBER(${s}),ISNUMBER(${b}),${b}<>0),ROUND(${scaled(s, spent)}/(${scaled(b, budget)})*100,2),"")`;
  };
  return {
    key: rate.key,
    cell: (row) => {
      const text = row.cells[rate.key]?.text ?? '';
      return { kind: 'formula', formula, cached: text === '' ? null : numericText(text) };
    },
  };
}
