import type { z } from 'zod';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import { DECLARED_SPECS } from '../../../shared/contract/calls/checks';
import type { DeclaredCheck } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import type { Dec } from '../../../shared/values/exactDecimal';
import { convertUnit, dec, toText, ZERO } from '../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../shared/values/money';
import type { TotalsIndex } from './indexes/totals';
import { compareFigure, makeResult, MAX_ROWS_LISTED, rowRef, signed } from './results';
import type { SheetState } from './snapshot';

/**
 * Declared totals and counts of a sheet — "重点工程共88项", "六大类", "合计 3309473.59 万元",
 * "约331亿元", "生态安全类24项，104.3亿元" — compared with what the rows give.
 */

type Spec<K extends keyof typeof DECLARED_SPECS> = z.infer<(typeof DECLARED_SPECS)[K]>;

/** The fields every result of one declared check shares. */
function base(check: DeclaredCheck) {
  return {
    declaredId: check.id,
    sheetId: check.sheetId,
    source: check.source === '' ? null : check.source,
  };
}

/** A declared check that cannot be evaluated, saying why. */
export function notEvaluable(
  check: DeclaredCheck,
  kind: CheckResult['kind'],
  messageZh: string,
  messageEn: string,
): CheckResult {
  return makeResult({
    ...base(check),
    id: `declared:${check.id}`,
    kind,
    label: check.label,
    status: 'notEvaluable',
    messageZh,
    messageEn,
  });
}

/** The figure a claim states, as an exact decimal ("104.3", or 4 stored as a number). */
export function figure(value: string | number): Dec {
  return dec(value);
}

/** Decimal places a figure is written with ("104.3" → 1). */
function writtenDecimals(value: string | number): number {
  return String(value).split('.')[1]?.length ?? 0;
}

/**
 * Rows of one category in sheet order, listed only when a check fails: the scan stops at the
 * listing cap, and the rest are counted from the category's known size.
 */
function categoryRows(
  sheet: SheetState,
  category: ColumnDef,
  label: string,
  count: number,
): Pick<CheckResult, 'rows' | 'rowsOmitted'> {
  const rows: CheckResult['rows'] = [];
  for (const row of sheet.inOrder()) {
    if (rows.length >= MAX_ROWS_LISTED) break;
    // Stryker disable next-line StringLiteral: a declared category is never empty (the contract asks for a character), so a row without one never matches it, whatever stands in for the missing text
    if (row.parentId === null && (row.cells[category.key]?.text ?? '') === label) rows.push(rowRef(sheet, row.id));
  }
  return { rows, rowsOmitted: Math.max(0, count - rows.length) };
}

function knownNote(known: number, count: number): { zh: string; en: string } {
  const unknown = count - known;
  return {
    zh: unknown > 0 ? `（${count} 项中 ${known} 项有金额，${unknown} 项金额未知、未计入）` : '',
    en: unknown > 0 ? ` (${known} of ${count} items have an amount; ${unknown} unknown, not counted)` : '',
  };
}

export function evaluateRowCount(
  check: DeclaredCheck,
  spec: Spec<'rowCount'>,
  sheet: SheetState,
  totals: TotalsIndex,
): CheckResult {
  const top = spec.level === 'top';
  const computed = top ? totals.topLevel : sheet.order.length;
  const outcome = compareFigure(dec(spec.expected), dec(computed), undefined);
  const what = top ? '（不含分项）' : '';
  return makeResult({
    ...base(check),
    id: `declared:${check.id}`,
    kind: 'rowCount',
    label: check.label,
    status: outcome.status,
    expected: String(spec.expected),
    computed: String(computed),
    difference: toText(outcome.difference),
    unit: '项',
    match: outcome.match,
    messageZh:
      outcome.status === 'pass'
        ? `一致：声明 ${spec.expected} 项，表中 ${computed} 项${what}`
        : `不符：声明 ${spec.expected} 项，表中 ${computed} 项${what}，差 ${signed(outcome.difference)} 项`,
    messageEn: `stated ${spec.expected} items, the sheet has ${computed}${top ? ' (top-level rows)' : ''}`,
  });
}

