import { columnLetter } from '../../../shared/import/importGrid';
/**
 * XML text for OOXML parts. Besides the five XML escapes, SpreadsheetML writes characters that
 * XML 1.0 cannot carry (most C0 controls) as _xHHHH_, and so a literal "_x0041_" in a cell must
 * have its underscore escaped (_x005F_) or a reader would decode it into "A".
 */

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

function escapeCharacter(match: string): string {
  switch (match) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    default:
      if (match.startsWith('_x')) return `_x005F${match}`;
      return `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
}

/** Text for element content or a double-quoted attribute. */
export function xmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/g, escapeCharacter);
}

/** A <t> element, keeping leading/trailing spaces and line breaks. */
export function textElement(text: string): string {
  const preserve = /^\s|\s$|\n/.test(text);
  return preserve ? `<t xml:space="preserve">${xmlText(text)}</t>` : `<t>${xmlText(text)}</t>`;
}

/** Attributes from an object, skipping undefined ones. */
export function attributes(values: Record<string, string | number | boolean | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    out += ` ${name}="${xmlText(text)}"`;
  }
  return out;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Column letters (0 → A, 26 → AA): the same function the importer reads references with. */
export { columnLetter as columnLetters } from '../../../shared/import/importGrid';

/** "A1" style reference (0-based column, 1-based row). */
export function cellRef(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "A1:C3", or "A1" for a single cell. */
export function rangeRef(left: number, top: number, right: number, bottom: number): string {
  const start = cellRef(left, top);
  return left === right && top === bottom ? start : `${start}:${cellRef(right, bottom)}`;
}

/** A sheet name quoted for a formula or defined name: 'Sheet ''1'''. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
