import { APPROXIMATE_WORDS } from '../../../shared/values/money';

/**
 * What a cell's number format says about its number: a date (and time), a percentage, or a plain
 * number. Only that distinction matters for import; the number itself is always the cached value.
 */
export type FormatKind = 'date' | 'percent' | 'number' | 'approximate';

/**
 * Built-in formats by id (ECMA-376 18.8.30): 9–10 percent; 14–22 and 45–47 dates and times; in
 * Chinese (and other CJK) locales 27–36 and 50–58 are the locale's date formats (yyyy"年"m"月"d"日").
 */
export function builtinFormatKind(id: number): FormatKind {
  if (id === 9 || id === 10) return 'percent';
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return 'date';
  return 'number';
}

/**
 * A custom format code's kind: quoted literals, escaped characters and [colour]/[condition]
 * sections are ignored; what remains is a date if it has y/m/d/h/s tokens (or the CJK 年月日时分秒
 * outside quotes), a percentage if it has %. "[DBNum1]" and elapsed-time codes count as dates.
 */
export function customFormatKind(code: string): FormatKind {
  const firstSection = code.split(';')[0] ?? '';
  const stripped = firstSection
    .replace(/"[^"]*"/g, '')
    // \x escapes a literal, _x leaves the width of x, *x repeats x: none of them is a token.
    .replace(/[\\_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '');
  if (/[yYdDhHsSmM年月日时分秒]/.test(stripped)) return 'date';
  if (stripped.includes('%')) return 'percent';
  // "约"#,##0.00 — how Planbench (and officials by hand) mark an approximate amount: the number
  // shows as 约5,000.00 and is read back as "约5000", so the 约 survives a round trip.
  if (APPROXIMATE_FORMAT.test(firstSection)) return 'approximate';
  return 'number';
}

const APPROXIMATE_FORMAT = new RegExp(`^(?:\\[[^\\]]*\\])*"(?:${APPROXIMATE_WORDS.join('|')})`);

const MS_PER_DAY = 86_400_000;
/** Serial 0 of the 1900 system is 1899-12-30 once Excel's fictitious 1900-02-29 is accounted for. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** An Excel date serial as ISO text: "2024-06-30", or "2024-06-30 14:30" when it has a time. */
export function serialToIso(serial: number, date1904: boolean): string {
  let days = serial;
  // 1900 system: serials below 61 count the non-existent 1900-02-29, so they are one day early.
  if (!date1904 && serial < 61) days += 1;
  const ms = Math.round(days * MS_PER_DAY) + (date1904 ? EPOCH_1904 : EPOCH_1900);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return String(serial);
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  const seconds = iso.slice(16, 19);
  if (time === '00:00' && seconds === ':00') return day;
  return seconds === ':00' ? `${day} ${time}` : `${day} ${time}${seconds}`;
}
