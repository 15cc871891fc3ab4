import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { PlanFileFacts } from './planFile';
import { assertNotNewer, inspectPlanFile, notAPlan } from './planFile';
import { openSnapshot } from './planSnapshot';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, PLAN_APPLICATION_ID } from './schema';
import type { ReadOnlyReason } from './storeErrors';
import { mapStoreError, readOnlyError } from './storeErrors';

// A read-only plan is opened through an SQLite URI (file:…?immutable=1), which better-sqlite3
// reads only when SQLITE_USE_URI is set as its native part loads — that is, before the first
// database of the process opens, which is always a plan opened through this module. Names that
// do not start with "file:" (every plan path here is absolute) are read as before.
process.env.SQLITE_USE_URI = '1';

/**
 * How long a connection waits, blocking its thread, for another program's write to end before
 * SQLite says the plan is busy. Short, because the thread is the app's or the server's only one:
 * a longer wait is the dispatcher's, asynchronous and bounded (writeWait.ts), so the app stays
 * responsive while a colleague's import holds the plan.
 */
export const BUSY_WAIT_MS = 200;

/** How long a call that writes waits for the plan before it is refused as busy, by front end. */
export const WRITE_WAIT_MS = {
  /** A window: long enough for a colleague's large import; the busy message follows. */
  app: 60_000,
  /** The command line waits as a batch job does: a second import runs after the first. */
  cli: 30 * 60_000,
} as const;

/** Who may write a plan from here (planHolder.ts, through PlanStore.open). */
export interface PlanAccess {
  /** Claim a writable plan for this computer: null when claimed, else why it opens read-only. */
  claim(): 'elsewhere' | 'lock' | null;
  /** Whether another computer writes a plan this user can only read. */
  heldElsewhere(): boolean;
}

export interface OpenedPlan {
  db: SqliteDatabase;
  /** Why the plan is open read-only, or null when it is open for writing. */
  readOnly: ReadOnlyReason | null;
  /** What to remove when the plan closes (the private copy of a plan another computer holds). */
  dispose?: () => void;
}

/**
 * Open an existing plan: looked at from outside first (planFile.ts), so a file that is not a
 * plan, is damaged or comes from a newer version is refused before SQLite touches it; then
 * opened for writing (and migrated when older), or — when the file or its folder cannot be
 * written, or another computer holds it — read-only, writing nothing at all: no migration, no
 * pragma that writes, no -wal or -shm beside the file. Any failure of the file itself comes out as a PlanbenchError.
 */
export function openPlanDatabase(
  file: string,
  /** Which computer may write it (planHolder.ts), asked once the file is known to be a plan. */
  access: PlanAccess = { claim: () => null, heldElsewhere: () => false },
): OpenedPlan {
  const facts = inspectPlanFile(file);
  if (!facts.readOnly) facts.readOnly = access.claim();
  // A plan this user can only read, while another computer writes it: read from a private copy too.
  else if (access.heldElsewhere()) facts.readOnly = 'elsewhere';
  // The header said what it could; with changes still in a -wal, SQLite says it for sure —
  // through a connection that cannot write, so a file refused here is not checkpointed either.
  if (facts.readOnly === 'elsewhere' || facts.readOnly === 'lock') return openHeldElsewhere(file, facts.readOnly);
  if (facts.walPending) checkWithWal(file, facts);
  const db = facts.readOnly ? connectReadOnly(file, facts) : connect(file);
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get(); // a header over garbage fails here, not later
    const version = db.pragma('user_version', { simple: true }) as number;
    if (facts.readOnly && version < CURRENT_SCHEMA_VERSION) throw needsWritableCopy(file, facts.readOnly);
    if (!facts.readOnly) migrate(db, file);
    return { db, readOnly: facts.readOnly };
  } catch (error) {
    db.close();
    throw mapStoreError(error, file) ?? error;
  }
}

/**
 * A plan another computer is writing (or may be: no lock could be written to say this one holds
 * it): read from a private copy, never through the plan's -shm (planSnapshot.ts).
 */
function openHeldElsewhere(file: string, reason: 'elsewhere' | 'lock'): OpenedPlan {
  const snapshot = openSnapshot(file);
  try {
    const db = snapshot.db;
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    if ((db.pragma('application_id', { simple: true }) as number) !== PLAN_APPLICATION_ID) throw notAPlan(file);
    const version = db.pragma('user_version', { simple: true }) as number;
    assertNotNewer(file, version);
    if (version < CURRENT_SCHEMA_VERSION) throw needsUpgradeWhileHeld(file);
    return { db, readOnly: reason, dispose: snapshot.dispose };
  } catch (error) {
    snapshot.dispose();
    throw mapStoreError(error, file) ?? error;
  }
}