export function evaluateCategoryCount(
  check: DeclaredCheck,
  spec: Spec<'categoryCount'>,
  sheet: SheetState,
  totals: TotalsIndex,
): CheckResult {
  const column = sheet.columnsByKey.get(spec.column);
  if (!column) return notEvaluable(check, 'categoryCount', `找不到列“${spec.column}”`, `no column "${spec.column}"`);
  let labels: string[];
  // Stryker disable next-line ConditionalExpression: the scan below finds the same labels in the same order; the totals index only saves the scan
  if (totals.category?.key === column.key) {
    labels = totals.labelsInOrder().filter((label) => label !== '');
  } else {
    const seen = new Set<string>();
    for (const row of sheet.inOrder()) {
      const text = row.parentId === null ? (row.cells[column.key]?.text ?? '') : '';
      if (text !== '') seen.add(text);
    }
    labels = [...seen];
  }
  const outcome = compareFigure(dec(spec.expected), dec(labels.length), undefined);
  return makeResult({
    ...base(check),
    id: `declared:${check.id}`,
    kind: 'categoryCount',
    label: check.label,
    status: outcome.status,
    expected: String(spec.expected),
    computed: String(labels.length),
    difference: toText(outcome.difference),
    unit: '类',
    match: outcome.match,
    messageZh: `${outcome.status === 'pass' ? '一致' : '不符'}：声明 ${spec.expected} 类，“${column.name}”列有 ${labels.length} 类（${labels.join('、')}）`,
    messageEn: `stated ${spec.expected} categories; column "${column.name}" has ${labels.length}`,
  });
}

/** A column's total in the unit a claim states it in. */
function inUnit(column: ColumnDef, sum: Dec, unit: MoneyUnit | undefined): { value: Dec; unit: string } {
  if (column.type !== 'money') return { value: sum, unit: unit ?? '' };
  const own = column.settings.moneyUnit ?? '万元';
  return { value: convertUnit(sum, own, unit ?? own), unit: unit ?? own };
}

/** The part of a money message that restates a difference in the column's own unit (亿元 → 万元). */
function ownUnitDifference(column: ColumnDef, difference: Dec, unit: string): string {
  if (column.type !== 'money') return '';
  const own = column.settings.moneyUnit ?? '万元';
  if (own === unit) return '';
  return `，即 ${signed(convertUnit(difference, unit as MoneyUnit, own))}${own}`;
}

interface AmountClaim {
  id: string;
  label: string;
  kind: 'columnTotal' | 'categoryTotal';
  column: ColumnDef;
  expected: string | number;
  unit: MoneyUnit | undefined;
  decimals: number | undefined;
  sum: Dec;
  known: number;
  count: number;
  rows: () => Pick<CheckResult, 'rows' | 'rowsOmitted'>;
}

function amountResult(check: DeclaredCheck, claim: AmountClaim): CheckResult {
  const computed = inUnit(claim.column, claim.sum, claim.unit);
  const expected = figure(claim.expected);
  const outcome = compareFigure(expected, computed.value, claim.decimals);
  const u = computed.unit;
  const note = knownNote(claim.known, claim.count);
  const stated = `声明 ${toText(expected)}${u}，计算 ${toText(computed.value)}${u}`;
  const difference = `差 ${signed(outcome.difference)}${u}${ownUnitDifference(claim.column, outcome.difference, u)}`;
  const messageZh =
    outcome.match === 'exact'
      ? `一致：${stated}${note.zh}`
      : outcome.match === 'rounded'
        ? `四舍五入到 ${claim.decimals} 位小数后相符：${stated}（${difference}）${note.zh}`
        : `不符：${stated}，${difference}${note.zh}`;
  return makeResult({
    ...base(check),
    id: claim.id,
    kind: claim.kind,
    label: claim.label,
    status: outcome.status,
    expected: toText(expected),
    computed: toText(computed.value),
    difference: toText(outcome.difference),
    unit: u || null,
    match: outcome.match,
    messageZh,
    messageEn: `stated ${toText(expected)} ${u}, computed ${toText(computed.value)} ${u}: ${
      outcome.match === 'exact'
        ? 'equal'
        : outcome.match === 'rounded'
          ? `equal when rounded to ${claim.decimals} decimals`
          : 'different'
    }${note.en}`,
    ...(outcome.status === 'fail' ? claim.rows() : {}),
  });
}

