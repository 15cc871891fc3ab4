import type { CheckResult, CheckStatus } from '../../../shared/contract/calls/checks';
import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import {
  FUNDING_SOURCES,
  investYearOf,
  isDistrictShareKey,
  SHARING_RULE_KEY,
  SHARING_SPENDING_KEY,
} from '../../../shared/model/budgetSheets';
import { readSharingRule, SHARING_LEVELS, splitByRule } from '../../../shared/rules/budgets/sharingRule';
import { makeResult, rowLabel, rowRefs } from './results';
import type { SheetState } from './snapshot';
import { fenOf } from '../budgets/sheetValues';

/**
 * The checks of budget sheets (issue 19), recognised by their columns:
 * - 年度投资计划 (investment + invest2021… + fund*): each project's years, and its funding
 *   sources once any is filled in, add up to its 投资匡算 exactly;
 * - 共同财政事权 (rule + spending + the levels' shares): every item has a readable rule whose
 *   percentages add up to 100%, and the levels' shares are the rule's split of the spending;
 * - execution (资金 + 已下达 + 已支出): 已支出 ≤ 已下达 ≤ 预算数.
 * Each is one result per sheet listing the rows concerned.
 */

function sumFen(row: RowData, columns: readonly ColumnDef[]): { sum: bigint; filled: number } {
  let sum = 0n;
  let filled = 0;
  for (const column of columns) {
    const fen = fenOf(row, column);
    if (fen === null) continue;
    sum += fen;
    filled++;
  }
  return { sum, filled };
}

function topLevel(sheet: SheetState): RowData[] {
  return [...sheet.inOrder()].filter((row) => row.parentId === null);
}

interface Finding {
  kind: CheckResult['kind'];
  label: string;
  status: CheckStatus;
  rows: number[];
  columnKey?: string;
  messageZh: string;
  messageEn: string;
}

function result(sheet: SheetState, finding: Finding): CheckResult {
  return makeResult({
    id: `${finding.kind}:${sheet.info.id}${finding.columnKey ? `:${finding.columnKey}` : ''}`,
    kind: finding.kind,
    label: finding.label,
    status: finding.status,
    sheetId: sheet.info.id,
    computed: String(finding.rows.length),
    unit: '项',
    messageZh: finding.messageZh,
    messageEn: finding.messageEn,
    ...rowRefs(sheet, finding.rows, finding.columnKey),
  });
}

const listed = (sheet: SheetState, ids: readonly number[]) =>
  ids
    .slice(0, 5)
    .map((id) => rowLabel(sheet, id) || `第 ${sheet.rowNumber(id)} 行`)
    .join('、') + (ids.length > 5 ? '…' : '');

function investmentPlanChecks(sheet: SheetState, investment: ColumnDef): CheckResult[] {
  const years = sheet.columns.filter((column) => investYearOf(column.key) !== null);
  const sources = sheet.columns.filter((column) => FUNDING_SOURCES.some((source) => source.key === column.key));
  const yearsOff: number[] = [];
  const sourcesOff: number[] = [];
  const sourcesOpen: number[] = [];
  for (const row of topLevel(sheet)) {
    const amount = fenOf(row, investment);
    if (amount === null) continue;
    if (sumFen(row, years).sum !== amount) yearsOff.push(row.id);
    const bySource = sumFen(row, sources);
    if (bySource.filled === 0) sourcesOpen.push(row.id);
    else if (bySource.sum !== amount) sourcesOff.push(row.id);
  }
  const results = [
    result(sheet, {
      kind: 'investmentYears',
      label: '分年度投资之和等于投资匡算',
      status: yearsOff.length ? 'fail' : 'pass',
      rows: yearsOff,
      columnKey: investment.key,
      messageZh: yearsOff.length
        ? `${yearsOff.length} 个项目各年度投资之和不等于投资匡算：${listed(sheet, yearsOff)}`
        : '每个项目的各年度投资之和都等于投资匡算',
      messageEn: yearsOff.length
        ? `${yearsOff.length} projects' yearly amounts do not add up to their estimated investment`
        : 'every project’s yearly amounts add up to its estimated investment',
    }),
  ];
  if (sources.length > 0) {
    results.push(
      result(sheet, {
        kind: 'investmentSources',
        label: '各资金来源之和等于投资匡算',
        status: sourcesOff.length ? 'fail' : sourcesOpen.length ? 'info' : 'pass',
        rows: sourcesOff.length ? sourcesOff : sourcesOpen,
        columnKey: investment.key,
        messageZh: sourcesOff.length
          ? `${sourcesOff.length} 个项目各资金来源之和不等于投资匡算：${listed(sheet, sourcesOff)}`
          : sourcesOpen.length
            ? `${sourcesOpen.length} 个项目的资金来源待填`
            : '每个项目的资金来源之和都等于投资匡算',
        messageEn: sourcesOff.length
          ? `${sourcesOff.length} projects' funding sources do not add up to their estimated investment`
          : sourcesOpen.length
            ? `${sourcesOpen.length} projects have no funding sources filled in yet`
            : 'every project’s funding sources add up to its estimated investment',
      }),
    );
  }
  return results;
}

