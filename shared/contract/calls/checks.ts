import { z } from 'zod';
import { MONEY_UNITS } from '../../values/money';
import { call, Empty, Id } from '../define';
import { DeclaredCheck } from './core';

/**
 * Checks, roll-ups, the by-department view, allocation matrices and the dashboard.
 *
 * Every check result says what was expected and what the rows give, as exact decimal strings,
 * the exact difference, and the rows involved, so the UI can show "生态安全类: declared 104.3亿,
 * computed 104.278359亿, within rounding" and take the user to the row.
 */

export const CHECK_STATUSES = ['pass', 'fail', 'warn', 'info', 'notEvaluable'] as const;
export const CheckStatus = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const CHECK_STATUS_LABELS: Readonly<Record<CheckStatus, string>> = {
  fail: '未通过',
  warn: '需注意',
  pass: '通过',
  info: '信息',
  notEvaluable: '无法判断',
};

export const CHECK_KINDS = [
  // declared in the plan (store.listDeclaredChecks)
  'rowCount',
  'categoryCount',
  'columnTotal',
  'categoryTotal',
  'allocationRowTotal',
  'allocationColumnTotal',
  'allocationGrandTotal',
  'rule',
  // a declared check of a kind this version does not know, or with a spec it cannot read
  'unsupported',
  // always run
  'duplicate',
  'indicatorStatus',
  'unknownAmount',
  'periodOutsidePlan',
  'doneOverBudget',
  'rateOver100',
  'overdueTask',
  'allocationCell',
  // budget sheets (issue 19)
  'investmentYears',
  'investmentSources',
  'sharingRule',
  'sharingSplit',
  'budgetExecution',
  'factorAllocation',
] as const;
export const CheckKind = z.enum(CHECK_KINDS);
export type CheckKind = z.infer<typeof CheckKind>;

/** A row a check involves; `rowNumber` is its 1-based place in the sheet, as the user counts. */
export const RowRef = z
  .object({
    sheetId: Id,
    rowId: Id,
    rowNumber: z.number().int().positive(),
    columnKey: z.string().optional(),
    /** e.g. "55 新能源配套设施建设工程": the row's 序号 and name, for lists. */
    label: z.string().optional(),
  })
  .strict();
export type RowRef = z.infer<typeof RowRef>;

export const IndicatorStatusValue = z.enum(['met', 'notMet', 'notApplicable', 'unknown']);

/** An indicator's status at one milestone (现状值, 2025 target, 2030 target). */
export const Milestone = z
  .object({
    columnKey: z.string(),
    label: z.string(),
    year: z.number().int().nullable(),
    text: z.string(),
    status: IndicatorStatusValue,
    reasonZh: z.string(),
  })
  .strict();
export type Milestone = z.infer<typeof Milestone>;

export const CheckResult = z
  .object({
    /** Stable across runs: "declared:7:amount", "duplicate:2:113:129", "indicator:1:48". */
    id: z.string(),
    kind: CheckKind,
    label: z.string(),
    status: CheckStatus,
    sheetId: Id.nullable(),
    /** The declared check this result evaluates, if any. */
    declaredId: Id.nullable(),
    /** Exact decimal strings (counts, amounts in `unit`), or texts for indicator statuses. */
    expected: z.string().nullable(),
    computed: z.string().nullable(),
    /** computed − expected, exact, in `unit`. */
    difference: z.string().nullable(),
    unit: z.string().nullable(),
    /** For figures: equal exactly, equal after rounding to the declared decimals, or not. */
    match: z.enum(['exact', 'rounded', 'mismatch']).nullable(),
    messageZh: z.string(),
    messageEn: z.string(),
    /** Where the claim is made ("003_….txt 第908行：“…”"), for declared checks. */
    source: z.string().nullable(),
    rows: z.array(RowRef),
    /** Rows involved beyond those listed (lists are capped so a 100,000-row sheet stays readable). */
    rowsOmitted: z.number().int().min(0),
    milestones: z.array(Milestone).optional(),
  })
  .strict();
export type CheckResult = z.infer<typeof CheckResult>;

export const CheckSummary = z
  .object({
    total: z.number().int(),
    pass: z.number().int(),
    fail: z.number().int(),
    warn: z.number().int(),
    info: z.number().int(),
    notEvaluable: z.number().int(),
  })
  .strict();
export type CheckSummary = z.infer<typeof CheckSummary>;

// ---- declared checks: the specs a plan can state ----------------------------------------------

