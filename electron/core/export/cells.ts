import type { CellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import { isApproximateText, toHalfWidth } from '../../../shared/values/money';

/**
 * What one plan cell becomes in a workbook.
 *
 * Money: the store holds an exact decimal string. It goes into the file as a number, written as
 * that very decimal text in the cell's <v> element, whenever it has at most 15 significant
 * digits — every such decimal survives a reader's conversion to a binary double and back
 * (DBL_DIG = 15), so 3309473.59 reads back as 3309473.59 and sums in Excel. Longer amounts (not
 * seen in practice: 10^13 万元) are written as text so no digit is lost. Approximate amounts
 * ("约5000") stay numbers, with a number format that shows the 约.
 *
 * Text is always a string cell, never a formula; text that a spreadsheet would read as a formula
 * or a signed number when edited (= + - @) also gets Excel's quote prefix.
 */
export type OutCell =
  | { kind: 'blank' }
  | { kind: 'text'; text: string; formulaLike: boolean }
  | { kind: 'number'; decimal: string; approximate: boolean }
  | { kind: 'date'; serial: number }
  /** A value the workbench computes (执行率): a formula on the row's cells, with the exact value cached. */
  | { kind: 'formula'; formula: (row: number) => string; cached: string | null };

const BLANK: OutCell = { kind: 'blank' };

/** Characters that make a spreadsheet treat typed text as a formula (CSV/DDE injection too). */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Significant digits of a plain decimal ("0.005" has 1, "3309473.59" has 9). */
export function significantDigits(decimal: string): number {
  // Stryker disable next-line Regex: a plain decimal has a sign only in front, so the first sign is the leading one
  const digits = decimal.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '');
  return digits.length;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal text we may write as a number: plain, and exact through a double. */
export function numericText(decimal: string): string | null {
  if (!PLAIN_DECIMAL.test(decimal)) return null;
  if (significantDigits(decimal) > 15) return null;
  // Normalise "-0", "007" and "1.50" the way a reader prints them back.
  // Stryker disable next-line StringLiteral,Regex: split always gives a first part (the default is never used), and a plain decimal's only minus is its first character
  const [whole = '0', fraction = ''] = decimal.replace(/^-/, '').split('.');
  const trimmedWhole = whole.replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction.replace(/0+$/, '');
  const body = trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
  return decimal.startsWith('-') && body !== '0' ? `-${body}` : body;
}

/** Days since 1899-12-30: Excel's 1900 date system (correct for every date after 1900-03-01). */
export function excelSerial(isoDate: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const serial = (time - Date.UTC(1899, 11, 30)) / 86_400_000;
  return serial > 60 ? serial : null;
}

/** A cell written as the text typed (never empty: outCell answers an empty cell with BLANK first). */
function textCell(text: string): OutCell {
  return { kind: 'text', text, formulaLike: isFormulaLike(text) };
}

export function outCell(column: Pick<ColumnDef, 'type'>, cell: CellValue | undefined): OutCell {
  if (!cell || cell.text === '') return BLANK;
  switch (column.type) {
    case 'money': {
      const decimal = typeof cell.value === 'string' ? numericText(cell.value) : null;
      if (decimal === null) return textCell(cell.text);
      return { kind: 'number', decimal, approximate: cell.approximate === true || isApproximateText(cell.text) };
    }
    case 'number':
    case 'year': {
      // The typed text is the exact number ("1,234.5" → 1234.5); the stored REAL is not needed.
      // Stryker disable next-line Regex: every space goes either way, one at a time or a run at once
      const plain = toHalfWidth(cell.text).replace(/\s+/g, '').replace(/年$/, '');
      const ungrouped = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(plain) ? plain.replace(/,/g, '') : plain;
      const decimal = numericText(ungrouped.replace(/^\+/, ''));
      return decimal === null ? textCell(cell.text) : { kind: 'number', decimal, approximate: false };
    }
    case 'date': {
      const serial = excelSerial(cell.text);
      return serial === null ? textCell(cell.text) : { kind: 'date', serial };
    }
    default:
      return textCell(cell.text);
  }
}
