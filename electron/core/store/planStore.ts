import fs from 'node:fs';
import path from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { PlanbenchError } from '../../../shared/contract/errors';
import type {
  CategoryTotal,
  ColumnTotal,
  DeclaredCheck,
  Department,
  PlanMeta,
  RowData,
  SheetDetail,
  SheetInfo,
} from '../../../shared/contract/contract';
import type { LoggedAction } from '../../../shared/model/changes';
import type { CellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import { appendParsedRows } from './bulkRows';
import type { CellHistoryStep } from './cellHistory';
import { cellHistory, currentText } from './cellHistory';
import { updateCell, updateCells } from './cellEdits';
import { history, inAction, latestActionId } from './changeLog';
import type { CommentInit, CommentPlace, PlanComment } from './comments';
import { deleteComment, listComments, setComment } from './comments';
import type { PlanAccess } from './connection';
import { connect, connectReader, migrate, openPlanDatabase } from './connection';
import { addDepartments, listDepartments, resolveDepartment } from './departmentList';
import type { Backup } from '../../../shared/contract/calls/planFiles';
import type { BackupReason } from './planBackups';
import { backupFolder, copyPlan, keepDays, listBackups, makeBackup, restoreBackup, setKeepDays } from './planBackups';
import { DEFAULT_META, editMeta, getMeta, setMeta } from './planMeta';
import { childRowCount, listRows, rowsById } from './rowReads';
import { deleteRows, insertRows, moveRows } from './rowWrites';
import { PLAN_APPLICATION_ID } from './schema';
import {
  addDeclaredChecks,
  getSetting,
  listDeclaredChecks,
  setLoggedSetting,
  setSetting,
  setSheetSettingLogged,
} from './settings';
import type { RoundStore } from './rounds';
import { roundStore } from './rounds';
import { column, columns, getSheet, listSheets, rowCount, rowNumber, sheetName } from './sheetLookup';
import { addColumn, createSheet, renameSheet, setColumnLayout, updateColumn } from './sheetWrites';
import { StoreCore } from './storeCore';
import type { ReadOnlyReason } from './storeErrors';
import { mapStoreError } from './storeErrors';
import type { Claim, PlanHolderInfo } from './planHolder';
import { PlanHolder, readLock } from './planHolder';
import type {
  ActionOrigin,
  CellEdit,
  CellUpdateResult,
  ColumnInit,
  ColumnLayout,
  DeclaredCheckInit,
  DepartmentInit,
  ParsedRowBatch,
  RowInit,
  RowPlace,
  SheetInit,
  UndoCandidate,
  UndoOutcome,
} from './storeTypes';
import { allocationTotal, categoryTotals, totals } from './totals';
import type { ReplayOptions } from './undoRedo';
import { redo, undo, undoState } from './undoRedo';
import type { RestoreOutcome } from './versionRestore';
import { restoreSnapshot } from './versionRestore';
import { snapshotSince } from './versionSince';
import type { PlanSnapshot, VersionInfo } from './versionSnapshot';
import type { BlockedSnapshot } from './versionBlocks';
import { listVersions, readVersion, readVersionBlocks, saveVersion, takeSnapshot } from './versionSnapshot';

export type * from './storeTypes';
export type { CommentInit, CommentPlace, PlanComment } from './comments';

/**
 * One plan file. Every write is one transaction that also records its action in the change log,
 * so what a caller was told is saved is in the file, with its history, at once.
 *
 * This class is the face the rest of the program sees; the work is done by the store's parts,
 * one per concern, all sharing one StoreCore (connection, statement cache, open action):
 * planMeta, sheetLookup/sheetWrites (sheets and columns), rowReads/rowWrites/bulkRows (rows),
 * cellWrites/cellEdits (cells), departmentList, settings (saved choices, declared checks),
 * totals, changeLog (actions and typed changes), changeAppliers and undoRedo.
 */
export class PlanStore {
  readonly file: string;
  private readonly core: StoreCore;

  private readonly openedReadOnly: ReadOnlyReason | null;
  /** This process's claim to write the plan from this computer (planHolder.ts), when it has one. */
  private readonly holder: PlanHolder | null;
  /** Who holds the plan on another computer, when it opened read-only for that. */
  private readonly heldBy: PlanHolderInfo | null;
  private readonly dispose: (() => void) | undefined;

  private constructor(
    file: string,
    db: SqliteDatabase,
    readOnly: ReadOnlyReason | null = null,
    claim: { holder?: PlanHolder | null; heldBy?: PlanHolderInfo | null; dispose?: () => void } = {},
  ) {
    this.file = file;
    this.core = new StoreCore(db);
    this.openedReadOnly = readOnly;
    this.holder = claim.holder ?? null;
    this.heldBy = claim.heldBy ?? null;
    this.dispose = claim.dispose;
  }

  /**
   * Why the plan is open read-only (nothing can be written), or null when it is writable. A plan
   * opened for writing turns read-only when another computer took it over (planHolder.ts).
   */
  get readOnly(): ReadOnlyReason | null {
    if (this.openedReadOnly) return this.openedReadOnly;
    return this.holder?.lost() !== undefined ? 'lost' : null;
  }

  /** Who holds the plan on another computer, when that is why it is read-only here. */
  get holderElsewhere(): PlanHolderInfo | null {
    return this.heldBy ?? this.holder?.lost() ?? null;
  }

  /** Create a new, empty plan. Refuses to overwrite an existing file. */
  static create(file: string, meta: Partial<PlanMeta> = {}): PlanStore {
    const absolute = path.resolve(file);
    if (fs.existsSync(absolute)) {
      throw PlanbenchError.of(
        'file_exists',
        '文件已存在，不会覆盖',
        'the file already exists and will not be overwritten',
        {
          file: absolute,
        },
      );
    }
    let db: SqliteDatabase | null = null;
    let holder: PlanHolder | null = null;
    try {
      db = connect(absolute);
      db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
      migrate(db, absolute);
      // A new file: nobody else has it, so the claim is this computer's (or no lock can be written).
      const claim = PlanHolder.claim(absolute);
      holder = 'holder' in claim ? claim.holder : null;
      const store = new PlanStore(absolute, db, null, { holder });
      store.setMeta({ ...DEFAULT_META, ...meta });
      return store;
    } catch (error) {
      // Whatever failed (a full disk while the file was being set up), no part of a plan stays.
      if (db?.open) db.close();
      holder?.release();
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
    let claim: Claim | null = null;
    let heldBy: PlanHolderInfo | null = null;
    const access: PlanAccess = {
      claim() {
        const made = PlanHolder.claim(absolute);
        claim = made;
        if ('holder' in made) return null;
        if ('elsewhere' in made) heldBy = made.elsewhere;
        return 'elsewhere' in made ? 'elsewhere' : 'lock';
      },
      heldElsewhere() {
        const state = readLock(absolute);
        if (state.kind !== 'elsewhere') return false;
        heldBy = state.holder;
        return true;
      },
    };
    const holderOf = (made: Claim | null) => (made && 'holder' in made ? made.holder : null);
    try {
      const opened = openPlanDatabase(absolute, access);
      return new PlanStore(absolute, opened.db, opened.readOnly, {
        holder: holderOf(claim),
        heldBy,
        ...(opened.dispose ? { dispose: opened.dispose } : {}),
      });
    } catch (error) {
      holderOf(claim)?.release();
      throw error;
    }
  }

  /**
   * A second, read-only connection to a plan another connection has open for writing (the read
   * thread's, api/readThread.ts): it never migrates or writes, and sees each commit as it lands.
   */
  static openReader(file: string): PlanStore {
    const absolute = path.resolve(file);
    return new PlanStore(absolute, connectReader(absolute), 'reader');
  }

  /** The file this store's connection reads: the plan, or the private copy of one another computer holds. */
  get connectionFile(): string {
    return this.core.db.name;
  }

  get fileName(): string {
    return path.basename(this.file);
  }

  get schemaVersion(): number {
    return this.core.db.pragma('user_version', { simple: true }) as number;
  }

  /** Close the plan; the WAL is checkpointed into the one file, so a copy of it is complete. */
  close(): void {
    const db = this.core.db;
    if (!db.open) return;
    try {
      if (!this.readOnly) db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A full disk can stop the checkpoint; every committed change is still in the -wal,
      // which the next open folds in, so closing loses nothing.
    } finally {
      db.close();
      // Best effort, each: a lock or a private copy left behind is swept by the next opener.
      this.holder?.release();
      try {
        this.dispose?.();
      } catch {
        // (planSnapshot.ts sweeps private copies whose process has ended)
      }
    }
  }

  /**
   * How many rows this connection has written since it opened (SQLite's total_changes): a call
   * that finds it unchanged after failing wrote nothing, and may safely be tried again.
   */
  writesByThisConnection(): number {
    return this.core.prepare('SELECT total_changes()').pluck().get() as number;
  }

  /**
   * SQLite's data_version: it moves when another connection (another program, or a thread with
   * a connection of its own) commits to the plan, and not for this connection's own writes.
   */
  dataVersion(): number {
    return this.core.db.pragma('data_version', { simple: true }) as number;
  }

  /**
   * Let this connection wait up to `ms` for another program's write (a thread of its own may
   * block that long; the app's and the server's threads wait in writeWait.ts instead).
   */
  waitForOtherWriters(ms: number): void {
    this.core.db.pragma(`busy_timeout = ${Math.round(ms)}`);
  }

  /** Run `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    return this.core.transaction(work);
  }

  /** Run `work` reading the plan as of one commit (a read transaction; see StoreCore.reading). */
  reading<T>(work: () => T): T {
    return this.core.reading(work);
  }

  // ---- metadata (planMeta.ts) ----------------------------------------------------------------

  getMeta(): PlanMeta {
    return getMeta(this.core);
  }

  setMeta(meta: Partial<PlanMeta>): void {
    setMeta(this.core, meta);
  }

  /** Edit the metadata as one undoable action (planMeta.ts); null when nothing differed. */
  editMeta(patch: Partial<PlanMeta>, origin: ActionOrigin): number | null {
    return editMeta(this.core, patch, origin);
  }

  // ---- sheets and columns (sheetLookup.ts, sheetWrites.ts) -----------------------------------

  listSheets(): SheetInfo[] {
    return listSheets(this.core);
  }

  getSheet(sheetId: number): SheetDetail {
    return getSheet(this.core, sheetId);
  }

  /** Fails with not_found unless the sheet exists (cheap: no row count, no columns). */
  assertSheet(sheetId: number): void {
    sheetName(this.core, sheetId);
  }

  columns(sheetId: number): ColumnDef[] {
    return columns(this.core, sheetId);
  }

  /** Add a sheet with its columns; logged (with its ids) when inside an action. */
  createSheet(init: SheetInit): number {
    return createSheet(this.core, init);
  }

  /** Rename a sheet (logged, undoable). Sheet names are unique in a plan. */
  renameSheet(sheetId: number, name: string, origin: ActionOrigin): void {
    renameSheet(this.core, sheetId, name, origin);
  }

  /** Add a column at the end of a sheet (logged, undoable). */
  addColumn(sheetId: number, init: ColumnInit, origin: ActionOrigin): ColumnDef {
    return addColumn(this.core, sheetId, init, origin);
  }

  /** Rename a column or change its type, role or settings (logged, undoable; cells re-read). */
  updateColumn(
    sheetId: number,
    key: string,
    patch: Partial<Pick<ColumnDef, 'name' | 'type' | 'role' | 'settings'>>,
    origin: ActionOrigin,
  ): ColumnDef {
    return updateColumn(this.core, sheetId, key, patch, origin);
  }

  /** Widths, visibility and order of columns: layout, saved with the plan but not logged. */
  setColumnLayout(sheetId: number, layout: readonly ColumnLayout[]): void {
    setColumnLayout(this.core, sheetId, layout);
  }

  // ---- rows (rowReads.ts, rowWrites.ts, bulkRows.ts) -----------------------------------------

  rowCount(sheetId: number): number {
    return rowCount(this.core, sheetId);
  }

  /** A window of rows in sheet order, with every cell in its API form. */
  listRows(sheetId: number, offset: number, limit: number): { total: number; rows: RowData[] } {
    return listRows(this.core, sheetId, offset, limit);
  }

  /** Every row of a sheet, in sheet order. */
  allRows(sheetId: number): RowData[] {
    return listRows(this.core, sheetId, 0, Math.max(1, rowCount(this.core, sheetId))).rows;
  }

  /** Given rows of a sheet, in sheet order. */
  rowsById(sheetId: number, rowIds: readonly number[]): RowData[] {
    return rowsById(this.core, sheetId, rowIds);
  }

  /** A row's number in its sheet as the user counts it (1-based), for messages. */
  rowNumber(sheetId: number, rowId: number): number {
    return rowNumber(this.core, sheetId, rowId);
  }

  childRowCount(sheetId: number): number {
    return childRowCount(this.core, sheetId);
  }

  /** Add rows as one action, at the end or before/after a row; one unreadable cell refuses all. */
  insertRows(
    sheetId: number,
    rows: RowInit[],
    origin: ActionOrigin,
    place: RowPlace = { at: 'end' },
  ): { actionId: number; rowIds: number[] } {
    return insertRows(this.core, sheetId, rows, origin, place);
  }

  /** The bulk path of imports: already-parsed rows appended to a sheet, one log record per batch. */
  appendParsedRows(
    sheetId: number,
    columnKeys: readonly string[],
    batch: ParsedRowBatch,
    origin: ActionOrigin,
  ): { actionId: number; firstRowId: number } {
    return appendParsedRows(this.core, sheetId, columnKeys, batch, origin);
  }

  /** Delete rows (with their sub-rows) as one action; undo restores them with their ids. */
  deleteRows(sheetId: number, rowIds: readonly number[], origin: ActionOrigin): { actionId: number; deleted: number } {
    return deleteRows(this.core, sheetId, rowIds, origin);
  }

  /** Move rows (kept in their current order) before another row, or to the end, as one action. */
  moveRows(
    sheetId: number,
    rowIds: readonly number[],
    beforeRowId: number | null,
    origin: ActionOrigin,
  ): { actionId: number } {
    return moveRows(this.core, sheetId, rowIds, beforeRowId, origin);
  }

  // ---- cells (cellEdits.ts) ------------------------------------------------------------------

  /** Set one cell from text, with its change-log action, in one transaction. */
  updateCell(
    sheetId: number,
    rowId: number,
    columnKey: string,
    text: string,
    origin: ActionOrigin,
  ): { actionId: number | null; cell: CellValue } {
    return updateCell(this.core, sheetId, rowId, columnKey, text, origin);
  }

  /** Set many cells of one sheet from text as one action ('abort': all or nothing; 'skip': report). */
  updateCells(
    sheetId: number,
    edits: readonly CellEdit[],
    origin: ActionOrigin,
    onInvalid: 'abort' | 'skip',
  ): CellUpdateResult {
    return updateCells(this.core, sheetId, edits, origin, onInvalid);
  }

  // ---- comments (comments.ts) ---------------------------------------------------------------

  /** Every comment (批注) of a sheet, on cells and on whole rows, in sheet order. */
  listComments(sheetId: number): PlanComment[] {
    return listComments(this.core, sheetId);
  }

  /** Add or change a comment as one undoable action (the same text again: nothing, actionId null). */
  setComment(
    sheetId: number,
    place: CommentPlace,
    init: CommentInit,
    origin: ActionOrigin,
  ): { actionId: number | null; comment: PlanComment } {
    return setComment(this.core, sheetId, place, init, origin);
  }

  /** Delete a comment as one undoable action. */
  deleteComment(sheetId: number, place: CommentPlace, origin: ActionOrigin): { actionId: number } {
    return deleteComment(this.core, sheetId, place, origin);
  }

  // ---- totals (totals.ts) --------------------------------------------------------------------

  /** Exact totals of every money and number column, with how many rows have a value. */
  totals(sheetId: number): ColumnTotal[] {
    return totals(this.core, sheetId);
  }

  /** Per value of the category-role column: items and the total of the first money column. */
  categoryTotals(sheetId: number): CategoryTotal[] {
    return categoryTotals(this.core, sheetId);
  }

  /** The sum of every count cell of an allocation matrix (the columns with role `count`). */
  allocationTotal(sheetId: number): string {
    return allocationTotal(this.core, sheetId);
  }

  // ---- departments (departmentList.ts) -------------------------------------------------------

  addDepartments(departments: DepartmentInit[]): void {
    addDepartments(this.core, departments);
  }

  listDepartments(): Department[] {
    return listDepartments(this.core);
  }

  /** A unit by its canonical name or any alias. */
  resolveDepartment(name: string): { id: number; name: string } | null {
    return resolveDepartment(this.core, name);
  }

  // ---- copies and backups (planBackups.ts) ----------------------------------------------------

  /** A consistent copy of the plan at `destination` (另存为); its size in bytes. */
  copyTo(destination: string): number {
    return copyPlan(this.core, destination);
  }

  /** Back the plan up into the folder beside it before an import, a collect or a restore. */
  makeBackup(reason: BackupReason): Backup {
    return makeBackup(this.core, this.file, reason);
  }

  listBackups(): { folder: string; keepDays: number; backups: Backup[] } {
    return { folder: backupFolder(this.file), keepDays: keepDays(this.core), backups: listBackups(this.file) };
  }

  setBackupKeepDays(days: number): void {
    setKeepDays(this.core, days);
  }

  restoreBackup(name: string): Promise<{ restored: Backup; saved: Backup }> {
    return restoreBackup(this.core, this.file, name);
  }

  // ---- saved settings and declared checks (settings.ts) --------------------------------------

  /** A saved choice (e.g. an import mapping for a layout, a sheet's print setup), or undefined. */
  getSetting<T>(scope: string, key: string): T | undefined {
    return getSetting<T>(this.core, scope, key);
  }

  setSetting(scope: string, key: string, value: unknown): void {
    setSetting(this.core, scope, key, value);
  }

  /** A setting the sheet's figures follow, logged (undoable, in history, sent to other windows). */
  setSheetSetting(sheetId: number, key: string, value: unknown, origin: ActionOrigin): void {
    setSheetSettingLogged(this.core, sheetId, key, value, origin);
  }

  /** A setting the user chose, as one undoable action in the change log. */
  setLoggedSetting(scope: string, key: string, value: unknown, origin: ActionOrigin): void {
    setLoggedSetting(this.core, scope, key, value, origin);
  }

  addDeclaredChecks(checks: DeclaredCheckInit[]): void {
    addDeclaredChecks(this.core, checks);
  }

  listDeclaredChecks(): DeclaredCheck[] {
    return listDeclaredChecks(this.core);
  }

  // ---- reporting rounds and their figures (rounds.ts) ------------------------------------------

  /** The reporting rounds' records, read and written through rounds.ts. */
  get rounds(): RoundStore {
    return roundStore(this.core);
  }

  // ---- change log, undo and redo (changeLog.ts, undoRedo.ts) ---------------------------------

  /**
   * Run several changes as one action (e.g. a paste that also adds rows): every change made by
   * `work` joins the same log entry, and all of it commits or none of it does.
   */
  inAction<T>(origin: ActionOrigin, work: () => T): { value: T; actionId: number | null } {
    return inAction(this.core, origin, work);
  }

  /** What Ctrl+Z and Ctrl+Y would do now, for menus and buttons. */
  undoState(): { undo: UndoCandidate | null; redo: UndoCandidate | null } {
    return undoState(this.core);
  }

  undo(options: ReplayOptions = {}): UndoOutcome | null {
    return undo(this.core, options);
  }

  redo(options: ReplayOptions = {}): UndoOutcome | null {
    return redo(this.core, options);
  }

  /** The id of the newest action in the log (0 when there is none): cheap, for watchers. */
  latestActionId(): number {
    return latestActionId(this.core);
  }

  /** The change log, newest first, each action with its typed changes. */
  history(limit: number, beforeId?: number): LoggedAction[] {
    return history(this.core, limit, beforeId);
  }

  // ---- cell history and versions (cellHistory.ts, versionSnapshot.ts, versionRestore.ts) ------

  /** One cell's text now and every step of its history from the change log, oldest first. */
  cellHistory(sheetId: number, rowId: number, columnKey: string): { current: string; steps: CellHistoryStep[] } {
    const columnId = column(this.core, sheetId, columnKey).id;
    return {
      current: currentText(this.core, sheetId, rowId, columnId),
      steps: cellHistory(this.core, sheetId, rowId, columnId, columnKey),
    };
  }

  /** The plan's content now, as a version keeps it. */
  snapshot(): PlanSnapshot {
    return takeSnapshot(this.core);
  }

  /**
   * The plan now, from a version's snapshot and the change log since (versionSince.ts): reads
   * again only what changed, so comparing a version with now costs what changed.
   */
  snapshotSince(base: BlockedSnapshot, baseActionId: number): BlockedSnapshot {
    return snapshotSince(this.core, base, baseActionId);
  }

  /** Save the plan as it is now under a unique name (not an action: no figure changes). */
  saveVersion(name: string, note: string): VersionInfo {
    return saveVersion(this.core, name, note);
  }

  listVersions(): VersionInfo[] {
    return listVersions(this.core);
  }

  /** A version by name or id, with its snapshot; not_found names the versions there are. */
  readVersion(nameOrId: string | number): { info: VersionInfo; snapshot: PlanSnapshot } {
    return readVersion(this.core, nameOrId);
  }

  /** A version by name or id, its rows read only when asked for (versionBlocks.ts). */
  readVersionBlocks(nameOrId: string | number): { info: VersionInfo; snapshot: BlockedSnapshot } {
    return readVersionBlocks(this.core, nameOrId);
  }

  /** Bring the plan back to a snapshot as one undoable action. */
  restoreSnapshot(snapshot: PlanSnapshot, origin: ActionOrigin): RestoreOutcome {
    return restoreSnapshot(this.core, snapshot, origin);
  }

  /** The actions with ids in (afterId, throughId], oldest first. */
  actionsBetween(afterId: number, throughId: number): LoggedAction[] {
    if (throughId <= afterId) return [];
    return history(this.core, throughId - afterId, throughId + 1)
      .filter((action) => action.id > afterId)
      .reverse();
  }
}
