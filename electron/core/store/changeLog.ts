import { PlanbenchError } from '../../../shared/contract/errors';
import type { Change, ChangeKind, ChangeOf, LoggedAction } from '../../../shared/model/changes';
import { isChangeKind } from '../../../shared/model/changes';
import { currentActor } from './actor';
import type { StoreCore } from './storeCore';
import type { ActionOrigin } from './storeTypes';

/**
 * The change log: actions (one per user step) and their changes, written and read in the typed
 * shapes of shared/model/changes.ts. Every write of the store logs through logChange(), and
 * everything that reads the log (undo and redo, history, the checks' snapshot) reads it through
 * readChanges(), so the kinds are named and decoded in one place.
 */

/** A change as the store keeps it: also the id of its column (cells and column changes). */
export type StoredChangeOf<K extends ChangeKind> = ChangeOf<K> & { columnId: number | null };
export type StoredChange = { [K in ChangeKind]: StoredChangeOf<K> }[ChangeKind];

/** A change to log: where it is; columnId only where the kind has a column. */
export type ChangeEntry = Change & { columnId?: number | null };

/** An action as the actions table holds it. */
export interface ActionRow {
  id: number;
  at: string;
  source: string;
  detail: string;
  label: string;
  state: 'done' | 'undone';
  /** Who (the person) and through what (the window or program): '' in actions logged before version 5. */
  author: string;
  client: string;
}

interface ChangeRow {
  id: number;
  action_id: number;
  sheet_id: number | null;
  row_id: number | null;
  column_id: number | null;
  column_key: string | null;
  kind: string;
  before: string | null;
  after: string | null;
}

const INSERT_CHANGE = `INSERT INTO changes (action_id, sheet_id, row_id, column_id, column_key, kind, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Run several changes as one action (e.g. a paste that also adds rows): every change made by
 * `work` joins the same log entry, and all of it commits or none of it does.
 */
export function inAction<T>(
  core: StoreCore,
  origin: ActionOrigin,
  work: () => T,
): { value: T; actionId: number | null } {
  return core.transaction(() => {
    const outer = core.openAction;
    const action = outer ?? { origin, id: null };
    core.openAction = action;
    try {
      return { value: work(), actionId: action.id };
    } finally {
      core.openAction = outer;
    }
  });
}

/** The action a change joins: the open one (made on its first change), or a new one. */
export function beginAction(core: StoreCore, origin: ActionOrigin): number {
  if (core.openAction) {
    core.openAction.id ??= insertAction(core, core.openAction.origin);
    return core.openAction.id;
  }
  return insertAction(core, origin);
}

export function insertAction(core: StoreCore, origin: ActionOrigin): number {
  const actor = origin.actor ?? currentActor();
  return Number(
    core
      .prepare('INSERT INTO actions (at, source, detail, label, author, client) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), origin.source, origin.detail ?? '', origin.label ?? '', actor.author, actor.client)
      .lastInsertRowid,
  );
}

/** Log one change of an action, its two sides as JSON (see storedSide). */
export function logChange(core: StoreCore, actionId: number, change: ChangeEntry): void {
  core
    .prepare(INSERT_CHANGE)
    .run(
      actionId,
      change.sheetId,
      change.rowId,
      change.columnId ?? null,
      change.columnKey,
      change.kind,
      storedSide(change.kind, change.before),
      storedSide(change.kind, change.after),
    );
}

/**
 * A side of a change as the log has always stored it: JSON, and for a side that does not exist
 * SQL NULL — except a cell's, which is a value even when empty, so the JSON text 'null'. Kept
 * byte for byte, so plans written before and after the log was typed read alike.
 */
function storedSide(kind: ChangeKind, side: unknown): string | null {
  return side === null && kind !== 'cell' ? null : JSON.stringify(side);
}

/** An action's changes, typed, in log order (or newest first, as undo replays them). */
export function readChanges(core: StoreCore, actionId: number, newestFirst = false): StoredChange[] {
  const sql = newestFirst
    ? 'SELECT * FROM changes WHERE action_id = ? ORDER BY id DESC'
    : 'SELECT * FROM changes WHERE action_id = ? ORDER BY id';
  return (core.prepare(sql).all(actionId) as ChangeRow[]).map(decodeChange);
}

/**
 * A stored change in its typed form. The JSON is the payload as written (plans written before
 * the log was typed hold the same shapes; an empty side may be NULL or the JSON text 'null').
 * A kind this version does not know cannot be undone, redone or followed: refused, naming it.
 */
function decodeChange(row: ChangeRow): StoredChange {
  if (!isChangeKind(row.kind)) {
    throw PlanbenchError.of(
      'internal',
      `无法识别的变更类型：${row.kind}`,
      `unknown kind of change in the log: ${row.kind}`,
    );
  }
  return {
    kind: row.kind,
    sheetId: row.sheet_id,
    rowId: row.row_id,
    columnId: row.column_id,
    columnKey: row.column_key,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  } as StoredChange;
}

/** The id of the newest action in the log (0 when there is none): cheap, for watchers. */
export function latestActionId(core: StoreCore): number {
  return core.prepare('SELECT COALESCE(MAX(id), 0) FROM actions').pluck().get() as number;
}

/** The change log, newest first, each action with its typed changes. */
export function history(core: StoreCore, limit: number, beforeId?: number): LoggedAction[] {
  const actions = core
    .prepare('SELECT * FROM actions WHERE id < ? ORDER BY id DESC LIMIT ?')
    .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as ActionRow[];
  return actions.map((action) => ({
    ...action,
    changes: readChanges(core, action.id).map(({ columnId: _column, ...change }) => change),
  }));
}
