import type { CheckResult, Milestone } from '../../../shared/contract/calls/checks';
import type { PlanMeta, RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import type { IndicatorStatus } from '../../../shared/rules/indicatorStatus';
import {
  assessIndicator,
  parseIndicatorValue,
  parseRecordedCompliance,
  parseStandard,
  STATUS_LABELS,
} from '../../../shared/rules/indicatorStatus';
import { makeResult, rowRef } from './results';
import type { SheetState } from './snapshot';
import { cellText } from './snapshot';

/**
 * Indicator status: for every indicator (a sub-indicator counts on its own; an indicator with
 * sub-indicators is judged through them), the status of its 现状值 and of each target year
 * against its 指标值, computed only where the text leaves no doubt (see
 * shared/rules/indicatorStatus.ts), and compared with the recorded 达标情况.
 *
 * - recorded 达标/不达标 and the computed status agree: pass;
 * - they disagree, or the record is neither 达标 nor 不达标 nor blank ("100"): fail;
 * - the status is computed but nothing is recorded, or a target misses the standard: warn;
 * - nothing can be computed: not evaluable, with why (the record is kept, not doubted).
 */

/** Scopes a standard can be limited to that this plan is of: a city's plan meets "市≥95". */
export function planScopes(meta: PlanMeta): string[] {
  const text = `${meta.issuer}${meta.title}`;
  return ['市', '县'].filter((scope) => text.includes(scope));
}

interface IndicatorColumns {
  standard: ColumnDef;
  unit: ColumnDef | undefined;
  compliance: ColumnDef | undefined;
  /** 现状值 first, then the targets in year order. */
  milestones: ColumnDef[];
}

function indicatorColumns(sheet: SheetState): IndicatorColumns | null {
  const standard = sheet.byRole('standard');
  if (!standard) return null;
  const baseline = sheet.columns.filter((column) => column.role === 'baseline');
  const targets = sheet.columns
    .filter((column) => column.role === 'target')
    .sort((a, b) => (a.settings.year ?? 0) - (b.settings.year ?? 0));
  return {
    standard,
    unit: sheet.byRole('unit'),
    compliance: sheet.byRole('compliance'),
    milestones: [...baseline, ...targets],
  };
}

/** The year a milestone column is for (a target's year setting; the plan's base year for 现状值). */
function milestoneYear(column: ColumnDef, meta: PlanMeta): number | null {
  return column.settings.year ?? (column.role === 'baseline' ? meta.baseYear : null);
}

function milestones(row: RowData, columns: IndicatorColumns, scopes: string[], meta: PlanMeta): Milestone[] {
  const standard = parseStandard(cellText(row, columns.standard.key));
  const unit = cellText(row, columns.unit?.key);
  return columns.milestones.map((column) => {
    const text = cellText(row, column.key);
    const assessment = assessIndicator(standard, parseIndicatorValue(text), { unit, scopes });
    return {
      columnKey: column.key,
      label: column.name,
      year: milestoneYear(column, meta),
      text,
      status: assessment.status,
      reasonZh: assessment.reasonZh,
    };
  });
}

export interface IndicatorEvaluation {
  row: RowData;
  /** The status of the first milestone (现状值), which 达标情况 records. */
  status: IndicatorStatus;
  result: CheckResult;
}

export function evaluateIndicators(sheet: SheetState, meta: PlanMeta): IndicatorEvaluation[] {
  const columns = indicatorColumns(sheet);
  if (!columns) return [];
  const scopes = planScopes(meta);
  const parents = new Set<number>();
  // Stryker disable next-line ConditionalExpression: adding null for a top-level row changes nothing, as no row's id is null
  for (const row of sheet.rows.values()) if (row.parentId !== null) parents.add(row.parentId);
  const evaluations: IndicatorEvaluation[] = [];
  for (const row of sheet.inOrder()) {
    if (parents.has(row.id)) continue;
    const points = milestones(row, columns, scopes, meta);
    const [current, ...targets] = points;
    // A sheet with a 指标值 column but neither 现状值 nor targets: nothing to judge.
    if (!current) continue;
    evaluations.push({ row, status: current.status, result: judge(sheet, row, columns, current, targets, points) });
  }
  return evaluations;
}

function judge(
  sheet: SheetState,
  row: RowData,
  columns: IndicatorColumns,
  current: Milestone,
  targets: Milestone[],
  points: Milestone[],
): CheckResult {
  const seq = cellText(row, sheet.byRole('seq')?.key);
  const name = cellText(row, sheet.byRole('name')?.key);
  const recordedText = cellText(row, columns.compliance?.key);
  const recorded = parseRecordedCompliance(recordedText);
  const computed = current.status;
  const standardText = cellText(row, columns.standard.key);
  const label = ['指标', seq, name].filter((part) => part !== '').join(' ');
  const basis = `${current.label}“${current.text}”对照指标值“${standardText}”：${current.reasonZh}`;
  const refColumn = columns.compliance?.key ?? current.columnKey;
  const fields = {
    id: `indicator:${sheet.info.id}:${row.id}`,
    kind: 'indicatorStatus' as const,
    label,
    sheetId: sheet.info.id,
    expected: recordedText === '' ? null : recordedText,
    computed: STATUS_LABELS[computed],
    milestones: points,
    rows: [rowRef(sheet, row.id, refColumn)],
  };
  const definite = computed === 'met' || computed === 'notMet';
  const missedTargets = targets.filter((target) => target.status === 'notMet');

  if (recorded.kind === 'other') {
    return makeResult({
      ...fields,
      status: definite ? 'fail' : 'warn',
      messageZh: `达标情况填写为“${recorded.text}”，应为“达标”或“不达标”${definite ? `；按${basis}，应为“${STATUS_LABELS[computed]}”` : ''}`,
      messageEn: `达标情况 reads "${recorded.text}", which is neither 达标 nor 不达标${definite ? `; computed: ${computed}` : ''}`,
    });
  }
  if (definite && recorded.kind !== 'none' && recorded.kind !== computed) {
    return makeResult({
      ...fields,
      status: 'fail',
      messageZh: `达标情况记为“${recordedText}”，但按${basis}，应为“${STATUS_LABELS[computed]}”`,
      messageEn: `recorded "${recordedText}", but the baseline value gives ${computed}`,
    });
  }
  if (computed === 'notApplicable' && (recorded.kind === 'met' || recorded.kind === 'notMet')) {
    return makeResult({
      ...fields,
      status: 'warn',
      messageZh: `${current.label}为“不涉及”，但达标情况记为“${recordedText}”`,
      messageEn: `the value is "not applicable" but 达标情况 reads "${recordedText}"`,
    });
  }
  if (missedTargets.length > 0) {
    return makeResult({
      ...fields,
      status: 'warn',
      messageZh: `${missedTargets.map((target) => `${target.label}“${target.text}”`).join('、')}未达到指标值“${standardText}”`,
      messageEn: `targets below the standard: ${missedTargets.map((target) => target.label).join(', ')}`,
    });
  }
  if (definite && recorded.kind === 'none') {
    return makeResult({
      ...fields,
      status: 'warn',
      messageZh: `未填写达标情况；按${basis}`,
      messageEn: `no 达标情况 recorded; the baseline value gives ${computed}`,
    });
  }
  if (definite || computed === 'notApplicable') {
    return makeResult({
      ...fields,
      status: 'pass',
      messageZh: `达标情况“${recordedText || '—'}”与计算一致：${basis}`,
      messageEn: `the recorded status agrees with the computed one (${computed})`,
    });
  }
  return makeResult({
    ...fields,
    status: 'notEvaluable',
    messageZh: `无法计算：${current.reasonZh}（达标情况按原文保留为“${recordedText || '—'}”）`,
    messageEn: `cannot be computed; the recorded status is kept as written`,
  });
}
