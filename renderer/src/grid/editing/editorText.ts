import type { ColumnDef } from '../../../../shared/model/columns';
import type { MoneyUnit } from '../../../../shared/values/money';
import { decimalToFen, fenToDecimal, toHalfWidth } from '../../../../shared/values/money';

/**
 * What a money editor holds and saves when the sheet shows money in another unit than the
 * column's (金额单位 亿元 over a 万元 column): a typed bare number means the unit on screen, so
 * "2" with 亿元 shown is 2 亿元, never 2 万元. Amounts that name their own unit ("2亿", "120万",
 * "5000元") keep it.
 */

const BARE_NUMBER = /^(约|大约|近|逾)?[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

function columnUnit(column: Pick<ColumnDef, 'settings'>): MoneyUnit {
  return column.settings.moneyUnit ?? '万元';
}

/** True when a typed amount is a plain number with no unit of its own. */
export function isBareNumber(text: string): boolean {
  return BARE_NUMBER.test(toHalfWidth(text).replace(/\s+/g, ''));
}

/**
 * The text to save for what was typed: a bare number gets the unit it was typed in, when that
 * is not the column's own (the stored text then says what was meant: "2亿元"); a list of units
 * loses the separator a pick left at its end.
 */
export function textToSave(column: Pick<ColumnDef, 'type' | 'settings'>, typed: string, shownUnit: MoneyUnit): string {
  // A unit picked from the list leaves a separator after it, ready for the next one.
  if (column.type === 'departmentList') return typed.replace(/[、，,；;\s]+$/, '');
  if (column.type !== 'money' || shownUnit === columnUnit(column) || !isBareNumber(typed)) return typed;
  return `${typed.trim()}${shownUnit}`;
}

/**
 * The text an editor opens with for F2 / double-click: the cell's own text; for an amount shown
 * in another unit, the exact amount in that unit ("24000" 万元 shown in 亿元 opens as "2.4"), so
 * what the user sees, edits and saves is in one unit.
 */
export function textToEdit(
  column: Pick<ColumnDef, 'type' | 'settings'>,
  cell: { text: string; value: unknown } | undefined,
  shownUnit: MoneyUnit,
): string {
  const text = cell?.text ?? '';
  if (column.type !== 'money' || shownUnit === columnUnit(column) || typeof cell?.value !== 'string') return text;
  const fen = decimalToFen(cell.value, columnUnit(column));
  if (fen === null) return text;
  const approximate = /^\s*(约|大约|近|逾)/.exec(text)?.[1] ?? '';
  return approximate + fenToDecimal(fen, shownUnit);
}
