import type { ColumnType } from '../../../shared/model/columns';
import { MM_PER_PT } from './geometry';
import { emWidth, quantile } from './text';

/**
 * Sharing the page width among columns ("fit to page width"). Columns with a fixed width keep
 * it. Every other column first gets its minimum: amounts, years and dates never wrap, and a
 * header wraps onto two lines at most. The rest of the width then goes, a millimetre at a time,
 * to the column where it saves the most height over the whole table, estimated from the texts'
 * lengths. So 建设内容 gets room and 序号 does not, and the table takes as few pages as it can.
 */

export interface WidthRequest {
  type: ColumnType;
  /** The header text; a line break in it is a line of its own. */
  header: string;
  /** The texts of the column's cells as printed, row by row (the same rows for every column). */
  texts: readonly string[];
  /** A fixed width chosen by the user, or null. */
  fixedMm: number | null;
  /** Whether the column must not wrap (amounts, numbers). */
  noWrap: boolean;
}

/** Horizontal padding of a cell, in mm (the stylesheet uses it too). */
export const CELL_PADDING_X_MM = 1.2;
/** Padding, rule and a little room for glyphs wider than the estimate. */
const CELL_CHROME_MM = 2 * CELL_PADDING_X_MM + 0.6;

/** Types whose texts are short codes that read badly when broken (years, dates, ranges). */
const KEEP_WHOLE: ReadonlySet<ColumnType> = new Set(['year', 'yearRange', 'date', 'percent', 'choice', 'status']);

/** The widest a keep-whole column's minimum gets; longer texts in it wrap. */
const KEEP_WHOLE_MAX_EM = 7;
const STEP_MM = 1;
/** The header counts like this many rows: it is repeated on every page. */
const HEADER_WEIGHT = 4;

