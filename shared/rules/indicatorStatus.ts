/**
 * Reading an indicator's standard (指标值) and its values (现状值, 目标值) well enough to say
 * whether a value meets the standard — only where the text leaves no doubt. Officials write
 * standards as comparisons ("≥20", "≤0.8", "市≥95"), bare figures ("100" for a rate), or
 * statements ("制定实施", "不降低", "完成上级规定的考核任务；保持稳定或持续改善"); values as numbers
 * ("21.4", "26.62%"), bounds ("≥95"), statements, or mixtures ("80.6，完成上级管控目标").
 *
 * The rules, in short:
 * - a comparison standard is met by a number on the right side of it, or by a bound that
 *   implies it ("≥65" meets "≥60"); a number with "%" is read as percent only when the
 *   indicator's unit is %;
 * - a bare figure is a standard only for a rate of 100 % (reaching 100 % is meeting it); any
 *   other bare figure does not say whether more or less is better, so nothing is computed;
 * - a statement standard is met when the value states every clause of it verbatim
 *   ("制定实施" meets "制定实施"; "80.6，完成上级管控目标" meets "完成上级管控目标");
 * - a standard limited to a scope ("大城市≥60") applies only if the caller says the plan is of
 *   that scope (a city plan passes "市");
 * - "不涉及" is not applicable; everything else is unknown, with the reason.
 */
import type { Dec } from '../values/exactDecimal';
import { cmp, parseDec, toText } from '../values/exactDecimal';
import { toHalfWidth } from '../values/money';

export type Comparator = '≥' | '≤' | '>' | '<' | '=';

export type Standard =
  | { kind: 'compare'; op: Comparator; threshold: string; scope: string | null }
  | { kind: 'figure'; value: string }
  | { kind: 'statement'; text: string; clauses: string[] }
  | { kind: 'none' };

export type IndicatorValue =
  | { kind: 'number'; value: string; percent: boolean }
  | { kind: 'bound'; op: Comparator; value: string; scope: string | null }
  | { kind: 'statement'; text: string; clauses: string[] }
  | { kind: 'notApplicable' }
  | { kind: 'empty' };

export type IndicatorStatus = 'met' | 'notMet' | 'notApplicable' | 'unknown';

export interface Assessment {
  status: IndicatorStatus;
  reasonZh: string;
  reasonEn: string;
}

export interface AssessContext {
  /** The indicator's unit (单位), e.g. "%", "平方米/人", "—". */
  unit: string;
  /** Scopes the plan itself is of, e.g. ["市"] for a city's plan: "市≥95" then applies. */
  scopes: readonly string[];
}

const COMPARATOR_WORDS: ReadonlyArray<[RegExp, Comparator]> = [
  [/>=|≧|不低于|不少于|不小于/g, '≥'],
  [/<=|≦|不高于|不超过|不大于|不多于/g, '≤'],
];

