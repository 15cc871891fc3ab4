import type { ErrorWhere } from '../../../shared/contract/errors';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { CellValue, StoredCell } from '../../../shared/values/cells';
import { parseCellInput, toCellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import { isDepartmentType } from '../../../shared/model/columns';
import { resolveDepartment } from './departmentList';
import type { StoreCore } from './storeCore';

/** Reading a cell's text by its column's type and storing it (no logging: callers log). */

export function parseCell(core: StoreCore, column: ColumnDef, text: string, where: () => ErrorWhere): StoredCell {
  const parsed = parseCellInput(column, text, (name) => resolveDepartment(core, name)?.name ?? null);
  if (!parsed.ok) {
    throw PlanbenchError.of('invalid_value', parsed.reasonZh, parsed.reasonEn, { ...where(), column: column.name });
  }
  return parsed.cell;
}

/** Parse and store one cell (inside the caller's transaction); an empty text clears it. */
export function writeCell(
  core: StoreCore,
  rowId: number,
  column: ColumnDef,
  text: string,
  where: () => ErrorWhere,
): CellValue {
  const cell = parseCell(core, column, text, where);
  if (cell.text === '') {
    core.prepare('DELETE FROM cells WHERE row_id = ? AND column_id = ?').run(rowId, column.id);
    return { text: '', value: isDepartmentType(column.type) ? [] : null };
  }
  core
    .prepare(
      `INSERT INTO cells (row_id, column_id, text, num) VALUES (?, ?, ?, ?)
       ON CONFLICT(row_id, column_id) DO UPDATE SET text = excluded.text, num = excluded.num`,
    )
    .run(rowId, column.id, cell.text, cell.num);
  if (isDepartmentType(column.type)) {
    core.prepare('DELETE FROM cell_departments WHERE row_id = ? AND column_id = ?').run(rowId, column.id);
    linkDepartments(core, rowId, column, cell);
  }
  return toCellValue(column, cell);
}

/**
 * A cell of a row this very transaction created: nothing to replace or unlink, so a plain
 * INSERT — the bulk path of imports. Returns the text kept.
 */
export function writeFreshCell(
  core: StoreCore,
  rowId: number,
  column: ColumnDef,
  text: string,
  where: () => ErrorWhere,
): string {
  const cell = parseCell(core, column, text, where);
  if (cell.text === '') return '';
  core
    .prepare('INSERT INTO cells (row_id, column_id, text, num) VALUES (?, ?, ?, ?)')
    .run(rowId, column.id, cell.text, cell.num);
  if (isDepartmentType(column.type)) linkDepartments(core, rowId, column, cell);
  return cell.text;
}

function linkDepartments(core: StoreCore, rowId: number, column: ColumnDef, cell: StoredCell): void {
  const link = core.prepare(
    'INSERT INTO cell_departments (row_id, column_id, ordinal, department_id) VALUES (?, ?, ?, ?)',
  );
  (cell.departments ?? []).forEach((name, ordinal) => {
    const department = resolveDepartment(core, name);
    if (department) link.run(rowId, column.id, ordinal, department.id);
  });
}
