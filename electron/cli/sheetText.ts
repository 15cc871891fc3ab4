import { displayWidth } from '../core/export/layout';

/**
 * A sheet's rows as text for the command line: CSV as Excel expects it, or a table for people.
 */

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

/** One CSV record (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}

/** A cell in a one-line table: line breaks shown as spaces, long text cut with "…". */
function oneLine(text: string, maxWidth: number): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ');
  if (displayWidth(flat) <= maxWidth) return flat;
  let cut = '';
  for (const char of flat) {
    if (displayWidth(cut + char) > maxWidth - 1) break;
    cut += char;
  }
  return cut + '…';
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** The widest a column of the table may be, in terminal cells (CJK characters count two). */
const MAX_COLUMN_WIDTH = 40;

/** A table for people: a header line, a rule, one line per row, columns padded to line up. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cells = [headers, ...rows].map((row) => row.map((text) => oneLine(text, MAX_COLUMN_WIDTH)));
  const widths = headers.map((_, index) => Math.max(...cells.map((row) => displayWidth(row[index] ?? ''))));
  const line = (row: readonly string[]) =>
    row
      .map((text, index) => pad(text, widths[index]!))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)];
}
