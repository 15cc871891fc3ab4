import type { LoggedAction } from '../../../shared/model/changes';
import type { PlanStore } from '../store/planStore';

/**
 * What changed in a plan since a given action, read from its change log. Every write that
 * changes rows or cells is an action with its changes (typed edits, pastes, imports, row inserts
 * and deletes, column changes, and undo/redo, which log the changes they replay), so the log is
 * enough to keep a snapshot of the plan in step without re-reading it.
 *
 * Reading the newest action also reads its changes (PlanStore.history has no cheaper form), so
 * a check run right after a 100,000-row import re-reads that import's log once per run until the
 * next edit; a `latestActionId()` on the store would make the "nothing new" case free.
 */
export interface ChangeFeed {
  /** The newest action's id (0 for a plan without actions). */
  latestActionId(): number;
  /**
   * Actions newer than `afterId`, oldest first; null when there are more than `max` of them
   * (re-reading the plan is then cheaper than replaying the log).
   */
  since(afterId: number, max: number): LoggedAction[] | null;
}

const PAGE = 200;

export function changeFeed(store: PlanStore): ChangeFeed {
  return {
    latestActionId: () => store.latestActionId(),
    since(afterId, max) {
      const newestId = store.latestActionId();
      if (newestId <= afterId) return [];
      // Action ids only grow, so the ones in between number at most newest − afterId.
      if (newestId - afterId > max) return null;
      const newer: LoggedAction[] = [];
      let before = newestId + 1;
      while (before - 1 > afterId) {
        const page = store.history(Math.min(PAGE, before - 1 - afterId), before);
        if (page.length === 0) break;
        for (const action of page) if (action.id > afterId) newer.push(action);
        before = page[page.length - 1]!.id;
      }
      return newer.reverse();
    },
  };
}
