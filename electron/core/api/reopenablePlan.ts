import { holdBeatMs, readLock } from '../store/planHolder';
import { PlanStore } from '../store/planStore';

/**
 * The plan a long-running front end (the browser edition, the desktop app) has open, opened again
 * when what may be done with it changes (store/planHolder.ts): a plan another computer held, once
 * that computer lets it go (from a private copy to the live plan, writable when it can be); a plan
 * this computer held but lost while asleep (from the live plan, which it may no longer touch, to
 * a private copy). Callers read `store` at each use, so they all move to the new one together.
 */
/**
 * Ask `reopen` at every beat of the plan's lock; when it opened the plan again, `reopened` tells
 * the windows. A look that fails (the share is away, the plan is busy) is tried at the next beat.
 * Returns the stop.
 */
export function watchReopening(reopen: () => boolean, reopened: () => void): () => void {
  const timer = setInterval(() => {
    try {
      if (reopen()) reopened();
    } catch {
      // Not yet: the next beat looks again.
    }
  }, holdBeatMs());
  timer.unref();
  return () => clearInterval(timer);
}

export class ReopenablePlan {
  constructor(private current: PlanStore) {}

  get store(): PlanStore {
    return this.current;
  }

  /** Open the plan again if what may be done with it changed: true when it was (windows then read it afresh). */
  reopenIfChanged(): boolean {
    const held = this.current;
    const lost = held.readOnly === 'lost';
    const freed = held.readOnly === 'elsewhere' && readLock(held.file).kind !== 'elsewhere';
    if (!lost && !freed) return false;
    const next = PlanStore.open(held.file);
    if (freed && next.readOnly === 'elsewhere') {
      next.close();
      return false;
    }
    this.current = next;
    try {
      held.close();
    } catch {
      // The old connection is out of use either way; its private copy is swept later (planSnapshot.ts).
    }
    return true;
  }

  close(): void {
    this.current.close();
  }
}
