import { PlanbenchError } from '../../../shared/contract/errors';
import { describeActor } from '../../../shared/rules/actors';
import type { StoredChange } from './changeLog';
import { insertAction, logChange, readChanges, type ActionRow } from './changeLog';
import { applyChange } from './changeAppliers';
import { currentActor } from './actor';
import type { StoreCore } from './storeCore';
import type { UndoCandidate, UndoOutcome } from './storeTypes';

/**
 * Undo and redo. The change log is the undo history, so undo works after sorting, filtering,
 * closing and reopening. Undo is yours: it reverses the newest action still in force that came
 * from your own window or program (actor.ts), never a colleague's in another window or a
 * command-line import; redo re-applies the action you undid most recently, as long as you made
 * no new change after it. Both are themselves logged (source 'undo'/'redo', detail = the
 * action's id) — the log only grows. Creating the sample plan ('system') is not undoable.
 * Actions logged before the log named their window (client '') count as everyone's.
 *
 * When someone else changed the same cells or rows after your action, undoing or redoing it
 * would overwrite their work: the call is refused naming them (code 'conflict'), and goes ahead
 * only when asked to overwrite.
 */

const NOT_UNDOABLE = "('undo', 'redo', 'system')";

function undoTarget(core: StoreCore, client: string): ActionRow | undefined {
  return core
    .prepare(
      `SELECT * FROM actions
        WHERE state = 'done' AND source NOT IN ${NOT_UNDOABLE} AND (client = ? OR client = '')
        ORDER BY id DESC LIMIT 1`,
    )
    .get(client) as ActionRow | undefined;
}

/**
 * The action to redo: of the actions this window undid since it last made a real change, the
 * one undone last. A change made after an undo ends the redo chain, as in any editor — even when
 * that change is itself undone later, the older undone actions stay undone.
 */
function redoTarget(core: StoreCore, client: string): (ActionRow & { undone_by: number }) | undefined {
  return core
    .prepare(
      `SELECT a.*, MAX(u.id) AS undone_by
         FROM actions a JOIN actions u
              ON u.source = 'undo' AND u.detail = CAST(a.id AS TEXT) AND (u.client = ? OR u.client = '')
        WHERE a.state = 'undone' AND a.source NOT IN ${NOT_UNDOABLE}
        GROUP BY a.id
       HAVING undone_by > (SELECT COALESCE(MAX(id), 0) FROM actions
                            WHERE source NOT IN ('undo', 'redo') AND (client = ? OR client = ''))
        ORDER BY undone_by DESC LIMIT 1`,
    )
    .get(client, client) as (ActionRow & { undone_by: number }) | undefined;
}

/** What Ctrl+Z and Ctrl+Y would do now for the caller's window, for menus and buttons. */
export function undoState(core: StoreCore): { undo: UndoCandidate | null; redo: UndoCandidate | null } {
  const { client } = currentActor();
  const describe = (action: ActionRow | undefined) =>
    action ? { actionId: action.id, label: action.label || action.source, at: action.at } : null;
  return { undo: describe(undoTarget(core, client)), redo: describe(redoTarget(core, client)) };
}

export interface ReplayOptions {
  /** Go ahead although someone else changed the same cells since (they were told and agreed). */
  overwrite?: boolean;
}

export function undo(core: StoreCore, options: ReplayOptions = {}): UndoOutcome | null {
  return core.transaction(() => {
    const target = undoTarget(core, currentActor().client);
    if (!target) return null;
    const changes = readChanges(core, target.id, true);
    if (!options.overwrite) refuseOverwriting(core, target, changes, target.id, 'undo');
    return replay(core, target, changes, 'undo');
  });
}

export function redo(core: StoreCore, options: ReplayOptions = {}): UndoOutcome | null {
  return core.transaction(() => {
    const target = redoTarget(core, currentActor().client);
    if (!target) return null;
    const changes = readChanges(core, target.id);
    if (!options.overwrite) refuseOverwriting(core, target, changes, target.undone_by, 'redo');
    return replay(core, target, changes, 'redo');
  });
}

interface LaterActionInfo {
  id: number;
  at: string;
  author: string;
  label: string;
  source: string;
  detail: string;
}

interface LaterAction extends LaterActionInfo {
  row_id: number;
  column_key: string | null;
  kind: string;
}

/**
 * Refuses to undo or redo `target` when an action of someone else's, made after `since` and
 * still in force, changed one of the same cells, or a row `target` changed (inserted, deleted,
 * moved, or one of its cells), or one of the plan's details `target` changed: replaying would
 * overwrite their work without a word.
 */
