import type { ChangeEnvelope } from '../../../shared/contract/changes';
import type { PlanStore } from '../store/planStore';
import { asSeenByOthers, changesForOthers } from './changes';

/**
 * Live updates: what changed in the plan, for every window that has it open, whoever changed it
 * — a call through this process (published with the envelope its caller got), or another
 * program writing the same file (a second server, a colleague's copy, a command-line import),
 * noticed by polling SQLite's data_version, which moves only when another connection commits.
 * Each change is sent once, in the order of the change log; a window leaves out what its own
 * calls already told it (the actions name their window).
 */

/** How often another program's writes are looked for: a colleague's edit shows within this. */
const POLL_MS = 50;

export type PlanEventListener = (changes: ChangeEnvelope) => void;

export class PlanEvents {
  private readonly listeners = new Set<PlanEventListener>();
  private timer: NodeJS.Timeout | null = null;
  /** The newest action every listener has been told of. */
  private told = 0;
  private dataVersion = -1;

  /** `plan` is read at each use (a caller may hold the plan behind a getter). */
  constructor(private readonly plan: () => PlanStore) {}

  /** Hear every change from now on; polling runs while anyone listens. */
  listen(listener: PlanEventListener): () => void {
    if (this.listeners.size === 0) this.start();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** A call through this process changed the plan: its envelope goes to every window. */
  published(changes: ChangeEnvelope): void {
    if (this.listeners.size === 0) return;
    const ids = changes.actions.map((action) => action.id);
    const newest = Math.max(...ids, 0);
    // Actions already sent (the poll saw them first: an import's writer thread has its own connection).
    if (ids.length > 0 && newest <= this.told) return;
    const oldest = Math.min(...ids);
    // Another program's actions landed just before these: they go first.
    if (ids.length > 0 && oldest > this.told + 1) this.send(changesForOthers(this.plan(), this.told, oldest - 1));
    this.told = Math.max(this.told, newest);
    this.send(asSeenByOthers(changes));
  }

  /**
   * A call whose caller its answer told (a front end that does not publish its own window's
   * calls): its actions count as sent. Only when they follow the last ones sent — another
   * program's actions in between are still to be sent, and these with them.
   */
  heard(changes: ChangeEnvelope): void {
    const ids = changes.actions.map((action) => action.id);
    if (ids.length > 0 && Math.min(...ids) === this.told + 1) this.told = Math.max(...ids);
  }

  /**
   * The plan was opened again on a new connection (another computer let it go): every window
   * reads it afresh, and the new connection is the one looked at from now on.
   */
  reopened(): void {
    const store = this.plan();
    this.dataVersion = store.dataVersion();
    this.told = store.latestActionId();
    this.send({
      actions: [],
      sheets: [],
      sheetList: store.listSheets(),
      meta: store.getMeta(),
      checks: { changed: true, summary: null, results: null, following: false },
      undo: { undo: null, redo: null },
      reopened: true,
    });
  }

  /** Looks for actions another program committed since the last look; sends them. */
  poll(): void {
    const store = this.plan();
    const version = store.dataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    const latest = store.latestActionId();
    if (latest <= this.told) return;
    const from = this.told;
    this.told = latest;
    this.send(changesForOthers(store, from, latest));
  }

  close(): void {
    this.listeners.clear();
    this.stop();
  }

  private send(changes: ChangeEnvelope): void {
    for (const listener of this.listeners) listener(changes);
  }

  private start(): void {
    const store = this.plan();
    this.told = store.latestActionId();
    this.dataVersion = store.dataVersion();
    this.timer = setInterval(() => {
      try {
        this.poll();
      } catch {
        // The plan failed to read (closed, a disk fault): the next look tries again.
      }
    }, POLL_MS);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
