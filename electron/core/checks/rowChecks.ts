import type { CheckResult } from '../../../shared/contract/calls/checks';
import type { PlanMeta, RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { parseYearRange } from '../../../shared/values/periods';
import { completionResults, completionRules } from './completionChecks';
import type { OverdueRule } from './overdueChecks';
import { overdueResult, overdueRule } from './overdueChecks';
import type { DuplicateGroup, UnitResolver } from './indexes/duplicates';
import { DuplicateIndex, MIN_CONTAINED_LENGTH } from './indexes/duplicates';
import { RowFindings } from './indexes/rowFindings';
import { TotalsIndex } from './indexes/totals';
import { makeResult, MAX_ROWS_LISTED, rowRef, rowRefs } from './results';
import type { RowIndex, SheetState } from './snapshot';
import { cellText } from './snapshot';

/**
 * The checks every item sheet gets without being told: projects listed twice, amounts not
 * stated, periods outside the plan's period. Each is kept up to date row by row (see the
 * indexes), so it costs nothing to re-run after an edit.
 */

export interface SheetIndexes {
  totals: TotalsIndex;
  duplicates: DuplicateIndex;
  /** Items whose amount is unknown ("/" or blank), when the sheet has an amount column. */
  unknownAmounts: { column: ColumnDef; rows: RowFindings<true> } | null;
  /** Items whose period starts before or ends after the plan's period. */
  periods: { column: ColumnDef; start: number; end: number; rows: RowFindings<{ start: number; end: number }> } | null;
  /** 完成投资 over 投资匡算, 完成率 over 100% (completionChecks.ts). */
  completion: ReturnType<typeof completionRules>;
  /** Tasks past their deadline, not done (overdueChecks.ts). */
  overdue: OverdueRule | null;
}

export function amountColumn(sheet: SheetState): ColumnDef | undefined {
  return sheet.byRole('investment') ?? sheet.columns.find((column) => column.type === 'money');
}

export function buildIndexes(
  sheet: SheetState,
  meta: PlanMeta,
  resolveUnit?: UnitResolver,
): { list: RowIndex[]; named: SheetIndexes } {
  const amount = amountColumn(sheet);
  const period = sheet.byRole('period');
  const start = meta.periodStart;
  const end = meta.periodEnd;
  const named: SheetIndexes = {
    totals: new TotalsIndex(sheet),
    duplicates: new DuplicateIndex(sheet, resolveUnit),
    unknownAmounts: amount
      ? {
          column: amount,
          rows: new RowFindings((row: RowData) =>
            // Stryker disable next-line BooleanLiteral: any finding but null marks the row (false too)
            row.parentId === null && row.cells[amount.key]?.value == null ? true : null,
          ),
        }
      : null,
    periods:
      period && start !== null && end !== null
        ? {
            column: period,
            start,
            end,
            rows: new RowFindings((row: RowData) => {
              const span = parseYearRange(cellText(row, period.key));
              return span && (span.start < start || span.end > end) ? span : null;
            }),
          }
        : null,
    completion: completionRules(sheet),
    overdue: overdueRule(sheet),
  };
  const list: RowIndex[] = [named.totals, named.duplicates, ...named.completion.map((rule) => rule.rows)];
  if (named.unknownAmounts) list.push(named.unknownAmounts.rows);
  if (named.periods) list.push(named.periods.rows);
  if (named.overdue) list.push(named.overdue.rows);
  return { list, named };
}

function duplicateResult(sheet: SheetState, group: DuplicateGroup, amountUnit: string): CheckResult {
  const numbers = group.rowIds.map((id) => `第${sheet.rowNumber(id)}行`);
  const category = sheet.byRole('category');
  const categories = category
    ? [...new Set(group.rowIds.map((id) => cellText(sheet.rows.get(id)!, category.key)).filter(Boolean))]
    : // Stryker disable next-line ArrayDeclaration: categories are named only when there are two or more; any one stand-in reads the same
      [];
  const amount = group.amount === null ? '金额均未知' : `投资均为 ${group.amount}${amountUnit}`;
  const units = group.units.length > 0 ? `，责任单位均为${group.units.join('、')}` : '';
  const how =
    group.reason === 'identical'
      ? '名称和内容相同'
      : `一行的内容（去掉标点后 ${MIN_CONTAINED_LENGTH} 字以上）完整出现在另一行的名称和内容中`;
  const counted = group.amount !== null ? `，合计与分类小计中重复计入 ${group.amount}${amountUnit}` : '';
  return makeResult({
    id: `duplicate:${sheet.info.id}:${group.rowIds.join(':')}`,
    kind: 'duplicate',
    label: `疑似重复：${numbers.join('与')}`,
    status: 'fail',
    sheetId: sheet.info.id,
    computed: group.amount,
    unit: group.amount === null ? null : amountUnit,
    messageZh: `${numbers.join('与')}${amount}${units}，且${how}${categories.length > 1 ? `；分属${categories.join('、')}` : ''}${counted}`,
    messageEn: `rows ${group.rowIds.map((id) => sheet.rowNumber(id)).join(' and ')} look like the same item (same amount and units; ${group.reason === 'identical' ? 'same name and content' : 'one content contained in the other'})`,
    ...rowRefs(sheet, group.rowIds),
  });
}

/** The rows a per-row check found, in sheet order, capped like every list of rows. */
function findingRefs<T>(
  sheet: SheetState,
  findings: RowFindings<T>,
  columnKey: string,
): Pick<CheckResult, 'rows' | 'rowsOmitted'> {
  const ids = findings.firstInOrder(sheet, MAX_ROWS_LISTED);
  return { rows: ids.map((id) => rowRef(sheet, id, columnKey)), rowsOmitted: findings.found.size - ids.length };
}

export function rowCheckResults(sheet: SheetState, indexes: SheetIndexes): CheckResult[] {
  const results: CheckResult[] = [];
  const sheetId = sheet.info.id;
  const name = sheet.info.name;
  const unknown = indexes.unknownAmounts;
  const unit = unknown?.column.type === 'money' ? (unknown.column.settings.moneyUnit ?? '万元') : '';

  if (indexes.duplicates.enabled) {
    const groups = indexes.duplicates.groups();
    if (groups.length === 0) {
      results.push(
        makeResult({
          id: `duplicate:${sheetId}`,
          kind: 'duplicate',
          label: `${name}：疑似重复项`,
          status: 'pass',
          sheetId,
          messageZh: '未发现金额、责任单位和内容都相同的重复项',
          messageEn: 'no items with the same amount, units and description',
        }),
      );
    }
    for (const group of groups.sort((a, b) => sheet.rowNumber(a.rowIds[0]!) - sheet.rowNumber(b.rowIds[0]!))) {
      results.push(duplicateResult(sheet, group, unit));
    }
  }

  if (unknown) {
    const count = unknown.rows.found.size;
    const items = indexes.totals.topLevel;
    results.push(
      makeResult({
        id: `unknownAmount:${sheetId}`,
        kind: 'unknownAmount',
        label: `${name}：${unknown.column.name}未知的项目`,
        status: 'info',
        sheetId,
        computed: String(count),
        unit: '项',
        messageZh:
          count === 0
            ? `${items} 项均有金额`
            : `${items} 项中 ${items - count} 项有金额，${count} 项金额未知（“/”或空白，不计为 0）`,
        messageEn: `${items - count} of ${items} items have an amount; ${count} unknown (not counted as 0)`,
        ...findingRefs(sheet, unknown.rows, unknown.column.key),
      }),
    );
  }

  const periods = indexes.periods;
  if (periods) {
    const outside = periods.rows.found;
    const listed = findingRefs(sheet, periods.rows, periods.column.key);
    results.push(
      makeResult({
        id: `periodOutsidePlan:${sheetId}`,
        kind: 'periodOutsidePlan',
        label: `${name}：${periods.column.name}超出规划期 ${periods.start}—${periods.end} 年`,
        status: outside.size === 0 ? 'pass' : 'warn',
        sheetId,
        computed: String(outside.size),
        unit: '项',
        messageZh:
          outside.size === 0
            ? `所有可读的${periods.column.name}均在规划期内`
            : `${outside.size} 项的${periods.column.name}超出规划期：${listed.rows
                .slice(0, 5)
                .map((ref) => `第${ref.rowNumber}行 ${cellText(sheet.rows.get(ref.rowId)!, periods.column.key)}`)
                .join('；')}${outside.size > 5 ? '…' : ''}`,
        messageEn: `${outside.size} items run outside the plan period ${periods.start}–${periods.end}`,
        ...listed,
      }),
    );
  }
  results.push(...completionResults(sheet, indexes.completion));
  if (indexes.overdue) results.push(overdueResult(sheet, indexes.overdue));
  return results;
}
