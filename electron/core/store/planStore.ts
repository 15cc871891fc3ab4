import fs from 'node:fs';
import path from 'node:path';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { ErrorWhere } from '../../../shared/contract/errors';
import { PlanbenchError } from '../../../shared/contract/errors';
import type {
  ActionRecord,
  CategoryTotal,
  ColumnTotal,
  DeclaredCheck,
  Department,
  PlanMeta,
  RowData,
  SheetDetail,
  SheetInfo,
} from '../../../shared/contract/contract';
import { PlanMeta as PlanMetaSchema } from '../../../shared/contract/calls/core';
import type { CellValue, StoredCell } from '../../../shared/values/cells';
import { parseCellInput, toCellValue } from '../../../shared/values/cells';
import type { ColumnDef, ColumnRole, ColumnSettings, ColumnType, SheetKind } from '../../../shared/model/columns';
import { ColumnSettings as ColumnSettingsSchema, isDepartmentType, isSummable } from '../../../shared/model/columns';
import { sumDecimals } from '../../../shared/values/exactDecimal';
import { connect, migrate, openPlanDatabase } from './connection';
import { PLAN_APPLICATION_ID } from './schema';
import type { ReadOnlyReason } from './storeErrors';
import { mapStoreError } from './storeErrors';
import type { MoneySumRow } from './moneySums';
import { moneySum, moneySumColumns } from './moneySums';

/** Where a change came from, as the change log records it. */
export type ActionSource = 'user' | 'paste' | 'fill' | 'import' | 'merge' | 'system' | 'undo' | 'redo';

export interface ActionOrigin {
  source: ActionSource;
  /** e.g. the imported file's name, or the department a return came from. */
  detail?: string;
  label?: string;
}

export interface ColumnInit {
  key: string;
  name: string;
  type: ColumnType;
  role?: ColumnRole | null;
  width?: number | null;
  hidden?: boolean;
  settings?: ColumnSettings;
}

export interface SheetInit {
  name: string;
  kind: SheetKind;
  description?: string;
  columns: ColumnInit[];
}

export interface RowInit {
  /** Cell texts by column key; parsed by the column's type like typed input. */
  cells: Record<string, string>;
  /** Index (in this batch) of the row this one sits under, e.g. a sub-indicator's indicator. */
  parentIndex?: number;
}

/**
 * Rows of cells their caller has already read the way parseCellInput reads typed text (an
 * import's preview does): the texts to keep and, for money, number, percent and year columns,
 * their numbers (bigint 分 for money); unit links are still resolved here, from the text. Flat:
 * row r's cell for column c is at r × width + c, where the width is the number of column keys
 * given alongside — flat arrays cost no object per cell and cross to a worker thread cheaply.
 */
export interface ParsedRowBatch {
  /** Cell texts; '' leaves the cell empty. */
  texts: readonly string[];
  /** The cells' numbers, aligned with texts (bigint 分 for money; null when none). */
  nums: readonly (bigint | number | null)[];
  /** Per row: the index (in this batch) of the earlier row it sits under, or null. */
  parentIndexes?: readonly (number | null)[];
  /** Per row: the id of a row already in the sheet it sits under (e.g. from an earlier batch of the same import), or null. */
  parentRowIds?: readonly (number | null)[];
}

/** One cell to set from text. */
export interface CellEdit {
  rowId: number;
  columnKey: string;
  text: string;
}

/** A cell a batch could not read, with where it is and why (Chinese and English). */
export interface RejectedCell {
  rowId: number;
  /** 1-based row number as the user counts rows in the sheet. */
  row: number;
  columnKey: string;
  column: string;
  text: string;
  reasonZh: string;
  reasonEn: string;
}

export interface CellUpdateResult {
  /** The logged action, or null when nothing changed. */
  actionId: number | null;
  applied: { rowId: number; columnKey: string; cell: CellValue }[];
  rejected: RejectedCell[];
}

interface ActionRow {
  id: number;
  at: string;
  source: string;
  detail: string;
  label: string;
  state: 'done' | 'undone';
}

interface ChangeRow {
  id: number;
  action_id: number;
  sheet_id: number | null;
  row_id: number | null;
  column_id: number | null;
  column_key: string | null;
  kind: string;
  before: string | null;
  after: string | null;
}

export interface UndoCandidate {
  actionId: number;
  label: string;
  at: string;
}

export interface UndoOutcome {
  /** The action undone or redone. */
  actionId: number;
  label: string;
  /** Sheets whose rows changed, for the UI to refresh. */
  sheetIds: number[];
}

export interface ColumnLayout {
  key: string;
  width?: number | null;
  hidden?: boolean;
  position?: number;
}

/** Where new rows go. */
export type RowPlace =
  | { at: 'end'; parentId?: number | null }
  | { at: 'before' | 'after'; rowId: number; parentId?: number | null };

/** A sheet as the change log keeps it: its place, its columns with their ids. */
interface SavedSheet {
  id: number | null;
  name: string;
  kind: SheetKind;
  position: number;
  description: string;
  columns: (Omit<ColumnDef, 'id'> & { id: number | null })[];
}

/** A row as the change log keeps it, to restore it on undo or redo. */
interface SavedRow {
  parentId: number | null;
  position: number;
  cells: Record<string, string>;
}

/**
 * Many rows as the change log keeps them, in one change (kind 'rowsInsert'): rows with the
 * consecutive ids first, first + 1, …, each as [parentId, position, …texts by `columns`] with
 * null for an empty cell. One record per chunk of an import instead of one JSON object per row
 * keeps a 100,000-row import's log compact, and still lets undo delete exactly those rows and
 * redo restore them with their ids, places and texts.
 */
interface SavedRowBlock {
  columns: string[];
  first: number;
  rows: (string | number | null)[][];
}

/** Rows on their way into the table: each one's id and place, and their cells, flat. */
interface BulkRows {
  places: { id: number; parentId: number | null; position: number }[];
  /** Row r's cell in column c is at r × (number of columns) + c; a null text leaves it empty. */
  texts: (string | null)[];
  nums: (bigint | number | null)[];
  /** Canonical unit names of department cells (null elsewhere). */
  departments: (string[] | null)[];
}

export interface DepartmentInit {
  name: string;
  shortName?: string;
  kind?: string;
  notes?: string;
  aliases?: string[];
}

export interface DeclaredCheckInit {
  sheetId: number | null;
  kind: string;
  label: string;
  spec: Record<string, unknown>;
  source?: string;
}

const DEFAULT_META: PlanMeta = {
  title: '未命名规划',
  issuer: '',
  docNumber: '',
  periodStart: null,
  periodEnd: null,
  baseYear: null,
  milestoneYears: [],
  moneyUnit: '万元',
};

interface ColumnRow {
  id: number;
  sheet_id: number;
  key: string;
  name: string;
  type: string;
  role: string | null;
  position: number;
  width: number | null;
  hidden: number;
  settings: string;
}

/**
 * One plan file. Every write is one transaction that also records its action in the change log,
 * so what a caller was told is saved is in the file, with its history, at once.
 */
export class PlanStore {
  readonly file: string;
  private readonly db: SqliteDatabase;
  private departmentIndex: Map<string, { id: number; name: string }> | null = null;
  private readonly statements = new Map<string, Statement>();
  /** The action that changes join while inAction() runs. */
  private openAction: { origin: ActionOrigin; id: number | null } | null = null;

  /** Why the plan is open read-only (nothing can be written), or null when it is writable. */
  readonly readOnly: ReadOnlyReason | null;

  private constructor(file: string, db: SqliteDatabase, readOnly: ReadOnlyReason | null = null) {
    this.file = file;
    this.db = db;
    this.readOnly = readOnly;
  }

  /** Create a new, empty plan. Refuses to overwrite an existing file. */
  static create(file: string, meta: Partial<PlanMeta> = {}): PlanStore {
    const absolute = path.resolve(file);
    if (fs.existsSync(absolute)) {
      throw PlanbenchError.of('file_exists', '文件已存在，不会覆盖', 'the file already exists and will not be overwritten', {
        file: absolute,
      });
    }
    let db: SqliteDatabase | null = null;
    try {
      db = connect(absolute);
      db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
      migrate(db, absolute);
      const store = new PlanStore(absolute, db);
      store.setMeta({ ...DEFAULT_META, ...meta });
      return store;
    } catch (error) {
      // Whatever failed (a full disk while the file was being set up), no part of a plan stays.
      if (db?.open) db.close();
      fs.rmSync(absolute, { force: true });
      for (const suffix of ['-wal', '-shm']) fs.rmSync(absolute + suffix, { force: true });
      throw mapStoreError(error, absolute) ?? error;
    }
  }

