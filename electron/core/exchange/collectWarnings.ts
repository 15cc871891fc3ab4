import type { RowData } from '../../../shared/contract/contract';
import type { DepartmentResolver } from '../../../shared/values/cells';
import { parseCellInput, toCellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import type { Overrun } from '../../../shared/rules/completion';
import {
  budgetColumn,
  doneInvestmentColumn,
  investmentOverrun,
  isCompletionRate,
  rateOverrun,
} from '../../../shared/rules/completion';
import type { StampColumn } from './batches';
import type { ColumnShape } from './fillColumns';

/**
 * Warnings of a returned row: 完成投资 over the project's 投资匡算, a 完成率 over 100% — the bounds
 * the fill-in sheet's instructions state (shared/rules/completion.ts). The row's values are as
 * they would be after the return is applied: what came back where the department wrote it, the
 * plan's own values elsewhere.
 */

export interface WarnTarget {
  column: StampColumn;
  plan: ColumnDef | null;
  shape: ColumnShape;
}

/** Per stamp column key: what its returned value exceeds. */
export function rowWarnings(
  sheetColumns: readonly ColumnDef[],
  targets: readonly WarnTarget[],
  returned: ReadonlyMap<string, string>,
  planRow: RowData | undefined,
  resolve: DepartmentResolver,
): Map<string, Overrun> {
  const warnings = new Map<string, Overrun>();
  const valueOf = (target: WarnTarget): unknown => {
    const text = returned.get(target.column.key);
    if (text === undefined) return target.plan ? planRow?.cells[target.plan.key]?.value : undefined;
    const parsed = parseCellInput(target.shape, text, resolve);
    return parsed.ok ? toCellValue(target.shape, parsed.cell).value : undefined;
  };
  const asColumns = targets.map((target) => ({ ...target.shape, key: target.column.key, target }));
  const done = doneInvestmentColumn(asColumns);
  const budget = budgetColumn(sheetColumns);
  if (done && budget && done.target.plan?.key !== budget.key && returned.has(done.key)) {
    const budgetTarget = targets.find((target) => target.plan?.key === budget.key);
    const budgetValue =
      budgetTarget && returned.has(budgetTarget.column.key) ? valueOf(budgetTarget) : planRow?.cells[budget.key]?.value;
    const overrun = investmentOverrun(done, valueOf(done.target), budget, budgetValue);
    if (overrun) warnings.set(done.key, overrun);
  }
  for (const rate of asColumns.filter((column) => isCompletionRate(column) && returned.has(column.key))) {
    const overrun = rateOverrun(rate, valueOf(rate.target));
    if (overrun) warnings.set(rate.key, overrun);
  }
  return warnings;
}
