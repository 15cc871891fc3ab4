import { z } from 'zod';
import { call, Id } from '../define';
import { SheetInfo } from './core';

/**
 * Budgets (issue 19): factor-method allocation on an allocation sheet, the annual investment plan
 * generated from a project table, and the split of 共同财政事权 spending between levels. Each call
 * that writes is one undoable action.
 */

const ColumnRef = z.string().trim().min(1).max(200);

/** A factor allocation as a sheet keeps it (its settings), so a changed factor re-allocates the same way. */
export const FactorAllocationSettings = z
  .object({
    /** The fund: "1000万", "1,000万元", "10000000" (a bare number is in `unit`). */
    total: z.string().trim().min(1).max(100),
    /** Factor columns (key or name) with their weights: "0.5" or "50%", adding up to 100%. */
    weights: z
      .array(z.object({ column: ColumnRef, weight: z.string().trim().min(1).max(40) }).strict())
      .min(1)
      .max(50),
    /** The column the shares are written into. */
    into: ColumnRef,
    /** Shares are whole units of this (元 or 万元); a count column takes whole units. */
    unit: z.enum(['元', '万元']).default('元'),
    /** Optional columns holding each row's floor (保底) and cap, in the same unit as the shares. */
    floorColumn: ColumnRef.nullable().default(null),
    capColumn: ColumnRef.nullable().default(null),
  })
  .strict();
export type FactorAllocationSettings = z.infer<typeof FactorAllocationSettings>;

export const AllocatedRow = z
  .object({
    rowId: Id,
    label: z.string(),
    /** The share as written into the cell, exact, in the into column's unit. */
    share: z.string(),
  })
  .strict();

export const budgetsCalls = {
  'allocation.factors.get': call(
    z.object({ sheetId: Id }).strict(),
    z.object({ settings: FactorAllocationSettings.nullable() }).strict(),
    'The factor allocation saved with a sheet, if any.',
  ),
  'allocation.factors.run': call(
    z.object({ sheetId: Id, settings: FactorAllocationSettings }).strict(),
    z
      .object({
        actionId: Id.nullable(),
        /** The total in the into column's unit, exact. */
        total: z.string(),
        unit: z.string(),
        rows: z.array(AllocatedRow),
        ruleZh: z.string(),
        ruleEn: z.string(),
      })
      .strict(),
    'Allocate a fund over the rows by weighted factors (因素法), write the shares as one action and keep the settings with the sheet.',
  ),
  'budget.investmentPlan': call(
    z
      .object({
        /** The project table (重点工程) to spread. */
        sheetId: Id,
        name: z.string().trim().min(1).max(60).default('年度投资计划'),
      })
      .strict(),
    SheetInfo,
    'Generate a 年度投资计划 sheet: each project’s 投资匡算 spread evenly over its years (remainder to the last), with funding-source columns to fill in.',
  ),
  'costSharing.apply': call(
    z.object({ sheetId: Id }).strict(),
    z
      .object({
        actionId: Id.nullable(),
        split: z.number().int(),
        /** Items left alone, each with why (no rule, 因素法, no spending, unreadable rule). */
        skipped: z.array(z.object({ rowId: Id, label: z.string(), reasonZh: z.string(), reasonEn: z.string() })),
      })
      .strict(),
    'Split each item’s spending into the levels’ shares by its rule, to the 元, as one action.',
  ),
  'costSharing.districts': call(
    z
      .object({
        /** The 共同财政事权 sheet whose items' 区级 parts are shared out. */
        sheetId: Id,
        /** The sheet with one row per district (a 资金分配表). */
        districtSheetId: Id,
        /** By the factors and weights saved with that sheet (因素法), or by one of its columns alone. */
        by: z.union([
          z.object({ kind: z.literal('factors') }).strict(),
          z.object({ kind: z.literal('column'), column: ColumnRef }).strict(),
        ]),
        /** The matrix sheet to make, or make again. */
        name: z.string().trim().min(1).max(60).default('共同财政事权分区承担'),
      })
      .strict(),
    z
      .object({
        sheetId: Id,
        actionId: Id.nullable(),
        districts: z.array(z.string()),
        /** Per item, its 区级承担 and each district's part, in 元 (exact decimal text). */
        items: z.array(
          z.object({ label: z.string(), districtShare: z.string(), shares: z.array(z.string()) }).strict(),
        ),
        skipped: z.array(z.object({ label: z.string(), reasonZh: z.string(), reasonEn: z.string() }).strict()),
      })
      .strict(),
    'Share each item’s 区级 part among the districts (因素法 or one column), to the 元 by the largest remainder, as a matrix sheet item × district (one action).',
  ),
} as const;
