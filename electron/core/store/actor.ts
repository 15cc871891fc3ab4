import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';

/**
 * Who is acting on the plan: the person (as the log names them) and the window or program they
 * act through. Every action the log records carries both, so the history says who did what and
 * undo takes back your own last action, not a colleague's (undoRedo.ts).
 *
 * The dispatcher runs each call as its caller (actingAs); the actor follows the call through
 * every await (AsyncLocalStorage), so calls from two windows interleaving on one server never
 * lend each other their names. Writes outside any call (building the sample) are this process's.
 */
export interface Actor {
  /** The person, as people read it: the OS user, or a name the front end gives. */
  author: string;
  /** The window or program: one id per browser tab, the desktop window, a command-line run. */
  client: string;
}

const acting = new AsyncLocalStorage<Actor>();

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // Some containers have no passwd entry for the user.
    return process.env.USER ?? process.env.USERNAME ?? '';
  }
}

/** This process as an actor: the OS user, and the process as the program. */
export function processActor(program: string): Actor {
  return { author: osUser(), client: `${program}:${os.hostname()}:${process.pid}` };
}

const PROCESS_ACTOR = processActor('process');

/**
 * The desktop app's window: the same id at every start on this computer, so Ctrl+Z after
 * reopening the plan still takes back the last edit made in it.
 */
export function desktopActor(): Actor {
  return { author: osUser(), client: `desktop:${os.hostname()}` };
}

/** Run `work` as `actor`: every action it logs, now or after an await, is theirs. */
export function actingAs<T>(actor: Actor, work: () => T): T {
  return acting.run(actor, work);
}

/** The actor of the call being run (or this process, outside any call). */
export function currentActor(): Actor {
  return acting.getStore() ?? PROCESS_ACTOR;
}

/** The OS user this process runs as: the author of what its own windows do. */
export function localAuthor(): string {
  return PROCESS_ACTOR.author;
}
