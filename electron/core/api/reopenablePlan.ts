import { readLock } from '../store/planHolder';
import { PlanStore } from '../store/planStore';

/**
 * The plan a long-running front end (the browser edition, the desktop app) has open. One that
 * opened read-only because another computer held it (store/planHolder.ts) is opened again for
 * writing once that computer lets it go, so the user need not close and reopen it; callers read
 * `store` at each use, so they all move to the new connection together.
 */
export class ReopenablePlan {
  constructor(private current: PlanStore) {}

  get store(): PlanStore {
    return this.current;
  }

  /** Open the plan again when another computer held it and no longer does: true when it may now be written. */
  reopenIfFreed(): boolean {
    const held = this.current;
    if (held.readOnly !== 'elsewhere' || readLock(held.file).kind === 'elsewhere') return false;
    const next = PlanStore.open(held.file);
    if (next.readOnly !== null) {
      next.close();
      return false;
    }
    this.current = next;
    held.close();
    return true;
  }

  close(): void {
    this.current.close();
  }
}
