import type { RowData } from '../../../shared/contract/contract';
import type { StoredCell } from '../../../shared/values/cells';
import { toCellValue } from '../../../shared/values/cells';
import { isDepartmentType } from '../../../shared/model/columns';
import { columns as sheetColumns, rowCount } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { notFound } from './storeCore';

/** Reading rows in sheet order, each cell in its API form. */

/** A window of rows in sheet order, with every cell in its API form. */
export function listRows(
  core: StoreCore,
  sheetId: number,
  offset: number,
  limit: number,
): { total: number; rows: RowData[] } {
  const columns = new Map(sheetColumns(core, sheetId).map((column) => [column.id, column]));
  // The window is found once; its cells and department links are then fetched by row id,
  // so a page deep in a large sheet does not walk the skipped rows three times.
  const window = core
    .prepare('SELECT id, parent_id FROM rows WHERE sheet_id = ? ORDER BY position, id LIMIT ? OFFSET ?')
    .all(sheetId, limit, offset) as { id: number; parent_id: number | null }[];
  const rows = new Map<number, RowData>();
  for (const row of window) rows.set(row.id, { id: row.id, parentId: row.parent_id, cells: {} });
  if (window.length > 0) {
    const ids = JSON.stringify(window.map((row) => row.id));
    const cells = core
      .prepare('SELECT row_id, column_id, text, num FROM cells WHERE row_id IN (SELECT value FROM json_each(?))')
      .safeIntegers(true)
      .all(ids) as { row_id: bigint; column_id: bigint; text: string; num: bigint | number | null }[];
    const departments = cellDepartments(core, ids);
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
  return { total: rowCount(core, sheetId), rows: [...rows.values()] };
}

/** Given rows of a sheet, in sheet order. */
export function rowsById(core: StoreCore, sheetId: number, rowIds: readonly number[]): RowData[] {
  const wanted = new Set(rowIds);
  const { rows } = listRows(core, sheetId, 0, rowCount(core, sheetId));
  const found = rows.filter((row) => wanted.has(row.id));
  if (found.length !== wanted.size) {
    const missing = rowIds.find((id) => !found.some((row) => row.id === id));
    throw notFound('行', 'row', missing ?? 0);
  }
  return found;
}

export function childRowCount(core: StoreCore, sheetId: number): number {
  return (
    core.prepare('SELECT COUNT(*) AS n FROM rows WHERE sheet_id = ? AND parent_id IS NOT NULL').get(sheetId) as {
      n: number;
    }
  ).n;
}

/** The units each department cell of the given rows (a JSON array of ids) refers to, in order. */
function cellDepartments(core: StoreCore, rowIdsJson: string): Map<string, string[]> {
  const links = core
    .prepare(
      `SELECT cd.row_id, cd.column_id, d.name
         FROM cell_departments cd JOIN departments d ON d.id = cd.department_id
        WHERE cd.row_id IN (SELECT value FROM json_each(?))
        ORDER BY cd.row_id, cd.column_id, cd.ordinal`,
    )
    .all(rowIdsJson) as { row_id: number; column_id: number; name: string }[];
  const byCell = new Map<string, string[]>();
  for (const link of links) {
    const key = `${link.row_id}:${link.column_id}`;
    const names = byCell.get(key) ?? [];
    names.push(link.name);
    byCell.set(key, names);
  }
  return byCell;
}
