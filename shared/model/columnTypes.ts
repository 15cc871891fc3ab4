import type { MoneyUnit } from '../values/money';

/**
 * What columns and sheets can be, and the rules that follow from it — plain data and functions.
 * The zod schemas built on them are in columns.ts (which re-exports all of this); this module
 * has none, so the renderer's first screen can use it without loading zod.
 */

/** What a column holds; decides its editor, its parser and how it is totalled. */
export const COLUMN_TYPES = [
  'text',
  'longText',
  'number',
  'money',
  'percent',
  'year',
  'yearRange',
  'date',
  'choice',
  'department',
  'departmentList',
  'status',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * What a column means to the domain logic. Roll-ups, send-out and traffic lights key on roles,
 * never on header text, so they work on any sheet whose columns carry them.
 */
export const COLUMN_ROLES = [
  'seq',
  'name',
  'category',
  'subcategory',
  'content',
  'period',
  'investment',
  'doneInvestment',
  'completionRate',
  'leadUnit',
  'cooperatingUnits',
  'responsibleUnits',
  'deadline',
  /** 开始时间: when a task's time starts counting (supervision). */
  'startDate',
  /** 进展情况: what a department reports it has done (supervision). */
  'progressNote',
  'unit',
  'standard',
  'attribute',
  'baseline',
  'target',
  'compliance',
  'district',
  'allocationPeriod',
  'count',
  'note',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const SHEET_KINDS = ['indicators', 'projects', 'tasks', 'allocation', 'budget', 'table'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];

export const SHEET_KIND_LABELS: Readonly<Record<SheetKind, string>> = {
  indicators: '指标体系',
  projects: '重点工程',
  tasks: '任务分解',
  allocation: '分解矩阵',
  budget: '资金预算',
  table: '普通表格',
};

/** Other names people use for a kind ("普通表" for 普通表格). */
const SHEET_KIND_ALIASES: Readonly<Record<string, SheetKind>> = { 普通表: 'table', 表格: 'table' };

/** A kind by its English name (projects), its Chinese label (重点工程) or a common alias (普通表). */
export function sheetKindNamed(name: string): SheetKind | null {
  const wanted = name.trim();
  const byKey = SHEET_KINDS.find((kind) => kind === wanted.toLowerCase());
  if (byKey) return byKey;
  const byLabel = SHEET_KINDS.find((kind) => SHEET_KIND_LABELS[kind] === wanted);
  return byLabel ?? SHEET_KIND_ALIASES[wanted] ?? null;
}

/** "重点工程 (projects)、指标体系 (indicators)…": the kinds as a user may name them. */
export function sheetKindChoices(): string {
  return SHEET_KINDS.map((kind) => `${SHEET_KIND_LABELS[kind]} (${kind})`).join('、');
}

/** Columns whose cells are summed in totals rows: money and numbers, but not 序号 or years. */
export function isSummable(column: { type: ColumnType; role: ColumnRole | null }): boolean {
  return (column.type === 'money' || column.type === 'number') && column.role !== 'seq';
}

/** Column types whose cells refer to the plan's department list. */
export function isDepartmentType(type: ColumnType): boolean {
  return type === 'department' || type === 'departmentList';
}

/** Money column header with its unit, as officials write it: 投资匡算（万元）. */
export function columnHeader(column: { name: string; type: ColumnType; settings: { moneyUnit?: MoneyUnit } }): string {
  if (column.type === 'money' && column.settings.moneyUnit && !column.name.includes('元')) {
    return `${column.name}（${column.settings.moneyUnit}）`;
  }
  return column.name;
}
