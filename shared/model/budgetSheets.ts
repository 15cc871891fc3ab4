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
