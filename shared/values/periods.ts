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
  const text = toHalfWidth(input).replace(/\s/g, '').replace(/年/g, '');
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
  // A real date comes back as written. The month need not be compared: a month past 12 (or 0)
  // moves the year, and a day past the month's end (or 0) lands on another day of the month. No
  // year at all (NaN) never comes back equal.
  if (date.getUTCFullYear() !== year || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day of a month; null when there is no such month (month 0 or 13, no year). */
function monthEnd(year: number, month: number): string | null {
  return isoDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/** A calendar date: 2023-06-30, 2023/6/30, 2023.6.30, 2023年6月30日. */
export function parseDate(input: string): string | null {
  const text = toHalfWidth(input).trim();
  const match = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(text);
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** How finely a deadline is given: its date is the last day of that period. */
export const DATE_PRECISIONS = ['day', 'month', 'quarter', 'half', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/**
 * What a deadline text says: a date (the END of the period it names, with how precisely it was
 * given), or that there is no deadline ("长期坚持", "持续推进").
 */
export type DeadlineReading = { kind: 'date'; date: string; precision: DatePrecision } | { kind: 'ongoing' };

/** Texts that mean "no deadline": the task goes on. */
const ONGOING = new Set([
  '长期',
  '长期坚持',
  '长期推进',
  '长期实施',
  '长期开展',
  '持续',
  '持续推进',
  '持续开展',
  '持续实施',
  '常态化',
  '常态化推进',
  '常态化开展',
]);

const CHINESE_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  '○': 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * 一…三十一 (months and days written in Chinese numerals); null for anything else. The text is one
 * to three numerals (normaliseDeadline), so a match always counts at least one.
 */
function chineseCount(text: string): number | null {
  const match = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match) return null;
  const [, tens, ten, units] = match;
  if (tens && !ten) return units ? null : CHINESE_DIGITS[tens]!;
  return (ten ? (tens ? CHINESE_DIGITS[tens]! : 1) * 10 : 0) + (units ? CHINESE_DIGITS[units]! : 0);
}

/**
 * Deadline text in one spelling: half-width digits, no spaces, Chinese-numeral years
 * (二〇二五年), months and days (六月底, 十二月三十一日) as digits. 三季度 stays as written.
 */
function normaliseDeadline(input: string): string {
  return toHalfWidth(input)
    .replace(/\s/g, '')
    .replace(/[〇零○一二三四五六七八九]{4}(?=年)/g, (year) => Array.from(year, (ch) => CHINESE_DIGITS[ch]).join(''))
    .replace(/[一二三四五六七八九十]{1,3}(?=月|日|号)/g, (count) => String(chineseCount(count) ?? count));
}

const BEFORE = '(?:前|之前|以前|内|为止)?';
const DAY = new RegExp(`^(\\d{4})(?:年|[-/.])(\\d{1,2})(?:月|[-/.])(\\d{1,2})[日号]?${BEFORE}$`);
const MONTH = new RegExp(`^(?:(\\d{4})(?:年|[-/.]))?(\\d{1,2})月?份?(?:底|末)?${BEFORE}$`);
const QUARTER = new RegExp(`^(?:(\\d{4})年?)?第?([一二三四1-4])季度?(?:末|底)?${BEFORE}$`);
const HALF = new RegExp(`^(?:(\\d{4})年?)?([上下])半年(?:底|末)?${BEFORE}$`);
const YEAR = new RegExp(`^(\\d{4})?年?(?:底|末|年底|年末|内|全年)?${BEFORE}$`);
const QUARTER_LAST_MONTH: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 };

function dated(date: string | null, precision: DatePrecision): DeadlineReading | null {
  return date === null ? null : { kind: 'date', date, precision };
}

/**
 * Read a deadline as officials write it: "2025-06-30", "2025年6月30日前" (day); "2025年6月",
 * "2025.6", "2025-06", "2025/6", "2025年6月底前", "6月底前" (month); "2025年第三季度", "三季度末"
 * (quarter); "2025年上半年" (half); "2025年底前", "2025年", "年内" (year). The date is the last day
 * of the period. A text without a year takes `contextYear` (the column's year); without one it
 * cannot be dated and reads as null, as does anything that is not a deadline. "长期坚持",
 * "持续推进" and the like read as ongoing: no deadline.
 */
export function readDeadline(input: string, contextYear?: number): DeadlineReading | null {
  const text = normaliseDeadline(input);
  if (ONGOING.has(text)) return { kind: 'ongoing' };
  // A text without a year takes the column's; without either it names no date (isoDate refuses NaN).
  const year = (written: string | undefined): number =>
    written === undefined ? (contextYear ?? Number.NaN) : Number(written);
  const day = DAY.exec(text);
  if (day) return dated(isoDate(Number(day[1]), Number(day[2]), Number(day[3])), 'day');
  const month = MONTH.exec(text);
  // A bare number is not a month ("6" could be anything); it needs 月 or a year before it.
  if (month && (month[1] !== undefined || text.includes('月'))) {
    return dated(monthEnd(year(month[1]), Number(month[2])), 'month');
  }
  const quarter = QUARTER.exec(text);
  if (quarter) {
    return dated(monthEnd(year(quarter[1]), QUARTER_LAST_MONTH[quarter[2]!]!), 'quarter');
  }
  const half = HALF.exec(text);
  if (half) {
    const y = year(half[1]);
    return dated(half[2] === '上' ? isoDate(y, 6, 30) : isoDate(y, 12, 31), 'half');
  }
  const whole = YEAR.exec(text);
  // "2025" and "2025年…" name a year; without digits the text must say 年 ("年内", "年底前"), not just "前".
  if (whole && (whole[1] !== undefined || text.includes('年'))) {
    return dated(isoDate(year(whole[1]), 12, 31), 'year');
  }
  return null;
}

/** Whether a deadline names a month, quarter or the like but gives no year to place it in. */
export function needsYear(input: string): boolean {
  return readDeadline(input) === null && readDeadline(input, 2000) !== null;
}

/**
 * The date a deadline falls on, when the text makes it unambiguous (see readDeadline). Null
 * when it cannot be known (no year) or there is none ("长期坚持", "持续推进").
 */
export function parseDeadline(input: string, contextYear?: number): string | null {
  const reading = readDeadline(input, contextYear);
  return reading?.kind === 'date' ? reading.date : null;
}
