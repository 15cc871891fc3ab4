import type { Dec } from '../../../../shared/values/exactDecimal';
import { convertUnit, parseDec, toFixedText, toText } from '../../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../../shared/values/money';
import { MONEY_UNITS } from '../../../../shared/values/money';

/** Display helpers: exact decimal strings from the API shown as officials read them. */

/** "3309473.59" → "3,309,473.59" (the text is not re-rounded). */
export function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function isMoneyUnit(unit: string | null | undefined): unit is MoneyUnit {
  return (MONEY_UNITS as readonly string[]).includes(unit ?? '');
}

/** An amount in `from` shown in `to` with `decimals` places, rounded half up, grouped. */
export function money(text: string, from: MoneyUnit, to: MoneyUnit, decimals = 2): string {
  const value = parseDec(text);
  if (!value) return text;
  return groupThousands(toFixedText(convertUnit(value, from, to), decimals));
}

/** For drawing only (bar lengths): an exact value as a float, converted between units. */
export function chartNumber(text: string, from?: MoneyUnit, to?: MoneyUnit): number {
  const value: Dec | null = parseDec(text);
  if (!value) return 0;
  return Number(toText(from && to ? convertUnit(value, from, to) : value));
}

/** A signed difference for display ("+0.174", "-0.021641", "0"). */
export function signedText(text: string): string {
  return text.startsWith('-') || text === '0' ? text : `+${text}`;
}
