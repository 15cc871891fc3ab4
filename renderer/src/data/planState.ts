import type { ChangeEnvelope } from '../../../shared/contract/changes';
import type { ApiOutput, CheckResult, CheckSummary, ColumnTotal, SheetDetail } from '../../../shared/contract/contract';

export type Plan = ApiOutput<'plan.get'>;
export type UndoState = ApiOutput<'history.state'>;

/** What the checks found, as last run (with a mutation, or by checks.run). */
export interface ChecksState {
  summary: CheckSummary;
  results: CheckResult[];
}

/**
 * The renderer's picture of the open plan: what the tabs, the toolbar, the 合计 row and the 检查
 * badge show. Each mutation's change envelope brings it up to date (applyChanges), so nothing is
 * read again after an edit. Replaced, never changed in place, so React sees each new state.
 */
export interface PlanState {
  plan: Plan | null;
  /** What undo and redo would do; null until first read. */
  undo: UndoState | null;
  checks: ChecksState | null;
  /** A change was made that the checks above do not include yet (they were not run with it). */
  checksStale: boolean;
  /** Sheets' details as read (sheet.get) and changed since (columns, name, row count). */
  details: ReadonlyMap<number, SheetDetail>;
  /** Sheets' exact totals as read (sheet.totals) and changed since. */
  totals: ReadonlyMap<number, ColumnTotal[]>;
  /** How many changes the plan has had since it opened: panels showing views of it read again. */
  changes: number;
}

export const EMPTY_PLAN_STATE: PlanState = {
  plan: null,
  undo: null,
  checks: null,
  checksStale: false,
  details: new Map(),
  totals: new Map(),
  changes: 0,
};

/** The state after a mutation's envelope: a pure function, so it is tested without a page. */
export function applyChanges(state: PlanState, changes: ChangeEnvelope): PlanState {
  const details = new Map(state.details);
  const totals = new Map(state.totals);
  for (const sheet of changes.sheets) {
    if (sheet.removed) {
      details.delete(sheet.sheetId);
      totals.delete(sheet.sheetId);
      continue;
    }
    const detail = details.get(sheet.sheetId);
    if (detail && sheet.columns) details.set(sheet.sheetId, { ...detail, columns: sheet.columns });
    if (sheet.totals) totals.set(sheet.sheetId, sheet.totals);
  }
  if (changes.sheetList) {
    for (const info of changes.sheetList) {
      const detail = details.get(info.id);
      if (detail) details.set(info.id, { ...detail, ...info });
    }
  }
  const plan =
    state.plan && (changes.sheetList || changes.meta)
      ? {
          ...state.plan,
          ...(changes.sheetList ? { sheets: changes.sheetList } : {}),
          ...(changes.meta ? { meta: changes.meta } : {}),
        }
      : state.plan;
  return {
    ...applyChecks(state, changes.checks),
    plan,
    undo: changes.undo,
    details,
    totals,
    changes: state.changes + 1,
  };
}

/** The state with the checks after a change: run with it (or sent after it), or not run — then stale if they may have changed. */
export function applyChecks(state: PlanState, checks: ChangeEnvelope['checks']): PlanState {
  if (checks.summary !== null && checks.results !== null) {
    return { ...state, checks: { summary: checks.summary, results: checks.results }, checksStale: false };
  }
  return { ...state, checksStale: state.checksStale || checks.changed };
}
