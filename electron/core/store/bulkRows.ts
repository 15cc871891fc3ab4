import type { Statement } from 'better-sqlite3';
import type { ErrorWhere } from '../../../shared/contract/errors';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { SavedRowBlock } from '../../../shared/model/changes';
import type { StoredCell } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import { isDepartmentType } from '../../../shared/model/columns';
import { beginAction, logChange } from './changeLog';
import { parseCell } from './cellWrites';
import { resolveDepartment } from './departmentList';
import { positionsFor } from './rowWrites';
import { columns as sheetColumns, sheetName } from './sheetLookup';
import type { StoreCore } from './storeCore';
import { throwNotFound } from './storeCore';
import type { ActionOrigin, ParsedRowBatch } from './storeTypes';

/** The bulk path of imports: already-parsed rows appended with multi-row INSERTs, and its redo. */

/** Rows on their way into the table: each one's id and place, and their cells, flat. */
interface BulkRows {
  places: { id: number; parentId: number | null; position: number }[];
  /** Row r's cell in column c is at r × (number of columns) + c; a null text leaves it empty. */
  texts: (string | null)[];
  nums: (bigint | number | null)[];
  /** Canonical unit names of department cells (null elsewhere). */
  departments: (string[] | null)[];
}

/**
 * Append rows whose cells are already parsed (an import's preview read every cell for its
 * column) to the end of a sheet, as one action — the bulk path of imports. Compared with
 * insertRows, nothing is parsed twice, the rows get consecutive ids, rows and cells go in with
 * multi-row INSERTs, and the change log gets one 'rowsInsert' record for the whole batch
 * instead of one JSON row per row. Call it once per chunk inside inAction(): every chunk joins
 * the same action, and the transaction makes the whole import all or nothing.
 */
export function appendParsedRows(
  core: StoreCore,
  sheetId: number,
  columnKeys: readonly string[],
  batch: ParsedRowBatch,
  origin: ActionOrigin,
): { actionId: number; firstRowId: number } {
  const sheet = sheetName(core, sheetId);
  const byKey = new Map(sheetColumns(core, sheetId).map((column) => [column.key, column]));
  const columns = columnKeys.map((key) => byKey.get(key) ?? throwNotFound('列', 'column', key));
  const width = columns.length;
  const count = width === 0 ? 0 : batch.texts.length / width;
  if (!Number.isInteger(count) || batch.nums.length !== batch.texts.length) {
    throw PlanbenchError.of('internal', '成批写入的行数据不完整', 'a batch of parsed rows is incomplete', { sheet });
  }
  return core.transaction(() => {
    const actionId = beginAction(core, origin);
    const positions = positionsFor(core, sheetId, { at: 'end' }, count);
    const first = ((core.prepare('SELECT MAX(id) FROM rows').pluck().get() as number | null) ?? 0) + 1;
    const parentExists = core.prepare('SELECT 1 FROM rows WHERE id = ? AND sheet_id = ?').pluck();
    const departmentCells = new Map<string, StoredCell>();
    const bulk: BulkRows = {
      places: [],
      texts: new Array(count * width),
      nums: new Array(count * width),
      departments: new Array(count * width),
    };
    const block: SavedRowBlock = { columns: [...columnKeys], first, rows: [] };
    // Where a cell that cannot be read is (one function for all rows: no closure per row).
    let index = 0;
    const where = () => ({ sheet, row: index + 1 });
    for (; index < count; index++) {
      const parentIndex = batch.parentIndexes?.[index] ?? null;
      const parentRowId = batch.parentRowIds?.[index] ?? null;
      if (
        (parentIndex !== null && !(parentIndex >= 0 && parentIndex < index)) ||
        (parentRowId !== null && (parentRowId >= first || !parentExists.get(parentRowId, sheetId)))
      ) {
        throw PlanbenchError.of(
          'invalid_input',
          '上级行须排在其下级行之前',
          'a parent row must come before its children',
          where(),
        );
      }
      const parentId = parentIndex !== null ? first + parentIndex : parentRowId;
      const saved: (string | number | null)[] = [parentId, positions[index]!];
      for (let at = index * width, end = at + width; at < end; at++) {
        acceptParsed(
          core,
          columns[at - index * width]!,
          batch.texts[at]!,
          batch.nums[at] ?? null,
          bulk,
          at,
          departmentCells,
          where,
        );
        saved.push(bulk.texts[at]!);
      }
      bulk.places.push({ id: first + index, parentId, position: positions[index]! });
      block.rows.push(saved);
    }
    writeRows(core, sheetId, columns, bulk);
    logChange(core, actionId, {
      kind: 'rowsInsert',
      sheetId,
      rowId: first,
      columnKey: null,
      before: null,
      after: block,
    });
    return { actionId, firstRowId: first };
  });
}

