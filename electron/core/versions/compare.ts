import type {
  CategoryDifference,
  CellDifference,
  RowDifference,
  SheetComparison,
  TotalDifference,
} from '../../../shared/contract/calls/versions';
import { dec, sub, toText } from '../../../shared/values/exactDecimal';
import { fenToDecimal } from '../../../shared/values/money';
import type { BlockedSheet, BlockedSnapshot } from '../store/versionBlocks';
import { blockedSnapshot, sheetRows } from '../store/versionBlocks';
import type { PlanSnapshot, SnapshotCell, SnapshotRow } from '../store/versionSnapshot';

/**
 * What changed between two states of a plan (two versions, or a version and now): per sheet,
 * the cells whose text changed (old → new, and for money the exact difference in the column's
 * unit), the rows added and deleted, and the totals by category and by column before and after.
 * Sheets and rows are matched by id (they keep it across undo, redo and restores), columns by key.
 */

const textOf = (cell: SnapshotCell | undefined): string =>
  cell == null ? '' : typeof cell === 'string' ? cell : cell[0];
const fenOf = (cell: SnapshotCell | undefined): bigint | null =>
  cell != null && typeof cell !== 'string' ? BigInt(cell[1]) : null;

/** How a row is named in a list: its 序号 and its name, as the user reads them. */
function rowNamer(sheet: Pick<BlockedSheet, 'columns'>): (row: SnapshotRow) => { seq: string; label: string } {
  const seq = sheet.columns.findIndex((column) => column.role === 'seq');
  let name = sheet.columns.findIndex((column) => column.role === 'name');
  if (name < 0) name = sheet.columns.findIndex((column) => column.type === 'text' && column.role !== 'seq');
  return (row) => {
    const seqText = seq < 0 ? '' : textOf(row[3 + seq] as SnapshotCell);
    const nameText = name < 0 ? '' : textOf(row[3 + name] as SnapshotCell);
    return { seq: seqText, label: [seqText, nameText].filter(Boolean).join(' ') };
  };
}

function rowCells(sheet: Pick<BlockedSheet, 'columns'>, row: SnapshotRow): Record<string, string> {
  const cells: Record<string, string> = {};
  sheet.columns.forEach((column, index) => {
    const text = textOf(row[3 + index] as SnapshotCell);
    if (text !== '') cells[column.key] = text;
  });
  return cells;
}

/** A difference found in a row, with the row's place so that the lists come out in sheet order. */
interface Placed<T> {
  position: number;
  id: number;
  item: T;
}
const placed = <T>(row: SnapshotRow, item: T): Placed<T> => ({ position: row[2], id: row[0], item });
const inSheetOrder = <T>(list: Placed<T>[]): T[] =>
  list.sort((a, b) => a.position - b.position || a.id - b.id).map((entry) => entry.item);

const sameLayout = (before: BlockedSheet, after: BlockedSheet): boolean =>
  before.columns.length === after.columns.length &&
  before.columns.every((column, index) => column.key === after.columns[index]!.key);

/**
 * Cells changed, rows added and rows deleted between two states of a sheet, block by block (rows
 * never leave their block: it is their id range). With the same columns in the same order, a
 * block with the same fingerprint on both sides holds the same rows and is skipped unread.
 */
function rowDifferences(before: BlockedSheet, after: BlockedSheet) {
  const cells: Placed<CellDifference>[] = [];
  const deletedRows: Placed<RowDifference>[] = [];
  const addedRows: Placed<RowDifference>[] = [];
  // Every column of either side: a column added since reads '' before, one removed since '' after.
  const beforeSlots = new Map(before.columns.map((column, index) => [column.key, index]));
  const afterSlots = new Map(after.columns.map((column, index) => [column.key, index]));
  const pairs = [...new Set([...beforeSlots.keys(), ...afterSlots.keys()])].map((key) => ({
    column: after.columns[afterSlots.get(key) ?? -1] ?? before.columns[beforeSlots.get(key)!]!,
    from: beforeSlots.get(key),
    to: afterSlots.get(key),
  }));
  const nameBefore = rowNamer(before);
  const nameAfter = rowNamer(after);
  const skippable = sameLayout(before, after);
  for (const key of new Set([...before.blocks.keys(), ...after.blocks.keys()])) {
    const old = before.blocks.get(key);
    const now = after.blocks.get(key);
    if (skippable && old && now && old.hash !== null && old.hash === now.hash) continue;
    const nowRows = new Map((now?.rows() ?? []).map((row) => [row[0], row]));
    for (const row of old?.rows() ?? []) {
      const current = nowRows.get(row[0]);
      if (!current) {
        deletedRows.push(placed(row, { rowId: row[0], ...nameBefore(row), cells: rowCells(before, row) }));
        continue;
      }
      nowRows.delete(row[0]);
      for (const { column, from, to } of pairs) {
        const oldCell = from === undefined ? null : (row[3 + from] as SnapshotCell);
        const cell = to === undefined ? null : (current[3 + to] as SnapshotCell);
        const oldText = textOf(oldCell);
        const newText = textOf(cell);
        if (oldText === newText) continue;
        const oldFen = fenOf(oldCell);
        const newFen = fenOf(cell);
        const unit = column.moneyUnit;
        const difference =
          unit && (oldFen !== null || newFen !== null) ? fenToDecimal((newFen ?? 0n) - (oldFen ?? 0n), unit) : null;
        cells.push(
          placed(row, {
            rowId: row[0],
            ...nameAfter(current),
            columnKey: column.key,
            columnName: column.name,
            before: oldText,
            after: newText,
            difference,
            unit: difference === null ? null : unit,
          }),
        );
      }
    }
    for (const row of nowRows.values()) {
      addedRows.push(placed(row, { rowId: row[0], ...nameAfter(row), cells: rowCells(after, row) }));
    }
  }
  return { cells: inSheetOrder(cells), deletedRows: inSheetOrder(deletedRows), addedRows: inSheetOrder(addedRows) };
}

