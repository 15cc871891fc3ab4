import type { z } from 'zod';
import type { AllocationMatrix, CheckResult } from '../../../shared/contract/calls/checks';
import { DECLARED_SPECS } from '../../../shared/contract/calls/checks';
import type { DeclaredCheck, RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { isDepartmentType, isSummable } from '../../../shared/model/columns';
import type { Dec } from '../../../shared/values/exactDecimal';
import {
  add,
  cmp,
  dec,
  divide,
  isInteger,
  shift,
  sub,
  toFixedText,
  toText,
  ZERO,
} from '../../../shared/values/exactDecimal';
import { figure, notEvaluable } from './declared';
import { compareFigure, makeResult, rowRef, rowRefs, signed } from './results';
import type { SheetState } from './snapshot';
import { cellText } from './snapshot';

/**
 * Allocation matrices (目标任务分解表): units or districts down, periods across, each cell a
 * number (30 micro-grid pilots over 7 districts × 2024–2026). Row, column and grand totals are
 * computed exactly and compared with their stated targets; rules ("all done by the end of 2026",
 * "scenes X and Y at least 25 %") are checked against the cells.
 */

export interface AllocationRow {
  row: RowData;
  label: string;
  cells: Map<string, Dec | null>;
  total: Dec;
}

export interface AllocationModel {
  sheet: SheetState;
  label: ColumnDef | undefined;
  periods: ColumnDef[];
  /** Decimal places a cell may have: 0 for counts. */
  decimals: number;
  rows: AllocationRow[];
  columnTotals: Map<string, Dec>;
  grand: Dec;
}

/** The column naming each row: district, else a unit column, else the name. */
function labelColumn(sheet: SheetState): ColumnDef | undefined {
  return (
    sheet.byRole('district') ??
    sheet.byRole('leadUnit') ??
    sheet.byRole('responsibleUnits') ??
    sheet.columns.find((column) => isDepartmentType(column.type)) ??
    sheet.byRole('name') ??
    sheet.columns.find((column) => column.type === 'text')
  );
}

/** The period columns: those with role count (or allocationPeriod), else every summable column. */
export function periodColumns(sheet: SheetState): ColumnDef[] {
  const marked = sheet.columns.filter((column) => column.role === 'count' || column.role === 'allocationPeriod');
  return marked.length > 0 ? marked : sheet.columns.filter(isSummable);
}

/** The year a period column stands for: its year setting, else a year in its name ("2024年"). */
export function periodYear(column: ColumnDef): number | null {
  if (column.settings.year !== undefined) return column.settings.year;
  const match = /(19|20|21)\d{2}/.exec(column.name);
  return match ? Number(match[0]) : null;
}

/** Whole units for counts; a column's stated decimals otherwise (2 for money). */
export function cellDecimals(columns: readonly ColumnDef[]): number {
  return Math.max(
    0,
    ...columns.map((column) =>
      column.role === 'count' ? 0 : (column.settings.decimals ?? (column.type === 'money' ? 2 : 0)),
    ),
  );
}

function cellValue(row: RowData, column: ColumnDef): Dec | null {
  const value = row.cells[column.key]?.value;
  return typeof value === 'string' || typeof value === 'number' ? dec(value) : null;
}

export function buildAllocation(sheet: SheetState): AllocationModel {
  const label = labelColumn(sheet);
  const periods = periodColumns(sheet);
  const columnTotals = new Map(periods.map((column) => [column.key, ZERO]));
  let grand = ZERO;
  const rows: AllocationRow[] = [];
  for (const row of sheet.inOrder()) {
    const cells = new Map<string, Dec | null>();
    let total = ZERO;
    for (const column of periods) {
      const value = cellValue(row, column);
      cells.set(column.key, value);
      if (value === null) continue;
      total = add(total, value);
      columnTotals.set(column.key, add(columnTotals.get(column.key) ?? ZERO, value));
    }
    grand = add(grand, total);
    const name = label ? cellText(row, label.key).trim() : '';
    rows.push({ row, label: name, cells, total });
  }
  return { sheet, label, periods, decimals: cellDecimals(periods), rows, columnTotals, grand };
}

type Spec<K extends keyof typeof DECLARED_SPECS> = z.infer<(typeof DECLARED_SPECS)[K]>;

function base(check: DeclaredCheck) {
  return { declaredId: check.id, sheetId: check.sheetId, source: check.source === '' ? null : check.source };
}

/** A total against its target, exactly (counts are not rounded claims). */
function targetResult(
  check: DeclaredCheck,
  kind: 'allocationRowTotal' | 'allocationColumnTotal' | 'allocationGrandTotal',
  expected: string | number,
  computed: Dec,
  what: string,
  rows: Pick<CheckResult, 'rows' | 'rowsOmitted'>,
): CheckResult {
  const outcome = compareFigure(figure(expected), computed, undefined);
  return makeResult({
    ...base(check),
    id: `declared:${check.id}`,
    kind,
    label: check.label,
    status: outcome.status,
    expected: toText(figure(expected)),
    computed: toText(computed),
    difference: toText(outcome.difference),
    match: outcome.match,
    messageZh:
      outcome.status === 'pass'
        ? `一致：${what}目标 ${toText(figure(expected))}，各格合计 ${toText(computed)}`
        : `不符：${what}目标 ${toText(figure(expected))}，各格合计 ${toText(computed)}，差 ${signed(outcome.difference)}`,
    messageEn: `${what}: target ${toText(figure(expected))}, cells add up to ${toText(computed)}`,
    ...rows,
  });
}

export function evaluateAllocationDeclared(check: DeclaredCheck, model: AllocationModel): CheckResult {
  const sheet = model.sheet;
  switch (check.kind) {
    case 'allocationRowTotal': {
      const spec = DECLARED_SPECS.allocationRowTotal.parse(check.spec);
      const matches = model.rows.filter((row) => row.label === spec.district.trim());
      if (matches.length === 0) {
        return notEvaluable(
          check,
          'allocationRowTotal',
          `表中找不到“${spec.district}”所在行`,
          `no row for "${spec.district}"`,
        );
      }
      const total = matches.reduce((sum, row) => add(sum, row.total), ZERO);
      return targetResult(
        check,
        'allocationRowTotal',
        spec.expected,
        total,
        `${spec.district}`,
        rowRefs(
          sheet,
          matches.map((row) => row.row.id),
        ),
      );
    }
    case 'allocationColumnTotal': {
      const spec = DECLARED_SPECS.allocationColumnTotal.parse(check.spec);
      const column = model.periods.find((candidate) => candidate.key === spec.column);
      if (!column)
        return notEvaluable(check, 'allocationColumnTotal', `找不到列“${spec.column}”`, `no column "${spec.column}"`);
      return targetResult(
        check,
        'allocationColumnTotal',
        spec.expected,
        model.columnTotals.get(column.key) ?? ZERO,
        column.name,
        rowRefs(
          sheet,
          model.rows.map((row) => row.row.id),
          column.key,
        ),
      );
    }
    case 'allocationGrandTotal': {
      const spec = DECLARED_SPECS.allocationGrandTotal.parse(check.spec);
      return targetResult(check, 'allocationGrandTotal', spec.expected, model.grand, '总计', {
        rows: [],
        rowsOmitted: 0,
      });
    }
    case 'rule':
      return evaluateRule(check, DECLARED_SPECS.rule.parse(check.spec), model);
    default:
      return notEvaluable(
        check,
        'unsupported',
        `不支持的检查类型“${check.kind}”`,
        `unsupported check kind "${check.kind}"`,
      );
  }
}

function evaluateRule(check: DeclaredCheck, spec: Spec<'rule'>, model: AllocationModel): CheckResult {
  return spec.rule === 'completeBy' ? completeBy(check, spec, model) : sceneShare(check, spec, model);
}

/** "2026年底前完成": every allocated unit sits in a period that ends by the deadline. */
function completeBy(
  check: DeclaredCheck,
  spec: Extract<Spec<'rule'>, { rule: 'completeBy' }>,
  model: AllocationModel,
): CheckResult {
  const deadline = spec.deadline.length === 4 ? `${spec.deadline}-12-31` : spec.deadline;
  const undated = model.periods.filter((column) => periodYear(column) === null);
  const late = model.periods.filter((column) => {
    const year = periodYear(column);
    return year !== null && `${year}-12-31` > deadline;
  });
  const nonZeroCells = (columns: readonly ColumnDef[]) =>
    model.rows.flatMap((row) =>
      columns
        .filter((column) => {
          const value = row.cells.get(column.key);
          return value !== null && value !== undefined && value.digits !== 0n;
        })
        .map((column) => ({ row, column })),
    );
  const lateCells = nonZeroCells(late);
  const undatedCells = nonZeroCells(undated);
  const byDeadline = model.rows.reduce(
    (sum, row) =>
      model.periods.reduce((inner, column) => {
        const year = periodYear(column);
        const value = row.cells.get(column.key);
        return year !== null && `${year}-12-31` <= deadline && value ? add(inner, value) : inner;
      }, sum),
    ZERO,
  );
  const years = model.periods.map(periodYear).filter((year): year is number => year !== null);
  const span = years.length > 0 ? `${Math.min(...years)}—${Math.max(...years)} 年` : '';
  const fields = {
    ...base(check),
    id: `declared:${check.id}`,
    kind: 'rule' as const,
    label: check.label,
    expected: toText(model.grand),
    computed: toText(byDeadline),
    difference: toText(sub(byDeadline, model.grand)),
  };
  if (lateCells.length > 0) {
    return makeResult({
      ...fields,
      status: 'fail',
      match: 'mismatch',
      messageZh: `有 ${lateCells.length} 格安排在 ${deadline} 之后（${late.map((column) => column.name).join('、')}）；期限前合计 ${toText(byDeadline)}，总计 ${toText(model.grand)}`,
      messageEn: `${lateCells.length} cells fall after ${deadline}`,
      rows: lateCells.slice(0, 200).map(({ row, column }) => rowRef(model.sheet, row.row.id, column.key)),
      rowsOmitted: Math.max(0, lateCells.length - 200),
    });
  }
  if (undatedCells.length > 0) {
    return makeResult({
      ...fields,
      status: 'notEvaluable',
      messageZh: `列 ${undated.map((column) => column.name).join('、')} 没有年份，无法判断是否在 ${deadline} 前完成`,
      messageEn: `columns without a year: cannot tell whether they end by ${deadline}`,
      rows: undatedCells.slice(0, 200).map(({ row, column }) => rowRef(model.sheet, row.row.id, column.key)),
      rowsOmitted: Math.max(0, undatedCells.length - 200),
    });
  }
  return makeResult({
    ...fields,
    status: 'pass',
    match: 'exact',
    messageZh: `全部 ${toText(model.grand)} 个均安排在 ${span}，不晚于 ${deadline}`,
    messageEn: `all ${toText(model.grand)} fall in periods ending by ${deadline}`,
  });
}

/**
 * "产业园区、和美乡村两类场景合计比重不低于25%": the share of the rows named by the scenes (by
 * their label or category) in the grand total. A matrix without a breakdown by scene cannot
 * show it: not evaluable, with the reason the plan gives.
 */
function sceneShare(
  check: DeclaredCheck,
  spec: Extract<Spec<'rule'>, { rule: 'sceneShareMin' }>,
  model: AllocationModel,
): CheckResult {
  const category = model.sheet.byRole('category');
  const scenes = new Set(spec.scenes.map((scene) => scene.trim()));
  const matched = model.rows.filter(
    (row) => scenes.has(row.label) || (category !== undefined && scenes.has(cellText(row.row, category.key).trim())),
  );
  const percent = (value: Dec) => toFixedText(shift(value, 2), 2);
  if (matched.length === 0 || model.grand.digits === 0n) {
    return makeResult({
      ...base(check),
      id: `declared:${check.id}`,
      kind: 'rule',
      label: check.label,
      status: 'notEvaluable',
      expected: percent(dec(spec.minShare)),
      unit: '%',
      messageZh: `表中没有按场景（${spec.scenes.join('、')}）的分解，无法计算其比重`,
      messageEn: spec.why ?? `the table gives no breakdown by scene (${spec.scenes.join(', ')})`,
    });
  }
  const sceneTotal = matched.reduce((sum, row) => add(sum, row.total), ZERO);
  const share = divide(sceneTotal, model.grand, 6);
  const pass = cmp(share, dec(spec.minShare)) >= 0;
  return makeResult({
    ...base(check),
    id: `declared:${check.id}`,
    kind: 'rule',
    label: check.label,
    status: pass ? 'pass' : 'fail',
    expected: percent(dec(spec.minShare)),
    computed: percent(share),
    unit: '%',
    match: pass ? 'exact' : 'mismatch',
    messageZh: `${spec.scenes.join('、')}合计 ${toText(sceneTotal)}，占总计 ${toText(model.grand)} 的 ${percent(share)}%，${pass ? '达到' : '低于'}最低比重 ${percent(dec(spec.minShare))}%`,
    messageEn: `scenes ${spec.scenes.join(', ')}: ${percent(share)} % of the total, minimum ${percent(dec(spec.minShare))} %`,
    ...rowRefs(
      model.sheet,
      matched.map((row) => row.row.id),
    ),
  });
}

/** Built-in: every period cell is a non-negative number with no more decimals than allowed. */
export function allocationCellCheck(model: AllocationModel): CheckResult {
  const sheet = model.sheet;
  const bad: { rowId: number; columnKey: string; why: string }[] = [];
  for (const row of model.rows) {
    for (const column of model.periods) {
      const value = row.cells.get(column.key) ?? null;
      const text = cellText(row.row, column.key);
      if (value === null) {
        if (text !== '') bad.push({ rowId: row.row.id, columnKey: column.key, why: `“${text}”不是数字` });
        continue;
      }
      if (value.digits < 0n) bad.push({ rowId: row.row.id, columnKey: column.key, why: `${text} 为负数` });
      else if (!isInteger(shift(value, model.decimals))) {
        bad.push({
          rowId: row.row.id,
          columnKey: column.key,
          why: model.decimals === 0 ? `${text} 不是整数` : `${text} 小数位过多`,
        });
      }
    }
  }
  const id = `allocation:${sheet.info.id}:cells`;
  const label = `${sheet.info.name}：分解数应为${model.decimals === 0 ? '非负整数' : '非负数'}`;
  if (bad.length === 0) {
    return makeResult({
      id,
      kind: 'allocationCell',
      label,
      status: 'pass',
      sheetId: sheet.info.id,
      computed: toText(model.grand),
      messageZh: `${model.rows.length} 行 × ${model.periods.length} 列均为有效数值，总计 ${toText(model.grand)}`,
      messageEn: `every cell is a valid figure; grand total ${toText(model.grand)}`,
    });
  }
  return makeResult({
    id,
    kind: 'allocationCell',
    label,
    status: 'fail',
    sheetId: sheet.info.id,
    messageZh: `${bad.length} 格有问题：${bad
      .slice(0, 5)
      .map((cell) => `第${sheet.rowNumber(cell.rowId)}行 ${cell.why}`)
      .join('；')}${bad.length > 5 ? '…' : ''}`,
    messageEn: `${bad.length} cells are not valid figures`,
    rows: bad.slice(0, 200).map((cell) => rowRef(sheet, cell.rowId, cell.columnKey)),
    rowsOmitted: Math.max(0, bad.length - 200),
  });
}

/** The matrix as the allocation view shows it, with targets from the declared checks. */
export function allocationView(
  model: AllocationModel,
  declared: readonly DeclaredCheck[],
  checks: CheckResult[],
): AllocationMatrix {
  const targetOf = (kind: string, match: (spec: Record<string, unknown>) => boolean): string | null => {
    const found = declared.find((check) => check.kind === kind && match(check.spec));
    const expected = found?.spec.expected;
    return typeof expected === 'string' || typeof expected === 'number' ? toText(figure(expected)) : null;
  };
  const status = (total: Dec, target: string | null) =>
    target === null ? ('none' as const) : cmp(total, figure(target)) === 0 ? ('pass' as const) : ('fail' as const);
  const rows = model.rows.map((row) => {
    const target = targetOf('allocationRowTotal', (spec) => String(spec.district ?? '').trim() === row.label);
    return {
      rowId: row.row.id,
      rowNumber: model.sheet.rowNumber(row.row.id),
      label: row.label,
      cells: model.periods.map((column) => {
        const value = row.cells.get(column.key) ?? null;
        return {
          columnKey: column.key,
          text: cellText(row.row, column.key),
          value: value === null ? null : toText(value),
        };
      }),
      total: toText(row.total),
      target,
      status: status(row.total, target),
    };
  });
  const columnTotals = model.periods.map((column) => {
    const total = model.columnTotals.get(column.key) ?? ZERO;
    const target = targetOf('allocationColumnTotal', (spec) => spec.column === column.key);
    return { columnKey: column.key, total: toText(total), target, status: status(total, target) };
  });
  const grandTarget = targetOf('allocationGrandTotal', () => true);
  const grandTotal = { total: toText(model.grand), target: grandTarget, status: status(model.grand, grandTarget) };
  return {
    sheetId: model.sheet.info.id,
    sheetName: model.sheet.info.name,
    labelColumn: model.label ? { key: model.label.key, name: model.label.name } : null,
    decimals: model.decimals,
    periods: model.periods.map((column) => ({ columnKey: column.key, name: column.name, year: periodYear(column) })),
    rows,
    columnTotals,
    grandTotal,
    reconciled: [...rows, ...columnTotals, grandTotal].every((entry) => entry.status !== 'fail'),
    checks,
  };
}
