import { PlanbenchError } from '../../../shared/contract/errors';
import type { StoreCore } from './storeCore';

/**
 * Reporting rounds (报送轮次) and the figures reported in each (schema: rounds, round_figures).
 * A round is a record of the supervision workflow, like a send-out batch: the figures themselves
 * come into the plan's cells through a logged, undoable merge, and a round's copy of them is read
 * only while that merge stands.
 */

export interface RoundRecord {
  id: number;
  sheetId: number;
  name: string;
  asOf: string;
  due: string;
  createdAt: string;
  batchId: string | null;
}

interface RoundRow {
  id: number;
  sheet_id: number;
  name: string;
  as_of: string;
  due: string;
  created_at: string;
  batch_id: string | null;
}

function toRecord(row: RoundRow): RoundRecord {
  return {
    id: row.id,
    sheetId: row.sheet_id,
    name: row.name,
    asOf: row.as_of,
    due: row.due,
    createdAt: row.created_at,
    batchId: row.batch_id,
  };
}

export function openRound(core: StoreCore, round: Omit<RoundRecord, 'id' | 'createdAt' | 'batchId'>): RoundRecord {
  const existing = core
    .prepare('SELECT id FROM rounds WHERE sheet_id = ? AND name = ?')
    .pluck()
    .get(round.sheetId, round.name);
  if (existing !== undefined) {
    throw PlanbenchError.of(
      'invalid_input',
      `该工作表已有报送轮次“${round.name}”`,
      `the sheet already has a reporting round "${round.name}"`,
    );
  }
  const id = Number(
    core
      .prepare('INSERT INTO rounds (sheet_id, name, as_of, due, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(round.sheetId, round.name, round.asOf, round.due, new Date().toISOString()).lastInsertRowid,
  );
  return getRound(core, id);
}

export function getRound(core: StoreCore, roundId: number): RoundRecord {
  const row = core.prepare('SELECT * FROM rounds WHERE id = ?').get(roundId) as RoundRow | undefined;
  if (!row)
    throw PlanbenchError.of('not_found', `没有编号为 ${roundId} 的报送轮次`, `there is no reporting round ${roundId}`);
  return toRecord(row);
}

/** A sheet's rounds (or every sheet's), earliest as-of date first. */
export function listRounds(core: StoreCore, sheetId?: number): RoundRecord[] {
  const rows = (
    sheetId === undefined
      ? core.prepare('SELECT * FROM rounds ORDER BY as_of, id').all()
      : core.prepare('SELECT * FROM rounds WHERE sheet_id = ? ORDER BY as_of, id').all(sheetId)
  ) as RoundRow[];
  return rows.map(toRecord);
}

export function setRoundBatch(core: StoreCore, roundId: number, batchId: string): void {
  core.prepare('UPDATE rounds SET batch_id = ? WHERE id = ?').run(batchId, roundId);
}

export function roundOfBatch(core: StoreCore, batchId: string): RoundRecord | null {
  const row = core.prepare('SELECT * FROM rounds WHERE batch_id = ?').get(batchId) as RoundRow | undefined;
  return row ? toRecord(row) : null;
}

export interface Figure {
  rowId: number;
  columnKey: string;
  text: string;
}

export function recordFigures(
  core: StoreCore,
  roundId: number,
  figures: readonly Figure[],
  actionId: number | null,
): void {
  const insert = core.prepare(
    'INSERT INTO round_figures (round_id, row_id, column_key, text, action_id) VALUES (?, ?, ?, ?, ?)',
  );
  core.transaction(() => {
    for (const figure of figures) insert.run(roundId, figure.rowId, figure.columnKey, figure.text, actionId);
  });
}

/** A round's figures by row and column key: the latest report of each cell whose merge stands. */
export function roundFigures(core: StoreCore, roundId: number): Map<number, Record<string, string>> {
  const rows = core
    .prepare(
      `SELECT f.row_id, f.column_key, f.text FROM round_figures f LEFT JOIN actions a ON a.id = f.action_id
        WHERE f.round_id = ? AND (f.action_id IS NULL OR a.state = 'done') ORDER BY f.id`,
    )
    .all(roundId) as { row_id: number; column_key: string; text: string }[];
  const figures = new Map<number, Record<string, string>>();
  for (const row of rows) {
    const cells = figures.get(row.row_id) ?? {};
    cells[row.column_key] = row.text;
    figures.set(row.row_id, cells);
  }
  return figures;
}

/** Each unit's notes in the plan's unit list (where its contact person and number are kept), by name. */
export function departmentContacts(core: StoreCore): Map<string, string> {
  const rows = core.prepare("SELECT name, notes FROM departments WHERE notes <> ''").all() as {
    name: string;
    notes: string;
  }[];
  return new Map(rows.map((row) => [row.name, row.notes]));
}

/** The functions above bound to one plan's connection (PlanStore.rounds). */
export function roundStore(core: StoreCore) {
  return {
    open: (round: Omit<RoundRecord, 'id' | 'createdAt' | 'batchId'>) => openRound(core, round),
    get: (roundId: number) => getRound(core, roundId),
    list: (sheetId?: number) => listRounds(core, sheetId),
    setBatch: (roundId: number, batchId: string) => setRoundBatch(core, roundId, batchId),
    ofBatch: (batchId: string) => roundOfBatch(core, batchId),
    record: (roundId: number, figures: readonly Figure[], actionId: number | null) =>
      recordFigures(core, roundId, figures, actionId),
    figures: (roundId: number) => roundFigures(core, roundId),
    contacts: () => departmentContacts(core),
  };
}
export type RoundStore = ReturnType<typeof roundStore>;