function categoryDifferences(before: BlockedSheet | null, after: BlockedSheet | null): CategoryDifference[] {
  const names = [
    ...new Set([
      ...(before?.categories ?? []).map((group) => group.category),
      ...(after?.categories ?? []).map((group) => group.category),
    ]),
  ];
  return names.flatMap((category) => {
    const old = before?.categories.find((group) => group.category === category);
    const now = after?.categories.find((group) => group.category === category);
    const sumBefore = old?.sum ?? null;
    const sumAfter = now?.sum ?? null;
    const countBefore = old?.count ?? 0;
    const countAfter = now?.count ?? 0;
    if (sumBefore === sumAfter && countBefore === countAfter) return [];
    return [{ category, countBefore, countAfter, sumBefore, sumAfter, difference: minus(sumAfter, sumBefore) }];
  });
}

function minus(after: string | null, before: string | null): string | null {
  if (after === null && before === null) return null;
  return toText(sub(dec(after ?? '0'), dec(before ?? '0')));
}

function totalDifferences(before: BlockedSheet | null, after: BlockedSheet | null): TotalDifference[] {
  const keys = [...new Set([...(before?.totals ?? []), ...(after?.totals ?? [])].map((total) => total.columnKey))];
  return keys.flatMap((columnKey) => {
    const old = before?.totals.find((total) => total.columnKey === columnKey);
    const now = after?.totals.find((total) => total.columnKey === columnKey);
    const sumBefore = old?.sum ?? null;
    const sumAfter = now?.sum ?? null;
    if (sumBefore === sumAfter) return [];
    return [
      {
        columnKey,
        columnName: (now ?? old)!.columnName,
        unit: (now ?? old)!.moneyUnit,
        sumBefore,
        sumAfter,
        difference: minus(sumAfter, sumBefore),
      },
    ];
  });
}

const rowList = (sheet: BlockedSheet, rows: SnapshotRow[]): RowDifference[] => {
  const name = rowNamer(sheet);
  return rows.map((row) => ({ rowId: row[0], ...name(row), cells: rowCells(sheet, row) }));
};

function compareSheet(before: BlockedSheet | null, after: BlockedSheet | null): SheetComparison {
  const sheet = (after ?? before)!;
  const rows =
    before && after
      ? rowDifferences(before, after)
      : {
          cells: [],
          deletedRows: before ? rowList(before, sheetRows(before)) : [],
          addedRows: after ? rowList(after, sheetRows(after)) : [],
        };
  return {
    sheetId: sheet.id,
    name: sheet.name,
    nameBefore: before && after && before.name !== after.name ? before.name : null,
    status: !before ? 'added' : !after ? 'deleted' : 'kept',
    columns: sheet.columns.map((column) => ({ key: column.key, name: column.name })),
    cells: rows.cells,
    addedRows: rows.addedRows,
    deletedRows: rows.deletedRows,
    categories: categoryDifferences(before, after),
    totals: totalDifferences(before, after),
  };
}

/**
 * Every sheet's differences from `before` to `after`, in the order of `after`'s sheets, then
 * sheets deleted. Blocks with the same fingerprint on both sides are skipped (versionBlocks.ts).
 */
export function compareBlocked(before: BlockedSnapshot, after: BlockedSnapshot): SheetComparison[] {
  const old = new Map(before.sheets.map((sheet) => [sheet.id, sheet]));
  const kept = after.sheets.map((sheet) => compareSheet(old.get(sheet.id) ?? null, sheet));
  const present = new Set(after.sheets.map((sheet) => sheet.id));
  const gone = before.sheets.filter((sheet) => !present.has(sheet.id)).map((sheet) => compareSheet(sheet, null));
  return [...kept, ...gone];
}

/** The straightforward comparison of two whole snapshots: every row of both read and compared. */
export function compareSnapshots(before: PlanSnapshot, after: PlanSnapshot): SheetComparison[] {
  return compareBlocked(blockedSnapshot(before), blockedSnapshot(after));
}

/** Whether a sheet's comparison found anything. */
export function sheetChanged(sheet: SheetComparison): boolean {
  return (
    sheet.status !== 'kept' ||
    sheet.nameBefore !== null ||
    sheet.cells.length > 0 ||
    sheet.addedRows.length > 0 ||
    sheet.deletedRows.length > 0 ||
    sheet.categories.length > 0 ||
    sheet.totals.length > 0
  );
}
