import type { SheetDetail, SheetInfo } from '../../../shared/contract/contract';
import type { ColumnDef, ColumnRole, ColumnType, SheetKind } from '../../../shared/model/columns';
import { ColumnSettings as ColumnSettingsSchema } from '../../../shared/model/columns';
import type { StoreCore } from './storeCore';
import { notFound } from './storeCore';

/** Reading sheets and their columns (what every other part of the store looks up). */

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

export function listSheets(core: StoreCore): SheetInfo[] {
  const rows = core
    .prepare(
      `SELECT s.id, s.name, s.kind, s.position, s.description,
              (SELECT COUNT(*) FROM rows r WHERE r.sheet_id = s.id) AS rowCount
         FROM sheets s ORDER BY s.position, s.id`,
    )
    .all() as (Omit<SheetInfo, 'kind'> & { kind: SheetKind })[];
  return rows;
}

export function getSheet(core: StoreCore, sheetId: number): SheetDetail {
  const sheet = core
    .prepare(
      `SELECT s.id, s.name, s.kind, s.position, s.description,
              (SELECT COUNT(*) FROM rows r WHERE r.sheet_id = s.id) AS rowCount
         FROM sheets s WHERE s.id = ?`,
    )
    .get(sheetId) as SheetInfo | undefined;
  if (!sheet) throw notFound('工作表', 'sheet', sheetId);
  return { ...sheet, columns: columns(core, sheetId) };
}

/** A sheet's name; fails with not_found unless the sheet exists (cheap: no row count, no columns). */
export function sheetName(core: StoreCore, sheetId: number): string {
  const row = core.prepare('SELECT name FROM sheets WHERE id = ?').get(sheetId) as { name: string } | undefined;
  if (!row) throw notFound('工作表', 'sheet', sheetId);
  return row.name;
}

export function columns(core: StoreCore, sheetId: number): ColumnDef[] {
  const rows = core
    .prepare('SELECT * FROM columns WHERE sheet_id = ? ORDER BY position, id')
    .all(sheetId) as ColumnRow[];
  return rows.map(toColumnDef);
}

export function column(core: StoreCore, sheetId: number, key: string): ColumnDef {
  const row = core.prepare('SELECT * FROM columns WHERE sheet_id = ? AND key = ?').get(sheetId, key) as
    ColumnRow | undefined;
  if (!row) throw notFound('列', 'column', key);
  return toColumnDef(row);
}

/** A sheet's row count. */
export function rowCount(core: StoreCore, sheetId: number): number {
  return (core.prepare('SELECT COUNT(*) AS n FROM rows WHERE sheet_id = ?').get(sheetId) as { n: number }).n;
}

/** The 1-based place of a row in its sheet, as a user would count it. */
export function rowNumber(core: StoreCore, sheetId: number, rowId: number): number {
  return (
    core
      .prepare(
        `SELECT COUNT(*) AS n FROM rows r, rows target
          WHERE target.id = ? AND r.sheet_id = ? AND (r.position, r.id) <= (target.position, target.id)`,
      )
      .get(rowId, sheetId) as { n: number }
  ).n;
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
