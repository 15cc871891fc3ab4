import type {
  CategoryDifference,
  CellDifference,
  RowDifference,
  SheetComparison,
  TotalDifference,
} from '../../../shared/contract/calls/versions';
import { dec, sub, toText } from '../../../shared/values/exactDecimal';
import { fenToDecimal } from '../../../shared/values/money';
import type { PlanSnapshot, SnapshotCell, SnapshotRow, SnapshotSheet } from '../store/versionSnapshot';

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
function rowNamer(sheet: SnapshotSheet): (row: SnapshotRow) => { seq: string; label: string } {
  const seq = sheet.columns.findIndex((column) => column.role === 'seq');
  let name = sheet.columns.findIndex((column) => column.role === 'name');
  if (name < 0) name = sheet.columns.findIndex((column) => column.type === 'text' && column.role !== 'seq');
  return (row) => {
    const seqText = seq < 0 ? '' : textOf(row[3 + seq] as SnapshotCell);
    const nameText = name < 0 ? '' : textOf(row[3 + name] as SnapshotCell);
    return { seq: seqText, label: [seqText, nameText].filter(Boolean).join(' ') };
  };
}

function rowCells(sheet: SnapshotSheet, row: SnapshotRow): Record<string, string> {
  const cells: Record<string, string> = {};
  sheet.columns.forEach((column, index) => {
    const text = textOf(row[3 + index] as SnapshotCell);
    if (text !== '') cells[column.key] = text;
  });
  return cells;
}

function cellDifferences(before: SnapshotSheet, after: SnapshotSheet, afterRows: Map<number, SnapshotRow>) {
  const cells: CellDifference[] = [];
  const deletedRows: RowDifference[] = [];
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
  for (const row of before.rows) {
    const now = afterRows.get(row[0]);
    if (!now) {
      deletedRows.push({ rowId: row[0], ...nameBefore(row), cells: rowCells(before, row) });
      continue;
    }
    for (const { column, from, to } of pairs) {
      const old = from === undefined ? null : (row[3 + from] as SnapshotCell);
      const cell = to === undefined ? null : (now[3 + to] as SnapshotCell);
      const oldText = textOf(old);
      const newText = textOf(cell);
      if (oldText === newText) continue;
      const oldFen = fenOf(old);
      const newFen = fenOf(cell);
      const unit = column.moneyUnit;
      const difference =
        unit && (oldFen !== null || newFen !== null) ? fenToDecimal((newFen ?? 0n) - (oldFen ?? 0n), unit) : null;
      cells.push({
        rowId: row[0],
        ...nameAfter(now),
        columnKey: column.key,
        columnName: column.name,
        before: oldText,
        after: newText,
        difference,
        unit: difference === null ? null : unit,
      });
    }
  }
  return { cells, deletedRows };
}

function categoryDifferences(before: SnapshotSheet | null, after: SnapshotSheet | null): CategoryDifference[] {
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

function totalDifferences(before: SnapshotSheet | null, after: SnapshotSheet | null): TotalDifference[] {
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

function compareSheet(before: SnapshotSheet | null, after: SnapshotSheet | null): SheetComparison {
  const sheet = (after ?? before)!;
  const afterRows = new Map((after?.rows ?? []).map((row) => [row[0], row]));
  const beforeIds = new Set((before?.rows ?? []).map((row) => row[0]));
  const { cells, deletedRows } =
    before && after ? cellDifferences(before, after, afterRows) : { cells: [], deletedRows: [] as RowDifference[] };
  if (before && !after) {
    const name = rowNamer(before);
    for (const row of before.rows) deletedRows.push({ rowId: row[0], ...name(row), cells: rowCells(before, row) });
  }
  const nameAfter = after ? rowNamer(after) : null;
  const addedRows = (after?.rows ?? [])
    .filter((row) => !beforeIds.has(row[0]))
    .map((row) => ({ rowId: row[0], ...nameAfter!(row), cells: rowCells(after!, row) }));
  return {
    sheetId: sheet.id,
    name: sheet.name,
    nameBefore: before && after && before.name !== after.name ? before.name : null,
    status: !before ? 'added' : !after ? 'deleted' : 'kept',
    columns: sheet.columns.map((column) => ({ key: column.key, name: column.name })),
    cells,
    addedRows,
    deletedRows,
    categories: categoryDifferences(before, after),
    totals: totalDifferences(before, after),
  };
}

/** Every sheet's differences from `before` to `after`, in the order of `after`'s sheets, then sheets deleted. */
export function compareSnapshots(before: PlanSnapshot, after: PlanSnapshot): SheetComparison[] {
  const old = new Map(before.sheets.map((sheet) => [sheet.id, sheet]));
  const kept = after.sheets.map((sheet) => compareSheet(old.get(sheet.id) ?? null, sheet));
  const present = new Set(after.sheets.map((sheet) => sheet.id));
  const gone = before.sheets.filter((sheet) => !present.has(sheet.id)).map((sheet) => compareSheet(sheet, null));
  return [...kept, ...gone];
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
