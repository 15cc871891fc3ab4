import type { StoredChange } from './changeLog';
import { insertAction, logChange, readChanges, type ActionRow } from './changeLog';
import { applyChange } from './changeAppliers';
import type { StoreCore } from './storeCore';
import type { UndoCandidate, UndoOutcome } from './storeTypes';

/**
 * Undo and redo. The change log is the undo history, so undo works after sorting, filtering,
 * closing and reopening. Undo reverses the newest action still in force; redo re-applies the
 * action undone most recently, as long as no new change came after it. Both are themselves
 * logged (source 'undo'/'redo', detail = the action's id) — the log only grows. Creating the
 * sample plan ('system') is not undoable.
 */

const NOT_UNDOABLE = "('undo', 'redo', 'system')";

function undoTarget(core: StoreCore): ActionRow | undefined {
  return core
    .prepare(`SELECT * FROM actions WHERE state = 'done' AND source NOT IN ${NOT_UNDOABLE} ORDER BY id DESC LIMIT 1`)
    .get() as ActionRow | undefined;
}

/**
 * The action to redo: of the actions undone since the newest real change was made, the one
 * undone last. A change made after an undo ends the redo chain, as in any editor — even when
 * that change is itself undone later, the older undone actions stay undone.
 */
function redoTarget(core: StoreCore): ActionRow | undefined {
  return core
    .prepare(
      `SELECT a.*, MAX(u.id) AS undone_by
         FROM actions a JOIN actions u ON u.source = 'undo' AND u.detail = CAST(a.id AS TEXT)
        WHERE a.state = 'undone' AND a.source NOT IN ${NOT_UNDOABLE}
        GROUP BY a.id
       HAVING undone_by > (SELECT COALESCE(MAX(id), 0) FROM actions WHERE source NOT IN ('undo', 'redo'))
        ORDER BY undone_by DESC LIMIT 1`,
    )
    .get() as ActionRow | undefined;
}

/** What Ctrl+Z and Ctrl+Y would do now, for menus and buttons. */
export function undoState(core: StoreCore): { undo: UndoCandidate | null; redo: UndoCandidate | null } {
  const describe = (action: ActionRow | undefined) =>
    action ? { actionId: action.id, label: action.label || action.source, at: action.at } : null;
  return { undo: describe(undoTarget(core)), redo: describe(redoTarget(core)) };
}

export function undo(core: StoreCore): UndoOutcome | null {
  return core.transaction(() => {
    const target = undoTarget(core);
    return target ? replay(core, target, 'undo') : null;
  });
}

export function redo(core: StoreCore): UndoOutcome | null {
  return core.transaction(() => {
    const target = redoTarget(core);
    return target ? replay(core, target, 'redo') : null;
  });
}

/**
 * Apply an action's changes backwards (undo, newest change first) or forwards again (redo),
 * and log that as a new action whose changes go from the state left to the state reached.
 */
function replay(core: StoreCore, target: ActionRow, direction: 'undo' | 'redo'): UndoOutcome {
  const changes = readChanges(core, target.id, direction === 'undo');
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