const ColumnKey = z.string().min(1).max(200);
const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, '应为十进制数字 / must be a decimal number');
/** Stated figures: a decimal string, or a plain number as older plans stored counts. */
const Figure = z.union([Decimal, z.number().finite()]);
const Count = z.number().int().min(0);
const Decimals = z.number().int().min(0).max(10);

/**
 * The spec of each declared kind. Stored specs are read with these shapes (unknown extra keys
 * are ignored, so a note kept with a claim does no harm); new ones from the API must match them
 * exactly.
 */
export const DECLARED_SPECS = {
  rowCount: z.object({
    expected: Count,
    /** 'top': rows without a parent (indicators, not sub-indicators). */
    level: z.enum(['top', 'all']).optional(),
  }),
  categoryCount: z.object({ column: ColumnKey, expected: Count }),
  columnTotal: z.object({
    column: ColumnKey,
    expected: Figure,
    /** The unit the figure is stated in (money columns); the column's own unit if absent. */
    unit: z.enum(MONEY_UNITS).optional(),
    /** "约331亿元": the claim is rounded. */
    approximate: z.boolean().optional(),
    /** Decimal places the claim is stated to; a rounded total matches when equal at this precision. */
    decimals: Decimals.optional(),
  }),
  categoryTotal: z.object({
    column: ColumnKey,
    category: z.string().min(1),
    count: Count.nullable().optional(),
    amount: Figure.nullable().optional(),
    unit: z.enum(MONEY_UNITS).optional(),
    decimals: Decimals.optional(),
  }),
  allocationRowTotal: z.object({ district: z.string().min(1), expected: Figure }),
  allocationColumnTotal: z.object({ column: ColumnKey, expected: Figure }),
  allocationGrandTotal: z.object({ expected: Figure }),
  rule: z.discriminatedUnion('rule', [
    z.object({
      rule: z.literal('completeBy'),
      /** Everything allocated must fall in periods ending by this date. */
      deadline: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, '应为 YYYY 或 YYYY-MM-DD / YYYY or YYYY-MM-DD'),
      text: z.string().optional(),
    }),
    z.object({
      rule: z.literal('sceneShareMin'),
      /** Rows (by label or category) whose share of the grand total must reach minShare. */
      scenes: z.array(z.string().min(1)).min(1),
      minShare: z.number().min(0).max(1),
      text: z.string().optional(),
      evaluable: z.boolean().optional(),
      why: z.string().optional(),
    }),
  ]),
} as const;
export type DeclaredKind = keyof typeof DECLARED_SPECS;
export const DECLARED_KINDS = Object.keys(DECLARED_SPECS) as DeclaredKind[];

const declaredInput = <K extends DeclaredKind, S extends z.ZodType>(kind: K, spec: S) =>
  z
    .object({
      sheetId: Id,
      kind: z.literal(kind),
      /** Shown in the checks panel; generated from the spec when absent. */
      label: z.string().min(1).max(500).optional(),
      /** Where the claim is made (document, line, quote). */
      source: z.string().max(2000).optional(),
      spec,
    })
    .strict();

const strictRule = z.discriminatedUnion('rule', [
  DECLARED_SPECS.rule.options[0].strict(),
  DECLARED_SPECS.rule.options[1].strict(),
]);

export const AddDeclaredInput = z.discriminatedUnion('kind', [
  declaredInput('rowCount', DECLARED_SPECS.rowCount.strict()),
  declaredInput('categoryCount', DECLARED_SPECS.categoryCount.strict()),
  declaredInput('columnTotal', DECLARED_SPECS.columnTotal.strict()),
  declaredInput('categoryTotal', DECLARED_SPECS.categoryTotal.strict()),
  declaredInput('allocationRowTotal', DECLARED_SPECS.allocationRowTotal.strict()),
  declaredInput('allocationColumnTotal', DECLARED_SPECS.allocationColumnTotal.strict()),
  declaredInput('allocationGrandTotal', DECLARED_SPECS.allocationGrandTotal.strict()),
  declaredInput('rule', strictRule),
]);
export type AddDeclaredInput = z.infer<typeof AddDeclaredInput>;

// ---- roll-ups -----------------------------------------------------------------------------------

const RollupBy = z
  .object({
    sheetId: Id,
    /** The column to group by: category, subcategory, a department column, a period, a status… */
    columnKey: ColumnKey,
    /** For a period (year range) column: group by its start or end year. */
    part: z.enum(['start', 'end']).optional(),
    /** The amount to total; the sheet's first money column if absent. */
    valueColumnKey: ColumnKey.optional(),
  })
  .strict();

