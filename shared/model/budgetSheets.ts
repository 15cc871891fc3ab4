import { SHARING_LEVELS } from '../rules/budgets/sharingRule';
import type { KindColumn } from './sheetKinds';
import { kindColumn } from './sheetKinds';

/**
 * The columns of the budget sheets (issue 19), one definition shared by the sheet builders, the
 * checks that recognise the sheets by these keys, and the sample plan.
 *
 * 年度投资计划: one row per project; its 投资匡算 spread over year columns (invest2021…) and over
 * funding-source columns (fund*), each set adding up to the 投资匡算 (the checks say where not).
 * 共同财政事权: one row per item; a sharing rule, the spending, and each level's share.
 */

export const investYearKey = (year: number): string => `invest${year}`;

/** Funding sources in the order finance bureaus list them. */
export const FUNDING_SOURCES = [
  { key: 'fundCentral', name: '中央财政' },
  { key: 'fundProvince', name: '省级财政' },
  { key: 'fundCity', name: '市级财政' },
  { key: 'fundDistrict', name: '区级财政' },
  { key: 'fundBond', name: '专项债' },
  { key: 'fundSocial', name: '社会资本' },
  { key: 'fundSelf', name: '自筹' },
] as const;

function money(key: string, name: string, settings: KindColumn['settings'] = {}): KindColumn {
  return { key, name, type: 'money', role: null, settings: { moneyUnit: '万元', decimals: 2, ...settings } };
}

export function investmentPlanColumns(years: readonly number[]): KindColumn[] {
  return [
    kindColumn('budget', 'seq'),
    kindColumn('projects', 'category'),
    kindColumn('projects', 'name'),
    kindColumn('projects', 'responsible'),
    kindColumn('projects', 'period'),
    kindColumn('projects', 'investment'),
    ...years.map((year) => money(investYearKey(year), `${year}年`, { year })),
    ...FUNDING_SOURCES.map((source) => money(source.key, source.name)),
    kindColumn('budget', 'note'),
  ];
}

/** The year a column of an investment plan is for, or null for other columns. */
export function investYearOf(key: string): number | null {
  const match = /^invest(\d{4})$/.exec(key);
  return match ? Number(match[1]) : null;
}

export const SHARING_RULE_KEY = 'rule';
export const SHARING_SPENDING_KEY = 'spending';

export function costSharingColumns(): KindColumn[] {
  const yuan = { moneyUnit: '元', decimals: 2 } as const;
  return [
    kindColumn('budget', 'seq'),
    { key: 'domain', name: '类别', type: 'text', role: 'category', settings: {} },
    { key: 'item', name: '事项', type: 'text', role: 'name', settings: {} },
    { key: SHARING_RULE_KEY, name: '分担方式', type: 'text', role: null, settings: {} },
    { key: SHARING_SPENDING_KEY, name: '支出', type: 'money', role: 'investment', settings: yuan },
    ...SHARING_LEVELS.map((level): KindColumn => ({
      key: level.key,
      name: level.name,
      type: 'money',
      role: null,
      settings: yuan,
    })),
    kindColumn('budget', 'note'),
  ];
}

/**
 * 共同财政事权分区承担: one row per item, its 区级承担 and each district's part of it (a matrix
 * item × district), to the 元. District columns are keyed district1, district2… in the order of
 * the sheet the districts came from, and named after the districts.
 */
export const DISTRICT_SHARE_PREFIX = 'district';
export const districtShareKey = (index: number): string => `${DISTRICT_SHARE_PREFIX}${index + 1}`;
export const isDistrictShareKey = (key: string): boolean => /^district\d+$/.test(key);
/** The sheet setting linking the matrix to where it came from (logged: shared/model/changes.ts). */
export const DISTRICT_SHARING_SETTING = 'districtSharing';

export function districtShareColumns(districts: readonly string[]): KindColumn[] {
  const yuan = { moneyUnit: '元', decimals: 2 } as const;
  return [
    kindColumn('budget', 'seq'),
    { key: 'item', name: '事项', type: 'text', role: 'name', settings: {} },
    { key: SHARING_RULE_KEY, name: '分担方式', type: 'text', role: null, settings: {} },
    { key: SHARING_LEVELS[2].key, name: SHARING_LEVELS[2].name, type: 'money', role: null, settings: yuan },
    ...districts.map((name, index): KindColumn => ({
      key: districtShareKey(index),
      name,
      type: 'money',
      role: null,
      settings: yuan,
    })),
  ];
}
