import type { ColumnDef } from '../../model/columns';

/**
 * 执行率 of a budget (execution) sheet, computed by the workbench, never typed:
 *
 *   执行率 = 已支出 ÷ 预算数（资金）× 100%, to 0.01%, rounded half-up (四舍五入).
 *
 * Why over the budget and not over 已下达: finance bureaus report 预算执行率 as spending over the
 * year's budget (the 财政部 performance indicator 预算执行率 = 预算执行数 ÷ 预算数 × 100%, and the
 * 支出进度 in 预算执行 reports is 支出 over 全年预算), so a fund that was never issued counts as
 * not executed — dividing by 已下达 would report 100% for a project that received a tenth of its
 * budget and spent it. Whether 已下达 keeps up is the check 已支出 ≤ 已下达 ≤ 预算数.
 *
 * A budget of zero or empty, or no 已支出 yet, gives no rate: the cell stays blank, never NaN or ∞.
 */

/** The columns an execution sheet is recognised by (the 资金预算 kind's keys). */
export const EXECUTION_KEYS = { budget: 'investment', issued: 'issued', spent: 'spent', rate: 'rate' } as const;

export interface ExecutionColumns {
  budget: ColumnDef;
  spent: ColumnDef;
  rate: ColumnDef;
}

/** An execution sheet's columns: money 资金, 已下达 and 已支出 with a percent 执行率; null for other sheets. */
export function executionColumns<C extends Pick<ColumnDef, 'key' | 'type'>>(
  columns: readonly C[],
): { budget: C; spent: C; rate: C } | null {
  const byKey = (key: string, type: string) => columns.find((column) => column.key === key && column.type === type);
  const budget = byKey(EXECUTION_KEYS.budget, 'money');
  const issued = byKey(EXECUTION_KEYS.issued, 'money');
  const spent = byKey(EXECUTION_KEYS.spent, 'money');
  const rate = byKey(EXECUTION_KEYS.rate, 'percent');
  return budget && issued && spent && rate ? { budget, spent, rate } : null;
}

/** Whether a column's cells are computed by the workbench (so typing into them is refused). */
export function isComputedColumn(columns: readonly Pick<ColumnDef, 'key' | 'type'>[], key: string): boolean {
  return executionColumns(columns)?.rate.key === key;
}

/**
 * The 执行率 as the cell's text, in percent with two decimals ("45.67"), from amounts in 分;
 * '' when there is nothing to divide (no spending, a budget of zero or unknown).
 */
export function executionRateText(spentFen: bigint | null, budgetFen: bigint | null): string {
  if (spentFen === null || budgetFen === null || budgetFen === 0n) return '';
  // Hundredths of a percent: spent × 10000 ÷ budget, half-up on the magnitude (四舍五入).
  const negative = spentFen < 0n !== budgetFen < 0n;
  const numerator = (spentFen < 0n ? -spentFen : spentFen) * 10_000n;
  const denominator = budgetFen < 0n ? -budgetFen : budgetFen;
  const hundredths = (2n * numerator + denominator) / (2n * denominator);
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0');
  return `${negative && hundredths !== 0n ? '-' : ''}${whole}.${fraction}`;
}

export const EXECUTION_RATE_NOTE_ZH = '执行率 = 已支出 ÷ 资金（预算数）× 100%，保留两位小数，四舍五入；由工作台计算';