  /**
   * Open an existing plan (connection.ts): a file that is not a plan, is damaged or comes from
   * a newer version is refused untouched; an older plan is migrated; a plan whose file or
   * folder cannot be written is opened read-only (see readOnly).
   */
  static open(file: string): PlanStore {
    const absolute = path.resolve(file);
    const opened = openPlanDatabase(absolute);
    return new PlanStore(absolute, opened.db, opened.readOnly);
  }

  get fileName(): string {
    return path.basename(this.file);
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Close the plan; the WAL is checkpointed into the one file, so a copy of it is complete. */
  close(): void {
    if (!this.db.open) return;
    try {
      if (!this.readOnly) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A full disk can stop the checkpoint; every committed change is still in the -wal,
      // which the next open folds in, so closing loses nothing.
    } finally {
      this.db.close();
    }
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Run `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // ---- metadata ---------------------------------------------------------------------------

  getMeta(): PlanMeta {
    const rows = this.prepare('SELECT key, value FROM plan_meta').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const row of rows) stored[row.key] = JSON.parse(row.value);
    return PlanMetaSchema.parse({ ...DEFAULT_META, ...stored });
  }

  setMeta(meta: Partial<PlanMeta>): void {
    const merged = PlanMetaSchema.parse({ ...this.getMetaOrDefault(), ...meta });
    const upsert = this.prepare(
      'INSERT INTO plan_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.transaction(() => {
      for (const [key, value] of Object.entries(merged)) upsert.run(key, JSON.stringify(value));
    });
  }

  private getMetaOrDefault(): PlanMeta {
    try {
      return this.getMeta();
    } catch {
      return DEFAULT_META;
    }
  }

  // ---- sheets and columns -----------------------------------------------------------------

  listSheets(): SheetInfo[] {
    const rows = this.prepare(
      `SELECT s.id, s.name, s.kind, s.position, s.description,
              (SELECT COUNT(*) FROM rows r WHERE r.sheet_id = s.id) AS rowCount
         FROM sheets s ORDER BY s.position, s.id`,
    ).all() as (Omit<SheetInfo, 'kind'> & { kind: SheetKind })[];
    return rows;
  }

  getSheet(sheetId: number): SheetDetail {
    const sheet = this.prepare(
      `SELECT s.id, s.name, s.kind, s.position, s.description,
              (SELECT COUNT(*) FROM rows r WHERE r.sheet_id = s.id) AS rowCount
         FROM sheets s WHERE s.id = ?`,
    ).get(sheetId) as SheetInfo | undefined;
    if (!sheet) throw notFound('工作表', 'sheet', sheetId);
    return { ...sheet, columns: this.columns(sheetId) };
  }

  /** Fails with not_found unless the sheet exists (cheap: no row count, no columns). */
  assertSheet(sheetId: number): void {
    this.sheetName(sheetId);
  }

  columns(sheetId: number): ColumnDef[] {
    const rows = this.prepare('SELECT * FROM columns WHERE sheet_id = ? ORDER BY position, id').all(sheetId) as ColumnRow[];
    return rows.map(toColumnDef);
  }

  private column(sheetId: number, key: string): ColumnDef {
    const row = this.prepare('SELECT * FROM columns WHERE sheet_id = ? AND key = ?').get(sheetId, key) as
      | ColumnRow
      | undefined;
    if (!row) throw notFound('列', 'column', key);
    return toColumnDef(row);
  }

  /**
   * Add a sheet with its columns. Inside an action (an import into a new sheet) the creation is
   * logged, so undoing the import removes the sheet too, and redo brings it back with its ids.
   */
  createSheet(init: SheetInit): number {
    return this.transaction(() => {
      const position =
        ((this.prepare('SELECT MAX(position) AS p FROM sheets').get() as { p: number | null }).p ?? -1) + 1;
      const sheetId = this.insertSheet({
        id: null,
        name: init.name,
        kind: init.kind,
        position,
        description: init.description ?? '',
        columns: init.columns.map((column, index) => ({
          id: null,
          key: column.key,
          name: column.name,
          type: column.type,
          role: column.role ?? null,
          position: index,
          width: column.width ?? null,
          hidden: column.hidden ?? false,
          settings: ColumnSettingsSchema.parse(column.settings ?? {}),
        })),
      });
      if (this.openAction) {
        const { rowCount: _rows, columns, ...sheet } = this.getSheet(sheetId);
        const saved: SavedSheet = { ...sheet, columns };
        this.prepare(`INSERT INTO changes (action_id, sheet_id, kind, after) VALUES (?, ?, 'sheetCreate', ?)`).run(
          this.beginAction(this.openAction.origin),
          sheetId,
          JSON.stringify(saved),
        );
      }
      return sheetId;
    });
  }

  /** Rename a sheet (logged, undoable). Sheet names are unique in a plan. */
  renameSheet(sheetId: number, name: string, origin: ActionOrigin): void {
    this.transaction(() => {
      const before = this.sheetName(sheetId);
      if (before === name) return;
      if (this.prepare('SELECT 1 FROM sheets WHERE name = ? AND id <> ?').get(name, sheetId)) {
        throw PlanbenchError.of('invalid_input', `已有名为“${name}”的工作表`, `a sheet named "${name}" already exists`);
      }
      this.prepare('UPDATE sheets SET name = ? WHERE id = ?').run(name, sheetId);
      this.prepare(`INSERT INTO changes (action_id, sheet_id, kind, before, after) VALUES (?, ?, 'sheetRename', ?, ?)`).run(
        this.beginAction(origin),
        sheetId,
        JSON.stringify({ name: before }),
        JSON.stringify({ name }),
      );
    });
  }

  /** Insert a sheet and its columns as saved (with their ids when restoring), unlogged. */
  private insertSheet(saved: SavedSheet): number {
    const sheetId = Number(
      this.prepare('INSERT INTO sheets (id, name, kind, position, description) VALUES (?, ?, ?, ?, ?)').run(
        saved.id,
        saved.name,
        saved.kind,
        saved.position,
        saved.description,
      ).lastInsertRowid,
    );
    const insertColumn = this.prepare(
      `INSERT INTO columns (id, sheet_id, key, name, type, role, position, width, hidden, settings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const column of saved.columns) {
      insertColumn.run(
        column.id,
        sheetId,
        column.key,
        column.name,
        column.type,
        column.role,
        column.position,
        column.width,
        column.hidden ? 1 : 0,
        JSON.stringify(column.settings),
      );
    }
    return sheetId;
  }

  /** Add a column at the end of a sheet (logged, undoable). */
  addColumn(sheetId: number, init: ColumnInit, origin: ActionOrigin): ColumnDef {
    return this.transaction(() => {
      this.assertSheet(sheetId);
      if (this.columns(sheetId).some((column) => column.key === init.key)) {
        throw PlanbenchError.of('invalid_input', `列标识“${init.key}”已存在`, `column key "${init.key}" already exists`);
      }
      const position =
        ((this.prepare('SELECT MAX(position) FROM columns WHERE sheet_id = ?').pluck().get(sheetId) as number | null) ?? -1) + 1;
      const id = Number(
        this.prepare(
          `INSERT INTO columns (sheet_id, key, name, type, role, position, width, hidden, settings)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          sheetId,
          init.key,
          init.name,
          init.type,
          init.role ?? null,
          position,
          init.width ?? null,
          init.hidden ? 1 : 0,
          JSON.stringify(ColumnSettingsSchema.parse(init.settings ?? {})),
        ).lastInsertRowid,
      );
      const column = this.column(sheetId, init.key);
      this.prepare(
        `INSERT INTO changes (action_id, sheet_id, column_id, column_key, kind, after) VALUES (?, ?, ?, ?, 'columnAdd', ?)`,
      ).run(this.beginAction(origin), sheetId, id, init.key, JSON.stringify(column));
      return column;
    });
  }

  /**
   * Rename a column or change its type, role or settings (logged, undoable). A new type or unit
   * re-reads every cell of the column; if any cell cannot be read as the new type, nothing
   * changes and the first cells that fail are named.
   */
  updateColumn(
    sheetId: number,
    key: string,
    patch: Partial<Pick<ColumnDef, 'name' | 'type' | 'role' | 'settings'>>,
    origin: ActionOrigin,
  ): ColumnDef {
    return this.transaction(() => {
      const before = this.column(sheetId, key);
      const after: ColumnDef = { ...before, ...patch, settings: ColumnSettingsSchema.parse(patch.settings ?? before.settings) };
      this.writeColumnDef(sheetId, after);
      this.prepare(
        `INSERT INTO changes (action_id, sheet_id, column_id, column_key, kind, before, after)
         VALUES (?, ?, ?, ?, 'columnUpdate', ?, ?)`,
      ).run(this.beginAction(origin), sheetId, before.id, key, JSON.stringify(before), JSON.stringify(after));
      return this.column(sheetId, key);
    });
  }

  /** Store a column definition and, when its meaning changed, re-read its cells. */
  private writeColumnDef(sheetId: number, column: ColumnDef): void {
    const current = this.columns(sheetId).find((candidate) => candidate.id === column.id);
    this.prepare('UPDATE columns SET name = ?, type = ?, role = ?, settings = ? WHERE id = ?').run(
      column.name,
      column.type,
      column.role,
      JSON.stringify(column.settings),
      column.id,
    );
    if (current && current.type === column.type && JSON.stringify(current.settings) === JSON.stringify(column.settings)) return;
    const sheet = this.sheetName(sheetId);
    const cells = this.prepare('SELECT row_id, text FROM cells WHERE column_id = ?').all(column.id) as { row_id: number; text: string }[];
    const failures: string[] = [];
    for (const cell of cells) {
      try {
        this.writeCell(cell.row_id, column, cell.text, () => ({ sheet, row: this.rowNumber(sheetId, cell.row_id) }));
      } catch (error) {
        if (!(error instanceof PlanbenchError)) throw error;
        if (failures.length < 5) failures.push(`第 ${this.rowNumber(sheetId, cell.row_id)} 行“${cell.text}”`);
        else failures.push('');
      }
    }
    if (failures.length > 0) {
      const shown = failures.filter(Boolean).join('、');
      throw PlanbenchError.of(
        'invalid_value',
        `有 ${failures.length} 个单元格不能按新类型读取（${shown}${failures.length > 5 ? '等' : ''}），列未修改`,
        `${failures.length} cells cannot be read as the new type; the column was not changed`,
        { sheet, column: column.name },
      );
    }
  }

  /** Widths, visibility and order of columns: layout, saved with the plan but not logged. */
  setColumnLayout(sheetId: number, layout: readonly ColumnLayout[]): void {
    this.transaction(() => {
      const keys = new Set(this.columns(sheetId).map((column) => column.key));
      for (const entry of layout) {
        if (!keys.has(entry.key)) throw notFound('列', 'column', entry.key);
        if (entry.width !== undefined) this.prepare('UPDATE columns SET width = ? WHERE sheet_id = ? AND key = ?').run(entry.width, sheetId, entry.key);
        if (entry.hidden !== undefined) this.prepare('UPDATE columns SET hidden = ? WHERE sheet_id = ? AND key = ?').run(entry.hidden ? 1 : 0, sheetId, entry.key);
        if (entry.position !== undefined) this.prepare('UPDATE columns SET position = ? WHERE sheet_id = ? AND key = ?').run(entry.position, sheetId, entry.key);
      }
    });
  }

  // ---- rows and cells ---------------------------------------------------------------------

  rowCount(sheetId: number): number {
    return (this.prepare('SELECT COUNT(*) AS n FROM rows WHERE sheet_id = ?').get(sheetId) as { n: number }).n;
  }

  /** A window of rows in sheet order, with every cell in its API form. */
  listRows(sheetId: number, offset: number, limit: number): { total: number; rows: RowData[] } {
    const columns = new Map(this.columns(sheetId).map((column) => [column.id, column]));
    // The window is found once; its cells and department links are then fetched by row id,
    // so a page deep in a large sheet does not walk the skipped rows three times.
    const window = this.prepare(
      'SELECT id, parent_id FROM rows WHERE sheet_id = ? ORDER BY position, id LIMIT ? OFFSET ?',
    ).all(sheetId, limit, offset) as { id: number; parent_id: number | null }[];
    const rows = new Map<number, RowData>();
    for (const row of window) rows.set(row.id, { id: row.id, parentId: row.parent_id, cells: {} });
    if (window.length > 0) {
      const ids = JSON.stringify(window.map((row) => row.id));
      const cells = this.prepare(
        'SELECT row_id, column_id, text, num FROM cells WHERE row_id IN (SELECT value FROM json_each(?))',
      )
        .safeIntegers(true)
        .all(ids) as { row_id: bigint; column_id: bigint; text: string; num: bigint | number | null }[];
      const departments = this.cellDepartments(ids);
      for (const cell of cells) {
        const rowId = Number(cell.row_id);
        const column = columns.get(Number(cell.column_id));
        const row = rows.get(rowId);
        if (!column || !row) continue;
        const stored: StoredCell = {
          text: cell.text,
          num: cell.num,
          departments: isDepartmentType(column.type) ? (departments.get(`${rowId}:${column.id}`) ?? []) : null,
        };
        row.cells[column.key] = toCellValue(column, stored);
      }
    }
    return { total: this.rowCount(sheetId), rows: [...rows.values()] };
  }

  /** Given rows of a sheet, in sheet order. */
  rowsById(sheetId: number, rowIds: readonly number[]): RowData[] {
    const wanted = new Set(rowIds);
    const { rows } = this.listRows(sheetId, 0, this.rowCount(sheetId));
    const found = rows.filter((row) => wanted.has(row.id));
    if (found.length !== wanted.size) {
      const missing = rowIds.find((id) => !found.some((row) => row.id === id));
      throw notFound('行', 'row', missing ?? 0);
    }
    return found;
  }

  /** The units each department cell of the given rows (a JSON array of ids) refers to, in order. */
  private cellDepartments(rowIdsJson: string): Map<string, string[]> {
    const links = this.prepare(
      `SELECT cd.row_id, cd.column_id, d.name
         FROM cell_departments cd JOIN departments d ON d.id = cd.department_id
        WHERE cd.row_id IN (SELECT value FROM json_each(?))
        ORDER BY cd.row_id, cd.column_id, cd.ordinal`,
    ).all(rowIdsJson) as { row_id: number; column_id: number; name: string }[];
    const byCell = new Map<string, string[]>();
    for (const link of links) {
      const key = `${link.row_id}:${link.column_id}`;
      const names = byCell.get(key) ?? [];
      names.push(link.name);
      byCell.set(key, names);
    }
    return byCell;
  }

  /**
   * Add rows to a sheet as one action: at the end, or before/after a given row. Every cell is
   * parsed by its column's type; the first cell that cannot be read aborts the whole batch with
   * its row and column named, and nothing is written.
   */
  insertRows(
    sheetId: number,
    rows: RowInit[],
    origin: ActionOrigin,
    place: RowPlace = { at: 'end' },
  ): { actionId: number; rowIds: number[] } {
    const sheet = this.getSheet(sheetId);
    const columns = new Map(sheet.columns.map((column) => [column.key, column]));
    return this.transaction(() => {
      const actionId = this.beginAction(origin);
      const positions = this.positionsFor(sheetId, place, rows.length);
      const logChange = this.prepare(
        `INSERT INTO changes (action_id, sheet_id, row_id, kind, after) VALUES (?, ?, ?, 'rowInsert', ?)`,
      );
      const rowIds: number[] = [];
      rows.forEach((row, index) => {
        const parentId = row.parentIndex === undefined ? (place.parentId ?? null) : rowIds[row.parentIndex];
        if (parentId === undefined) {
          throw PlanbenchError.of('invalid_input', '上级行须排在其下级行之前', 'a parent row must come before its children', {
            sheet: sheet.name,
            row: index + 1,
          });
        }
        const saved: SavedRow = { parentId, position: positions[index]!, cells: {} };
        const rowId = this.restoreRow(null, sheetId, saved);
        rowIds.push(rowId);
        for (const [key, text] of Object.entries(row.cells)) {
          const column = columns.get(key);
          if (!column) throw notFound('列', 'column', key);
          if (text === '') continue;
          saved.cells[key] = this.writeFreshCell(rowId, column, text, () => ({ sheet: sheet.name, row: index + 1 }));
        }
        // The log keeps each inserted row's texts and place: enough to redo it after an undo.
        logChange.run(actionId, sheetId, rowId, JSON.stringify(saved));
      });
      return { actionId, rowIds };
    });
  }

  /**
   * Append rows whose cells are already parsed (an import's preview read every cell for its
   * column) to the end of a sheet, as one action — the bulk path of imports. Compared with
   * insertRows, nothing is parsed twice, the rows get consecutive ids, rows and cells go in with
   * multi-row INSERTs, and the change log gets one 'rowsInsert' record for the whole batch
   * instead of one JSON row per row. Call it once per chunk inside inAction(): every chunk joins
   * the same action, and the transaction makes the whole import all or nothing.
   */
  appendParsedRows(
    sheetId: number,
    columnKeys: readonly string[],
    batch: ParsedRowBatch,
    origin: ActionOrigin,
  ): { actionId: number; firstRowId: number } {
    const sheet = this.sheetName(sheetId);
    const byKey = new Map(this.columns(sheetId).map((column) => [column.key, column]));
    const columns = columnKeys.map((key) => byKey.get(key) ?? throwNotFound('列', 'column', key));
    const width = columns.length;
    const count = width === 0 ? 0 : batch.texts.length / width;
    if (!Number.isInteger(count) || batch.nums.length !== batch.texts.length) {
      throw PlanbenchError.of('internal', '成批写入的行数据不完整', 'a batch of parsed rows is incomplete', { sheet });
    }
    return this.transaction(() => {
      const actionId = this.beginAction(origin);
      const positions = this.positionsFor(sheetId, { at: 'end' }, count);
      const first = ((this.prepare('SELECT MAX(id) FROM rows').pluck().get() as number | null) ?? 0) + 1;
      const parentExists = this.prepare('SELECT 1 FROM rows WHERE id = ? AND sheet_id = ?').pluck();
      const departmentCells = new Map<string, StoredCell>();
      const bulk: BulkRows = { places: [], texts: new Array(count * width), nums: new Array(count * width), departments: new Array(count * width) };
      const block: SavedRowBlock = { columns: [...columnKeys], first, rows: [] };
      // Where a cell that cannot be read is (one function for all rows: no closure per row).
      let index = 0;
      const where = () => ({ sheet, row: index + 1 });
      for (; index < count; index++) {
        const parentIndex = batch.parentIndexes?.[index] ?? null;
        const parentRowId = batch.parentRowIds?.[index] ?? null;
        if ((parentIndex !== null && !(parentIndex >= 0 && parentIndex < index)) || (parentRowId !== null && (parentRowId >= first || !parentExists.get(parentRowId, sheetId)))) {
          throw PlanbenchError.of('invalid_input', '上级行须排在其下级行之前', 'a parent row must come before its children', where());
        }
        const parentId = parentIndex !== null ? first + parentIndex : parentRowId;
        const saved: (string | number | null)[] = [parentId, positions[index]!];
        for (let at = index * width, end = at + width; at < end; at++) {
          this.acceptParsed(columns[at - index * width]!, batch.texts[at]!, batch.nums[at] ?? null, bulk, at, departmentCells, where);
          saved.push(bulk.texts[at]!);
        }
        bulk.places.push({ id: first + index, parentId, position: positions[index]! });
        block.rows.push(saved);
      }
      this.writeRows(sheetId, columns, bulk);
      this.prepare(`INSERT INTO changes (action_id, sheet_id, row_id, kind, after) VALUES (?, ?, ?, 'rowsInsert', ?)`).run(
        actionId,
        sheetId,
        first,
        JSON.stringify(block),
      );
      return { actionId, firstRowId: first };
    });
  }

  /**
   * A parsed cell as the store keeps it, written into `bulk` at `at`. The caller's text and
   * number are kept when the text is already in the form parseCellInput stores (trimmed; long
   * text with \n line ends); otherwise, and for department cells (whose links are resolved from
   * the text, once per distinct text), the text is parsed here as typed input would be.
   */
  private acceptParsed(
    column: ColumnDef,
    text: string,
    num: bigint | number | null,
    bulk: BulkRows,
    at: number,
    departmentCells: Map<string, StoredCell>,
    where: () => ErrorWhere,
  ): void {
    let parsed: StoredCell | null = null;
    if (text === '') {
      // empty: stays empty
    } else if (isDepartmentType(column.type)) {
      const key = `${column.id}\u0000${text}`;
      parsed = departmentCells.get(key) ?? null;
      if (!parsed) {
        parsed = this.parseCell(column, text, where);
        departmentCells.set(key, parsed);
      }
    } else if (column.type === 'longText' ? text.includes('\r') : text.trim() !== text) {
      parsed = this.parseCell(column, text, where);
    } else {
      if (column.type === 'money' ? num !== null && typeof num !== 'bigint' : typeof num === 'bigint') {
        throw PlanbenchError.of('internal', `单元格数值类型不符（${column.name}）`, `a parsed cell's number has the wrong type (${column.name})`, where());
      }
      bulk.texts[at] = text;
      bulk.nums[at] = num;
      bulk.departments[at] = null;
      return;
    }
    const empty = parsed === null || parsed.text === '';
    bulk.texts[at] = empty ? null : parsed!.text;
    bulk.nums[at] = empty ? null : parsed!.num;
    bulk.departments[at] = empty ? null : parsed!.departments;
  }

  /**
   * Rows, their cells and department links, written with multi-row INSERTs (no logging): the
   * bulk path of imports and of redoing one. Rows go first, then cells, then links, so every
   * foreign key finds its parent.
   */
  private writeRows(sheetId: number, columns: readonly ColumnDef[], bulk: BulkRows): void {
    const prepare = (sql: string) => this.prepare(sql);
    const rowInsert = new MultiRowInsert(prepare, 'INSERT INTO rows (id, sheet_id, position, parent_id) VALUES', ROWS_PER_INSERT);
    for (const row of bulk.places) rowInsert.add(row.id, sheetId, row.position, row.parentId);
    rowInsert.flush();
    const cellInsert = new MultiRowInsert(prepare, 'INSERT INTO cells (row_id, column_id, text, num) VALUES', CELLS_PER_INSERT);
    const linkInsert = new MultiRowInsert(prepare, 'INSERT INTO cell_departments (row_id, column_id, ordinal, department_id) VALUES', CELLS_PER_INSERT);
    const ids = columns.map((column) => column.id);
    const width = ids.length;
    bulk.places.forEach((row, index) => {
      for (let column = 0, at = index * width; column < width; column++, at++) {
        const text = bulk.texts[at];
        if (text !== null && text !== undefined) cellInsert.add(row.id, ids[column], text, bulk.nums[at] ?? null);
      }
    });
    cellInsert.flush();
    columns.forEach((column, at) => {
      if (!isDepartmentType(column.type)) return;
      bulk.places.forEach((row, index) => {
        bulk.departments[index * width + at]?.forEach((name, ordinal) => {
          const department = this.resolveDepartment(name);
          if (department) linkInsert.add(row.id, column.id, ordinal, department.id);
        });
      });
    });
    linkInsert.flush();
  }

  /** Redo of a logged 'rowsInsert': the rows back with their ids and places, texts parsed again. */
  private restoreRowBlock(sheetId: number, block: SavedRowBlock): void {
    const byKey = new Map(this.columns(sheetId).map((column) => [column.key, column]));
    // A column deleted since is skipped, as restoreRow does.
    const kept = block.columns.map((key, at) => ({ column: byKey.get(key), at })).filter((entry) => entry.column !== undefined);
    const columns = kept.map((entry) => entry.column!);
    const departmentCells = new Map<string, StoredCell>();
    const size = block.rows.length * columns.length;
    const bulk: BulkRows = { places: [], texts: new Array(size).fill(null), nums: new Array(size).fill(null), departments: new Array(size).fill(null) };
    block.rows.forEach((saved, index) => {
      const id = block.first + index;
      bulk.places.push({ id, parentId: saved[0] as number | null, position: saved[1] as number });
      kept.forEach(({ column, at }, position) => {
        const text = saved[2 + at];
        if (typeof text !== 'string' || text === '') return;
        const where = () => ({ row: id, column: column!.key });
        const cell = index * columns.length + position;
        // Parsed again as typed input; unit lists once per distinct text.
        if (isDepartmentType(column!.type)) this.acceptParsed(column!, text, null, bulk, cell, departmentCells, where);
        else {
          const parsed = this.parseCell(column!, text, where);
          bulk.texts[cell] = parsed.text === '' ? null : parsed.text;
          bulk.nums[cell] = parsed.num;
        }
      });
    });
    this.writeRows(sheetId, columns, bulk);
  }

  /**
   * Positions for `count` new rows at `place`. Rows are ordered by a REAL position; new rows
   * take evenly spaced positions in the gap, and the sheet is renumbered first when the gap is
   * too narrow to split.
   */
  private positionsFor(sheetId: number, place: RowPlace, count: number): number[] {
    const bounds = (): [number, number] => {
      if (place.at === 'end') {
        const last = this.prepare('SELECT MAX(position) FROM rows WHERE sheet_id = ?').pluck().get(sheetId) as number | null;
        return [last ?? 0, (last ?? 0) + count + 1];
      }
      const anchor = this.prepare('SELECT position FROM rows WHERE id = ? AND sheet_id = ?').pluck().get(place.rowId, sheetId) as
        | number
        | undefined;
      if (anchor === undefined) throw notFound('行', 'row', place.rowId);
      const neighbour = this.prepare(
        place.at === 'before'
          ? 'SELECT MAX(position) FROM rows WHERE sheet_id = ? AND position < ?'
          : 'SELECT MIN(position) FROM rows WHERE sheet_id = ? AND position > ?',
      )
        .pluck()
        .get(sheetId, anchor) as number | null;
      return place.at === 'before' ? [neighbour ?? anchor - count - 1, anchor] : [anchor, neighbour ?? anchor + count + 1];
    };
    let [low, high] = bounds();
    if ((high - low) / (count + 1) < 1e-6) {
      this.renumberPositions(sheetId);
      [low, high] = bounds();
    }
    const step = (high - low) / (count + 1);
    return Array.from({ length: count }, (_, index) => low + step * (index + 1));
  }

  /** Positions 1, 2, 3… in the current order (positions are internal; the log keeps ids). */
  private renumberPositions(sheetId: number): void {
    const ids = this.prepare('SELECT id FROM rows WHERE sheet_id = ? ORDER BY position, id').pluck().all(sheetId) as number[];
    const update = this.prepare('UPDATE rows SET position = ? WHERE id = ?');
    ids.forEach((id, index) => update.run(index + 1, id));
  }

  /** Insert a row (with a given id when restoring one) and its cells, without logging. */
  private restoreRow(rowId: number | null, sheetId: number, saved: SavedRow): number {
    const id = Number(
      this.prepare('INSERT INTO rows (id, sheet_id, position, parent_id) VALUES (?, ?, ?, ?)').run(
        rowId,
        sheetId,
        saved.position,
        saved.parentId,
      ).lastInsertRowid,
    );
    if (rowId !== null) {
      const columns = new Map(this.columns(sheetId).map((column) => [column.key, column]));
      for (const [key, text] of Object.entries(saved.cells)) {
        const column = columns.get(key);
        if (column) this.writeCell(id, column, text, () => ({ row: id, column: key }));
      }
    }
    return id;
  }

  /** A row as the change log keeps it: where it was and what its cells said. */
  private savedRow(rowId: number): SavedRow {
    const row = this.prepare('SELECT position, parent_id FROM rows WHERE id = ?').get(rowId) as
      | { position: number; parent_id: number | null }
      | undefined;
    if (!row) throw notFound('行', 'row', rowId);
    const cells = this.prepare(
      'SELECT col.key, c.text FROM cells c JOIN columns col ON col.id = c.column_id WHERE c.row_id = ?',
    ).all(rowId) as { key: string; text: string }[];
    return { parentId: row.parent_id, position: row.position, cells: Object.fromEntries(cells.map((c) => [c.key, c.text])) };
  }

  /**
   * Delete rows as one action. A row's sub-rows go with it. The log keeps every deleted row
   * whole (place and texts), so undo restores it with its id.
   */
  deleteRows(sheetId: number, rowIds: readonly number[], origin: ActionOrigin): { actionId: number; deleted: number } {
    return this.transaction(() => {
      const actionId = this.beginAction(origin);
      const logChange = this.prepare(
        `INSERT INTO changes (action_id, sheet_id, row_id, kind, before) VALUES (?, ?, ?, 'rowDelete', ?)`,
      );
      const children = this.prepare('SELECT id FROM rows WHERE parent_id = ? ORDER BY position DESC').pluck();
      const remove = this.prepare('DELETE FROM rows WHERE id = ?');
      const seen = new Set<number>();
      let deleted = 0;
      const deleteOne = (rowId: number): void => {
        if (seen.has(rowId)) return;
        seen.add(rowId);
        // Children first, so undo (which replays the log backwards) restores parents first.
        for (const child of children.all(rowId) as number[]) deleteOne(child);
        logChange.run(actionId, sheetId, rowId, JSON.stringify(this.savedRow(rowId)));
        remove.run(rowId);
        deleted++;
      };
      for (const rowId of rowIds) {
        if (!this.prepare('SELECT 1 FROM rows WHERE id = ? AND sheet_id = ?').get(rowId, sheetId)) throw notFound('行', 'row', rowId);
        deleteOne(rowId);
      }
      return { actionId, deleted };
    });
  }

  /** Move rows (kept in their current order) before another row, or to the end, as one action. */
  moveRows(
    sheetId: number,
    rowIds: readonly number[],
    beforeRowId: number | null,
    origin: ActionOrigin,
  ): { actionId: number } {
    return this.transaction(() => {
      if (beforeRowId !== null && rowIds.includes(beforeRowId)) {
        throw PlanbenchError.of('invalid_input', '不能移动到所选行自身之前', 'cannot move rows before one of themselves');
      }
      const actionId = this.beginAction(origin);
      const current = rowIds
        .map((rowId) => ({ rowId, position: this.savedRow(rowId).position }))
        .sort((a, b) => a.position - b.position);
      const place: RowPlace = beforeRowId === null ? { at: 'end' } : { at: 'before', rowId: beforeRowId };
      const positions = this.positionsFor(sheetId, place, current.length);
      const logChange = this.prepare(
        `INSERT INTO changes (action_id, sheet_id, row_id, kind, before, after) VALUES (?, ?, ?, 'rowMove', ?, ?)`,
      );
      current.forEach(({ rowId }, index) => {
        // Renumbering inside positionsFor may have moved the row's own position: read it again.
        const before = this.savedRow(rowId).position;
        this.prepare('UPDATE rows SET position = ? WHERE id = ?').run(positions[index], rowId);
        logChange.run(actionId, sheetId, rowId, JSON.stringify({ position: before }), JSON.stringify({ position: positions[index] }));
      });
      return { actionId };
    });
  }

  /** Set one cell from text, with its change-log action, in one transaction. */
  updateCell(
    sheetId: number,
    rowId: number,
    columnKey: string,
    text: string,
    origin: ActionOrigin,
  ): { actionId: number | null; cell: CellValue } {
    const result = this.updateCells(sheetId, [{ rowId, columnKey, text }], origin, 'abort');
    return { actionId: result.actionId, cell: result.applied[0]!.cell };
  }

  /**
   * Set many cells of one sheet from text as one action (a paste, a fill, an import update, a
   * department's return), in one transaction. Each text is parsed by its column's type. With
   * 'abort', one unreadable cell refuses the whole batch and nothing is written; with 'skip',
   * unreadable cells are left as they were and reported, and the rest is applied. Cells whose
   * text does not change are not logged; a batch that changes nothing records no action.
   */
  updateCells(
    sheetId: number,
    edits: readonly CellEdit[],
    origin: ActionOrigin,
    onInvalid: 'abort' | 'skip',
  ): CellUpdateResult {
    const sheet = this.sheetName(sheetId);
    const columns = new Map(this.columns(sheetId).map((column) => [column.key, column]));
    for (const edit of edits) if (!columns.has(edit.columnKey)) throw notFound('列', 'column', edit.columnKey);
    return this.transaction(() => {
      // What the edited cells held, read for the whole batch at once rather than cell by cell.
      const { rowIds, cells } = this.cellsBefore(sheetId, edits, columns);
      const logChange = this.prepare(
        `INSERT INTO changes (action_id, sheet_id, row_id, column_id, column_key, kind, before, after)
         VALUES (?, ?, ?, ?, ?, 'cell', ?, ?)`,
      );
      const applied: CellUpdateResult['applied'] = [];
      const rejected: RejectedCell[] = [];
      let actionId: number | null = null;
      for (const edit of edits) {
        const column = columns.get(edit.columnKey)!;
        if (!rowIds.has(edit.rowId)) throw notFound('行', 'row', edit.rowId);
        const cellKey = `${edit.rowId}:${column.id}`;
        const before = cells.get(cellKey) ?? null;
        const where = () => ({ sheet, row: this.rowNumber(sheetId, edit.rowId) });
        let after: CellValue;
        try {
          after = this.writeCell(edit.rowId, column, edit.text, where);
        } catch (error) {
          if (onInvalid === 'abort' || !(error instanceof PlanbenchError) || error.body.code !== 'invalid_value') throw error;
          rejected.push({
            rowId: edit.rowId,
            row: where().row,
            columnKey: column.key,
            column: column.name,
            text: edit.text,
            reasonZh: error.body.messageZh,
            reasonEn: error.body.messageEn,
          });
          continue;
        }
        applied.push({ rowId: edit.rowId, columnKey: column.key, cell: after });
        // The same cell edited again later in the batch starts from this value.
        cells.set(cellKey, after.text === '' ? null : after);
        if (before?.text === after.text || (before === null && after.text === '')) continue;
        actionId ??= this.beginAction(origin);
        logChange.run(actionId, sheetId, edit.rowId, column.id, column.key, JSON.stringify(before), JSON.stringify(after));
      }
      return { actionId, applied, rejected };
    });
  }

  /** The 1-based place of a row in its sheet, as a user would count it. */
  private rowNumber(sheetId: number, rowId: number): number {
    return (
      this.prepare(
        `SELECT COUNT(*) AS n FROM rows r, rows target
          WHERE target.id = ? AND r.sheet_id = ? AND (r.position, r.id) <= (target.position, target.id)`,
      ).get(rowId, sheetId) as { n: number }
    ).n;
  }

  private sheetName(sheetId: number): string {
    const row = this.prepare('SELECT name FROM sheets WHERE id = ?').get(sheetId) as { name: string } | undefined;
    if (!row) throw notFound('工作表', 'sheet', sheetId);
    return row.name;
  }

  /**
   * For a batch of edits: which of its rows belong to the sheet, and what each edited cell holds
   * now (by "rowId:columnId"; absent when empty) — three queries for the batch, however large.
   */
  private cellsBefore(
    sheetId: number,
    edits: readonly CellEdit[],
    columns: ReadonlyMap<string, ColumnDef>,
  ): { rowIds: Set<number>; cells: Map<string, CellValue | null> } {
    const rowIdsJson = JSON.stringify([...new Set(edits.map((edit) => edit.rowId))]);
    const edited = [...new Set(edits.map((edit) => edit.columnKey))].map((key) => columns.get(key)!);
    const byId = new Map(edited.map((column) => [column.id, column]));
    const rowIds = new Set(
      // CROSS JOIN keeps SQLite on the listed ids: left to itself it may walk the sheet's index.
      this.prepare('SELECT r.id FROM json_each(?) j CROSS JOIN rows r ON r.id = j.value WHERE r.sheet_id = ?').pluck().all(rowIdsJson, sheetId) as number[],
    );
    const departments = new Map<string, string[]>();
    const departmentColumns = edited.filter((column) => isDepartmentType(column.type)).map((column) => column.id);
    if (departmentColumns.length > 0) {
      const links = this.prepare(
        `SELECT cd.row_id, cd.column_id, d.name
           FROM json_each(?) j CROSS JOIN cell_departments cd ON cd.row_id = j.value JOIN departments d ON d.id = cd.department_id
          WHERE cd.column_id IN (SELECT value FROM json_each(?))
          ORDER BY cd.row_id, cd.column_id, cd.ordinal`,
      ).all(rowIdsJson, JSON.stringify(departmentColumns)) as { row_id: number; column_id: number; name: string }[];
      for (const link of links) {
        const key = `${link.row_id}:${link.column_id}`;
        departments.set(key, [...(departments.get(key) ?? []), link.name]);
      }
    }
    const rows = this.prepare(
      `SELECT c.row_id, c.column_id, c.text, c.num FROM json_each(?) j CROSS JOIN cells c ON c.row_id = j.value
        WHERE c.column_id IN (SELECT value FROM json_each(?))`,
    )
      .safeIntegers(true)
      .all(rowIdsJson, JSON.stringify([...byId.keys()])) as { row_id: bigint; column_id: bigint; text: string; num: bigint | number | null }[];
    const cells = new Map<string, CellValue | null>();
    for (const row of rows) {
      const column = byId.get(Number(row.column_id))!;
      const key = `${row.row_id}:${row.column_id}`;
      const links = isDepartmentType(column.type) ? (departments.get(key) ?? []) : null;
      cells.set(key, toCellValue(column, { text: row.text, num: row.num, departments: links }));
    }
    return { rowIds, cells };
  }

  /** Parse and store one cell (inside the caller's transaction); an empty text clears it. */
  private writeCell(rowId: number, column: ColumnDef, text: string, where: () => ErrorWhere): CellValue {
    const cell = this.parseCell(column, text, where);
    if (cell.text === '') {
      this.prepare('DELETE FROM cells WHERE row_id = ? AND column_id = ?').run(rowId, column.id);
      return { text: '', value: isDepartmentType(column.type) ? [] : null };
    }
    this.prepare(
      `INSERT INTO cells (row_id, column_id, text, num) VALUES (?, ?, ?, ?)
       ON CONFLICT(row_id, column_id) DO UPDATE SET text = excluded.text, num = excluded.num`,
    ).run(rowId, column.id, cell.text, cell.num);
    if (isDepartmentType(column.type)) {
      this.prepare('DELETE FROM cell_departments WHERE row_id = ? AND column_id = ?').run(rowId, column.id);
      this.linkDepartments(rowId, column, cell);
    }
    return toCellValue(column, cell);
  }

  /**
   * A cell of a row this very transaction created: nothing to replace or unlink, so a plain
   * INSERT — the bulk path of imports. Returns the text kept.
   */
  private writeFreshCell(rowId: number, column: ColumnDef, text: string, where: () => ErrorWhere): string {
    const cell = this.parseCell(column, text, where);
    if (cell.text === '') return '';
    this.prepare('INSERT INTO cells (row_id, column_id, text, num) VALUES (?, ?, ?, ?)').run(rowId, column.id, cell.text, cell.num);
    if (isDepartmentType(column.type)) this.linkDepartments(rowId, column, cell);
    return cell.text;
  }

  private parseCell(column: ColumnDef, text: string, where: () => ErrorWhere): StoredCell {
    const parsed = parseCellInput(column, text, (name) => this.resolveDepartment(name)?.name ?? null);
    if (!parsed.ok) {
      throw PlanbenchError.of('invalid_value', parsed.reasonZh, parsed.reasonEn, { ...where(), column: column.name });
    }
    return parsed.cell;
  }

  private linkDepartments(rowId: number, column: ColumnDef, cell: StoredCell): void {
    const link = this.prepare('INSERT INTO cell_departments (row_id, column_id, ordinal, department_id) VALUES (?, ?, ?, ?)');
    (cell.departments ?? []).forEach((name, ordinal) => {
      const department = this.resolveDepartment(name);
      if (department) link.run(rowId, column.id, ordinal, department.id);
    });
  }

  // ---- totals -----------------------------------------------------------------------------

  /** Exact totals of every money and number column, with how many rows have a value. */
  totals(sheetId: number): ColumnTotal[] {
    const rowCount = this.rowCount(sheetId);
    return this.columns(sheetId)
      .filter(isSummable)
      .map((column) => {
        const { known, ...summed } = this.columnSum(sheetId, column);
        return {
          columnKey: column.key,
          columnName: column.name,
          type: column.type === 'money' ? 'money' : 'number',
          moneyUnit: column.type === 'money' ? (column.settings.moneyUnit ?? '万元') : null,
          ...summed,
          known,
          unknown: rowCount - known,
        };
      });
  }

  /**
   * The exact sum of one column and how many rows have a value, over the whole sheet or over
   * the top-level rows whose category cell reads `categoryText`.
   */
  private columnSum(
    sheetId: number,
    column: ColumnDef,
    category?: { columnId: number; text: string | null },
  ): { sum: string; known: number; approximate?: number } {
    // A column belongs to one sheet, so whole-sheet totals need only the cells_by_column index;
    // category totals join the rows to pick the top-level rows of one category.
    const from = category
      ? `FROM rows r JOIN cells c ON c.row_id = r.id AND c.column_id = @column
         LEFT JOIN cells k ON k.row_id = r.id AND k.column_id = @categoryColumn
         WHERE r.sheet_id = @sheet AND r.parent_id IS NULL AND k.text IS @categoryText`
      : 'FROM cells c WHERE c.column_id = @column';
    const params = {
      sheet: sheetId,
      column: column.id,
      ...(category ? { categoryColumn: category.columnId, categoryText: category.text } : {}),
    };
    if (column.type === 'money') {
      // Money is INTEGER 分, summed exactly in parts that cannot overflow (moneySums.ts).
      const row = this.prepare(`SELECT ${moneySumColumns('c')} ${from}`).safeIntegers(true).get(params) as MoneySumRow;
      return moneySum(row, column.settings.moneyUnit ?? '万元');
    }
    // Plain numbers are stored as REAL; they are added as exact decimals, never as floats.
    const values = this.prepare(`SELECT c.num ${from} AND c.num IS NOT NULL`)
      .pluck()
      .all(params) as number[];
    return { sum: sumDecimals(values.map(String)), known: values.length };
  }

  /**
   * Per value of the category-role column: how many items (top-level rows; a sub-indicator is
   * part of its indicator) and the total of the first money column over them.
   */
  categoryTotals(sheetId: number): CategoryTotal[] {
    const columns = this.columns(sheetId);
    const category = columns.find((column) => column.role === 'category');
    if (!category) return [];
    const money = columns.find((column) => column.type === 'money');
    const groups = this.prepare(
      `SELECT k.text AS category, COUNT(*) AS count
         FROM rows r LEFT JOIN cells k ON k.row_id = r.id AND k.column_id = ?
        WHERE r.sheet_id = ? AND r.parent_id IS NULL GROUP BY k.text ORDER BY MIN(r.position)`,
    ).all(category.id, sheetId) as { category: string | null; count: number }[];
    return groups.map((group) => {
      const sum = money ? this.columnSum(sheetId, money, { columnId: category.id, text: group.category }) : null;
      return {
        category: group.category ?? '',
        count: group.count,
        sum: sum?.sum ?? null,
        known: sum?.known ?? 0,
        unknown: group.count - (sum?.known ?? 0),
      };
    });
  }

  /** The sum of every count cell of an allocation matrix (the columns with role `count`). */
  allocationTotal(sheetId: number): string {
    const values = this.prepare(
      `SELECT c.num FROM cells c JOIN columns col ON col.id = c.column_id
        WHERE col.sheet_id = ? AND col.role = 'count' AND c.num IS NOT NULL`,
    )
      .pluck()
      .all(sheetId) as number[];
    return sumDecimals(values.map(String));
  }

  childRowCount(sheetId: number): number {
    return (
      this.prepare('SELECT COUNT(*) AS n FROM rows WHERE sheet_id = ? AND parent_id IS NOT NULL').get(sheetId) as {
        n: number;
      }
    ).n;
  }

  // ---- departments ------------------------------------------------------------------------

  addDepartments(departments: DepartmentInit[]): void {
    this.transaction(() => {
      const insert = this.prepare('INSERT INTO departments (name, short_name, kind, notes) VALUES (?, ?, ?, ?)');
      const alias = this.prepare('INSERT OR IGNORE INTO department_aliases (alias, department_id) VALUES (?, ?)');
      for (const department of departments) {
        const id = Number(
          insert.run(department.name, department.shortName ?? '', department.kind ?? '', department.notes ?? '')
            .lastInsertRowid,
        );
        for (const name of department.aliases ?? []) {
          if (name !== department.name) alias.run(name, id);
        }
      }
    });
    this.departmentIndex = null;
  }

  listDepartments(): Department[] {
    const departments = this.prepare('SELECT id, name, short_name, kind FROM departments ORDER BY id').all() as {
      id: number;
      name: string;
      short_name: string;
      kind: string;
    }[];
    const aliases = this.prepare('SELECT alias, department_id FROM department_aliases ORDER BY alias').all() as {
      alias: string;
      department_id: number;
    }[];
    return departments.map((department) => ({
      id: department.id,
      name: department.name,
      shortName: department.short_name,
      kind: department.kind,
      aliases: aliases.filter((alias) => alias.department_id === department.id).map((alias) => alias.alias),
    }));
  }

  /** A unit by its canonical name or any alias. */
  resolveDepartment(name: string): { id: number; name: string } | null {
    if (!this.departmentIndex) {
      const index = new Map<string, { id: number; name: string }>();
      for (const department of this.listDepartments()) {
        const entry = { id: department.id, name: department.name };
        index.set(department.name, entry);
        if (department.shortName) index.set(department.shortName, entry);
        for (const alias of department.aliases) index.set(alias, entry);
      }
      this.departmentIndex = index;
    }
    return this.departmentIndex.get(name.trim()) ?? null;
  }

  // ---- saved settings ---------------------------------------------------------------------

  /** A saved choice (e.g. an import mapping for a layout, a sheet's print setup), or undefined. */
  getSetting<T>(scope: string, key: string): T | undefined {
    const value = this.prepare('SELECT value FROM settings WHERE scope = ? AND key = ?').pluck().get(scope, key) as
      | string
      | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  setSetting(scope: string, key: string, value: unknown): void {
    this.prepare(
      'INSERT INTO settings (scope, key, value) VALUES (?, ?, ?) ON CONFLICT(scope, key) DO UPDATE SET value = excluded.value',
    ).run(scope, key, JSON.stringify(value));
  }

  // ---- declared checks --------------------------------------------------------------------

  addDeclaredChecks(checks: DeclaredCheckInit[]): void {
    const insert = this.prepare(
      'INSERT INTO declared_checks (sheet_id, kind, label, spec, source) VALUES (?, ?, ?, ?, ?)',
    );
    this.transaction(() => {
      for (const check of checks) {
        insert.run(check.sheetId, check.kind, check.label, JSON.stringify(check.spec), check.source ?? '');
      }
    });
  }

  listDeclaredChecks(): DeclaredCheck[] {
    const rows = this.prepare('SELECT * FROM declared_checks ORDER BY id').all() as {
      id: number;
      sheet_id: number | null;
      kind: string;
      label: string;
      spec: string;
      source: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      sheetId: row.sheet_id,
      kind: row.kind,
      label: row.label,
      spec: JSON.parse(row.spec) as Record<string, unknown>,
      source: row.source,
    }));
  }

  // ---- change log -------------------------------------------------------------------------

  /**
   * Run several changes as one action (e.g. a paste that also adds rows): every change made by
   * `work` joins the same log entry, and all of it commits or none of it does.
   */
  inAction<T>(origin: ActionOrigin, work: () => T): { value: T; actionId: number | null } {
    return this.transaction(() => {
      const outer = this.openAction;
      const action = outer ?? { origin, id: null };
      this.openAction = action;
      try {
        return { value: work(), actionId: action.id };
      } finally {
        this.openAction = outer;
      }
    });
  }

  private beginAction(origin: ActionOrigin): number {
    if (this.openAction) {
      this.openAction.id ??= this.insertAction(this.openAction.origin);
      return this.openAction.id;
    }
    return this.insertAction(origin);
  }

  private insertAction(origin: ActionOrigin): number {
    return Number(
      this.prepare('INSERT INTO actions (at, source, detail, label) VALUES (?, ?, ?, ?)').run(
        new Date().toISOString(),
        origin.source,
        origin.detail ?? '',
        origin.label ?? '',
      ).lastInsertRowid,
    );
  }

  // ---- undo and redo ----------------------------------------------------------------------
  //
  // The change log is the undo history, so undo works after sorting, filtering, closing and
  // reopening. Undo reverses the newest action still in force; redo re-applies the action
  // undone most recently, as long as no new change came after it. Both are themselves logged
  // (source 'undo'/'redo', detail = the action's id) — the log only grows. Creating the
  // sample plan ('system') is not undoable.

  private static readonly NOT_UNDOABLE = "('undo', 'redo', 'system')";

  private undoTarget(): ActionRow | undefined {
    return this.prepare(
      `SELECT * FROM actions WHERE state = 'done' AND source NOT IN ${PlanStore.NOT_UNDOABLE} ORDER BY id DESC LIMIT 1`,
    ).get() as ActionRow | undefined;
  }

  /**
   * The action to redo: of the actions undone since the newest real change was made, the one
   * undone last. A change made after an undo ends the redo chain, as in any editor — even when
   * that change is itself undone later, the older undone actions stay undone.
   */
  private redoTarget(): ActionRow | undefined {
    return this.prepare(
      `SELECT a.*, MAX(u.id) AS undone_by
         FROM actions a JOIN actions u ON u.source = 'undo' AND u.detail = CAST(a.id AS TEXT)
        WHERE a.state = 'undone' AND a.source NOT IN ${PlanStore.NOT_UNDOABLE}
        GROUP BY a.id
       HAVING undone_by > (SELECT COALESCE(MAX(id), 0) FROM actions WHERE source NOT IN ('undo', 'redo'))
        ORDER BY undone_by DESC LIMIT 1`,
    ).get() as ActionRow | undefined;
  }

  /** What Ctrl+Z and Ctrl+Y would do now, for menus and buttons. */
  undoState(): { undo: UndoCandidate | null; redo: UndoCandidate | null } {
    const describe = (action: ActionRow | undefined) =>
      action ? { actionId: action.id, label: action.label || action.source, at: action.at } : null;
    return { undo: describe(this.undoTarget()), redo: describe(this.redoTarget()) };
  }

  undo(): UndoOutcome | null {
    return this.transaction(() => {
      const target = this.undoTarget();
      return target ? this.replay(target, 'undo') : null;
    });
  }

  redo(): UndoOutcome | null {
    return this.transaction(() => {
      const target = this.redoTarget();
      return target ? this.replay(target, 'redo') : null;
    });
  }

  /** Apply an action's changes backwards (undo) or forwards again (redo), and log that. */
  private replay(target: ActionRow, direction: 'undo' | 'redo'): UndoOutcome {
    const changes = this.prepare(
      `SELECT * FROM changes WHERE action_id = ? ORDER BY id ${direction === 'undo' ? 'DESC' : 'ASC'}`,
    ).all(target.id) as ChangeRow[];
    const logId = this.insertAction({
      source: direction,
      detail: String(target.id),
      label: `${direction === 'undo' ? '撤销' : '重做'}：${target.label || target.source}`,
    });
    const log = this.prepare(
      `INSERT INTO changes (action_id, sheet_id, row_id, column_id, column_key, kind, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sheetIds = new Set<number>();
    for (const change of changes) {
      const [from, to] = direction === 'undo' ? [change.after, change.before] : [change.before, change.after];
      this.applyLogged(change, to === null ? null : (JSON.parse(to) as unknown));
      log.run(logId, change.sheet_id, change.row_id, change.column_id, change.column_key, change.kind, from, to);
      if (change.sheet_id !== null) sheetIds.add(change.sheet_id);
    }
    this.prepare('UPDATE actions SET state = ? WHERE id = ?').run(direction === 'undo' ? 'undone' : 'done', target.id);
    return { actionId: target.id, label: target.label || target.source, sheetIds: [...sheetIds] };
  }

  /** Bring one logged change to the given state (null: the row or cell does not exist). */
  private applyLogged(change: ChangeRow, state: unknown): void {
    const rowId = change.row_id ?? 0;
    switch (change.kind) {
      case 'cell': {
        const column = this.columns(change.sheet_id!).find((candidate) => candidate.id === change.column_id);
        if (!column) return;
        const text = state === null ? '' : (state as CellValue).text;
        this.writeCell(rowId, column, text, () => ({ row: rowId, column: column.name }));
        return;
      }
      case 'rowInsert':
      case 'rowDelete':
        if (state === null) this.prepare('DELETE FROM rows WHERE id = ?').run(rowId);
        else this.restoreRow(rowId, change.sheet_id!, state as SavedRow);
        return;
      case 'rowsInsert': {
        if (state === null) {
          // The block's rows have consecutive ids; their sub-rows are among them.
          const block = JSON.parse(change.after ?? change.before ?? 'null') as SavedRowBlock | null;
          if (block) this.prepare('DELETE FROM rows WHERE sheet_id = ? AND id BETWEEN ? AND ?').run(change.sheet_id, block.first, block.first + block.rows.length - 1);
        } else this.restoreRowBlock(change.sheet_id!, state as SavedRowBlock);
        return;
      }
      case 'rowMove':
        this.prepare('UPDATE rows SET position = ? WHERE id = ?').run((state as { position: number }).position, rowId);
        return;
      case 'columnAdd':
        if (state === null) this.prepare('DELETE FROM columns WHERE id = ?').run(change.column_id);
        else {
          const column = state as ColumnDef;
          this.prepare(
            `INSERT INTO columns (id, sheet_id, key, name, type, role, position, width, hidden, settings)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(column.id, change.sheet_id, column.key, column.name, column.type, column.role, column.position, column.width, column.hidden ? 1 : 0, JSON.stringify(column.settings));
        }
        return;
      case 'columnUpdate':
        this.writeColumnDef(change.sheet_id!, state as ColumnDef);
        return;
      case 'sheetRename':
        this.prepare('UPDATE sheets SET name = ? WHERE id = ?').run((state as { name: string }).name, change.sheet_id);
        return;
      case 'sheetCreate':
        if (state === null) this.prepare('DELETE FROM sheets WHERE id = ?').run(change.sheet_id);
        else this.insertSheet(state as SavedSheet);
        return;
      default:
        throw PlanbenchError.of('internal', `无法撤销的变更类型：${change.kind}`, `cannot replay a change of kind ${change.kind}`);
    }
  }

  /** The id of the newest action in the log (0 when there is none): cheap, for watchers. */
  latestActionId(): number {
    return (this.prepare('SELECT COALESCE(MAX(id), 0) FROM actions').pluck().get() as number) ?? 0;
  }

  /** The change log, newest first. */
  history(limit: number, beforeId?: number): ActionRecord[] {
    const actions = this.prepare(
      'SELECT * FROM actions WHERE id < ? ORDER BY id DESC LIMIT ?',
    ).all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as {
      id: number;
      at: string;
      source: string;
      detail: string;
      label: string;
      state: 'done' | 'undone';
    }[];
    const changes = this.prepare('SELECT * FROM changes WHERE action_id = ? ORDER BY id');
    return actions.map((action) => ({
      ...action,
      changes: (
        changes.all(action.id) as {
          sheet_id: number | null;
          row_id: number | null;
          column_key: string | null;
          kind: string;
          before: string | null;
          after: string | null;
        }[]
      ).map((change) => ({
        sheetId: change.sheet_id,
        rowId: change.row_id,
        columnKey: change.column_key,
        kind: change.kind,
        before: change.before === null ? null : (JSON.parse(change.before) as unknown),
        after: change.after === null ? null : (JSON.parse(change.after) as unknown),
      })),
    }));
  }
}

// ---- helpers ----------------------------------------------------------------------------

function notFound(whatZh: string, whatEn: string, id: number | string): PlanbenchError {
  return PlanbenchError.of('not_found', `找不到${whatZh}（${id}）`, `no such ${whatEn} (${id})`);
}

function toColumnDef(row: ColumnRow): ColumnDef {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    type: row.type as ColumnType,
    role: row.role as ColumnRole | null,
    position: row.position,
    width: row.width,
    hidden: row.hidden === 1,
    settings: ColumnSettingsSchema.parse(JSON.parse(row.settings)),
  };
}

