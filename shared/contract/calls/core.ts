import { z } from 'zod';
import { CellValue } from '../../values/cells';
import { CHANGE_KINDS } from '../../model/changes';
import { ColumnDef, SheetKind } from '../../model/columns';
import { MONEY_UNITS } from '../../values/money';
import { call, Empty, Id } from '../define';

/** The core calls: the plan, its sheets, rows, cells, departments and change log. */

export const PlanMeta = z
  .object({
    title: z.string(),
    issuer: z.string(),
    docNumber: z.string(),
    periodStart: z.number().int().nullable(),
    periodEnd: z.number().int().nullable(),
    baseYear: z.number().int().nullable(),
    milestoneYears: z.array(z.number().int()),
    moneyUnit: z.enum(MONEY_UNITS),
  })
  .strict();
export type PlanMeta = z.infer<typeof PlanMeta>;

export const SheetInfo = z
  .object({
    id: Id,
    name: z.string(),
    kind: SheetKind,
    position: z.number().int(),
    rowCount: z.number().int(),
    description: z.string(),
  })
  .strict();
export type SheetInfo = z.infer<typeof SheetInfo>;

export const SheetDetail = SheetInfo.extend({ columns: z.array(ColumnDef) }).strict();
export type SheetDetail = z.infer<typeof SheetDetail>;

export const RowData = z
  .object({
    id: Id,
    parentId: Id.nullable(),
    cells: z.record(z.string(), CellValue),
  })
  .strict();
export type RowData = z.infer<typeof RowData>;

/** The total of one money or number column: exact, with how many rows have a value. */
export const ColumnTotal = z
  .object({
    columnKey: z.string(),
    columnName: z.string(),
    type: z.enum(['money', 'number']),
    moneyUnit: z.enum(MONEY_UNITS).nullable(),
    /** Exact decimal string (money in the column's unit). */
    sum: z.string(),
    known: z.number().int(),
    unknown: z.number().int(),
    /** Money: how many of the known amounts are approximate ("约500"); absent when none. */
    approximate: z.number().int().positive().optional(),
  })
  .strict();
export type ColumnTotal = z.infer<typeof ColumnTotal>;

export const CategoryTotal = z
  .object({
    category: z.string(),
    count: z.number().int(),
    sum: z.string().nullable(),
    known: z.number().int(),
    unknown: z.number().int(),
  })
  .strict();
export type CategoryTotal = z.infer<typeof CategoryTotal>;

export const SheetSummary = z
  .object({
    id: Id,
    name: z.string(),
    kind: SheetKind,
    rows: z.number().int(),
    /** Rows without a parent (indicators) and rows under one (sub-indicators). */
    topLevelRows: z.number().int(),
    childRows: z.number().int(),
    totals: z.array(ColumnTotal),
    /** Per value of the category-role column: count and total of the first money column. */
    categories: z.array(CategoryTotal),
    /** For allocation matrices: the sum of every count cell. */
    allocationTotal: z.string().nullable(),
  })
  .strict();
export type SheetSummary = z.infer<typeof SheetSummary>;

export const PlanSummary = z
  .object({
    fileName: z.string(),
    meta: PlanMeta,
    departments: z.number().int(),
    declaredChecks: z.number().int(),
    sheets: z.array(SheetSummary),
  })
  .strict();
export type PlanSummary = z.infer<typeof PlanSummary>;

export const Department = z
  .object({
    id: Id,
    name: z.string(),
    shortName: z.string(),
    kind: z.string(),
    aliases: z.array(z.string()),
  })
  .strict();
export type Department = z.infer<typeof Department>;

export const DeclaredCheck = z
  .object({
    id: Id,
    sheetId: Id.nullable(),
    kind: z.string(),
    label: z.string(),
    spec: z.record(z.string(), z.unknown()),
    source: z.string(),
  })
  .strict();
export type DeclaredCheck = z.infer<typeof DeclaredCheck>;

export const ChangeRecord = z
  .object({
    sheetId: Id.nullable(),
    rowId: Id.nullable(),
    columnKey: z.string().nullable(),
    /** One of the change log's kinds (shared/model/changes.ts, where each payload's shape is). */
    kind: z.enum(CHANGE_KINDS),
    before: z.unknown(),
    after: z.unknown(),
  })
  .strict();

export const ActionRecord = z
  .object({
    id: Id,
    at: z.string(),
    source: z.string(),
    detail: z.string(),
    label: z.string(),
    state: z.enum(['done', 'undone']),
    /** The person who did it: the OS user ('' in actions logged before the log named them). */
    author: z.string(),
    /** The window or program it came from ('' likewise). */
    client: z.string(),
    changes: z.array(ChangeRecord),
  })
  .strict();
export type ActionRecord = z.infer<typeof ActionRecord>;

export const coreCalls = {
  'app.info': call(
    Empty,
    z.object({ version: z.string(), schemaVersion: z.number().int(), edition: z.string() }).strict(),
    'The running version and the plan schema version it writes.',
  ),
  'plan.get': call(
    Empty,
    z
      .object({
        fileName: z.string(),
        meta: PlanMeta,
        sheets: z.array(SheetInfo),
        /** Open read-only (the file or its folder cannot be written): calls that write are refused. */
        readOnly: z.boolean(),
        /** Why, in one line (Chinese / English), naming who holds the plan when another computer does. */
        readOnlyNote: z.string().nullable(),
      })
      .strict(),
    'The open plan: its file name, metadata, sheets in order, and whether it is open read-only.',
  ),
  'plan.summary': call(Empty, PlanSummary, 'Per sheet: rows, exact totals with known/unknown counts, categories.'),
  'sheet.get': call(z.object({ sheetId: Id }).strict(), SheetDetail, 'One sheet with its columns.'),
  'sheet.rows': call(
    z
      .object({
        sheetId: Id,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    z.object({ total: z.number().int(), offset: z.number().int(), rows: z.array(RowData) }).strict(),
    'A window of a sheet’s rows in sheet order.',
  ),
  'sheet.totals': call(
    z.object({ sheetId: Id }).strict(),
    z.object({ totals: z.array(ColumnTotal) }).strict(),
    'Exact totals of the sheet’s money and number columns.',
  ),
  'cell.update': call(
    z
      .object({
        sheetId: Id,
        rowId: Id,
        columnKey: z.string().min(1).max(200),
        text: z.string().max(100_000),
      })
      .strict(),
    z.object({ actionId: Id.nullable(), cell: CellValue }).strict(),
    'Set one cell from text; parsed by the column type, committed with its change-log action.',
  ),
  'departments.list': call(Empty, z.object({ departments: z.array(Department) }).strict(), 'The plan’s units.'),
  'departments.groups': call(
    Empty,
    z.object({ groups: z.array(z.object({ name: z.string(), members: z.array(z.string()) }).strict()) }).strict(),
    'The collective units (各辖市区人民政府) and the members each stands for in a send-out.',
  ),
  'checks.declared': call(
    Empty,
    z.object({ checks: z.array(DeclaredCheck) }).strict(),
    'The checks declared in the plan (stated totals, allocation targets, rules).',
  ),
  'history.list': call(
    z
      .object({
        limit: z.number().int().min(1).max(1000).default(100),
        beforeId: Id.optional(),
      })
      .strict(),
    z.object({ actions: z.array(ActionRecord) }).strict(),
    'The change log, newest first.',
  ),
} as const;
