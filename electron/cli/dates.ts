import { PlanbenchError } from '../../shared/contract/errors';
import { parseDate, readDeadline } from '../../shared/values/periods';

/** A date as a user writes it on the command line: 2025-06-30, 2025年6月30日, or 2025年6月 (its last day). */
export function asOfDate(text: string, flag = '--as-of'): string {
  const reading = readDeadline(text);
  const date = parseDate(text) ?? (reading?.kind === 'date' ? reading.date : null);
  if (date === null) {
    throw PlanbenchError.of(
      'invalid_value',
      `${flag}：“${text}”不是日期（如 2025-06-30、2025年6月底）`,
      `${flag}: "${text}" is not a date (e.g. 2025-06-30, 2025年6月底)`,
    );
  }
  return date;
}
