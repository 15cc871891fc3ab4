import type { ChangedCell, ChangeEnvelope, SheetChanges } from '../../../shared/contract/changes';
import type { ActionRecord, ApiName } from '../../../shared/contract/contract';
import type { CellValue } from '../../../shared/values/cells';
import type { Change } from '../../../shared/model/changes';
import { viewEffect } from '../../../shared/model/changes';
import { isSummable } from '../../../shared/model/columnTypes';
import type { ValueChange } from '../../../shared/values/totalsDelta';
import { valueChange } from '../../../shared/values/totalsDelta';
import { engineFor } from '../checks/engine';
import { byUrgency, summarize } from '../checks/results';
import type { PlanStore } from '../store/planStore';
import type { ReadThread } from './readThread';
import { forgetTotals, sumTotals, totalsAfterCells } from './liveTotals';

/**
 * What a call that writes the plan changed (shared/api/changes.ts), worked out in this one place
 * from the change log: the actions the call added (between the log's newest action before and
 * after it) say which sheets, rows and cells changed; the new state of each comes from the store.
 */

/**
 * The log's kinds are read from their one table (shared/model/changes.ts, beside undo/redo's
 * appliers and the checks' snapshot effects). A record's payloads arrive untyped through the
 * contract; its kind is one of the log's kinds (the contract's enum), so it is that Change.
 */
const effectOf = (change: ActionRecord['changes'][number]) => viewEffect(change as unknown as Change);

/**
 * Writes the change log does not hold, by call: what each changes. A call not listed changes
 * nothing a front end shows beyond its logged actions, except that checks may read it.
 */
const UNLOGGED: Partial<Record<ApiName, { columnsOf?: 'sheetId'; checks: boolean }>> = {
  'columns.layout': { columnsOf: 'sheetId', checks: false },
  'sheet.view.save': { checks: false },
  'print.options.save': { checks: false },
  'import.preview': { checks: false },
  // A named version is a snapshot beside the plan: nothing a window shows or a check reads changes.
  'versions.save': { checks: false },
  'documents.preview': { checks: false },
};

/** A sheet's picture being put together. */
interface SheetWork {
  rows: boolean;
  columns: boolean;
  sheet: boolean;
  comments: boolean;
  cells: Map<string, { rowId: number; columnKey: string; first: CellValue | null; last: CellValue | null }>;
}

/** A write's checks, run after its answer has gone (on this thread, or the read thread's). */
export type ChecksRun = () => ChangeEnvelope['checks'] | Promise<ChangeEnvelope['checks']>;

/** Where a transport that sends answers in two parts takes a write's checks run. */
export type ChecksLater = (run: ChecksRun) => void;

export interface ChangeTracker {
  /**
   * The envelope of everything the call changed; called once the call has succeeded. It waits
   * only for checks run on the read thread for a transport that sends one answer.
   */
  finish(): ChangeEnvelope | Promise<ChangeEnvelope>;
}

/**
 * Start following a call that writes: notes where the change log stands before it runs. With
 * `checksLater`, a finished envelope whose checks would be run says they follow, and hands the
 * run to `checksLater` for the transport to send as the answer's second part.
 */
export function trackChanges(
  store: PlanStore,
  name: ApiName,
  input: unknown,
  checksLater?: ChecksLater,
  readThread?: ReadThread | null,
): ChangeTracker {
  const beforeId = store.latestActionId();
  return {
    finish: () => {
      const afterId = store.latestActionId();
      const envelope = envelopeBetween(store, beforeId, afterId, UNLOGGED[name], input);
      const changed = envelope.actions.length > 0 || (UNLOGGED[name]?.checks ?? true);
      const undo = store.undoState();
      const checks = checksAfter(store, changed, checksLater, readThread ?? null);
      return checks instanceof Promise
        ? checks.then((settled) => ({ ...envelope, checks: settled, undo }))
        : { ...envelope, checks, undo };
    },
  };
}

/**
 * What the actions in (beforeId, afterId] changed, as another window applies it (the event
 * stream, planEvents.ts): the same envelope, but the checks are that window's to run (they may
 * have changed) and undo is left as it was — undo is each window's own, which others' actions
 * do not move.
 */
export function changesForOthers(store: PlanStore, beforeId: number, afterId: number): ChangeEnvelope {
  return asSeenByOthers({ ...envelopeBetween(store, beforeId, afterId), checks: NOT_RUN, undo: NO_UNDO });
}

/** A caller's envelope as the other windows get it: their checks and their undo are their own. */
export function asSeenByOthers(changes: ChangeEnvelope): ChangeEnvelope {
  return { ...changes, checks: { ...NOT_RUN, changed: changes.checks.changed }, undo: NO_UNDO };
}

const NOT_RUN: ChangeEnvelope['checks'] = { changed: true, summary: null, results: null, following: false };
const NO_UNDO: ChangeEnvelope['undo'] = { undo: null, redo: null };