function checkWithWal(file: string, facts: PlanFileFacts): void {
  const probe = connectReadOnly(file, facts);
  try {
    if ((probe.pragma('application_id', { simple: true }) as number) !== PLAN_APPLICATION_ID) throw notAPlan(file);
    assertNotNewer(file, probe.pragma('user_version', { simple: true }) as number);
  } catch (error) {
    throw mapStoreError(error, file) ?? error;
  } finally {
    probe.close();
  }
}

/** A connection that may write: WAL, durable commits. Creates the file when it does not exist. */
export function connect(file: string): SqliteDatabase {
  const db = attempt(file, () => new Database(file));
  try {
    // WAL keeps readers and the writer apart; synchronous=FULL makes every commit durable
    // before the call returns, so an edit the UI shows as saved survives a power cut.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
    return db;
  } catch (error) {
    db.close();
    throw mapStoreError(error, file) ?? error;
  }
}

/**
 * A read-only connection beside a writer of the same plan in this process (its -wal and -shm are
 * there): it takes part in the writer's locking and sees every commit, and never writes.
 */
export function connectReader(file: string): SqliteDatabase {
  const db = attempt(file, () => new Database(file, { readonly: true, fileMustExist: true }));
  db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
  return db;
}

/**
 * A connection that cannot write. With no -wal beside it (no program has the plan open, nothing
 * waits to be folded in) the plan is opened immutable: SQLite then reads the one file and creates
 * nothing beside it — a plain read-only connection to a WAL plan would leave -wal and -shm files
 * in a writable folder, and cannot open at all in a read-only one. With a -wal there, it reads
 * the -wal too and takes part in the locking of whoever is writing.
 */
function connectReadOnly(file: string, facts: PlanFileFacts): SqliteDatabase {
  if (facts.walPresent) {
    const db = attempt(file, () => new Database(file, { readonly: true, fileMustExist: true }));
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get(); // SQLite opens the -wal and -shm here
      db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
      return db;
    } catch (error) {
      db.close();
      if (facts.walPending) throw mapStoreError(error, file) ?? error;
      // An empty -wal left behind, without the -shm SQLite would need and cannot create here:
      // nothing waits in it, so the file alone is the whole plan.
    }
  }
  const db = attempt(
    file,
    () => new Database(`${pathToFileURL(file).href}?immutable=1`, { readonly: true, fileMustExist: true }),
  );
  db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
  return db;
}

function attempt(file: string, open: () => SqliteDatabase): SqliteDatabase {
  try {
    return open();
  } catch (error) {
    const mapped = mapStoreError(error, file);
    if (mapped && mapped.body.code !== 'io_error') throw mapped;
    const message = (error as Error).message;
    throw PlanbenchError.of('io_error', `无法打开文件：${message}`, `cannot open the file: ${message}`, { file });
  }
}

function needsUpgradeWhileHeld(file: string): PlanbenchError {
  return PlanbenchError.of(
    'read_only',
    '此规划文件由旧版本的规划工作台保存，需要升级后才能打开；但另一台电脑正在使用它，升级须等对方关闭规划后进行（各台电脑请使用同一版本）。文件未作任何改动',
    'this plan was saved by an older Planbench and must be upgraded to open, but another computer is using it: it can be upgraded once they close it (every computer should run the same version). The file was not changed',
    { file },
  );
}

function needsWritableCopy(file: string, reason: ReadOnlyReason): PlanbenchError {
  const readOnly = readOnlyError(file, reason).body;
  return PlanbenchError.of(
    'read_only',
    `此规划文件由旧版本的规划工作台创建，打开前需要升级，但它只能以只读方式打开：请把它复制到可写的文件夹再打开（${readOnly.messageZh}）`,
    `this plan was written by an older Planbench and must be upgraded to open, but it can only be opened read-only: copy it to a writable folder and open the copy (${readOnly.messageEn})`,
    { file },
  );
}

/** Bring a plan up to the current schema, all migrations in one transaction. */
export function migrate(db: SqliteDatabase, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  const run = db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  try {
    run.immediate();
  } catch (error) {
    const mapped = mapStoreError(error, file);
    if (mapped && mapped.body.code !== 'io_error') throw mapped;
    throw PlanbenchError.of(
      'io_error',
      `升级规划文件失败，文件未改动：${(error as Error).message}`,
      `upgrading the plan failed; the file was not changed: ${(error as Error).message}`,
      { file },
    );
  }
}
