import type { CheckResult, CheckStatus, CheckSummary } from '../../../shared/contract/calls/checks';
import { CHECK_STATUS_LABELS } from '../../../shared/contract/calls/checks';

/** Check results for people, in Chinese: problems first with the rows involved, passes in brief. */

const MARKS: Readonly<Record<CheckStatus, string>> = { fail: '✗', warn: '!', notEvaluable: '?', info: 'i', pass: '✓' };
const ORDER: readonly CheckStatus[] = ['fail', 'warn', 'notEvaluable', 'info', 'pass'];
const ROWS_SHOWN = 10;

function rowsLine(result: CheckResult, sheetNames: ReadonlyMap<number, string>): string {
  if (result.rows.length === 0) return '';
  const shown = result.rows
    .slice(0, ROWS_SHOWN)
    .map((row) => `第${row.rowNumber}行${row.label ? `（${row.label}）` : ''}`);
  const more = result.rows.length - ROWS_SHOWN + result.rowsOmitted;
  const sheet = sheetNames.get(result.rows[0]!.sheetId) ?? '';
  return `      ${sheet ? `${sheet} ` : ''}${shown.join('、')}${more > 0 ? ` 等，另有 ${more} 行` : ''}`;
}

export function checksText(
  results: readonly CheckResult[],
  summary: CheckSummary,
  sheetNames: ReadonlyMap<number, string>,
): string {
  const lines = [
    `检查 ${summary.total} 项：未通过 ${summary.fail}，需注意 ${summary.warn}，无法判断 ${summary.notEvaluable}，信息 ${summary.info}，通过 ${summary.pass}`,
    `(${summary.total} checks: ${summary.fail} failed, ${summary.warn} warnings, ${summary.notEvaluable} not evaluable, ${summary.info} info, ${summary.pass} passed)`,
  ];
  for (const status of ORDER) {
    const group = results.filter((result) => result.status === status);
    if (group.length === 0) continue;
    lines.push('', `【${CHECK_STATUS_LABELS[status]}】${group.length} 项`);
    for (const result of group) {
      lines.push(`  ${MARKS[status]} ${result.label}`);
      if (status === 'pass') continue;
      lines.push(`      ${result.messageZh}`);
      const rows = rowsLine(result, sheetNames);
      if (rows) lines.push(rows);
    }
  }
  return lines.join('\n');
}
