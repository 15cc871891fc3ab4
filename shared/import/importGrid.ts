/**
 * A sheet as read from a workbook or CSV file, before any interpretation: rows of cells with the
 * few facts the cell's type carries (a number, a percent- or date-formatted number, a formula
 * without a cached value), merged ranges, hidden rows and columns. Readers produce it; header
 * detection, row classification and cell parsing (all pure) consume it.
 *
 * A plain text cell is a bare string, so the common case costs no object per cell.
 */
export type GridCell =
  | string
  /** A number in General (or another plain number) format. */
  | number
  /**
   * A number; `percent` when the cell's format shows it as a percentage (0.2662 → 26.62%),
   * `approximate` when it shows it with 约 ("约"#,##0.00: 约5,000.00, read as "约5000").
   */
  | { t: 'n'; v: number; percent?: true; approximate?: true }
  /** A date or time cell, already as ISO text (the reader knows the workbook's 1900/1904 base). */
  | { t: 'd'; v: string }
  | { t: 'b'; v: boolean }
  /** An error value such as #DIV/0! or #REF!. */
  | { t: 'e'; v: string }
  /** A formula whose result was never saved (written by a program that does not calculate). */
  | { t: 'f'; formula: string };

export interface GridRow {
  /** 1-based row number in the source sheet, as Excel shows it. */
  r: number;
  /** Cells by 0-based column; missing or null means empty. */
  cells: (GridCell | null | undefined)[];
  hidden?: boolean;
}

/** A merged range, 0-based inclusive columns and 1-based inclusive rows. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  name: string;
  rows: GridRow[];
  merges: MergeRange[];
  /** 0-based indexes of hidden columns. */
  hiddenColumns: number[];
  columnCount: number;
  hidden?: boolean;
}

/** A number as Excel shows it in General format: at most 15 significant digits, no float noise. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const plain = String(value);
  // Fifteen characters hold at most fifteen significant digits: nothing to round (the usual case).
  if (plain.length <= 15 && !plain.includes('e')) return plain;
  const rounded = Number(value.toPrecision(15));
  const text = String(rounded);
  if (!text.includes('e') || Math.abs(rounded) >= 1e21) return text;
  // A tiny value such as 1e-7 is written out in full, as Excel does.
  return rounded.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
}

/** The text a cell shows, as the user would read it in Excel. */
export function cellText(cell: GridCell | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return numberText(cell);
  switch (cell.t) {
    case 'n':
      if (cell.percent) return `${numberText(cell.v * 100)}%`;
      return cell.approximate ? `约${numberText(cell.v)}` : numberText(cell.v);
    case 'd':
      return cell.v;
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.v;
    case 'f':
      return '';
  }
}

/** Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  let remaining = index + 1;
  while (remaining > 0) {
    const digit = (remaining - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    remaining = Math.floor((remaining - 1) / 26);
  }
  return letters;
}

/** 0-based column of letters such as "AB"; -1 when not letters. */
export function columnIndex(letters: string): number {
  let index = 0;
  for (let at = 0; at < letters.length; at++) {
    const code = letters.charCodeAt(at);
    const upper = code >= 97 ? code - 32 : code;
    if (upper < 65 || upper > 90) return -1;
    index = index * 26 + (upper - 64);
  }
  return index - 1;
}
