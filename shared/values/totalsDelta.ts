import type { ColumnTotal } from '../contract/calls/core';
import type { CellValue } from './cells';
import { add, dec, sub, toText } from './exactDecimal';
import type { MoneyUnit } from './money';
import { decimalToFen, fenToDecimal } from './money';

/**
 * Totals kept up to date from what changed instead of summed again: the 合计 row after an edit
 * (in the page) and the totals a mutation reports with its changes (electron/api/changes.ts)
 * are both the old totals adjusted by each cell's old and new value — exact, and equal to what
 * the store's SUM would answer.
 */

/**
 * An exact running sum: money in 分 of the column's unit, numbers as exact decimals — the way the
 * store sums them, so the page's figures equal the store's to the last digit.
 */
export function exactSum(type: ColumnTotal['type'], moneyUnit: MoneyUnit, start = '0') {
  if (type === 'money') {
    const fen = (value: string) => decimalToFen(value, moneyUnit) ?? 0n;
    let sum = fen(start);
    return {
      add: (value: string) => void (sum += fen(value)),
      subtract: (value: string) => void (sum -= fen(value)),
      text: () => fenToDecimal(sum, moneyUnit),
    };
  }
  let sum = dec(start);
  return {
    add: (value: string) => void (sum = add(sum, dec(value))),
    subtract: (value: string) => void (sum = sub(sum, dec(value))),
    text: () => toText(sum),
  };
}

/** One cell's value before and after an edit, as the grid holds them (CellValue.value). */
export interface ValueChange {
  columnKey: string;
  before: unknown;
  after: unknown;
  /** Whether the amount before / after is approximate (CellValue.approximate), for the 约 count. */
  approximateBefore?: boolean;
  approximateAfter?: boolean;
}

/** The change of one edited cell, from the cell the grid held (if any) and the cell saved. */
export function valueChange(columnKey: string, before: CellValue | undefined, after: CellValue): ValueChange {
  const saved = after.text === '' ? null : after;
  return {
    columnKey,
    before: before?.value ?? null,
    after: saved?.value ?? null,
    approximateBefore: before?.approximate === true,
    approximateAfter: saved?.approximate === true,
  };
}

export function amount(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * The sheet's totals after some cells changed, worked out from the old totals and each cell's
 * old and new value — exact (分 for money, exact decimals for numbers) and equal to what the
 * store would answer, without asking it: an edit shows in the 合计 row as soon as it is saved.
 */
export function adjustTotals(totals: readonly ColumnTotal[], changes: readonly ValueChange[]): ColumnTotal[] {
  const byColumn = new Map<string, ValueChange[]>();
  for (const change of changes) byColumn.set(change.columnKey, [...(byColumn.get(change.columnKey) ?? []), change]);
  return totals.map((total) => {
    const columnChanges = byColumn.get(total.columnKey);
    if (!columnChanges) return total;
    const sum = exactSum(total.type, total.moneyUnit ?? '万元', total.sum);
    let known = total.known;
    let approximate = total.approximate ?? 0;
    for (const change of columnChanges) {
      const [before, after] = [amount(change.before), amount(change.after)];
      if (before !== null) {
        sum.subtract(before);
        known--;
        if (change.approximateBefore) approximate--;
      }
      if (after !== null) {
        sum.add(after);
        known++;
        if (change.approximateAfter) approximate++;
      }
    }
    const { approximate: _was, ...rest } = total;
    return {
      ...rest,
      sum: sum.text(),
      known,
      unknown: total.known + total.unknown - known,
      ...(approximate > 0 ? { approximate } : {}),
    };
  });
}