export const RollupGroup = z
  .object({
    label: z.string(),
    /** Items (top-level rows) in the group. */
    count: z.number().int(),
    known: z.number().int(),
    unknown: z.number().int(),
    sum: z.string().nullable(),
    /** Percent of all items / of the whole known amount, 2 decimals ("31.51"). */
    countSharePercent: z.string(),
    sumSharePercent: z.string().nullable(),
  })
  .strict();
export type RollupGroup = z.infer<typeof RollupGroup>;

export const Rollup = z
  .object({
    sheetId: Id,
    sheetName: z.string(),
    columnKey: z.string(),
    columnName: z.string(),
    part: z.enum(['start', 'end']).nullable(),
    valueColumn: z.object({ key: z.string(), name: z.string(), unit: z.string().nullable() }).strict().nullable(),
    /** True when a row can fall in several groups (a list of units): shares then add up to more than 100. */
    multiValued: z.boolean(),
    groups: z.array(RollupGroup),
    total: z
      .object({
        count: z.number().int(),
        known: z.number().int(),
        unknown: z.number().int(),
        sum: z.string().nullable(),
      })
      .strict(),
    ruleZh: z.string(),
  })
  .strict();
export type Rollup = z.infer<typeof Rollup>;

// ---- by department ------------------------------------------------------------------------------

export const DEPARTMENT_ROLES = ['lead', 'cooperating', 'responsible', 'other'] as const;
export const DepartmentRole = z.enum(DEPARTMENT_ROLES);
export type DepartmentRole = z.infer<typeof DepartmentRole>;

export const DepartmentRow = z
  .object({
    sheetId: Id,
    sheetName: z.string(),
    rowId: Id,
    rowNumber: z.number().int().positive(),
    role: DepartmentRole,
    /** 牵头 / 配合 / 负责, or the column's name for other department columns. */
    roleLabel: z.string(),
    columnKey: z.string(),
    columnName: z.string(),
    /** 0 when the unit is listed first in its cell. */
    ordinal: z.number().int().min(0),
    seq: z.string(),
    name: z.string(),
    deadline: z.string().nullable(),
    amount: z.string().nullable(),
    amountUnit: z.string().nullable(),
  })
  .strict();
export type DepartmentRow = z.infer<typeof DepartmentRow>;

// ---- allocation matrices ------------------------------------------------------------------------

const TargetStatus = z.enum(['pass', 'fail', 'none']);

export const AllocationMatrix = z
  .object({
    sheetId: Id,
    sheetName: z.string(),
    labelColumn: z.object({ key: z.string(), name: z.string() }).strict().nullable(),
    /** Decimal places cells take (0 for counts). */
    decimals: z.number().int().min(0),
    periods: z.array(z.object({ columnKey: z.string(), name: z.string(), year: z.number().int().nullable() }).strict()),
    rows: z.array(
      z
        .object({
          rowId: Id,
          rowNumber: z.number().int().positive(),
          label: z.string(),
          cells: z.array(z.object({ columnKey: z.string(), text: z.string(), value: z.string().nullable() }).strict()),
          total: z.string(),
          target: z.string().nullable(),
          status: TargetStatus,
        })
        .strict(),
    ),
    columnTotals: z.array(
      z
        .object({ columnKey: z.string(), total: z.string(), target: z.string().nullable(), status: TargetStatus })
        .strict(),
    ),
    grandTotal: z.object({ total: z.string(), target: z.string().nullable(), status: TargetStatus }).strict(),
    /** Every stated target is met by the cells. */
    reconciled: z.boolean(),
    /** The sheet's checks (targets, rules, cell problems) as the checks panel shows them. */
    checks: z.array(CheckResult),
  })
  .strict();
export type AllocationMatrix = z.infer<typeof AllocationMatrix>;

const CellRef = z.object({ rowId: Id, columnKey: ColumnKey }).strict();

