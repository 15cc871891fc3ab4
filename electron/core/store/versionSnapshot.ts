import { PlanbenchError } from '../../../shared/contract/errors';
import type { SheetKind } from '../../../shared/model/columns';
import type { PlanSnapshot, SnapshotColumn, SnapshotRow, SnapshotSheet } from './versionShape';
import { latestActionId } from './changeLog';
import type { BlockedSnapshot } from './versionBlocks';
import { decodeBlocked, encodeBlocked, expandSnapshot } from './versionBlocks';
import { columns as sheetColumns, listSheets } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { categoryTotals, totals } from './totals';

/**
 * Named versions (初稿, 征求意见稿, 送审稿…): the plan's content as it stood, kept in the plan.
 *
 * A version is a snapshot — every sheet's columns, rows (id, parent, place) and cell texts, with
 * money as exact 分 and the totals by category as they were — stored in one row of `versions` as
 * deflated JSON in blocks of rows with fingerprints (versionBlocks.ts). Rebuilding a past state from the change log instead would cost no space, but it
 * depends on every write ever made being logged and replayable (column layout and department
 * lists are not in the log, plans from older versions may have gaps) and it costs time
 * proportional to the log; a version is saved a few times in a plan's life, so its space
 * (measured: about a tenth of the plan's own size, see the README) buys a comparison and a
 * restore that read one row and can never drift. Rows keep their ids across undo, redo and
 * restores, so two snapshots are compared row by row.
 */

// The shape of a snapshot is in versionShape.ts, which the block encoding (versionBlocks.ts) reads too.
export type { PlanSnapshot, SnapshotCell, SnapshotColumn, SnapshotRow, SnapshotSheet } from './versionShape';

export interface VersionInfo {
  id: number;
  name: string;
  note: string;
  at: string;
  actionId: number;
  /** The stored snapshot's size in bytes (compressed). */
  bytes: number;
}

/** The plan's content now, in the form a version keeps. */
export function takeSnapshot(core: StoreCore): PlanSnapshot {
  return { sheets: listSheets(core).map((sheet) => sheetSnapshot(core, sheet.id, sheet.name, sheet.kind)) };
}

export function sheetSnapshot(core: StoreCore, sheetId: number, name: string, kind: SheetKind): SnapshotSheet {
  const columns = snapshotColumns(core, sheetId);
  return {
    id: sheetId,
    name,
    kind,
    columns,
    rows: snapshotRows(core, sheetId, columns),
    categories: categoryTotals(core, sheetId),
    totals: totals(core, sheetId),
  };
}

export function snapshotColumns(core: StoreCore, sheetId: number): SnapshotColumn[] {
  return sheetColumns(core, sheetId).map((column) => ({
    id: column.id,
    key: column.key,
    name: column.name,
    type: column.type,
    role: column.role ?? null,
    moneyUnit: column.type === 'money' ? (column.settings.moneyUnit ?? '万元') : null,
  }));
}

/** A sheet's rows in sheet order — all of them, or only those of `rowIds` that exist — as a version keeps them. */
export function snapshotRows(
  core: StoreCore,
  sheetId: number,
  columns: readonly SnapshotColumn[],
  rowIds?: readonly number[],
): SnapshotRow[] {
  const slot = new Map(columns.map((column, index) => [column.id, index]));
  const money = new Set(columns.filter((column) => column.type === 'money').map((column) => column.id));
  const rows = new Map<number, SnapshotRow>();
  // Raw arrays, not objects: a 100,000-row sheet has a million cells to read.
  const only = rowIds === undefined ? null : JSON.stringify(rowIds);
  const rowRecords = (
    only === null
      ? core
          .prepare('SELECT id, parent_id, position FROM rows WHERE sheet_id = ? ORDER BY position, id')
          .raw(true)
          .all(sheetId)
      : core
          .prepare(
            `SELECT r.id, r.parent_id, r.position FROM json_each(?) j CROSS JOIN rows r ON r.id = j.value
              WHERE r.sheet_id = ? ORDER BY r.position, r.id`,
          )
          .raw(true)
          .all(only, sheetId)
  ) as [number, number | null, number][];
  for (const [id, parentId, position] of rowRecords) {
    rows.set(id, [id, parentId, position, ...columns.map(() => null)]);
  }
  // Only the cells of the rows asked for: reading the whole sheet's cells to keep a few cost a
  // second at 100,000 rows, and comparing a version with now asks for the rows touched since.
  const cells = (
    only === null
      ? core
          .prepare(
            'SELECT c.row_id, c.column_id, c.text, c.num FROM rows r JOIN cells c ON c.row_id = r.id WHERE r.sheet_id = ?',
          )
          .raw(true)
          .safeIntegers(true)
          .all(sheetId)
      : core
          .prepare('SELECT c.row_id, c.column_id, c.text, c.num FROM json_each(?) j JOIN cells c ON c.row_id = j.value')
          .raw(true)
          .safeIntegers(true)
          .all(only)
  ) as [bigint, bigint, string, bigint | number | null][];
  for (const [rowId, columnId, text, num] of cells) {
    const row = rows.get(Number(rowId));
    const index = slot.get(Number(columnId));
    if (!row || index === undefined) continue;
    row[3 + index] = money.has(Number(columnId)) && typeof num === 'bigint' ? [text, num.toString()] : text;
  }
  return [...rows.values()];
}

