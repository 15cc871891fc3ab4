import type { Dec } from '../../../../shared/values/exactDecimal';
import { convertUnit, parseDec, toFixedText, toText } from '../../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../../shared/values/money';
import { MONEY_UNITS } from '../../../../shared/values/money';
import { groupThousands } from '../../../../shared/rules/presentation';

/** Digit grouping is the one every front end uses (shared/rules/presentation.ts). */
export { groupThousands };

/** Display helpers: exact decimal strings from the API shown as officials read them. */

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
