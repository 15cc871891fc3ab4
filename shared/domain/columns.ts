import { z } from 'zod';
import { MONEY_UNITS } from './money';

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
// The schemas are marked pure (/* @__PURE__ */): the renderer uses this module's types and
// functions but not its schemas, and the marks let its bundle leave them, and zod, out.
export const ColumnType = /* @__PURE__ */ z.enum(COLUMN_TYPES);
export type ColumnType = z.infer<typeof ColumnType>;

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
  'leadUnit',
  'cooperatingUnits',
  'responsibleUnits',
  'deadline',
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
export const ColumnRole = /* @__PURE__ */ z.enum(COLUMN_ROLES);
export type ColumnRole = z.infer<typeof ColumnRole>;

export const SHEET_KINDS = ['indicators', 'projects', 'tasks', 'allocation', 'budget', 'table'] as const;
export const SheetKind = /* @__PURE__ */ z.enum(SHEET_KINDS);
export type SheetKind = z.infer<typeof SheetKind>;

export const SHEET_KIND_LABELS: Readonly<Record<SheetKind, string>> = {
  indicators: '指标体系',
  projects: '重点工程',
  tasks: '任务分解',
  allocation: '分解矩阵',
  budget: '资金预算',
  table: '普通表格',
};

export const ColumnSettings = /* @__PURE__ */ z
  .object({
    /** money: the unit amounts are entered and stored as decimal strings in. */
    moneyUnit: z.enum(MONEY_UNITS).optional(),
    /** money/number/percent: decimal places shown. */
    decimals: z.number().int().min(0).max(10).optional(),
    /** choice/status: the allowed values. */
    choices: z.array(z.string().min(1)).optional(),
    /** target columns: the milestone year the target is for. */
    year: z.number().int().min(1900).max(2200).optional(),
  })
  .strict();
export type ColumnSettings = z.infer<typeof ColumnSettings>;

export const ColumnDef = /* @__PURE__ */ z
  .object({
    id: z.number().int(),
    key: z.string(),
    name: z.string(),
    type: ColumnType,
    role: ColumnRole.nullable(),
    position: z.number().int(),
    width: z.number().int().nullable(),
    hidden: z.boolean(),
    settings: ColumnSettings,
  })
  .strict();
export type ColumnDef = z.infer<typeof ColumnDef>;

/** Columns whose cells are summed in totals rows: money and numbers, but not 序号 or years. */
export function isSummable(column: Pick<ColumnDef, 'type' | 'role'>): boolean {
  return (column.type === 'money' || column.type === 'number') && column.role !== 'seq';
}

/** Column types whose cells refer to the plan's department list. */
export function isDepartmentType(type: ColumnType): boolean {
  return type === 'department' || type === 'departmentList';
}

/** Money column header with its unit, as officials write it: 投资匡算（万元）. */
export function columnHeader(column: Pick<ColumnDef, 'name' | 'type' | 'settings'>): string {
  if (column.type === 'money' && column.settings.moneyUnit && !column.name.includes('元')) {
    return `${column.name}（${column.settings.moneyUnit}）`;
  }
  return column.name;
}