function refuseOverwriting(
  core: StoreCore,
  target: ActionRow,
  changes: StoredChange[],
  since: number,
  direction: 'undo' | 'redo',
): void {
  const later = core
    .prepare(
      `SELECT a.id, a.at, a.author, a.label, a.source, a.detail, c.row_id, c.column_key, c.kind
         FROM actions a JOIN changes c ON c.action_id = a.id
        WHERE a.id > ? AND a.client <> ? AND a.client <> '' AND a.state = 'done' AND c.row_id IS NOT NULL`,
    )
    .all(since, currentActor().client) as LaterAction[];
  const overwritten = new Map<number, LaterActionInfo>(
    metaOverwritten(core, changes, since).map((action) => [action.id, action]),
  );
  if (later.length === 0 && overwritten.size === 0) return;
  // Where this action changed: each cell, and each row it changed as a whole (inserted, deleted,
  // moved) or in any cell.
  // A comment (批注) is a place of its own: it overlaps the same comment, or a row changed as a
  // whole, never the value of its cell.
  const cells = new Set<string>();
  const comments = new Set<string>();
  const wholeRows = new Set<number>();
  const rowsTouched = new Set<number>();
  for (const change of changes) {
    if (change.rowId === null) continue;
    if (change.kind === 'comment') {
      comments.add(`${change.rowId}\u0000${change.columnKey ?? ''}`);
      continue;
    }
    rowsTouched.add(change.rowId);
    if (change.columnKey === null) wholeRows.add(change.rowId);
    else cells.add(`${change.rowId}\u0000${change.columnKey}`);
  }
  // Every later action of someone else's that changed one of those cells, or changed one of
  // those rows as a whole, or a cell of a row this action changed as a whole.
  for (const action of later) {
    const overlaps =
      action.kind === 'comment'
        ? comments.has(`${action.row_id}\u0000${action.column_key ?? ''}`) || wholeRows.has(action.row_id)
        : action.column_key === null
          ? rowsTouched.has(action.row_id) || [...comments].some((place) => place.startsWith(`${action.row_id}\u0000`))
          : cells.has(`${action.row_id}\u0000${action.column_key}`) || wholeRows.has(action.row_id);
    if (overlaps) overwritten.set(action.id, action);
  }
  if (overwritten.size === 0) return;
  throw overwriteConflict(target, [...overwritten.values()], direction);
}

/** An action as people read it: its label, or what kind of change it was (用户编辑, 导入 …). */
function labelOf(action: { label: string; source: string; detail: string }): string {
  return action.label || describeActor({ source: action.source, detail: action.detail }).zh;
}

/**
 * Later actions of someone else's that changed one of the plan's details (title, 文号…) that
 * `changes` changed too (change kind 'planMeta', which names no row).
 */
function metaOverwritten(core: StoreCore, changes: StoredChange[], since: number): LaterActionInfo[] {
  const keys = new Set(
    changes.flatMap((change) => (change.kind === 'planMeta' ? Object.keys(change.after ?? {}) : [])),
  );
  if (keys.size === 0) return [];
  const later = core
    .prepare(
      `SELECT a.id, a.at, a.author, a.label, a.source, a.detail, c.after
         FROM actions a JOIN changes c ON c.action_id = a.id
        WHERE a.id > ? AND a.client <> ? AND a.client <> '' AND a.state = 'done' AND c.kind = 'planMeta'`,
    )
    .all(since, currentActor().client) as (LaterActionInfo & { after: string | null })[];
  return later.filter((action) => Object.keys(JSON.parse(action.after ?? '{}') as object).some((key) => keys.has(key)));
}

function overwriteConflict(target: ActionRow, others: LaterActionInfo[], direction: 'undo' | 'redo'): PlanbenchError {
  const verbZh = direction === 'undo' ? '撤销' : '重做';
  const shown = others.slice(0, 3);
  const time = (at: string) => at.slice(11, 16);
  const who = (action: LaterActionInfo) => action.author || '另一窗口';
  const listZh = shown.map((action) => `${who(action)} ${time(action.at)}“${labelOf(action)}”`).join('、');
  const listEn = shown
    .map((action) => `${action.author || 'another window'} at ${time(action.at)} ("${labelOf(action)}")`)
    .join(', ');
  const more = others.length > shown.length ? others.length - shown.length : 0;
  return PlanbenchError.of(
    'conflict',
    `${verbZh}“${labelOf(target)}”会覆盖他人此后对同一单元格或行的修改：${listZh}${more ? `等 ${others.length} 项` : ''}。未作任何改动；确认覆盖后才会${verbZh}`,
    `${direction} of "${labelOf(target)}" would overwrite later changes to the same cells or rows by someone else: ${listEn}${more ? ` and ${more} more` : ''}. Nothing was changed; confirm to overwrite them`,
  );
}

/**
 * Apply an action's changes backwards (undo, newest change first) or forwards again (redo),
 * and log that as a new action whose changes go from the state left to the state reached.
 */
function replay(core: StoreCore, target: ActionRow, changes: StoredChange[], direction: 'undo' | 'redo'): UndoOutcome {
  const logId = insertAction(core, {
    source: direction,
    detail: String(target.id),
    label: `${direction === 'undo' ? '撤销' : '重做'}：${target.label || target.source}`,
  });
  const sheetIds = new Set<number>();
  for (const change of changes) {
    applyChange(core, change, direction);
    logChange(core, logId, direction === 'undo' ? reversed(change) : change);
    if (change.sheetId !== null) sheetIds.add(change.sheetId);
  }
  core.prepare('UPDATE actions SET state = ? WHERE id = ?').run(direction === 'undo' ? 'undone' : 'done', target.id);
  return { actionId: target.id, label: target.label || target.source, sheetIds: [...sheetIds] };
}

/** The same change the other way round: what an undo of it logs. */
function reversed(change: StoredChange): StoredChange {
  return { ...change, before: change.after, after: change.before } as StoredChange;
}