/**
 * A parsed cell as the store keeps it, written into `bulk` at `at`. The caller's text and
 * number are kept when the text is already in the form parseCellInput stores (trimmed; long
 * text with \n line ends); otherwise, and for department cells (whose links are resolved from
 * the text, once per distinct text), the text is parsed here as typed input would be.
 */
function acceptParsed(
  core: StoreCore,
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
      parsed = parseCell(core, column, text, where);
      departmentCells.set(key, parsed);
    }
  } else if (column.type === 'longText' ? text.includes('\r') : text.trim() !== text) {
    parsed = parseCell(core, column, text, where);
  } else {
    if (column.type === 'money' ? num !== null && typeof num !== 'bigint' : typeof num === 'bigint') {
      throw PlanbenchError.of(
        'internal',
        `单元格数值类型不符（${column.name}）`,
        `a parsed cell's number has the wrong type (${column.name})`,
        where(),
      );
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
function writeRows(core: StoreCore, sheetId: number, columns: readonly ColumnDef[], bulk: BulkRows): void {
  const prepare = (sql: string) => core.prepare(sql);
  const rowInsert = new MultiRowInsert(
    prepare,
    'INSERT INTO rows (id, sheet_id, position, parent_id) VALUES',
    ROWS_PER_INSERT,
  );
  for (const row of bulk.places) rowInsert.add(row.id, sheetId, row.position, row.parentId);
  rowInsert.flush();
  const cellInsert = new MultiRowInsert(
    prepare,
    'INSERT INTO cells (row_id, column_id, text, num) VALUES',
    CELLS_PER_INSERT,
  );
  const linkInsert = new MultiRowInsert(
    prepare,
    'INSERT INTO cell_departments (row_id, column_id, ordinal, department_id) VALUES',
    CELLS_PER_INSERT,
  );
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
        const department = resolveDepartment(core, name);
        if (department) linkInsert.add(row.id, column.id, ordinal, department.id);
      });
    });
  });
  linkInsert.flush();
}

/** Redo of a logged 'rowsInsert': the rows back with their ids and places, texts parsed again. */
export function restoreRowBlock(core: StoreCore, sheetId: number, block: SavedRowBlock): void {
  const byKey = new Map(sheetColumns(core, sheetId).map((column) => [column.key, column]));
  // A column deleted since is skipped, as restoreRow does.
  const kept = block.columns
    .map((key, at) => ({ column: byKey.get(key), at }))
    .filter((entry) => entry.column !== undefined);
  const columns = kept.map((entry) => entry.column!);
  const departmentCells = new Map<string, StoredCell>();
  const size = block.rows.length * columns.length;
  const bulk: BulkRows = {
    places: [],
    texts: new Array(size).fill(null),
    nums: new Array(size).fill(null),
    departments: new Array(size).fill(null),
  };
  block.rows.forEach((saved, index) => {
    const id = block.first + index;
    bulk.places.push({ id, parentId: saved[0] as number | null, position: saved[1] as number });
    kept.forEach(({ column, at }, position) => {
      const text = saved[2 + at];
      if (typeof text !== 'string' || text === '') return;
      const where = () => ({ row: id, column: column!.key });
      const cell = index * columns.length + position;
      // Parsed again as typed input; unit lists once per distinct text.
      if (isDepartmentType(column!.type)) acceptParsed(core, column!, text, null, bulk, cell, departmentCells, where);
      else {
        const parsed = parseCell(core, column!, text, where);
        bulk.texts[cell] = parsed.text === '' ? null : parsed.text;
        bulk.nums[cell] = parsed.num;
      }
    });
  });
  writeRows(core, sheetId, columns, bulk);
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
