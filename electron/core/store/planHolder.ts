import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
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
 * A holder proves it is alive by touching the lock every holdBeatMs(). Whether another
 * computer's lock is alive is judged by watching it change, on this computer's own clock — the
 * two computers' clocks may disagree — so a lock seen unchanged for holdStaleMs() (its holder
 * crashed, slept or lost the share) is taken over; one whose time is more than ABANDONED_MS old
 * even by a clock that is off is taken over at once. On the holding computer a lock whose process
 * is gone is taken over at once. Each holder's lock carries a random token, so a holder knows its
 * own lock (also after its computer was renamed) and knows when it lost it.
 */

/** Who holds a plan, as its lock file says. */
export interface PlanHolderInfo {
  host: string;
  user: string;
  pid: number;
  /** When the holder opened the plan (ISO 8601). */
  since: string;
}

interface LockContent extends PlanHolderInfo {
  token: string;
}

/** How often a holder touches its lock: 20 s (PLANBENCH_HOLD_BEAT_MS shortens it for tests). */
export function holdBeatMs(): number {
  const configured = Number(process.env.PLANBENCH_HOLD_BEAT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 20_000;
}

/** A lock seen unchanged this long is stale: a few missed beats. */
export function holdStaleMs(): number {
  return 6 * holdBeatMs();
}

/** A lock this old by this computer's clock is stale at once: no two clocks of an office are this far apart. */
const ABANDONED_MS = 15 * 60_000;

export function lockFileOf(plan: string): string {
  return `${plan}-lock`;
}

/** What a plan's lock says about writing it from here. */
export type LockState =
  /** No lock (`stale` null), or a stale one (`stale`: what it looked like, to move it aside safely). */
  | { kind: 'free'; stale: string | null }
  /** Held on this computer, by a live process (maybe this one): write beside it. */
  | { kind: 'here'; holder: PlanHolderInfo; token: string | null }
  /** Held by another computer, alive as far as can be seen: open read-only. */
  | { kind: 'elsewhere'; holder: PlanHolderInfo | null };

/** The tokens of the locks this process wrote. */
const ownTokens = new Set<string>();

/** Foreign locks this process has looked at: how each looked, and since when it has not changed. */
const watched = new Map<string, { look: string; since: number }>();

export function readLock(plan: string): LockState {
  const file = lockFileOf(plan);
  const seen = lookAt(file);
  if (!seen) return { kind: 'free', stale: null };
  const { content, look, modified } = seen;
  // This process's own lock is its own, also after the computer was renamed.
  if (content && (content.host === os.hostname() || ownTokens.has(content.token))) {
    if (processAlive(content.pid)) return { kind: 'here', holder: holderOf(content), token: content.token || null };
    return { kind: 'free', stale: look };
  }
  // Another computer's lock (or one that cannot be read: a colleague's, with other permissions).
  if (Date.now() - modified > ABANDONED_MS) return { kind: 'free', stale: look };
  const watching = watched.get(file);
  const now = performance.now();
  if (!watching || watching.look !== look) watched.set(file, { look, since: now });
  else if (now - watching.since > holdStaleMs()) return { kind: 'free', stale: look };
  return { kind: 'elsewhere', holder: content ? holderOf(content) : null };
}

function holderOf(content: LockContent): PlanHolderInfo {
  return { host: content.host, user: content.user, pid: content.pid, since: content.since };
}

/** The lock as it is now: its content, and a fingerprint that changes with every beat. */
function lookAt(file: string): { content: LockContent | null; look: string; modified: number } | null {
  for (let attempt = 0; ; attempt++) {
    let stat: fs.Stats;
    let text: string | null;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      text = null; // another user's, unreadable here
    }
    const content = text === null ? null : parseLock(text);
    // Read while its writer was still writing it: look again in a moment.
    if (text !== null && content === null && attempt < 3) {
      pause(30);
      continue;
    }
    return { content, look: `${stat.mtimeMs}:${stat.size}:${text ?? ''}`, modified: stat.mtimeMs };
  }
}

function parseLock(text: string): LockContent | null {
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.host !== 'string' || !Number.isInteger(parsed.pid) || (parsed.pid ?? 0) <= 0) return null;
    return {
      host: parsed.host,
      user: typeof parsed.user === 'string' ? parsed.user : '',
      pid: parsed.pid!,
      since: typeof parsed.since === 'string' ? parsed.since : '',
      token: typeof parsed.token === 'string' ? parsed.token : '',
    };
  } catch {
    return null;
  }
}

/** Whether a process of this computer is running (another user's counts). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The outcome of claiming a plan for writing from this computer. */
export type Claim =
  | { holder: PlanHolder }
  | { elsewhere: PlanHolderInfo | null }
  /** No lock could be written beside the plan (the share refused it): nobody can be kept out. */
  | { unlockable: string };

/**
 * This process's claim on a plan it opened for writing: the owner of the lock (it wrote it, with
 * its token), or a guest beside another live program of this computer that owns it. `lost()` says
 * when another computer took the plan over (this one slept past holdStaleMs()): from then on
 * nothing more is written.
 */
export class PlanHolder {
  private timer: NodeJS.Timeout | null = null;
  private lastBeat = Date.now();
  private lostTo: PlanHolderInfo | null | undefined = undefined;
  /**
   * The token of the lock this process writes under: its own when it wrote it, or that of the
   * program of this computer it writes beside. While the lock keeps it, nobody else took the plan.
   */
  private token: string | null = null;
  /** This process wrote the lock (and removes it when it closes the plan last). */
  private owner = false;

