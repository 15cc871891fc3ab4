import fs from 'node:fs';
import os from 'node:os';
import { localAuthor } from './actor';

/**
 * Which computer has a plan open for writing: a small file beside the plan (`<plan>-lock`),
 * like the owner file Office leaves beside an open workbook.
 *
 * Why: SQLite's WAL keeps writers on one computer apart through a shared-memory index (the -shm
 * file) that each computer maps on its own. Two computers opening one plan on a shared folder do
 * not see each other's index, and their writes can corrupt the plan. So the first computer to
 * open a plan for writing holds it; another computer opens it read-only and says who holds it.
 * Programs on the holding computer (a second window, the command line) write as before: SQLite
 * keeps them apart there.
 *
 * A holder proves it is alive by touching the file's time every holdBeatMs(). A lock whose time
 * is older than holdStaleMs() (the holder crashed, its computer went to sleep or lost the share)
 * is taken over; on the holding computer a lock whose process is gone is taken over at once.
 */

/** Who holds a plan, as its lock file says. */
export interface PlanHolderInfo {
  host: string;
  user: string;
  pid: number;
  /** When the holder opened the plan (ISO 8601). */
  since: string;
}

/** How often a holder touches its lock: 20 s (PLANBENCH_HOLD_BEAT_MS shortens it for tests). */
export function holdBeatMs(): number {
  const configured = Number(process.env.PLANBENCH_HOLD_BEAT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 20_000;
}

/** A lock untouched this long is stale: a few missed beats and a little clock skew between computers. */
export function holdStaleMs(): number {
  return 6 * holdBeatMs();
}

export function lockFileOf(plan: string): string {
  return `${plan}-lock`;
}

/** What a plan's lock says about writing it from here. */
export type LockState =
  /** No lock, or a stale one: this process may take it. */
  | { kind: 'free' }
  /** Held on this computer, by a live process (maybe this one): write beside it. */
  | { kind: 'here'; holder: PlanHolderInfo }
  /** Held by another computer, recently alive: open read-only. */
  | { kind: 'elsewhere'; holder: PlanHolderInfo | null };

export function readLock(plan: string, now = Date.now()): LockState {
  const file = lockFileOf(plan);
  let modified: number;
  try {
    modified = fs.statSync(file).mtimeMs;
  } catch {
    return { kind: 'free' };
  }
  const holder = parseHolder(file);
  if (holder && holder.host === os.hostname())
    return processAlive(holder.pid) ? { kind: 'here', holder } : { kind: 'free' };
  // Another computer's lock (or one that cannot be read: a colleague's, with other permissions).
  // Its time is that computer's clock; a time ahead of ours counts as fresh.
  if (now - modified > holdStaleMs()) return { kind: 'free' };
  return { kind: 'elsewhere', holder };
}

function parseHolder(file: string): PlanHolderInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PlanHolderInfo>;
    if (typeof parsed.host !== 'string' || typeof parsed.pid !== 'number') return null;
    return {
      host: parsed.host,
      user: typeof parsed.user === 'string' ? parsed.user : '',
      pid: parsed.pid,
      since: typeof parsed.since === 'string' ? parsed.since : '',
    };
  } catch {
    return null;
  }
}

/** Whether a process of this computer is running (another user's counts). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * This process's claim on a plan it opened for writing. `lost` turns true when another computer
 * took the plan over (this one slept past holdStaleMs()): from then on nothing more is written.
 */
export class PlanHolder {
  private timer: NodeJS.Timeout | null = null;
  private lastBeat = Date.now();
  private lostTo: PlanHolderInfo | null | undefined = undefined;

  private constructor(private readonly plan: string) {}

  /**
   * Claim `plan` for writing from this computer, or say which computer holds it. A folder where
   * no lock can be written (a read-only share) gives no claim: the plan opens read-only there anyway.
   */
  static claim(plan: string): { holder: PlanHolder } | { elsewhere: PlanHolderInfo | null } {
    const state = readLock(plan);
    if (state.kind === 'elsewhere') return { elsewhere: state.holder };
    const holder = new PlanHolder(plan);
    if (state.kind === 'free') {
      const taken = holder.take();
      if (taken.kind === 'elsewhere') return { elsewhere: taken.holder };
    }
    holder.timer = setInterval(() => holder.beat(), holdBeatMs());
    holder.timer.unref();
    return { holder };
  }

  /** Another computer holds the plan now (this one lost it while asleep), or undefined. */
  lost(): PlanHolderInfo | null | undefined {
    // A beat long overdue (the computer slept, the event loop was blocked): look now, before a write.
    if (this.lostTo === undefined && Date.now() - this.lastBeat > 2 * holdBeatMs()) this.beat();
    return this.lostTo;
  }

  /** Touch the lock so other computers see this holder alive; take it again if it went missing. */
  beat(): void {
    if (this.lostTo !== undefined) return;
    this.lastBeat = Date.now();
    const state = readLock(this.plan);
    if (state.kind === 'elsewhere') {
      this.lostTo = state.holder;
      return;
    }
    if (state.kind === 'free') {
      const taken = this.take();
      if (taken.kind === 'elsewhere') this.lostTo = taken.holder;
      return;
    }
    const now = new Date();
    try {
      fs.utimesSync(lockFileOf(this.plan), now, now);
    } catch {
      // The share went away for a moment: the next beat tries again.
    }
  }

  /**
   * Write this process's lock. A stale lock is first renamed aside — only one of two programs
   * taking it over at once can rename it — then the new one is created exclusively, so two
   * computers never both believe they hold the plan.
   */
  private take(): LockState {
    const file = lockFileOf(this.plan);
    const aside = `${file}.${process.pid}.${Date.now()}.stale`;
    try {
      fs.renameSync(file, aside);
      fs.rmSync(aside, { force: true });
    } catch {
      // No lock to move aside (or another program moved it first).
    }
    const mine: PlanHolderInfo = {
      host: os.hostname(),
      user: localAuthor(),
      pid: process.pid,
      since: new Date().toISOString(),
    };
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      return { kind: 'here', holder: mine };
    } catch (error) {
      // Someone created it between our look and our write: theirs counts.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readLock(this.plan);
      // A folder we cannot write a lock into: nobody else can either, and SQLite cannot write there.
      return { kind: 'here', holder: mine };
    }
  }

  /**
   * The plan is closed. The lock goes only when no other program on this computer still has the
   * plan open: SQLite removes the -wal when its last connection closes, so a -wal still there
   * means another program here holds the plan, and its beats keep the lock alive.
   */
  release(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.lostTo !== undefined || fs.existsSync(`${this.plan}-wal`)) return;
    const state = readLock(this.plan);
    if (state.kind === 'here' && state.holder.host === os.hostname()) fs.rmSync(lockFileOf(this.plan), { force: true });
  }
}