export function evaluateColumnTotal(
  check: DeclaredCheck,
  spec: Spec<'columnTotal'>,
  sheet: SheetState,
  totals: TotalsIndex,
): CheckResult {
  const column = sheet.columnsByKey.get(spec.column);
  const sum = totals.totals.get(spec.column);
  if (!column || !sum) {
    return notEvaluable(
      check,
      'columnTotal',
      `找不到可合计的列“${spec.column}”`,
      `no summable column "${spec.column}"`,
    );
  }
  return amountResult(check, {
    id: `declared:${check.id}`,
    label: check.label,
    kind: 'columnTotal',
    column,
    expected: spec.expected,
    unit: spec.unit,
    decimals: spec.decimals ?? (spec.approximate ? writtenDecimals(spec.expected) : undefined),
    sum: sum.sum,
    known: sum.known,
    count: totals.topLevel,
    // Stryker disable next-line ArrowFunction,ObjectLiteral: makeResult lists no rows unless told, so any empty stand-in reads the same
    rows: () => ({ rows: [], rowsOmitted: 0 }),
  });
}

export function evaluateCategoryTotal(
  check: DeclaredCheck,
  spec: Spec<'categoryTotal'>,
  sheet: SheetState,
  totals: TotalsIndex,
): CheckResult[] {
  const category = totals.category;
  const column = sheet.columnsByKey.get(spec.column);
  if (!category)
    return [notEvaluable(check, 'categoryTotal', '工作表没有“大类”角色的列', 'the sheet has no category column')];
  if (!column) return [notEvaluable(check, 'categoryTotal', `找不到列“${spec.column}”`, `no column "${spec.column}"`)];
  const group = totals.groups.get(spec.category);
  const count = group?.count ?? 0;
  const sum = group?.sums.get(spec.column) ?? { sum: ZERO, known: 0 };
  const rows = () => categoryRows(sheet, category, spec.category, count);
  const results: CheckResult[] = [];
  if (spec.count !== undefined && spec.count !== null) {
    const outcome = compareFigure(dec(spec.count), dec(count), undefined);
    results.push(
      makeResult({
        ...base(check),
        id: `declared:${check.id}:count`,
        kind: 'categoryTotal',
        label: `${check.label}（项数）`,
        status: outcome.status,
        expected: String(spec.count),
        computed: String(count),
        difference: toText(outcome.difference),
        unit: '项',
        match: outcome.match,
        messageZh: `${outcome.status === 'pass' ? '一致' : '不符'}：声明${spec.category} ${spec.count} 项，表中 ${count} 项`,
        messageEn: `stated ${spec.count} items in ${spec.category}, the sheet has ${count}`,
        ...(outcome.status === 'fail' ? rows() : {}),
      }),
    );
  }
  if (spec.amount !== undefined && spec.amount !== null) {
    results.push(
      amountResult(check, {
        id: `declared:${check.id}:amount`,
        label: `${check.label}（投资额）`,
        kind: 'categoryTotal',
        column,
        expected: spec.amount,
        unit: spec.unit,
        decimals: spec.decimals ?? writtenDecimals(spec.amount),
        sum: sum.sum,
        known: sum.known,
        count,
        rows,
      }),
    );
  } else {
    const computed = inUnit(column, sum.sum, spec.unit);
    results.push(
      makeResult({
        ...base(check),
        id: `declared:${check.id}:amount`,
        kind: 'categoryTotal',
        label: check.label,
        status: 'info',
        computed: toText(computed.value),
        unit: computed.unit || null,
        messageZh: `未声明投资额；表中${spec.category} ${count} 项，${sum.known} 项有金额，合计 ${toText(computed.value)}${computed.unit}`,
        messageEn: `no amount stated; ${sum.known} of ${count} items have one, totalling ${toText(computed.value)} ${computed.unit}`,
      }),
    );
  }
  return results;
}
