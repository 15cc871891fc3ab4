import type { CheckResult } from '../../../shared/contract/calls/checks';
import type { RowData } from '../../../shared/contract/contract';
import { isSupervisable, rowStatusInput, supervisionColumns } from '../../../shared/rules/supervision/rowReading';
import { supervisionStatus } from '../../../shared/rules/supervision/status';
import { today } from '../supervision/progress';
import { RowFindings } from './indexes/rowFindings';
import { makeResult, MAX_ROWS_LISTED, rowRef } from './results';
import type { SheetState } from './snapshot';

/**
 * 逾期: tasks and projects past their deadline and not done (shared/rules/supervision), on every
 * sheet that can be supervised, as of the day each row was last read. A failing finding, so the
 * 检查 badge counts them and the panel takes the user to them.
 */

export interface OverdueRule {
  deadlineKey: string;
  rows: RowFindings<{ deadline: string }>;
}

export function overdueRule(sheet: SheetState): OverdueRule | null {
  const found = supervisionColumns(sheet.columns);
  if (!isSupervisable(found)) return null;
  const deadlineKey = (found.deadline ?? found.period)!.key;
  return {
    deadlineKey,
    rows: new RowFindings((row: RowData) => {
      const asOf = today();
      // The start does not decide whether a row is overdue; the as-of date stands in for it.
      const input = rowStatusInput(found, row.cells, { asOf, defaultStart: asOf });
      return supervisionStatus(input).status === 'overdue' ? { deadline: input.deadline! } : null;
    }),
  };
}

export function overdueResult(sheet: SheetState, rule: OverdueRule): CheckResult {
  const found = rule.rows.found;
  const ids = rule.rows.firstInOrder(sheet, MAX_ROWS_LISTED);
  const listed = (format: (id: number) => string) => ids.slice(0, 5).map(format);
  return makeResult({
    id: `overdueTask:${sheet.info.id}`,
    kind: 'overdueTask',
    label: `${sheet.info.name}：逾期未完成`,
    status: found.size === 0 ? 'pass' : 'fail',
    sheetId: sheet.info.id,
    computed: String(found.size),
    unit: '项',
    messageZh:
      found.size === 0
        ? '没有逾期未完成的事项'
        : `${found.size} 项已过完成时限仍未完成：${listed((id) => `第${sheet.rowNumber(id)}行（时限 ${found.get(id)!.deadline}）`).join('；')}${found.size > 5 ? '…' : ''}`,
    messageEn:
      found.size === 0
        ? 'nothing is past its deadline unfinished'
        : `${found.size} items are past their deadline and not done: ${listed((id) => `row ${sheet.rowNumber(id)} (due ${found.get(id)!.deadline})`).join('; ')}${found.size > 5 ? '…' : ''}`,
    rows: ids.map((id) => rowRef(sheet, id, rule.deadlineKey)),
    rowsOmitted: found.size - ids.length,
  });
}
