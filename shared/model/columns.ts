import { z } from 'zod';
import type { ColumnRole as Role, ColumnType as Type, SheetKind as Kind } from './columnTypes';
import { COLUMN_ROLES, COLUMN_TYPES, SHEET_KINDS } from './columnTypes';
import { MONEY_UNITS } from '../values/money';

/**
 * The schemas of columns and sheets as the API carries them. What they are built on — the
 * types, roles and sheet kinds, and the rules about them — is in columnTypes.ts, re-exported
 * here. The renderer imports from there: zod, once imported, stays in a bundle whole.
 */
export * from './columnTypes';

// Each schema with its type under the same name, as for the schemas below.
export const ColumnType = /* @__PURE__ */ z.enum(COLUMN_TYPES);
export type ColumnType = Type;
export const ColumnRole = /* @__PURE__ */ z.enum(COLUMN_ROLES);
export type ColumnRole = Role;
export const SheetKind = /* @__PURE__ */ z.enum(SHEET_KINDS);
export type SheetKind = Kind;

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