/** Half-width, no spaces, comparison words as symbols. */
function normalizeText(text: string): string {
  let normalized = toHalfWidth(text).replace(/\s+/g, '');
  for (const [pattern, op] of COMPARATOR_WORDS) normalized = normalized.replace(pattern, op);
  return normalized;
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const COMPARISON = /^([\u4e00-\u9fa5]{0,8}?)(≥|≤|>|<|=)([+-]?\d+(?:\.\d+)?)(%?)$/;
const NOT_APPLICABLE = new Set(['不涉及', '不适用']);
const NO_VALUE = new Set(['', '—', '——', '-', '--', '/']);

/** Clauses of a statement: split at ；，、。/ and line breaks, spaces dropped. */
function clauses(text: string): string[] {
  return toHalfWidth(text)
    .split(/[;；,，、。/\n]+/)
    .map((part) => part.replace(/\s+/g, ''))
    .filter((part) => part !== '');
}

export function parseStandard(text: string): Standard {
  const normalized = normalizeText(text);
  if (NO_VALUE.has(normalized)) return { kind: 'none' };
  const comparison = COMPARISON.exec(normalized);
  if (comparison) {
    const [, scope = '', op, threshold = ''] = comparison;
    return { kind: 'compare', op: op as Comparator, threshold, scope: scope === '' ? null : scope };
  }
  const bare = /^([+-]?\d+(?:\.\d+)?)%?$/.exec(normalized);
  if (bare) return { kind: 'figure', value: bare[1] ?? '' };
  return { kind: 'statement', text: text.trim(), clauses: clauses(text) };
}

export function parseIndicatorValue(text: string): IndicatorValue {
  const normalized = normalizeText(text);
  if (NO_VALUE.has(normalized)) return { kind: 'empty' };
  if (NOT_APPLICABLE.has(normalized)) return { kind: 'notApplicable' };
  const percent = normalized.endsWith('%');
  const number = percent ? normalized.slice(0, -1) : normalized;
  if (NUMBER.test(number)) return { kind: 'number', value: number, percent };
  const comparison = COMPARISON.exec(normalized);
  if (comparison) {
    const [, scope = '', op, value = ''] = comparison;
    return { kind: 'bound', op: op as Comparator, value, scope: scope === '' ? null : scope };
  }
  return { kind: 'statement', text: text.trim(), clauses: clauses(text) };
}

function holds(value: Dec, op: Comparator, threshold: Dec): boolean {
  const order = cmp(value, threshold);
  switch (op) {
    case '≥':
      return order >= 0;
    case '≤':
      return order <= 0;
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    case '=':
      return order === 0;
  }
}

/** Whether "x op1 v" guarantees "x op2 t" (true), rules it out (false), or neither (null). */
function boundImplies(op1: Comparator, v: Dec, op2: Comparator, t: Dec): boolean | null {
  if (op1 === '=') return holds(v, op2, t);
  const lower = op1 === '≥' || op1 === '>';
  const wantsLower = op2 === '≥' || op2 === '>';
  if (op2 === '=') return null;
  if (lower !== wantsLower) {
    // Opposite directions decide only when the ranges do not meet: "≤40" can never be "≥50".
    const order = cmp(v, t);
    return (lower && order > 0) || (!lower && order < 0) ? false : null;
  }
  // Same direction: "≥ v" guarantees "≥ t" when v ≥ t (strictness aside, which only matters at v = t).
  const order = cmp(v, t);
  if (lower) return order > 0 || (order === 0 && !(op2 === '>' && op1 === '≥')) ? true : null;
  return order < 0 || (order === 0 && !(op2 === '<' && op1 === '≤')) ? true : null;
}

const isPercentUnit = (unit: string): boolean => /^[%％]$/.test(unit.trim());

function unknown(reasonZh: string, reasonEn: string): Assessment {
  return { status: 'unknown', reasonZh, reasonEn };
}

function verdict(met: boolean, zh: string, en: string): Assessment {
  return met
    ? { status: 'met', reasonZh: `${zh}，达到指标值`, reasonEn: `${en}: meets the standard` }
    : { status: 'notMet', reasonZh: `${zh}，未达到指标值`, reasonEn: `${en}: does not meet the standard` };
}

function describeStandard(standard: Standard): string {
  switch (standard.kind) {
    case 'compare':
      return `${standard.scope ?? ''}${standard.op}${standard.threshold}`;
    case 'figure':
      return standard.value;
    case 'statement':
      return standard.text;
    case 'none':
      return '（空）';
  }
}

function assessAgainstComparison(
  op: Comparator,
  threshold: Dec,
  shown: string,
  value: IndicatorValue,
  context: AssessContext,
): Assessment {
  if (value.kind === 'number') {
    if (value.percent && !isPercentUnit(context.unit)) {
      return unknown(
        `数值带“%”，而指标单位为“${context.unit}”，含义不明`,
        `the value has "%" but the unit is "${context.unit}"; its meaning is unclear`,
      );
    }
    const number = parseDec(value.value);
    if (!number) return unknown('数值无法读取', 'the value cannot be read');
    return verdict(holds(number, op, threshold), `${value.value} 对照 ${shown}`, `${value.value} against ${shown}`);
  }
  if (value.kind === 'bound') {
    if (value.scope !== null && !context.scopes.includes(value.scope)) {
      return unknown(`数值仅适用于“${value.scope}”`, `the value applies only to "${value.scope}"`);
    }
    const bound = parseDec(value.value);
    const implied = bound ? boundImplies(value.op, bound, op, threshold) : null;
    if (implied === null) {
      return unknown(
        `数值写作“${value.op}${value.value}”，不能确定是否满足 ${shown}`,
        `the value reads "${value.op}${value.value}", which neither meets nor misses ${shown} for sure`,
      );
    }
    return verdict(implied, `${value.op}${value.value} 对照 ${shown}`, `${value.op}${value.value} against ${shown}`);
  }
  return unknown(
    '数值是文字表述，不能与数值型指标值比较',
    'the value is a statement and cannot be compared with a numeric standard',
  );
}

/** Whether `value` meets `standard`, with the reason in Chinese and English. */
export function assessIndicator(standard: Standard, value: IndicatorValue, context: AssessContext): Assessment {
  if (value.kind === 'empty') return unknown('没有数值', 'no value');
  if (value.kind === 'notApplicable') {
    return { status: 'notApplicable', reasonZh: '不涉及', reasonEn: 'not applicable' };
  }
  switch (standard.kind) {
    case 'none':
      return unknown('没有指标值（标准）', 'no standard');
    case 'compare': {
      if (standard.scope !== null && !context.scopes.includes(standard.scope)) {
        return unknown(
          `指标值仅适用于“${standard.scope}”，无法从规划数据判断是否适用`,
          `the standard applies only to "${standard.scope}", which the plan data cannot confirm`,
        );
      }
      const threshold = parseDec(standard.threshold);
      if (!threshold) return unknown('指标值无法读取', 'the standard cannot be read');
      return assessAgainstComparison(standard.op, threshold, describeStandard(standard), value, context);
    }
    case 'figure': {
      const figure = parseDec(standard.value);
      if (figure && isPercentUnit(context.unit) && toText(figure) === '100') {
        // A rate cannot exceed 100 %: the standard "100" is reached exactly when the rate is 100.
        return assessAgainstComparison('≥', figure, '100%', value, context);
      }
      return unknown(
        `指标值只写了数值“${standard.value}”，未写明比较方向（≥ 或 ≤）`,
        `the standard is the bare figure "${standard.value}", without saying whether more or less is better`,
      );
    }
    case 'statement': {
      if (value.kind !== 'statement') {
        return unknown(
          '指标值是文字表述，不能由数值判断',
          'the standard is a statement; a number alone cannot show it is met',
        );
      }
      const stated = new Set(value.clauses);
      if (standard.clauses.length > 0 && standard.clauses.every((clause) => stated.has(clause))) {
        return {
          status: 'met',
          reasonZh: `写明“${standard.text}”，与指标值一致`,
          reasonEn: `states "${standard.text}", as the standard requires`,
        };
      }
      return unknown(
        '文字表述与指标值不同，无法自动判断',
        'the statement differs from the standard; it cannot be judged automatically',
      );
    }
  }
}

/** What a 达标情况 cell records. */
export type RecordedCompliance =
  { kind: 'met' } | { kind: 'notMet' } | { kind: 'none' } | { kind: 'other'; text: string };

export function parseRecordedCompliance(text: string): RecordedCompliance {
  const normalized = normalizeText(text);
  if (normalized === '达标') return { kind: 'met' };
  if (normalized === '不达标' || normalized === '未达标') return { kind: 'notMet' };
  if (NO_VALUE.has(normalized) || NOT_APPLICABLE.has(normalized)) return { kind: 'none' };
  return { kind: 'other', text: text.trim() };
}

export const STATUS_LABELS: Readonly<Record<IndicatorStatus, string>> = {
  met: '达标',
  notMet: '不达标',
  notApplicable: '不涉及',
  unknown: '无法判断',
};