function envelopeBetween(
  store: PlanStore,
  beforeId: number,
  afterId: number,
  unlogged?: { columnsOf?: 'sheetId'; checks: boolean },
  input?: unknown,
): Omit<ChangeEnvelope, 'checks' | 'undo'> {
  const actions = store.actionsBetween(beforeId, afterId);
  const sheets = new Map<number, SheetWork>();
  const work = (sheetId: number): SheetWork => {
    let sheet = sheets.get(sheetId);
    if (!sheet)
      sheets.set(sheetId, (sheet = { rows: false, columns: false, sheet: false, comments: false, cells: new Map() }));
    return sheet;
  };
  let wholePlan = false;
  for (const action of actions) {
    for (const change of action.changes) {
      const effect = effectOf(change);
      if (effect.sheetId === null) {
        wholePlan = true;
        continue;
      }
      const sheet = work(effect.sheetId);
      if (effect.effect === 'cell') {
        const key = `${effect.rowId}\u0000${effect.columnKey}`;
        const seen = sheet.cells.get(key);
        sheet.cells.set(key, {
          rowId: effect.rowId,
          columnKey: effect.columnKey,
          first: seen ? seen.first : effect.before,
          last: effect.after,
        });
      } else if (effect.effect === 'rows') sheet.rows = true;
      else if (effect.effect === 'comments') sheet.comments = true;
      else if (effect.effect === 'columns') sheet.columns = true;
      else {
        sheet.sheet = true;
        sheet.rows = true;
        sheet.columns = true;
      }
    }
  }
  const inputSheet = (input as { sheetId?: unknown } | null)?.sheetId;
  if (unlogged?.columnsOf && typeof inputSheet === 'number') work(inputSheet).columns = true;
  if (wholePlan)
    for (const info of store.listSheets()) Object.assign(work(info.id), { rows: true, columns: true, sheet: true });

  const listChanged = [...sheets.values()].some((sheet) => sheet.rows || sheet.sheet);
  const sheetList = listChanged ? store.listSheets() : null;
  const exists = (sheetId: number) => (sheetList ? sheetList.some((info) => info.id === sheetId) : true);

  const sheetChanges: SheetChanges[] = [...sheets].map(([sheetId, sheet]) => {
    if (!exists(sheetId)) {
      forgetTotals(store, sheetId);
      return {
        sheetId,
        removed: true,
        columns: null,
        rowsChanged: true,
        commentsChanged: true,
        cells: [],
        totals: null,
      };
    }
    const columns = store.columns(sheetId);
    const cells: ChangedCell[] = sheet.rows
      ? []
      : [...sheet.cells.values()].map(({ rowId, columnKey, last }) => ({
          rowId,
          columnKey,
          cell: last ?? { text: '', value: null },
        }));
    const summable = new Set(columns.filter(isSummable).map((column) => column.key));
    const valueChanges: ValueChange[] = [];
    for (const { columnKey, first, last } of sheet.cells.values()) {
      if (summable.has(columnKey))
        valueChanges.push(valueChange(columnKey, first ?? undefined, last ?? { text: '', value: null }));
    }
    const totals =
      sheet.rows || sheet.columns
        ? sumTotals(store, sheetId)
        : valueChanges.length > 0
          ? totalsAfterCells(store, sheetId, beforeId, afterId, valueChanges)
          : null;
    return {
      sheetId,
      removed: false,
      columns: sheet.columns ? columns : null,
      rowsChanged: sheet.rows,
      // Rows added or removed may have brought or taken comments (a deletion logs them, an undo of an import does not).
      commentsChanged: sheet.comments || sheet.rows,
      cells,
      totals,
    };
  });

  return {
    actions: actions.map(({ id, source, detail, label, author, client }) => ({
      id,
      source,
      detail,
      label,
      author,
      client,
    })),
    sheets: sheetChanges,
    sheetList,
    // A change of no sheet (the plan's details, a plan setting, an undo of either) may have changed them.
    meta: wholePlan ? store.getMeta() : null,
  };
}

/**
 * The checks after a change, when the plan's checks have been run before: the engine then
 * replays only this call's changes. A plan whose checks never ran (the CLI, a window that has
 * not asked yet) is not read whole for them here: the envelope says they may have changed.
 *
 * With a read thread the checks run there (readThread.ts), and a write's own thread never runs
 * them: a transport that sends two parts gets that run as the second; one that sends a single
 * answer waits for it.
 */
function checksAfter(
  store: PlanStore,
  changed: boolean,
  later: ChecksLater | undefined,
  thread: ReadThread | null,
): ChangeEnvelope['checks'] | Promise<ChangeEnvelope['checks']> {
  const unknown = { changed, summary: null, results: null, following: false };
  // With a read thread, this thread's engine is only a fallback: it is not made until needed.
  const runHere = () => {
    const results = engineFor(store).run();
    return { changed, summary: summarize(results), results: byUrgency(results), following: false };
  };
  if (!changed || !(thread ? thread.checksFollowed : engineFor(store).lastSync !== null)) return unknown;
  const run: ChecksRun = thread
    ? () =>
        thread.call('checks.run', {}).then(
          (answer) => {
            if (!answer.ok) return unknown;
            const { summary, results } = answer.result as Pick<ChangeEnvelope['checks'], 'summary' | 'results'>;
            return { changed, summary, results, following: false };
          },
          // The thread stopped: the checks are run here, as without one.
          () => runHere(),
        )
    : runHere;
  if (!later) return run();
  later(run);
  return { ...unknown, following: true };
}
