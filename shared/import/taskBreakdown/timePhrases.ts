import { toHalfWidth } from '../../values/money';
import type { DatePrecision } from '../../values/periods';
import { readDeadline } from '../../values/periods';

/**
 * Every time phrase of a task: "到2025年底", "2023年6月底前", "6月底前", "年内", "全年",
 * "6月1日起", "长期坚持", "持续推进". Each is read with shared/values/periods to the date it
 * falls on (the end of the period it names) and how precisely; a month without a year takes the
 * document's own year (a 2023 work plan's "6月底前" is 2023-06-30). A year compared with
 * ("较2020年", "比2022年") is a baseline, not a deadline.
 */

export interface TimePhrase {
  text: string;
  /** ISO date, or null when it names no date (ongoing, or no year to place it in). */
  date: string | null;
  precision: DatePrecision | null;
  ongoing: boolean;
  /** "起": a start, not an end. */
  start: boolean;
}

const YEAR = '(?:19|20)\\d{2}年';
const PART = '(?:\\d{1,2}月(?:\\d{1,2}[日号])?(?:份)?|第?[一二三四1-4]季度|[上下]半年)';
const END = '(?:底|末)?(?:前|之前|以前|起|内|为止)?';
const ONGOING = '长期坚持|持续推进|长期推进|常态化推进|持续开展|长期开展|持续实施';
const TIME = new RegExp(
  `(?:到|至|截至|截止到?|于)?(?:${YEAR}${PART}?${END}|${PART}${END}|年底前?|年末前?|年内|全年|当年)|${ONGOING}`,
  'g',
);
const BASELINE_BEFORE = /[较比与同从自]$/;

export function timePhrases(text: string, contextYear: number | null): TimePhrase[] {
  const flat = toHalfWidth(text);
  const found: TimePhrase[] = [];
  for (const match of flat.matchAll(TIME)) {
    const phrase = match[0];
    const before = flat.slice(0, match.index);
    if (BASELINE_BEFORE.test(before)) continue;
    // A year that is part of a name or a number ("2023版", "20231").
    const after = flat.slice((match.index ?? 0) + phrase.length);
    if (/^\d/.test(after)) continue;
    if (/^[-—~～至到]\s*(?:19|20)\d{2}/.test(after)) continue;
    if (/^年(?:度)?$/.test(phrase)) continue;
    const ongoing = new RegExp(`^(?:${ONGOING})$`).test(phrase);
    const start = /起$/.test(phrase);
    const core = phrase
      .replace(/^(?:到|至|截至|截止到?|于)/, '')
      .replace(/起$/, '')
      .replace(/^当年$/, '年内');
    const reading = ongoing ? null : readDeadline(core, contextYear ?? undefined);
    found.push({
      text: phrase,
      date: reading?.kind === 'date' ? reading.date : null,
      precision: reading?.kind === 'date' ? reading.precision : null,
      ongoing: ongoing || reading?.kind === 'ongoing',
      start,
    });
  }
  return found;
}

/**
 * The 完成时限 a row gets: the latest end date among its phrases (the task is done when its
 * last part is), written with its year; "长期坚持"/"持续推进" when the task has only ongoing
 * phrases; empty when it states none.
 */
export function deadlineCell(phrases: readonly TimePhrase[], contextYear: number | null): string {
  const dated = phrases.filter((phrase) => phrase.date !== null && !phrase.start);
  if (dated.length > 0) {
    const last = dated.reduce((latest, phrase) => (phrase.date! > latest.date! ? phrase : latest));
    const text = last.text.replace(/^(?:到|至|截至|截止到?|于)/, '');
    if (/^(?:19|20)\d{2}/.test(text) || contextYear === null) return text;
    return /^年/.test(text) || text === '全年'
      ? `${contextYear}${text === '全年' ? '年底前' : text}`
      : `${contextYear}年${text}`;
  }
  const ongoing = phrases.find((phrase) => phrase.ongoing);
  return ongoing ? ongoing.text : '';
}
