import type { ColumnDef } from '../model/columns';
import type { MoneyUnit } from '../values/money';
import { decimalToFen, fenToDecimal, formatMoney } from '../values/money';

/**
 * What a row reports as done may not exceed what was planned: 完成投资 at most 投资匡算 (the
 * fill-in sheet's own instructions say so), a 完成率 at most 100%. A value beyond is not refused —
 * a project can overrun, a rate can be a typo — but it is never let in silently: the collect
 * preview shows it as a warning and 检查 lists it as a failing finding. One rule, here, for both.
 */

type Column = Pick<ColumnDef, 'key' | 'name' | 'type' | 'role' | 'settings'>;

const DONE_INVESTMENT_NAMES = /^(?:累计|已|实际)?完成(?:的)?投资(?:额)?$/;
const COMPLETION_RATE_NAMES = /完成率|完成比例|完成进度|执行率/;

/** The column of money done (完成投资): by role, else a money column so named. */
export function doneInvestmentColumn<C extends Column>(columns: readonly C[]): C | null {
  return (
    columns.find((column) => column.role === 'doneInvestment' && column.type === 'money') ??
    columns.find(
      (column) =>
        column.role === null &&
        column.type === 'money' &&
        DONE_INVESTMENT_NAMES.test(column.name.replace(/[（(].*$/, '')),
    ) ??
    null
  );
}

/** The planned amount 完成投资 is measured against (投资匡算). */
export function budgetColumn<C extends Column>(columns: readonly C[]): C | null {
  return columns.find((column) => column.role === 'investment' && column.type === 'money') ?? null;
}

/** Whether a column holds a completion rate in percent (完成率): by role, else a percent column so named. */
export function isCompletionRate(column: Column): boolean {
  if (column.type !== 'percent') return false;
  return column.role === 'completionRate' || (column.role === null && COMPLETION_RATE_NAMES.test(column.name));
}

export interface Overrun {
  zh: string;
  en: string;
}

function unitOf(column: Column): MoneyUnit {
  return column.settings.moneyUnit ?? '万元';
}

/**
 * 完成投资 over 投资匡算: both as exact decimals in their columns' units (API cell values), or
 * null when either is unknown or it is within.
 */
export function investmentOverrun(
  done: Column,
  doneValue: unknown,
  budget: Column,
  budgetValue: unknown,
): Overrun | null {
  if (typeof doneValue !== 'string' || typeof budgetValue !== 'string') return null;
  const doneFen = decimalToFen(doneValue, unitOf(done));
  const budgetFen = decimalToFen(budgetValue, unitOf(budget));
  if (doneFen === null || budgetFen === null || doneFen <= budgetFen) return null;
  const unit = unitOf(done);
  const over = fenToDecimal(doneFen - budgetFen, unit);
  const doneText = formatMoney(doneFen, unit);
  const budgetText = formatMoney(budgetFen, unit);
  return {
    zh: `${done.name} ${doneText} ${unit}超过${budget.name} ${budgetText} ${unit}（多 ${over} ${unit}）`,
    en: `${done.name} ${doneText} ${unit} exceeds ${budget.name} ${budgetText} ${unit} (by ${over} ${unit})`,
  };
}

/** A completion rate over 100% (the API value of a percent cell: 105 for "105%"), else null. */
export function rateOverrun(column: Column, value: unknown): Overrun | null {
  if (typeof value !== 'number' || !(value > 100)) return null;
  return { zh: `${column.name} ${value}% 超过 100%`, en: `${column.name} ${value}% is over 100%` };
}