  private constructor(private readonly plan: string) {}

  static claim(plan: string): Claim {
    const holder = new PlanHolder(plan);
    const state = readLock(plan);
    if (state.kind === 'elsewhere') return { elsewhere: state.holder };
    if (state.kind === 'here') holder.token = state.token;
    else {
      const taken = holder.take(state.stale);
      if (taken !== 'taken') return taken;
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

  /** Touch the lock so other computers see this holder alive; notice when it was lost. */
  beat(): void {
    if (this.lostTo !== undefined) return;
    // Away longer than a lock stays fresh: another computer may have taken the plan, written and
    // closed it meanwhile, so a missing lock is no longer this one's to take back.
    const away = Date.now() - this.lastBeat > holdStaleMs();
    this.lastBeat = Date.now();
    const state = readLock(this.plan);
    // The lock it writes under, untouched by anyone: nobody took the plan meanwhile, however long it was away.
    if (state.kind === 'here' && this.token !== null && state.token === this.token) return this.touch();
    if (away || state.kind === 'elsewhere') {
      this.lostTo = state.kind === 'free' ? null : state.holder;
      return;
    }
    if (state.kind === 'here') {
      // Another live program of this computer holds it now: SQLite keeps the two apart here.
      this.token = state.token;
      this.owner = false;
      return this.touch();
    }
    const taken = this.take(state.stale);
    if (taken !== 'taken') this.lostTo = 'elsewhere' in taken ? taken.elsewhere : null;
  }

  private touch(): void {
    const now = new Date();
    try {
      fs.utimesSync(lockFileOf(this.plan), now, now);
    } catch {
      // The share went away for a moment: the next beat tries again.
    }
  }

  /**
   * Write this process's lock. A stale lock is first moved aside, and it must be the very lock
   * that was judged stale: a fresh one another program wrote meanwhile is put back and counts.
   * The new lock is created exclusively, then read back, so two computers never both hold it.
   */
  private take(stale: string | null): 'taken' | { elsewhere: PlanHolderInfo | null } | { unlockable: string } {
    const file = lockFileOf(this.plan);
    if (stale !== null) {
      const aside = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.stale`;
      let moved = false;
      try {
        fs.renameSync(file, aside);
        moved = true;
      } catch {
        // Gone already (its holder closed, or another program moved it first).
      }
      if (moved) {
        const was = lookAt(aside);
        if (was && was.look !== stale) {
          putBack(aside, file);
          const now = readLock(this.plan);
          return now.kind === 'elsewhere' ? { elsewhere: now.holder } : { elsewhere: null };
        }
        fs.rmSync(aside, { force: true });
      }
    }
    const token = crypto.randomBytes(16).toString('hex');
    const mine: LockContent = {
      host: os.hostname(),
      user: localAuthor(),
      pid: process.pid,
      since: new Date().toISOString(),
      token,
    };
    let failure = '';
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
        failure = '';
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') {
          // Someone wrote one between our look and our write: theirs counts.
          const now = readLock(this.plan);
          if (now.kind === 'elsewhere') return { elsewhere: now.holder };
          if (now.kind === 'here') {
            this.token = now.token; // a program of this computer: write beside it
            return 'taken';
          }
          failure = code;
        } else failure = `${code} ${(error as Error).message}`;
        // Windows keeps a just-deleted file "pending" for a moment: try again shortly.
        pause(50);
      }
    }
    if (failure) return { unlockable: failure };
    // Read back: a program that moved our lock aside by mistake puts it back; another's is theirs.
    for (let attempt = 0; attempt < 10; attempt++) {
      const now = readLock(this.plan);
      if (now.kind === 'here' && now.token === token) {
        this.token = token;
        this.owner = true;
        ownTokens.add(token);
        return 'taken';
      }
      if (now.kind === 'elsewhere') return { elsewhere: now.holder };
      if (now.kind === 'here') {
        this.token = now.token;
        return 'taken';
      }
      pause(50);
    }
    return { elsewhere: null };
  }

  /**
   * The plan is closed. The lock goes only when no other program on this computer still has the
   * plan open: SQLite removes the -wal when its last connection closes, so a -wal still there
   * means another program here holds the plan, and its beats keep the lock alive.
   */
  release(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      if (this.lostTo !== undefined || fs.existsSync(`${this.plan}-wal`)) return;
      const state = readLock(this.plan);
      // The lock it wrote, or one naming this process: nobody else here has the plan open.
      if (state.kind === 'here' && ((this.owner && state.token === this.token) || state.holder.pid === process.pid))
        fs.rmSync(lockFileOf(this.plan), { force: true });
    } catch {
      // A lock that cannot be removed is stale from its process's end: the next opener takes it.
    }
  }
}

/** A lock moved aside by mistake goes back, unless a new one is there already (then that one counts). */
function putBack(aside: string, file: string): void {
  try {
    fs.linkSync(aside, file);
    fs.rmSync(aside, { force: true });
  } catch {
    try {
      if (!fs.existsSync(file)) fs.renameSync(aside, file);
      else fs.rmSync(aside, { force: true });
    } catch {
      // Nothing more can be done: the other program's next beat writes its lock again.
    }
  }
}
