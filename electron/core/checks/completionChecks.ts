import type { CheckResult } from '../../../shared/contract/calls/checks';
import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import type { Overrun } from '../../../shared/rules/completion';
import {
  budgetColumn,
  doneInvestmentColumn,
  investmentOverrun,
  isCompletionRate,
  rateOverrun,
} from '../../../shared/rules/completion';
import { RowFindings } from './indexes/rowFindings';
import { makeResult, MAX_ROWS_LISTED, rowRef } from './results';
import type { SheetState } from './snapshot';

/**
 * The row rules "完成投资不超过投资匡算" and "完成率不超过100%", for every sheet whose columns
 * carry those meanings (shared/rules/completion.ts). Kept up to date row by row like the other
 * per-row checks; a row beyond the bound is a failing finding, listed with what it exceeds.
 */

interface Rule {
  kind: 'doneOverBudget' | 'rateOver100';
  column: ColumnDef;
  label: string;
  passZh: string;
  passEn: string;
  rows: RowFindings<Overrun>;
}

export function completionRules(sheet: SheetState): Rule[] {
  const rules: Rule[] = [];
  const done = doneInvestmentColumn(sheet.columns);
  const budget = budgetColumn(sheet.columns);
  if (done && budget && done.key !== budget.key) {
    rules.push({
      kind: 'doneOverBudget',
      column: done,
      label: `${sheet.info.name}：${done.name}不超过${budget.name}`,
      passZh: `所有已填的${done.name}均不超过${budget.name}`,
      passEn: `every ${done.name} filled in is within its ${budget.name}`,
      rows: new RowFindings((row: RowData) =>
        investmentOverrun(done, row.cells[done.key]?.value, budget, row.cells[budget.key]?.value),
      ),
    });
  }
  for (const rate of sheet.columns.filter(isCompletionRate)) {
    rules.push({
      kind: 'rateOver100',
      column: rate,
      label: `${sheet.info.name}：${rate.name}不超过100%`,
      passZh: `所有已填的${rate.name}均不超过 100%`,
      passEn: `every ${rate.name} filled in is at most 100%`,
      rows: new RowFindings((row: RowData) => rateOverrun(rate, row.cells[rate.key]?.value)),
    });
  }
  return rules;
}

export function completionResults(sheet: SheetState, rules: readonly Rule[]): CheckResult[] {
  return rules.map((rule) => {
    const found = rule.rows.found;
    const ids = rule.rows.firstInOrder(sheet, MAX_ROWS_LISTED);
    const listed = ids
      .slice(0, 5)
      .map((id) => `第${sheet.rowNumber(id)}行 ${found.get(id)!.zh}`)
      .join('；');
    return makeResult({
      id: `${rule.kind}:${sheet.info.id}:${rule.column.key}`,
      kind: rule.kind,
      label: rule.label,
      status: found.size === 0 ? 'pass' : 'fail',
      sheetId: sheet.info.id,
      computed: String(found.size),
      unit: '项',
      messageZh: found.size === 0 ? rule.passZh : `${found.size} 项超出：${listed}${found.size > 5 ? '…' : ''}`,
      messageEn:
        found.size === 0
          ? rule.passEn
          : `${found.size} rows exceed it: ${ids
              .slice(0, 5)
              .map((id) => `row ${sheet.rowNumber(id)} ${found.get(id)!.en}`)
              .join('; ')}${found.size > 5 ? '…' : ''}`,
      rows: ids.map((id) => rowRef(sheet, id, rule.column.key)),
      rowsOmitted: found.size - ids.length,
    });
  });
}
