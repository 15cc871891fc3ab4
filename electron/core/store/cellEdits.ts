import { PlanbenchError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/values/cells';
import { toCellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import { isDepartmentType } from '../../../shared/model/columns';
import { beginAction, logChange } from './changeLog';
import { writeCell } from './cellWrites';
import { columns as sheetColumns, rowNumber, sheetName } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { notFound } from './storeCore';
import type { ActionOrigin, CellEdit, CellUpdateResult, RejectedCell } from './storeTypes';

/** Setting cells from text as one logged action: typed edits, pastes, fills, updates, returns. */

/** Set one cell from text, with its change-log action, in one transaction. */
export function updateCell(
  core: StoreCore,
  sheetId: number,
  rowId: number,
  columnKey: string,
  text: string,
  origin: ActionOrigin,
): { actionId: number | null; cell: CellValue } {
  const result = updateCells(core, sheetId, [{ rowId, columnKey, text }], origin, 'abort');
  return { actionId: result.actionId, cell: result.applied[0]!.cell };
}

/**
 * Set many cells of one sheet from text as one action (a paste, a fill, an import update, a
 * department's return), in one transaction. Each text is parsed by its column's type. With
 * 'abort', one unreadable cell refuses the whole batch and nothing is written; with 'skip',
 * unreadable cells are left as they were and reported, and the rest is applied. Cells whose
 * text does not change are not logged; a batch that changes nothing records no action.
 */
export function updateCells(
  core: StoreCore,
  sheetId: number,
  edits: readonly CellEdit[],
  origin: ActionOrigin,
  onInvalid: 'abort' | 'skip',
): CellUpdateResult {
  const sheet = sheetName(core, sheetId);
  const columns = new Map(sheetColumns(core, sheetId).map((column) => [column.key, column]));
  for (const edit of edits) if (!columns.has(edit.columnKey)) throw notFound('列', 'column', edit.columnKey);
  return core.transaction(() => {
    // What the edited cells held, read for the whole batch at once rather than cell by cell.
    const { rowIds, cells } = cellsBefore(core, sheetId, edits, columns);
    const applied: CellUpdateResult['applied'] = [];
    const rejected: RejectedCell[] = [];
    let actionId: number | null = null;
    for (const edit of edits) {
      const column = columns.get(edit.columnKey)!;
      if (!rowIds.has(edit.rowId)) throw notFound('行', 'row', edit.rowId);
      const cellKey = `${edit.rowId}:${column.id}`;
      const before = cells.get(cellKey) ?? null;
      const where = () => ({ sheet, row: rowNumber(core, sheetId, edit.rowId) });
      let after: CellValue;
      try {
        after = writeCell(core, edit.rowId, column, edit.text, where);
      } catch (error) {
        if (onInvalid === 'abort' || !(error instanceof PlanbenchError) || error.body.code !== 'invalid_value')
          throw error;
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
      actionId ??= beginAction(core, origin);
      logChange(core, actionId, {
        kind: 'cell',
        sheetId,
        rowId: edit.rowId,
        columnId: column.id,
        columnKey: column.key,
        before,
        after,
      });
    }
    return { actionId, applied, rejected };
  });
}

/**
 * For a batch of edits: which of its rows belong to the sheet, and what each edited cell holds
 * now (by "rowId:columnId"; absent when empty) — three queries for the batch, however large.
 */
function cellsBefore(
  core: StoreCore,
  sheetId: number,
  edits: readonly CellEdit[],
  columns: ReadonlyMap<string, ColumnDef>,
): { rowIds: Set<number>; cells: Map<string, CellValue | null> } {
  const rowIdsJson = JSON.stringify([...new Set(edits.map((edit) => edit.rowId))]);
  const edited = [...new Set(edits.map((edit) => edit.columnKey))].map((key) => columns.get(key)!);
  const byId = new Map(edited.map((column) => [column.id, column]));
  const rowIds = new Set(
    // CROSS JOIN keeps SQLite on the listed ids: left to itself it may walk the sheet's index.
    core
      .prepare('SELECT r.id FROM json_each(?) j CROSS JOIN rows r ON r.id = j.value WHERE r.sheet_id = ?')
      .pluck()
      .all(rowIdsJson, sheetId) as number[],
  );
  const departments = new Map<string, string[]>();
  const departmentColumns = edited.filter((column) => isDepartmentType(column.type)).map((column) => column.id);
  if (departmentColumns.length > 0) {
    const links = core
      .prepare(
        `SELECT cd.row_id, cd.column_id, d.name
           FROM json_each(?) j CROSS JOIN cell_departments cd ON cd.row_id = j.value JOIN departments d ON d.id = cd.department_id
          WHERE cd.column_id IN (SELECT value FROM json_each(?))
          ORDER BY cd.row_id, cd.column_id, cd.ordinal`,
      )
      .all(rowIdsJson, JSON.stringify(departmentColumns)) as { row_id: number; column_id: number; name: string }[];
    for (const link of links) {
      const key = `${link.row_id}:${link.column_id}`;
      departments.set(key, [...(departments.get(key) ?? []), link.name]);
    }
  }
  const rows = core
    .prepare(
      `SELECT c.row_id, c.column_id, c.text, c.num FROM json_each(?) j CROSS JOIN cells c ON c.row_id = j.value
        WHERE c.column_id IN (SELECT value FROM json_each(?))`,
    )
    .safeIntegers(true)
    .all(rowIdsJson, JSON.stringify([...byId.keys()])) as {
    row_id: bigint;
    column_id: bigint;
    text: string;
    num: bigint | number | null;
  }[];
  const cells = new Map<string, CellValue | null>();
  for (const row of rows) {
    const column = byId.get(Number(row.column_id))!;
    const key = `${row.row_id}:${row.column_id}`;
    const links = isDepartmentType(column.type) ? (departments.get(key) ?? []) : null;
    cells.set(key, toCellValue(column, { text: row.text, num: row.num, departments: links }));
  }
  return { rowIds, cells };
}
