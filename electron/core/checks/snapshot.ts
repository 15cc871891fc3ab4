import type { RowData, SheetInfo } from '../../../shared/contract/contract';
import type { CellValue } from '../../../shared/values/cells';
import type { LoggedAction } from '../../../shared/model/changes';
import { snapshotEffect } from '../../../shared/model/changes';
import { parseCellInput, toCellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import type { PlanStore } from '../store/planStore';
import type { ChangeFeed } from './changeFeed';
import { changeFeed } from './changeFeed';

/**
 * An in-memory copy of a plan's rows that follows the change log, so checks after an edit touch
 * only what the edit touched. A sheet is re-read whole when its columns change, when rows are
 * moved or restored in the middle, when the log has something this copy cannot replay, or when
 * its row count disagrees with the store — never guessed.
 *
 * Each sheet carries derived indexes (totals, duplicate buckets, per-row findings) that are told
 * of every row added or removed, and a version number that grows with every change, so results
 * computed from a sheet can be reused until it changes.
 */

/** Something kept up to date from a sheet's rows. */
export interface RowIndex {
  add(row: RowData): void;
  remove(row: RowData): void;
}

/** Builds a sheet's indexes after it is (re)loaded; they are then fed every row. */
export type IndexFactory = (sheet: SheetState) => RowIndex[];

export class SheetState {
  readonly info: SheetInfo;
  readonly columns: ColumnDef[];
  readonly columnsByKey: Map<string, ColumnDef>;
  readonly rows = new Map<number, RowData>();
  /** Row ids in sheet order. */
  order: number[] = [];
  /** Grows with every change to the sheet's rows; a new SheetState starts from a fresh number. */
  version: number;
  indexes: RowIndex[] = [];
  /** Grows whenever rows are added, removed or reordered (row numbers may then differ). */
  orderVersion = 0;
  private numbers: Map<number, number> | null = null;

  constructor(info: SheetInfo, columns: ColumnDef[], version: number) {
    this.info = info;
    this.columns = columns;
    this.columnsByKey = new Map(columns.map((column) => [column.key, column]));
    this.version = version;
  }

  /** The row's 1-based place in the sheet, as the user counts rows. */
  rowNumber(rowId: number): number {
    if (!this.numbers) {
      this.numbers = new Map();
      this.order.forEach((id, index) => this.numbers!.set(id, index + 1));
    }
    return this.numbers.get(rowId) ?? 0;
  }

  /** First column with a role (in column order). */
  byRole(role: ColumnDef['role']): ColumnDef | undefined {
    return this.columns.find((column) => column.role === role);
  }

  orderChanged(): void {
    this.numbers = null;
    this.orderVersion++;
  }

  /** Rows in sheet order. */
  *inOrder(): Iterable<RowData> {
    for (const id of this.order) {
      const row = this.rows.get(id);
      if (row) yield row;
    }
  }
}

/** Texts of a row's cells by column key ('' for an empty cell). */
export function cellText(row: RowData, key: string | undefined): string {
  return key === undefined ? '' : (row.cells[key]?.text ?? '');
}

/** What the last sync did, for benchmarks and tests. */
export interface SyncReport {
  actions: number;
  cellChanges: number;
  reloadedSheets: number[];
}

/** More actions than this since the last sync: re-read the plan instead of replaying the log. */
const MAX_REPLAY_ACTIONS = 500;
const LOAD_PAGE = 20_000;

type Op =
  | { kind: 'cell'; rowId: number; columnKey: string; text: string }
  | { kind: 'remove'; rowId: number }
  | { kind: 'insert'; rowId: number };

export class PlanSnapshot {
  private readonly store: PlanStore;
  private readonly feed: ChangeFeed;
  private readonly indexFactory: IndexFactory;
  private readonly sheets = new Map<number, SheetState>();
  private sheetOrder: number[] = [];
  private lastActionId = -1;
  private nextVersion = 1;

  constructor(store: PlanStore, indexFactory: IndexFactory) {
    this.store = store;
    this.feed = changeFeed(store);
    this.indexFactory = indexFactory;
  }

  /** The sheets in plan order (after a sync). */
  list(): SheetState[] {
    return this.sheetOrder.map((id) => this.sheets.get(id)!).filter(Boolean);
  }

  get(sheetId: number): SheetState | undefined {
    return this.sheets.get(sheetId);
  }

  /** Bring the snapshot up to date with the plan. */
  sync(): SyncReport {
    const report: SyncReport = { actions: 0, cellChanges: 0, reloadedSheets: [] };
    const infos = this.store.listSheets();
    const reload = new Set<number>();
    const ops = new Map<number, Op[]>();

    const actions = this.lastActionId < 0 ? null : this.feed.since(this.lastActionId, MAX_REPLAY_ACTIONS);
    if (actions === null) {
      for (const info of infos) reload.add(info.id);
    } else {
      report.actions = actions.length;
      this.collect(actions, reload, ops);
    }
    if (actions === null || actions.length > 0) {
      this.lastActionId = actions?.[actions.length - 1]?.id ?? this.feed.latestActionId();
    }

    // Sheets added or removed, and sheets whose columns changed without a logged change.
    const present = new Set(infos.map((info) => info.id));
    for (const id of this.sheets.keys()) if (!present.has(id)) this.sheets.delete(id);
    for (const info of infos) {
      const state = this.sheets.get(info.id);
      if (
        !state ||
        !sameColumns(state.columns, this.store.columns(info.id)) ||
        state.info.name !== info.name ||
        state.info.kind !== info.kind
      ) {
        reload.add(info.id);
      }
    }

    for (const [sheetId, sheetOps] of ops) {
      if (reload.has(sheetId)) continue;
      const state = this.sheets.get(sheetId);
      if (!state || !this.replay(state, sheetOps, report)) reload.add(sheetId);
    }
    for (const info of infos) {
      const state = this.sheets.get(info.id);
      if (!reload.has(info.id) && state && state.order.length !== info.rowCount) reload.add(info.id);
    }
    for (const sheetId of reload) {
      const info = infos.find((candidate) => candidate.id === sheetId);
      if (info) this.load(info);
      report.reloadedSheets.push(sheetId);
    }
    this.sheetOrder = infos.map((info) => info.id);
    return report;
  }

  /**
   * Sort the log's changes by sheet, as the change log says each one touches a snapshot: cell
   * edits, rows added and removed; anything else re-reads its sheet (or, without one, all).
   */
  private collect(actions: LoggedAction[], reload: Set<number>, ops: Map<number, Op[]>): void {
    for (const action of actions) {
      for (const change of action.changes) {
        const effect = snapshotEffect(change);
        if (effect.touches === 'plan') {
          for (const id of this.sheets.keys()) reload.add(id);
          continue;
        }
        if (effect.touches === 'nothing') continue;
        const list = ops.get(effect.sheetId) ?? [];
        ops.set(effect.sheetId, list);
        if (effect.touches === 'cell')
          list.push({ kind: 'cell', rowId: effect.rowId, columnKey: effect.columnKey, text: effect.text });
        else if (effect.touches === 'rowAdded') list.push({ kind: 'insert', rowId: effect.rowId });
        else if (effect.touches === 'rowRemoved') list.push({ kind: 'remove', rowId: effect.rowId });
        else reload.add(effect.sheetId);
      }
    }
  }

  /**
   * Apply one sheet's changes. Returns false when they cannot be replayed here (a row restored
   * in the middle of the sheet, a cell of an unknown column), so the sheet is re-read instead.
   */
  private replay(state: SheetState, ops: Op[], report: SyncReport): boolean {
    const inserted: number[] = [];
    const removed = new Set<number>();
    for (const op of ops) {
      if (op.kind === 'insert') {
        inserted.push(op.rowId);
        removed.delete(op.rowId);
        continue;
      }
      if (op.kind === 'remove') {
        const index = inserted.indexOf(op.rowId);
        if (index >= 0) inserted.splice(index, 1);
        const row = state.rows.get(op.rowId);
        if (row) {
          for (const index of state.indexes) index.remove(row);
          state.rows.delete(op.rowId);
          removed.add(op.rowId);
        }
        continue;
      }
      const row = state.rows.get(op.rowId);
      // A cell of a row inserted in this batch is read with that row below.
      if (!row) {
        if (inserted.includes(op.rowId)) continue;
        if (removed.has(op.rowId)) continue;
        return false;
      }
      const column = state.columnsByKey.get(op.columnKey);
      if (!column) return false;
      const value = this.cellValue(column, op.text);
      if (value === undefined) return false;
      for (const index of state.indexes) index.remove(row);
      if (value === null) delete row.cells[op.columnKey];
      else row.cells[op.columnKey] = value;
      for (const index of state.indexes) index.add(row);
      report.cellChanges++;
    }
    if (removed.size > 0) {
      state.order = state.order.filter((id) => !removed.has(id));
      state.orderChanged();
    }
    if (inserted.length > 0 && !this.appendTail(state, inserted)) return false;
    state.version = this.nextVersion++;
    return true;
  }

  /** New rows are appended when they are exactly the sheet's last rows; otherwise the sheet is re-read. */
  private appendTail(state: SheetState, inserted: number[]): boolean {
    const { rows } = this.store.listRows(state.info.id, state.order.length, inserted.length + 1);
    const wanted = new Set(inserted);
    if (rows.length !== inserted.length || !rows.every((row) => wanted.has(row.id))) return false;
    for (const row of rows) {
      state.rows.set(row.id, row);
      state.order.push(row.id);
      for (const index of state.indexes) index.add(row);
    }
    state.orderChanged();
    return true;
  }

  /**
   * A cell's API form from its text, parsed exactly as the store parses it (null for an empty
   * cell, undefined if the text does not parse, which the store would not have stored).
   */
  private cellValue(column: ColumnDef, text: string): CellValue | null | undefined {
    const parsed = parseCellInput(column, text, (name) => this.store.resolveDepartment(name)?.name ?? null);
    if (!parsed.ok) return undefined;
    if (parsed.cell.text === '') return null;
    return toCellValue(column, parsed.cell);
  }

  private load(info: SheetInfo): void {
    const state = new SheetState(info, this.store.columns(info.id), this.nextVersion++);
    for (let offset = 0; ; offset += LOAD_PAGE) {
      const { rows } = this.store.listRows(info.id, offset, LOAD_PAGE);
      for (const row of rows) {
        state.rows.set(row.id, row);
        state.order.push(row.id);
      }
      if (rows.length < LOAD_PAGE) break;
    }
    state.indexes = this.indexFactory(state);
    for (const row of state.inOrder()) for (const index of state.indexes) index.add(row);
    this.sheets.set(info.id, state);
  }
}

/** Columns mean the same to the checks, in the same order (width and visibility aside). */
function sameColumns(a: readonly ColumnDef[], b: readonly ColumnDef[]): boolean {
  if (a.length !== b.length) return false;
  const key = (column: ColumnDef) =>
    JSON.stringify([column.id, column.key, column.name, column.type, column.role, column.position, column.settings]);
  const left = new Set(a.map(key));
  return b.every((column) => left.has(key(column)));
}