function costSharingChecks(sheet: SheetState, spending: ColumnDef): CheckResult[] {
  const levels = SHARING_LEVELS.flatMap((level) => {
    const column = sheet.columnsByKey.get(level.key);
    return column ? [{ level: level.level, column }] : [];
  });
  const missing: number[] = [];
  const unreadable: number[] = [];
  let firstReason = { zh: '', en: '' };
  const wrongSplit: number[] = [];
  const notSplit: number[] = [];
  for (const row of topLevel(sheet)) {
    const rule = readSharingRule(row.cells[SHARING_RULE_KEY]?.text ?? '');
    if (rule.kind === 'none') missing.push(row.id);
    if (rule.kind === 'invalid') {
      if (unreadable.length === 0) firstReason = { zh: rule.reasonZh, en: rule.reasonEn };
      unreadable.push(row.id);
    }
    const amount = fenOf(row, spending);
    if (rule.kind !== 'ratio' || amount === null || amount < 0n) continue;
    const shares = levels.map(({ column }) => fenOf(row, column));
    if (shares.every((share) => share === null)) {
      notSplit.push(row.id);
      continue;
    }
    const expected = splitByRule(amount, rule);
    if (levels.some(({ level }, index) => (shares[index] ?? 0n) !== (expected.get(level) ?? 0n))) {
      wrongSplit.push(row.id);
    }
  }
  const ruleRows = unreadable.length ? unreadable : missing;
  return [
    result(sheet, {
      kind: 'sharingRule',
      label: '每个事项都有分担方式，比例之和为100%',
      status: unreadable.length ? 'fail' : missing.length ? 'warn' : 'pass',
      rows: ruleRows,
      columnKey: SHARING_RULE_KEY,
      messageZh: unreadable.length
        ? `${unreadable.length} 项分担方式无法使用（${firstReason.zh}）`
        : missing.length
          ? `${missing.length} 项尚未填写分担方式（如“市:区 = 5:5”“省:市:区 = 4:3:3”或“因素法”）：${listed(sheet, missing)}`
          : '每个事项都有可用的分担方式',
      messageEn: unreadable.length
        ? `${unreadable.length} sharing rules cannot be used (${firstReason.en})`
        : missing.length
          ? `${missing.length} items have no sharing rule yet (e.g. "市:区 = 5:5", "省:市:区 = 4:3:3" or "因素法")`
          : 'every item has a usable sharing rule',
    }),
    result(sheet, {
      kind: 'sharingSplit',
      label: '各级承担之和等于支出，且符合分担比例',
      status: wrongSplit.length ? 'fail' : notSplit.length ? 'warn' : 'pass',
      rows: wrongSplit.length ? wrongSplit : notSplit,
      columnKey: SHARING_SPENDING_KEY,
      messageZh: wrongSplit.length
        ? `${wrongSplit.length} 项各级承担与按分担方式计算的结果不符（之和应等于支出）：${listed(sheet, wrongSplit)}`
        : notSplit.length
          ? `${notSplit.length} 项已有支出和分担比例，尚未计算各级承担`
          : '各级承担均按分担方式计算，之和等于支出',
      messageEn: wrongSplit.length
        ? `${wrongSplit.length} items' level shares differ from their rule's split of the spending`
        : notSplit.length
          ? `${notSplit.length} items have spending and a ratio but their shares are not computed yet`
          : 'every item’s shares are its rule’s split and add up to the spending',
    }),
  ];
}

