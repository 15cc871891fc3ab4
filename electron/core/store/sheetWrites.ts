import { PlanbenchError } from '../../../shared/contract/errors';
import type { SavedSheet } from '../../../shared/model/changes';
import type { ColumnDef } from '../../../shared/model/columns';
import { ColumnSettings as ColumnSettingsSchema } from '../../../shared/model/columns';
import { beginAction, logChange } from './changeLog';
import { writeCell } from './cellWrites';
import { column as sheetColumn, columns as sheetColumns, getSheet, rowNumber, sheetName } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { notFound } from './storeCore';
import type { ActionOrigin, ColumnInit, ColumnLayout, SheetInit } from './storeTypes';

/** Creating and renaming sheets, adding and changing columns (logged), and column layout. */

/**
 * Add a sheet with its columns. Inside an action (an import into a new sheet) the creation is
 * logged, so undoing the import removes the sheet too, and redo brings it back with its ids.
 */
export function createSheet(core: StoreCore, init: SheetInit): number {
  return core.transaction(() => {
    const position =
      ((core.prepare('SELECT MAX(position) AS p FROM sheets').get() as { p: number | null }).p ?? -1) + 1;
    const sheetId = insertSheet(core, {
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
    if (core.openAction) {
      const { rowCount: _rows, columns, ...sheet } = getSheet(core, sheetId);
      const saved: SavedSheet = { ...sheet, columns };
      logChange(core, beginAction(core, core.openAction.origin), {
        kind: 'sheetCreate',
        sheetId,
        rowId: null,
        columnKey: null,
        before: null,
        after: saved,
      });
    }
    return sheetId;
  });
}

/** Rename a sheet (logged, undoable). Sheet names are unique in a plan. */
export function renameSheet(core: StoreCore, sheetId: number, name: string, origin: ActionOrigin): void {
  core.transaction(() => {
    const before = sheetName(core, sheetId);
    if (before === name) return;
    if (core.prepare('SELECT 1 FROM sheets WHERE name = ? AND id <> ?').get(name, sheetId)) {
      throw PlanbenchError.of('invalid_input', `已有名为“${name}”的工作表`, `a sheet named "${name}" already exists`);
    }
    core.prepare('UPDATE sheets SET name = ? WHERE id = ?').run(name, sheetId);
    logChange(core, beginAction(core, origin), {
      kind: 'sheetRename',
      sheetId,
      rowId: null,
      columnKey: null,
      before: { name: before },
      after: { name },
    });
  });
}

/** Insert a sheet and its columns as saved (with their ids when restoring), unlogged. */
export function insertSheet(core: StoreCore, saved: SavedSheet): number {
  const sheetId = Number(
    core
      .prepare('INSERT INTO sheets (id, name, kind, position, description) VALUES (?, ?, ?, ?, ?)')
      .run(saved.id, saved.name, saved.kind, saved.position, saved.description).lastInsertRowid,
  );
  for (const column of saved.columns) insertColumn(core, sheetId, column);
  return sheetId;
}

/** Insert a column as saved (with its id when restoring one), unlogged. */
export function insertColumn(core: StoreCore, sheetId: number, column: SavedSheet['columns'][number]): void {
  core
    .prepare(
      `INSERT INTO columns (id, sheet_id, key, name, type, role, position, width, hidden, settings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
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

/** Add a column at the end of a sheet (logged, undoable). */
export function addColumn(core: StoreCore, sheetId: number, init: ColumnInit, origin: ActionOrigin): ColumnDef {
  return core.transaction(() => {
    sheetName(core, sheetId);
    if (sheetColumns(core, sheetId).some((column) => column.key === init.key)) {
      throw PlanbenchError.of('invalid_input', `列标识“${init.key}”已存在`, `column key "${init.key}" already exists`);
    }
    const position =
      ((core.prepare('SELECT MAX(position) FROM columns WHERE sheet_id = ?').pluck().get(sheetId) as number | null) ??
        -1) + 1;
    insertColumn(core, sheetId, {
      id: null,
      key: init.key,
      name: init.name,
      type: init.type,
      role: init.role ?? null,
      position,
      width: init.width ?? null,
      hidden: init.hidden ?? false,
      settings: ColumnSettingsSchema.parse(init.settings ?? {}),
    });
    const column = sheetColumn(core, sheetId, init.key);
    logChange(core, beginAction(core, origin), {
      kind: 'columnAdd',
      sheetId,
      rowId: null,
      columnId: column.id,
      columnKey: init.key,
      before: null,
      after: column,
    });
    return column;
  });
}

/**
 * Rename a column or change its type, role or settings (logged, undoable). A new type or unit
 * re-reads every cell of the column; if any cell cannot be read as the new type, nothing
 * changes and the first cells that fail are named.
 */
export function updateColumn(
  core: StoreCore,
  sheetId: number,
  key: string,
  patch: Partial<Pick<ColumnDef, 'name' | 'type' | 'role' | 'settings'>>,
  origin: ActionOrigin,
): ColumnDef {
  return core.transaction(() => {
    const before = sheetColumn(core, sheetId, key);
    const after: ColumnDef = {
      ...before,
      ...patch,
      settings: ColumnSettingsSchema.parse(patch.settings ?? before.settings),
    };
    writeColumnDef(core, sheetId, after);
    logChange(core, beginAction(core, origin), {
      kind: 'columnUpdate',
      sheetId,
      rowId: null,
      columnId: before.id,
      columnKey: key,
      before,
      after,
    });
    return sheetColumn(core, sheetId, key);
  });
}

/** Store a column definition and, when its meaning changed, re-read its cells. */
export function writeColumnDef(core: StoreCore, sheetId: number, column: ColumnDef): void {
  const current = sheetColumns(core, sheetId).find((candidate) => candidate.id === column.id);
  core
    .prepare('UPDATE columns SET name = ?, type = ?, role = ?, settings = ? WHERE id = ?')
    .run(column.name, column.type, column.role, JSON.stringify(column.settings), column.id);
  if (current && current.type === column.type && JSON.stringify(current.settings) === JSON.stringify(column.settings))
    return;
  const sheet = sheetName(core, sheetId);
  const cells = core.prepare('SELECT row_id, text FROM cells WHERE column_id = ?').all(column.id) as {
    row_id: number;
    text: string;
  }[];
  const failures: string[] = [];
  for (const cell of cells) {
    try {
      writeCell(core, cell.row_id, column, cell.text, () => ({ sheet, row: rowNumber(core, sheetId, cell.row_id) }));
    } catch (error) {
      if (!(error instanceof PlanbenchError)) throw error;
      if (failures.length < 5) failures.push(`第 ${rowNumber(core, sheetId, cell.row_id)} 行“${cell.text}”`);
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
export function setColumnLayout(core: StoreCore, sheetId: number, layout: readonly ColumnLayout[]): void {
  core.transaction(() => {
    const keys = new Set(sheetColumns(core, sheetId).map((column) => column.key));
    for (const entry of layout) {
      if (!keys.has(entry.key)) throw notFound('列', 'column', entry.key);
      if (entry.width !== undefined)
        core
          .prepare('UPDATE columns SET width = ? WHERE sheet_id = ? AND key = ?')
          .run(entry.width, sheetId, entry.key);
      if (entry.hidden !== undefined)
        core
          .prepare('UPDATE columns SET hidden = ? WHERE sheet_id = ? AND key = ?')
          .run(entry.hidden ? 1 : 0, sheetId, entry.key);
      if (entry.position !== undefined)
        core
          .prepare('UPDATE columns SET position = ? WHERE sheet_id = ? AND key = ?')
          .run(entry.position, sheetId, entry.key);
    }
  });
}
