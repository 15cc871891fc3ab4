import type { CheckResult } from '../../../shared/contract/calls/checks';
import { DECLARED_SPECS } from '../../../shared/contract/calls/checks';
import type { DeclaredCheck, PlanMeta } from '../../../shared/contract/contract';
import type { PlanStore } from '../store/planStore';
import type { AllocationModel } from './allocation';
import { allocationCellCheck, buildAllocation, evaluateAllocationDeclared } from './allocation';
import { budgetCheckResults, isInvestmentPlan } from './budgets';
import { savedFactorSettings } from '../budgets/factorSheet';
import { factorAllocationResults } from './factorCheck';
import {
  evaluateCategoryCount,
  evaluateCategoryTotal,
  evaluateColumnTotal,
  evaluateRowCount,
  notEvaluable,
} from './declared';
import type { IndicatorEvaluation } from './indicators';
import { evaluateIndicators } from './indicators';
import type { SheetIndexes } from './rowChecks';
import { buildIndexes, rowCheckResults } from './rowChecks';
import type { SheetState, SyncReport } from './snapshot';
import { PlanSnapshot } from './snapshot';

/**
 * The check engine: pure evaluation over a snapshot of the plan that follows the change log.
 * Declared checks come from the plan (store.listDeclaredChecks); built-in checks run on every
 * sheet they apply to. One engine per open plan keeps its snapshot between runs, so a run after
 * an edit replays that edit and re-evaluates from indexes instead of re-reading the plan.
 */

const ALLOCATION_KINDS = new Set(['allocationRowTotal', 'allocationColumnTotal', 'allocationGrandTotal', 'rule']);

export class CheckEngine {
  private readonly store: PlanStore;
  private snapshot: PlanSnapshot;
  private metaKey = '';
  private meta: PlanMeta | null = null;
  private readonly named = new WeakMap<SheetState, SheetIndexes>();
  /** What was worked out from a sheet, by what it is, kept until the sheet changes (its version). */
  private readonly derived = new WeakMap<SheetState, Map<string, { version: number; value: unknown }>>();
  lastSync: SyncReport | null = null;

  constructor(store: PlanStore) {
    this.store = store;
    this.snapshot = this.newSnapshot();
  }

  private newSnapshot(): PlanSnapshot {
    return new PlanSnapshot(this.store, (sheet) => {
      const { list, named } = buildIndexes(
        sheet,
        this.currentMeta(),
        (name) => this.store.resolveDepartment(name)?.name ?? null,
      );
      this.named.set(sheet, named);
      return list;
    });
  }

  private currentMeta(): PlanMeta {
    this.meta ??= this.store.getMeta();
    return this.meta;
  }

  /** Bring the snapshot up to date; a change of plan metadata (its period) rebuilds it. */
  sync(): { meta: PlanMeta; sheets: SheetState[] } {
    const meta = this.store.getMeta();
    const key = JSON.stringify(meta);
    if (key !== this.metaKey) {
      this.metaKey = key;
      this.meta = meta;
      this.snapshot = this.newSnapshot();
    }
    this.lastSync = this.snapshot.sync();
    return { meta, sheets: this.snapshot.list() };
  }

  sheet(sheetId: number): SheetState | undefined {
    return this.snapshot.get(sheetId);
  }

  indexes(sheet: SheetState): SheetIndexes {
    const named = this.named.get(sheet);
    if (!named) throw new Error(`no indexes for sheet ${sheet.info.id}`);
    return named;
  }

  /**
   * `compute`'s answer for this sheet, reused until the sheet changes. `what` names it, with
   * anything else it depends on that the sheet's version does not follow.
   */
  private perVersion<T>(sheet: SheetState, what: string, compute: () => T): T {
    let byWhat = this.derived.get(sheet);
    if (!byWhat) this.derived.set(sheet, (byWhat = new Map()));
    const cached = byWhat.get(what);
    if (cached && cached.version === sheet.version) return cached.value as T;
    const value = compute();
    byWhat.set(what, { version: sheet.version, value });
    return value;
  }

  /** Indicator evaluations, reused until the sheet changes. */
  indicators(sheet: SheetState, meta: PlanMeta): IndicatorEvaluation[] {
    return this.perVersion(sheet, 'indicators', () => evaluateIndicators(sheet, meta));
  }

