import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ActionOrigin } from './storeTypes';

/**
 * What every part of the store shares: the connection, the cache of prepared statements, the
 * action that changes join while PlanStore.inAction runs, and the unit index. The parts
 * (sheets.ts, rows.ts, cells.ts, changeLog.ts, …) are functions of this core, so they share one
 * statement cache and one transaction, exactly as the methods of one class did.
 */
export class StoreCore {
  readonly db: SqliteDatabase;
  private readonly statements = new Map<string, Statement>();
  /** The action that changes join while inAction() runs. */
  openAction: { origin: ActionOrigin; id: number | null } | null = null;
  /** Units by canonical name, short name and alias; null until first needed or after a change. */
  departmentIndex: Map<string, { id: number; name: string }> | null = null;

  constructor(db: SqliteDatabase) {
    this.db = db;
  }

  /** A prepared statement, prepared once per connection. */
  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Run `work` in one transaction (nested calls join the outer one). It begins IMMEDIATE: the
   * plan's write lock is taken at BEGIN, where SQLite's busy wait applies, so a writer finding
   * another program writing waits for it. A deferred transaction that reads first and then
   * writes would instead fail at once with SQLITE_BUSY, the wait never applying (WAL cannot
   * let a reader whose snapshot is stale become the writer).
   */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /**
   * Run `work` inside one read transaction (deferred: it takes no lock), so every statement in
   * it sees the plan as of one commit, even while another connection commits.
   */
  reading<T>(work: () => T): T {
    return this.db.transaction(work).deferred();
  }
}

export function notFound(whatZh: string, whatEn: string, id: number | string): PlanbenchError {
  return PlanbenchError.of('not_found', `找不到${whatZh}（${id}）`, `no such ${whatEn} (${id})`);
}

export function throwNotFound(whatZh: string, whatEn: string, id: number | string): never {
  throw notFound(whatZh, whatEn, id);
}