interface VersionRecord {
  id: number;
  name: string;
  note: string;
  at: string;
  action_id: number;
  bytes: number;
}

const VERSION_COLUMNS = 'id, name, note, at, action_id, length(snapshot) AS bytes';

function toInfo(record: VersionRecord): VersionInfo {
  return {
    id: record.id,
    name: record.name,
    note: record.note,
    at: record.at,
    actionId: record.action_id,
    bytes: record.bytes,
  };
}

/** Save the plan as it is now under a name (unique in the plan). Not an action: it changes no figure. */
export function saveVersion(core: StoreCore, name: string, note: string): VersionInfo {
  return core.transaction(() => {
    if (core.prepare('SELECT 1 FROM versions WHERE name = ?').get(name)) {
      throw PlanbenchError.of(
        'invalid_input',
        `已有名为“${name}”的版本，请换一个名称`,
        `a version named "${name}" already exists; choose another name`,
      );
    }
    const id = Number(
      core
        .prepare('INSERT INTO versions (name, note, at, action_id, snapshot) VALUES (?, ?, ?, ?, ?)')
        .run(name, note, new Date().toISOString(), latestActionId(core), encodeBlocked(takeSnapshot(core)))
        .lastInsertRowid,
    );
    return toInfo(core.prepare(`SELECT ${VERSION_COLUMNS} FROM versions WHERE id = ?`).get(id) as VersionRecord);
  });
}

/** Every saved version, oldest first. */
export function listVersions(core: StoreCore): VersionInfo[] {
  return (core.prepare(`SELECT ${VERSION_COLUMNS} FROM versions ORDER BY id`).all() as VersionRecord[]).map(toInfo);
}

/** A version by its name (or its id written as a number), its rows read only when asked for. */
export function readVersionBlocks(
  core: StoreCore,
  nameOrId: string | number,
): { info: VersionInfo; snapshot: BlockedSnapshot } {
  const record = core
    .prepare(
      `SELECT ${VERSION_COLUMNS}, snapshot FROM versions WHERE name = ? OR id = ? ORDER BY name = ? DESC LIMIT 1`,
    )
    .get(String(nameOrId), typeof nameOrId === 'number' ? nameOrId : -1, String(nameOrId)) as
    (VersionRecord & { snapshot: Buffer }) | undefined;
  if (!record) {
    const names = listVersions(core).map((version) => version.name);
    throw PlanbenchError.of(
      'not_found',
      `没有名为“${nameOrId}”的版本（现有：${names.length > 0 ? names.join('、') : '无'}）`,
      `no version named "${nameOrId}" (there are: ${names.length > 0 ? names.join(', ') : 'none'})`,
    );
  }
  return { info: toInfo(record), snapshot: decodeBlocked(record.snapshot) };
}

/** A version by its name (or its id written as a number), with its whole snapshot. */
export function readVersion(core: StoreCore, nameOrId: string | number): { info: VersionInfo; snapshot: PlanSnapshot } {
  const { info, snapshot } = readVersionBlocks(core, nameOrId);
  return { info, snapshot: expandSnapshot(snapshot) };
}