  /** Every check, or one sheet's; in plan order, declared checks of a sheet before its built-in ones. */
  run(sheetId?: number): CheckResult[] {
    const { meta, sheets } = this.sync();
    const declared = this.store.listDeclaredChecks();
    const results: CheckResult[] = [];
    for (const sheet of sheets) {
      if (sheetId !== undefined && sheet.info.id !== sheetId) continue;
      results.push(
        ...this.sheetResults(
          sheet,
          declared.filter((check) => check.sheetId === sheet.info.id),
          meta,
        ),
      );
    }
    if (sheetId === undefined) {
      const known = new Set(sheets.map((sheet) => sheet.info.id));
      for (const check of declared) {
        if (check.sheetId === null || !known.has(check.sheetId)) {
          results.push(
            notEvaluable(
              check,
              'unsupported',
              '声明的检查没有对应的工作表',
              'the declared check names no sheet of this plan',
            ),
          );
        }
      }
    }
    return results;
  }

  sheetResults(sheet: SheetState, declared: readonly DeclaredCheck[], meta: PlanMeta): CheckResult[] {
    const indexes = this.indexes(sheet);
    let allocation: AllocationModel | null = null;
    const model = (): AllocationModel => (allocation ??= buildAllocation(sheet));
    const results: CheckResult[] = [];
    for (const check of declared) results.push(...this.evaluateDeclared(check, sheet, indexes, model));
    if (sheet.info.kind === 'allocation') results.push(allocationCellCheck(model()));
    // A generated 年度投资计划 repeats its project table's rows: their duplicates are reported there, once.
    const rowResults = rowCheckResults(sheet, indexes);
    results.push(
      ...(isInvestmentPlan(sheet) ? rowResults.filter((result) => result.kind !== 'duplicate') : rowResults),
    );
    // Both read every row of their sheets: reused until the sheet (or the allocation's settings) change.
    results.push(...this.perVersion(sheet, 'budgets', () => budgetCheckResults(sheet)));
    const factorSettings = JSON.stringify(savedFactorSettings(this.store, sheet.info.id));
    results.push(
      ...this.perVersion(sheet, `factor:${factorSettings}`, () => factorAllocationResults(this.store, sheet)),
    );
    results.push(...this.indicators(sheet, meta).map((evaluation) => evaluation.result));
    return results;
  }

  private evaluateDeclared(
    check: DeclaredCheck,
    sheet: SheetState,
    indexes: SheetIndexes,
    model: () => AllocationModel,
  ): CheckResult[] {
    const schema = (DECLARED_SPECS as Record<string, (typeof DECLARED_SPECS)[keyof typeof DECLARED_SPECS]>)[check.kind];
    if (!schema) {
      return [
        notEvaluable(
          check,
          'unsupported',
          `本版本不支持检查类型“${check.kind}”`,
          `this version does not know check kind "${check.kind}"`,
        ),
      ];
    }
    const parsed = schema.safeParse(check.spec);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(spec)'}: ${issue.message}`)
        .join('; ');
      return [
        notEvaluable(
          check,
          'unsupported',
          `检查的设定无法读取：${issues}`,
          `the check's spec cannot be read: ${issues}`,
        ),
      ];
    }
    if (ALLOCATION_KINDS.has(check.kind)) return [evaluateAllocationDeclared(check, model())];
    switch (check.kind) {
      case 'rowCount':
        return [evaluateRowCount(check, DECLARED_SPECS.rowCount.parse(check.spec), sheet, indexes.totals)];
      case 'categoryCount':
        return [evaluateCategoryCount(check, DECLARED_SPECS.categoryCount.parse(check.spec), sheet, indexes.totals)];
      case 'columnTotal':
        return [evaluateColumnTotal(check, DECLARED_SPECS.columnTotal.parse(check.spec), sheet, indexes.totals)];
      case 'categoryTotal':
        return evaluateCategoryTotal(check, DECLARED_SPECS.categoryTotal.parse(check.spec), sheet, indexes.totals);
      default:
        return [
          notEvaluable(
            check,
            'unsupported',
            `本版本不支持检查类型“${check.kind}”`,
            `unsupported check kind "${check.kind}"`,
          ),
        ];
    }
  }
}

const engines = new WeakMap<PlanStore, CheckEngine>();

/** The engine of an open plan, kept with it so successive runs are incremental. */
export function engineFor(store: PlanStore): CheckEngine {
  let engine = engines.get(store);
  if (!engine) {
    engine = new CheckEngine(store);
    engines.set(store, engine);
  }
  return engine;
}