function executionCheck(sheet: SheetState, budget: ColumnDef, issued: ColumnDef, spent: ColumnDef): CheckResult {
  const off: number[] = [];
  for (const row of topLevel(sheet)) {
    const [b, i, s] = [fenOf(row, budget), fenOf(row, issued), fenOf(row, spent)];
    if (
      (s !== null && i !== null && s > i) ||
      (i !== null && b !== null && i > b) ||
      (s !== null && b !== null && s > b)
    ) {
      off.push(row.id);
    }
  }
  return result(sheet, {
    kind: 'budgetExecution',
    label: '已支出 ≤ 已下达 ≤ 预算数',
    status: off.length ? 'fail' : 'pass',
    rows: off,
    columnKey: spent.key,
    messageZh: off.length
      ? `${off.length} 项不满足 已支出 ≤ 已下达 ≤ 预算数：${listed(sheet, off)}`
      : '每项都满足 已支出 ≤ 已下达 ≤ 预算数',
    messageEn: off.length
      ? `${off.length} rows break spent ≤ issued ≤ budget`
      : 'every row keeps spent ≤ issued ≤ budget',
  });
}

/** 分区承担: each item's district parts add up to its 区级承担 exactly. */
function districtSharesCheck(sheet: SheetState, districtPart: ColumnDef, districts: ColumnDef[]): CheckResult {
  const off: number[] = [];
  for (const row of topLevel(sheet)) {
    const part = fenOf(row, districtPart);
    if (part === null) continue;
    if (sumFen(row, districts).sum !== part) off.push(row.id);
  }
  return result(sheet, {
    kind: 'sharingSplit',
    label: '各区承担之和等于区级承担',
    status: off.length ? 'fail' : 'pass',
    rows: off,
    columnKey: districtPart.key,
    messageZh: off.length
      ? `${off.length} 项各区承担之和不等于区级承担：${listed(sheet, off)}`
      : '每项各区承担之和都等于区级承担',
    messageEn: off.length
      ? `${off.length} items' district parts do not add up to their district share`
      : 'every item’s district parts add up to its district share',
  });
}

/** A 年度投资计划: an investment column spread over year columns (invest2021…). */
export function isInvestmentPlan(sheet: SheetState): boolean {
  return (
    sheet.columnsByKey.get('investment')?.type === 'money' &&
    sheet.columns.some((column) => investYearOf(column.key) !== null)
  );
}

/** The budget checks that apply to a sheet (none for sheets without these columns). */
export function budgetCheckResults(sheet: SheetState): CheckResult[] {
  const byKey = (key: string) => {
    const column = sheet.columnsByKey.get(key);
    return column?.type === 'money' ? column : undefined;
  };
  const results: CheckResult[] = [];
  const investment = byKey('investment');
  if (investment && isInvestmentPlan(sheet)) results.push(...investmentPlanChecks(sheet, investment));
  const spending = byKey(SHARING_SPENDING_KEY);
  if (spending && sheet.columnsByKey.has(SHARING_RULE_KEY)) results.push(...costSharingChecks(sheet, spending));
  const districtPart = byKey(SHARING_LEVELS[2].key);
  const districts = sheet.columns.filter((column) => isDistrictShareKey(column.key) && column.type === 'money');
  if (districtPart && districts.length > 0) results.push(districtSharesCheck(sheet, districtPart, districts));
  const issued = byKey('issued');
  const spent = byKey('spent');
  if (investment && issued && spent) results.push(executionCheck(sheet, investment, issued, spent));
  return results;
}