/** Widths in mm, in the order of the requests, summing to `availableMm`. */
export function columnWidths(
  requests: readonly WidthRequest[],
  availableMm: number,
  fontSizePt: number,
): { widths: number[]; scaledFixed: boolean; cramped: boolean } {
  const emMm = fontSizePt * MM_PER_PT;
  const fixedTotal = requests.reduce((sum, request) => sum + (request.fixedMm ?? 0), 0);
  const autoIndexes = requests.flatMap((request, index) => (request.fixedMm === null ? [index] : []));

  // Only fixed widths: they are proportions of the page width.
  if (autoIndexes.length === 0) {
    const scale = fixedTotal > 0 ? availableMm / fixedTotal : 1;
    return {
      widths: requests.map((request) => (request.fixedMm ?? 0) * scale),
      scaledFixed: scale < 0.99,
      cramped: false,
    };
  }

  // Per column, per row: the widths (in em) of the lines of its cell.
  const lines = requests.map((request) =>
    request.texts.map((text) => (text === '' ? [] : text.split('\n').map(emWidth))),
  );
  const headerLines = requests.map((request) => request.header.split('\n').map(emWidth));
  const widths = requests.map(
    (request, index) =>
      request.fixedMm ?? minimumEm(request, lines[index]!, headerLines[index]!) * emMm + CELL_CHROME_MM,
  );

  const minTotal = autoIndexes.reduce((sum, index) => sum + widths[index]!, 0);
  if (fixedTotal + minTotal > availableMm) {
    // Not even the minimums fit: everything shrinks together (and wraps more, amounts may not fit).
    const scale = availableMm / (fixedTotal + minTotal);
    return { widths: widths.map((width) => width * scale), scaledFixed: fixedTotal > 0, cramped: true };
  }

  const rows = requests[0]?.texts.length ?? 0;
  /** Estimated lines of a cell at a width: each text line wraps into ⌈its width / the column's⌉, smoothed. */
  const cellLines = (column: number, row: number, widthMm: number) => {
    const roomEm = Math.max(0.5, (widthMm - CELL_CHROME_MM) / emMm);
    let count = 0;
    for (const line of lines[column]![row] ?? []) count += Math.max(1, line / roomEm);
    return count;
  };
  const headerCellLines = (column: number, widthMm: number) => {
    const roomEm = Math.max(0.5, (widthMm - CELL_CHROME_MM) / emMm);
    return headerLines[column]!.reduce((sum, line) => sum + Math.max(1, line / roomEm), 0);
  };
  // Current lines per row and column; a row is as tall as its tallest cell.
  const current = requests.map((_, column) =>
    Array.from({ length: rows }, (__, row) => cellLines(column, row, widths[column]!)),
  );
  const growable = autoIndexes.filter((index) => !requests[index]!.noWrap);

  let spare = availableMm - fixedTotal - minTotal;
  const tallest = new Float64Array(rows);
  const tallestColumn = new Int32Array(rows);
  const secondTallest = new Float64Array(rows);
  while (spare >= STEP_MM && growable.length > 0) {
    // Per row, its tallest cell and the next: what the row's height falls back to without a column.
    for (let row = 0; row < rows; row++) {
      let first = 1;
      let firstColumn = -1;
      let second = 1;
      for (let column = 0; column < requests.length; column++) {
        const value = current[column]![row]!;
        if (value > first) {
          second = first;
          first = value;
          firstColumn = column;
        } else if (value > second) {
          second = value;
        }
      }
      tallest[row] = first;
      tallestColumn[row] = firstColumn;
      secondTallest[row] = second;
    }
    let best = -1;
    let bestGain = 0;
    for (const column of growable) {
      const width = widths[column]! + STEP_MM;
      let gain =
        HEADER_WEIGHT *
        (tallestHeader(headerCellLines, widths, column, widths[column]!) -
          tallestHeader(headerCellLines, widths, column, width));
      for (let row = 0; row < rows; row++) {
        // Only the row's tallest cell decides its height.
        if (tallestColumn[row] !== column) continue;
        const after = cellLines(column, row, width);
        gain += tallest[row]! - Math.max(secondTallest[row]!, after);
      }
      if (gain > bestGain + 1e-9) {
        best = column;
        bestGain = gain;
      }
    }
    if (best < 0) break;
    widths[best]! += STEP_MM;
    for (let row = 0; row < rows; row++) current[best]![row] = cellLines(best, row, widths[best]!);
    spare -= STEP_MM;
  }
  // What no column needs any more is shared in proportion, so the table spans the text area.
  const autoTotal = autoIndexes.reduce((sum, index) => sum + widths[index]!, 0);
  const scale = (availableMm - fixedTotal) / autoTotal;
  for (const index of autoIndexes) widths[index]! *= scale;
  return { widths, scaledFixed: false, cramped: false };
}

function minimumEm(request: WidthRequest, cells: readonly (readonly number[])[], header: readonly number[]): number {
  const widths = cells.map((cell) => Math.max(0, ...cell));
  const widest = Math.max(0, ...widths);
  const headerEm = Math.max(0, ...header);
  // A header may wrap onto a second line, never below two characters a line.
  const headerMin = Math.min(headerEm, Math.max(2, Math.ceil(headerEm / 2)));
  if (request.noWrap) return Math.max(2, headerMin, widest);
  // A date or a year range stays on one line; a list of them ("6月底前；年内；2023年底前") may wrap.
  if (KEEP_WHOLE.has(request.type)) return Math.max(2, headerMin, Math.min(quantile(widths, 0.9), KEEP_WHOLE_MAX_EM));
  // Text: four characters a line where most cells have that much; a mostly empty column less.
  return Math.max(2, headerMin, Math.min(quantile(widths, 0.75), 4));
}

function tallestHeader(
  headerCellLines: (column: number, widthMm: number) => number,
  widths: readonly number[],
  column: number,
  width: number,
): number {
  let tallest = 1;
  for (let other = 0; other < widths.length; other++) {
    tallest = Math.max(tallest, headerCellLines(other, other === column ? width : widths[other]!));
  }
  return tallest;
}