export const SpreadInput = z
  .object({
    sheetId: Id,
    /** What to spread, exact ("30", "1200.5"). */
    total: Decimal,
    mode: z.enum(['even', 'proportional']),
    /** For proportional: weights from another row (same columns) or another column (same rows). */
    basis: z.union([z.object({ rowId: Id }).strict(), z.object({ columnKey: ColumnKey }).strict()]).optional(),
    /** The cells to fill, in any order; they are filled in sheet order (rows, then columns). */
    cells: z.array(CellRef).min(1).max(10_000),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.mode === 'proportional' && !input.basis) {
      context.addIssue({
        code: 'custom',
        path: ['basis'],
        message: '按比例分摊需要指定依据行或列 / proportional needs a basis row or column',
      });
    }
    const seen = new Set<string>();
    input.cells.forEach((cell, index) => {
      const key = `${cell.rowId}:${cell.columnKey}`;
      if (seen.has(key))
        context.addIssue({ code: 'custom', path: ['cells', index], message: '单元格重复 / duplicate cell' });
      seen.add(key);
    });
  });

// ---- dashboard ----------------------------------------------------------------------------------

/** One bar: an exact total over `count` items, `known` of which have an amount. */
const Bar = z.object({ label: z.string(), sum: z.string(), count: z.number().int(), known: z.number().int() }).strict();

export const Dashboard = z
  .object({
    investment: z.array(
      z
        .object({
          sheetId: Id,
          sheetName: z.string(),
          columnName: z.string(),
          unit: z.string(),
          total: z.string(),
          known: z.number().int(),
          unknown: z.number().int(),
          byCategory: z.array(Bar),
          byYear: z.array(z.object({ year: z.number().int(), sum: z.string() }).strict()),
          /** Amounts with no readable period, left out of byYear. */
          undated: z.object({ sum: z.string(), count: z.number().int() }).strict(),
          byYearRuleZh: z.string(),
          byDepartment: z.array(Bar),
          byDepartmentRuleZh: z.string(),
        })
        .strict(),
    ),
    indicators: z.array(
      z
        .object({
          sheetId: Id,
          sheetName: z.string(),
          met: z.number().int(),
          notMet: z.number().int(),
          notApplicable: z.number().int(),
          unknown: z.number().int(),
          /** Indicators whose recorded 达标情况 disagrees with the computed status. */
          disagreements: z.number().int(),
        })
        .strict(),
    ),
    allocations: z.array(
      z
        .object({
          sheetId: Id,
          sheetName: z.string(),
          total: z.string(),
          target: z.string().nullable(),
          byPeriod: z.array(
            z
              .object({
                name: z.string(),
                year: z.number().int().nullable(),
                total: z.string(),
                cumulative: z.string(),
                target: z.string().nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    checks: CheckSummary,
  })
  .strict();
export type Dashboard = z.infer<typeof Dashboard>;

export const checksCalls = {
  'checks.run': call(
    z.object({ sheetId: Id.optional() }).strict(),
    z.object({ results: z.array(CheckResult), summary: CheckSummary }).strict(),
    'Every check (declared totals, allocation targets and rules, duplicates, indicator status, unknown amounts), optionally for one sheet.',
  ),
  'checks.addDeclared': call(
    AddDeclaredInput,
    z.object({ check: DeclaredCheck }).strict(),
    'Store a total, count, allocation target or rule the plan states, as a declared check.',
  ),
  'rollup.get': call(
    RollupBy,
    Rollup,
    'Count, amounts known, total and share per value of a column (category, unit, year, status…).',
  ),
  'rollup.toSheet': call(
    RollupBy.extend({ name: z.string().min(1).max(100).optional() }).strict(),
    z.object({ sheetId: Id, name: z.string(), rows: z.number().int() }).strict(),
    'Write a roll-up as a new summary sheet (one action), to export or print.',
  ),
  'departments.rows': call(
    z.object({ department: z.string().trim().min(1).max(200) }).strict(),
    z.object({ department: z.string(), rows: z.array(DepartmentRow) }).strict(),
    'Every row on every sheet that a unit (by name or alias) leads, cooperates on or is responsible for.',
  ),
  'allocation.get': call(
    z.object({ sheetId: Id }).strict(),
    AllocationMatrix,
    'An allocation matrix with row, column and grand totals against their targets.',
  ),
  'allocation.spread': call(
    SpreadInput,
    z
      .object({
        actionId: Id.nullable(),
        cells: z.array(z.object({ rowId: Id, columnKey: z.string(), text: z.string() }).strict()),
        ruleZh: z.string(),
        ruleEn: z.string(),
      })
      .strict(),
    'Spread a total over cells evenly or in proportion to a row or column, in whole units, as one action.',
  ),
  'dashboard.get': call(
    Empty,
    Dashboard,
    'Investment by category, year and unit; indicator status; allocation progress.',
  ),
} as const;