function throwNotFound(whatZh: string, whatEn: string, id: number | string): never {
  throw notFound(whatZh, whatEn, id);
}

/** Rows per multi-row INSERT into rows, and cells (or links) per INSERT into cells. */
const ROWS_PER_INSERT = 128;
const CELLS_PER_INSERT = 256;

/**
 * Four-column tuples collected and written `perStatement` at a time with one multi-row INSERT
 * (…VALUES (?,?,?,?),(?,?,?,?),…): one call into SQLite per a few hundred rows instead of one
 * per row, which is most of the cost of a bulk insert through better-sqlite3. The parameter
 * array is reused; a last partial batch goes in one tuple at a time.
 */
class MultiRowInsert {
  private readonly full: Statement;
  private readonly single: Statement;
  private readonly params: unknown[];
  private filled = 0;

  constructor(prepare: (sql: string) => Statement, head: string, perStatement: number) {
    this.full = prepare(`${head} ${Array.from({ length: perStatement }, () => '(?, ?, ?, ?)').join(', ')}`);
    this.single = prepare(`${head} (?, ?, ?, ?)`);
    this.params = new Array<unknown>(perStatement * 4);
  }

  add(a: unknown, b: unknown, c: unknown, d: unknown): void {
    const params = this.params;
    const at = this.filled;
    params[at] = a;
    params[at + 1] = b;
    params[at + 2] = c;
    params[at + 3] = d;
    this.filled = at + 4;
    if (this.filled === params.length) {
      this.full.run(params);
      this.filled = 0;
    }
  }

  flush(): void {
    for (let at = 0; at < this.filled; at += 4) {
      this.single.run(this.params[at], this.params[at + 1], this.params[at + 2], this.params[at + 3]);
    }
    this.filled = 0;
  }
}
