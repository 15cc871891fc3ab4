import { toHalfWidth } from './money';

/**
 * Years, periods and deadlines as officials write them: 2021-2025, 2021年—2025年, 2021～2025,
 * 2023-06-30, 2023年6月30日, 6月底前, 2023年底前, 年内. A date is derived only where the text
 * says it unambiguously (a month without a year needs the sheet's year); otherwise the text is
 * the value.
 */

const RANGE_DASHES = /\s*(?:-|–|—|―|~|～|〜|－|至|到)+\s*/;

/** "2021-2025" from any common way of writing a span of years; a single year is a span too. */
export function parseYearRange(input: string): { start: number; end: number } | null {
  const text = toHalfWidth(input).replace(/\s+/g, '').replace(/年/g, '');
  const single = /^(\d{4})$/.exec(text);
  if (single) return { start: Number(single[1]), end: Number(single[1]) };
  const parts = text.split(RANGE_DASHES);
  if (parts.length !== 2 || !/^\d{4}$/.test(parts[0]!) || !/^\d{4}$/.test(parts[1]!)) return null;
  const start = Number(parts[0]);
  const end = Number(parts[1]);
  return start <= end ? { start, end } : null;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthEnd(year: number, month: number): string {
  return isoDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate())!;
}

/** A calendar date: 2023-06-30, 2023/6/30, 2023.6.30, 2023年6月30日. */
export function parseDate(input: string): string | null {
  const text = toHalfWidth(input).trim();
  const match = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(text);
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

const QUARTER_END: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 };

/**
 * The date a deadline falls on, when the text makes it unambiguous: "2023-06-30", "2023年底前",
 * "2023年6月底前", "6月底前" / "年内" / "年底前" / "三季度末" with the sheet's year. Null when it
 * cannot be known (no year, "长期坚持", "持续推进").
 */
export function parseDeadline(input: string, contextYear?: number): string | null {
  const exact = parseDate(input.replace(/前$/, ''));
  if (exact) return exact;
  const text = toHalfWidth(input).replace(/\s+/g, '');
  const yearMatch = /^(\d{4})年?/.exec(text);
  const year = yearMatch ? Number(yearMatch[1]) : contextYear;
  const rest = yearMatch ? text.slice(yearMatch[0].length) : text;
  if (year === undefined) return null;
  if (/^(年?底前?|年?末前?|年内|全年|前|内)$/.test(rest) || (yearMatch && rest === '')) return isoDate(year, 12, 31);
  const month = /^(\d{1,2})月(?:底|末)?(?:前|之前|内)?$/.exec(rest);
  if (month) {
    const m = Number(month[1]);
    return m >= 1 && m <= 12 ? monthEnd(year, m) : null;
  }
  const quarter = /^(?:第)?([一二三四1-4])季度(?:末|底)?(?:前)?$/.exec(rest);
  if (quarter) return monthEnd(year, QUARTER_END[quarter[1]!]!);
  if (/^上半年(?:底|末)?前?$/.test(rest)) return isoDate(year, 6, 30);
  if (/^下半年(?:底|末)?前?$/.test(rest)) return isoDate(year, 12, 31);
  return null;
}
