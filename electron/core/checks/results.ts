import type { CheckResult, CheckStatus, CheckSummary, RowRef } from '../../../shared/contract/calls/checks';
import type { Dec } from '../../../shared/values/exactDecimal';
import { cmp, roundHalfUp, sub, toText } from '../../../shared/values/exactDecimal';
import type { SheetState } from './snapshot';
import { cellText } from './snapshot';

/** Rows listed per result; the rest are counted in rowsOmitted. */
export const MAX_ROWS_LISTED = 200;

type Optional =
  | 'sheetId'
  | 'declaredId'
  | 'expected'
  | 'computed'
  | 'difference'
  | 'unit'
  | 'match'
  | 'source'
  | 'rows'
  | 'rowsOmitted';

/** A result with the fields a check does not use left empty. */
export function makeResult(fields: Omit<CheckResult, Optional> & Partial<Pick<CheckResult, Optional>>): CheckResult {
  return {
    sheetId: null,
    declaredId: null,
    expected: null,
    computed: null,
    difference: null,
    unit: null,
    match: null,
    source: null,
    rows: [],
    rowsOmitted: 0,
    ...fields,
  };
}

/** "55 新能源配套设施建设工程": a row's 序号 and name as lists show it. */
export function rowLabel(sheet: SheetState, rowId: number): string {
  const row = sheet.rows.get(rowId);
  if (!row) return '';
  const seq = cellText(row, sheet.byRole('seq')?.key);
  const name = cellText(row, (sheet.byRole('name') ?? sheet.byRole('district'))?.key);
  return [seq, name].filter(Boolean).join(' ');
}

export function rowRef(sheet: SheetState, rowId: number, columnKey?: string): RowRef {
  const label = rowLabel(sheet, rowId);
  return {
    sheetId: sheet.info.id,
    rowId,
    rowNumber: sheet.rowNumber(rowId),
    ...(columnKey !== undefined ? { columnKey } : {}),
    ...(label ? { label } : {}),
  };
}

/** Rows in sheet order, the first MAX_ROWS_LISTED listed and the rest counted. */
export function rowRefs(
  sheet: SheetState,
  rowIds: Iterable<number>,
  columnKey?: string,
): Pick<CheckResult, 'rows' | 'rowsOmitted'> {
  const numbered = [...rowIds].map((id) => ({ id, number: sheet.rowNumber(id) })).sort((a, b) => a.number - b.number);
  return {
    rows: numbered.slice(0, MAX_ROWS_LISTED).map(({ id }) => rowRef(sheet, id, columnKey)),
    rowsOmitted: Math.max(0, numbered.length - MAX_ROWS_LISTED),
  };
}

/** How a computed figure compares with a stated one. */
export interface FigureComparison {
  status: Extract<CheckStatus, 'pass' | 'fail'>;
  match: 'exact' | 'rounded' | 'mismatch';
  difference: Dec;
}

/**
 * Equal exactly: pass. Stated to `decimals` places (a rounded claim) and equal once the computed
 * value is rounded half up to those places: pass, "within rounding". Otherwise: fail. The exact
 * difference (computed − stated) is reported either way.
 */
export function compareFigure(expected: Dec, computed: Dec, decimals: number | undefined): FigureComparison {
  const difference = sub(computed, expected);
  if (cmp(expected, computed) === 0) return { status: 'pass', match: 'exact', difference };
  if (decimals !== undefined && cmp(roundHalfUp(computed, decimals), expected) === 0) {
    return { status: 'pass', match: 'rounded', difference };
  }
  return { status: 'fail', match: 'mismatch', difference };
}

/** "+216.41" / "-0.021641" / "0": a difference with its sign. */
export function signed(value: Dec): string {
  const text = toText(value);
  return text.startsWith('-') || text === '0' ? text : `+${text}`;
}

export function summarize(results: readonly CheckResult[]): CheckSummary {
  const summary: CheckSummary = { total: results.length, pass: 0, fail: 0, warn: 0, info: 0, notEvaluable: 0 };
  for (const result of results) summary[result.status]++;
  return summary;
}

/** Failures first, then warnings, …, keeping each group in its own order. */
export function byUrgency(results: readonly CheckResult[]): CheckResult[] {
  const rank = (status: CheckStatus) => ['fail', 'warn', 'notEvaluable', 'info', 'pass'].indexOf(status);
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => rank(a.result.status) - rank(b.result.status) || a.index - b.index)
    .map(({ result }) => result);
}
