/**
 * The baseline: plain better-sqlite3 on a bare schema equivalent to the store's rows and cells
 * tables (same column types, STRICT, WITHOUT ROWID, same index), with the store's pragmas. No
 * parsing, no change log, no department links, no foreign keys: what the statements alone cost.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { GeneratedSheet } from './data';
import { PROJECT_COLUMNS } from './data';

export const RAW_SHEET_ID = 1;

/** Column ids of the bare schema: 1..n in PROJECT_COLUMNS order. */
export const RAW_COLUMN_IDS: ReadonlyMap<string, number> = new Map(
  PROJECT_COLUMNS.map((column, index) => [column.key, index + 1]),
);

export function rawColumnId(key: string): number {
  const id = RAW_COLUMN_IDS.get(key);
  if (id === undefined) throw new Error(`no raw column ${key}`);
  return id;
}

export type Synchronous = 'FULL' | 'NORMAL';

export function openRaw(file: string, synchronous: Synchronous): SqliteDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  return db;
}

export function createRawSchema(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE rows (
      id        INTEGER PRIMARY KEY,
      sheet_id  INTEGER NOT NULL,
      position  REAL NOT NULL,
      parent_id INTEGER
    ) STRICT;
    CREATE INDEX rows_by_sheet ON rows (sheet_id, position, id);
    CREATE TABLE cells (
      row_id    INTEGER NOT NULL,
      column_id INTEGER NOT NULL,
      text      TEXT NOT NULL,
      num       ANY,
      PRIMARY KEY (row_id, column_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX cells_by_column ON cells (column_id, num);
    CREATE TABLE audit (
      id        INTEGER PRIMARY KEY,
      at        TEXT NOT NULL,
      row_id    INTEGER NOT NULL,
      column_id INTEGER NOT NULL,
      before    TEXT,
      after     TEXT
    ) STRICT;
  `);
}

/** Pre-computed cell values (text, num) per row, so the timed load runs statements only. */
export type RawRow = ReadonlyArray<readonly [columnId: number, text: string, num: bigint | number | null]>;

export function toRawRows(sheet: GeneratedSheet): RawRow[] {
  return sheet.rows.map((row) =>
    Object.entries(row.cells)
      .filter(([, text]) => text !== '')
      .map(([key, text]) => {
        const num = key === 'investment' ? row.investmentFen : key === 'seq' ? Number(text) : null;
        return [rawColumnId(key), text, num] as const;
      }),
  );
}

/** Insert every row and cell in one transaction; returns the row ids in order. */
export function rawBulkLoad(db: SqliteDatabase, rows: readonly RawRow[]): number[] {
  const insertRow = db.prepare('INSERT INTO rows (sheet_id, position, parent_id) VALUES (?, ?, NULL)');
  const insertCell = db.prepare('INSERT INTO cells (row_id, column_id, text, num) VALUES (?, ?, ?, ?)');
  const ids: number[] = [];
  db.transaction(() => {
    rows.forEach((cells, index) => {
      const rowId = Number(insertRow.run(RAW_SHEET_ID, index + 1).lastInsertRowid);
      ids.push(rowId);
      for (const [columnId, text, num] of cells) insertCell.run(rowId, columnId, text, num);
    });
  })();
  return ids;
}

/** The first screen's cells: the same window query shape the store uses. */
export function rawWindowStatement(db: SqliteDatabase): Statement {
  return db
    .prepare(
      `SELECT c.row_id, c.column_id, c.text, c.num
         FROM (SELECT id FROM rows WHERE sheet_id = ? ORDER BY position, id LIMIT ? OFFSET ?) w
         JOIN cells c ON c.row_id = w.id`,
    )
    .safeIntegers(true);
}

/** SUM/COUNT of one money column, the query shape the store's totals use (column index). */
export function rawTotalStatement(db: SqliteDatabase): Statement {
  return db.prepare('SELECT SUM(num) AS sum, COUNT(num) AS known FROM cells WHERE column_id = ?').safeIntegers(true);
}

/** One edit = one UPDATE of a cell + one audit INSERT, in its own transaction, prepared. */
export function rawEditor(
  db: SqliteDatabase,
): (rowId: number, columnId: number, text: string, fen: bigint | null) => void {
  const update = db.prepare('UPDATE cells SET text = ?, num = ? WHERE row_id = ? AND column_id = ?');
  const audit = db.prepare('INSERT INTO audit (at, row_id, column_id, before, after) VALUES (?, ?, ?, NULL, ?)');
  const edit = db.transaction((rowId: number, columnId: number, text: string, fen: bigint | null) => {
    update.run(text, fen, rowId, columnId);
    audit.run(new Date().toISOString(), rowId, columnId, text);
  });
  return (rowId, columnId, text, fen) => {
    edit(rowId, columnId, text, fen);
  };
}
