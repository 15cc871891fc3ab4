import type { ChangedCell, ChangeEnvelope } from '../../../shared/contract/changes';
import type { ColumnTotal, SheetDetail } from '../../../shared/contract/contract';
import { api, onLateChecks, onPlanChanges } from './api';
import type { SheetScreen } from '../app/firstScreen';
import type { Plan, PlanState } from './planState';
import { applyChanges, applyChecks, EMPTY_PLAN_STATE } from './planState';
import { SheetRows } from './sheetRows';

/** A change another window or program made: the envelope, and their actions in it. */
export interface OthersChange {
  changes: ChangeEnvelope;
  actions: ChangeEnvelope['actions'];
}

/**
 * The one client-side model of the open plan. Components read it through usePlanState (React's
 * useSyncExternalStore); every response that carries a change envelope — from the grid, a panel,
 * a dialog, undo — is applied here as it arrives (api.ts), so after an edit nobody reads again:
 * the tabs' row counts, the 合计 row, the undo buttons, the checks and the open sheet's rows
 * follow from what the mutation said it changed.
 */
export class PlanModel {
  private state: PlanState = EMPTY_PLAN_STATE;
  private readonly listeners = new Set<() => void>();
  /** The open sheet's rows. */
  private rows: SheetRows | null = null;

  readonly getState = (): PlanState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: PlanState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  readonly apply = (changes: ChangeEnvelope): void => {
    this.applyEnvelope(changes, changes.undo);
  };

  /**
   * What another window or program changed (the event stream, planEvents.ts): applied like a
   * change of our own, except undo — each window's own, which others' actions do not move — and
   * what our own calls already told us (every action ours) is left out. Who did it and which
   * cells go to the listeners (the grid marks the cells, the status bar names the author).
   */
  readonly applyFromOthers = (changes: ChangeEnvelope, ownClient: string): void => {
    // The plan was opened again (now writable): everything is read afresh, what may be written too.
    if (changes.reopened) {
      void this.reload().catch(() => undefined);
      return;
    }
    const others = changes.actions.filter((action) => action.client !== ownClient);
    if (changes.actions.length > 0 && others.length === 0) return;
    this.applyEnvelope(changes, this.state.undo ?? changes.undo);
    for (const listener of this.othersListeners) listener({ changes, actions: others });
  };

  private readonly othersListeners = new Set<(change: OthersChange) => void>();

  /** Hear what others change, once it is applied. */
  onOthersChange(listener: (change: OthersChange) => void): () => void {
    this.othersListeners.add(listener);
    return () => this.othersListeners.delete(listener);
  }

  /** Show cells of a sheet as given, before the plan has answered (an edit on its way). */
  showCells(sheetId: number, cells: ChangedCell[]): void {
    if (this.rows?.sheetId === sheetId) this.rows.applyCells(cells);
  }

  /** After the event stream was lost for a while: everything read afresh (changes may have been missed). */
  async reload(): Promise<void> {
    await this.loadPlan();
    void this.rows?.load();
    await this.readUndo();
    if (this.state.checks !== null) await this.runChecks();
  }

  private applyEnvelope(changes: ChangeEnvelope, undo: PlanState['undo']): void {
    this.set({ ...applyChanges(this.state, changes), undo });
    const rows = this.rows;
    const sheet = rows && changes.sheets.find((candidate) => candidate.sheetId === rows.sheetId);
    if (rows && sheet && !sheet.removed) {
      if (sheet.rowsChanged) void rows.load(sheet.totals ?? undefined);
      else rows.applyCells(sheet.cells);
    }
    this.checksNotRun(changes.checks);
  }

  /** The checks sent after a change (the second part of its answer, see transport.ts). */
  readonly applyLateChecks = (checks: ChangeEnvelope['checks']): void => {
    this.set(applyChecks(this.state, checks));
    this.checksNotRun(checks);
  };

  /** The main side did not run the checks a change may have changed (they never ran there, or failed): ask, once they are shown. */
  private checksNotRun(checks: ChangeEnvelope['checks']): void {
    if (checks.changed && checks.summary === null && !checks.following && this.state.checks !== null)
      void this.runChecks();
  }

  async loadPlan(): Promise<Plan> {
    const plan = await api['plan.get']({});
    this.set({ ...this.state, plan });
    return plan;
  }

  async readUndo(): Promise<void> {
    const undo = await api['history.state']({});
    this.set({ ...this.state, undo });
  }

  /** Run the checks (the first run after opening; later runs come with each change). */
  async runChecks(): Promise<void> {
    try {
      const { summary, results } = await api['checks.run']({});
      this.set({ ...this.state, checks: { summary, results }, checksStale: false });
    } catch {
      this.set({ ...this.state, checks: null });
    }
  }

  setDetail(detail: SheetDetail): void {
    this.set({ ...this.state, details: new Map(this.state.details).set(detail.id, detail) });
  }

  setTotals(sheetId: number, totals: ColumnTotal[]): void {
    this.set({ ...this.state, totals: new Map(this.state.totals).set(sheetId, totals) });
  }

  /** Follow a sheet's rows, from its first screen (already asked for) on; the previous sheet's are let go. */
  openRows(sheetId: number, screen: SheetScreen | null, onError: (error: unknown) => void): SheetRows {
    this.rows?.close();
    const rows = new SheetRows(sheetId, screen, (totals) => this.setTotals(sheetId, totals), onError);
    this.rows = rows;
    return rows;
  }

  closeRows(rows: SheetRows): void {
    rows.close();
    if (this.rows === rows) this.rows = null;
  }
}

export const planModel = new PlanModel();
onPlanChanges(planModel.apply);
onLateChecks((late) => planModel.applyLateChecks(late.checks));
