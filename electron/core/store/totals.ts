import type { CategoryTotal, ColumnTotal } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { isSummable } from '../../../shared/model/columns';
import { sumDecimals } from '../../../shared/values/exactDecimal';
import type { MoneySumRow } from './moneySums';
import { moneySum, moneySumColumns } from './moneySums';
import { columns as sheetColumns, rowCount as sheetRowCount } from './sheetLookup';
import type { StoreCore } from './storeCore';

/** Exact totals: per column, per category, and of an allocation matrix's counts. */

/** Exact totals of every money and number column, with how many rows have a value. */
export function totals(core: StoreCore, sheetId: number): ColumnTotal[] {
  const rowCount = sheetRowCount(core, sheetId);
  return sheetColumns(core, sheetId)
    .filter(isSummable)
    .map((column) => {
      const { known, ...summed } = columnSum(core, sheetId, column);
      return {
        columnKey: column.key,
        columnName: column.name,
        type: column.type === 'money' ? 'money' : 'number',
        moneyUnit: column.type === 'money' ? (column.settings.moneyUnit ?? '万元') : null,
        ...summed,
        known,
        unknown: rowCount - known,
      };
    });
}

/**
 * The exact sum of one column and how many rows have a value, over the whole sheet or over
 * the top-level rows whose category cell reads `categoryText`.
 */
function columnSum(
  core: StoreCore,
  sheetId: number,
  column: ColumnDef,
  category?: { columnId: number; text: string | null },
): { sum: string; known: number; approximate?: number } {
  // A column belongs to one sheet, so whole-sheet totals need only the cells_by_column index;
  // category totals join the rows to pick the top-level rows of one category.
  const from = category
    ? `FROM rows r JOIN cells c ON c.row_id = r.id AND c.column_id = @column
       LEFT JOIN cells k ON k.row_id = r.id AND k.column_id = @categoryColumn
       WHERE r.sheet_id = @sheet AND r.parent_id IS NULL AND k.text IS @categoryText`
    : 'FROM cells c WHERE c.column_id = @column';
  const params = {
    sheet: sheetId,
    column: column.id,
    ...(category ? { categoryColumn: category.columnId, categoryText: category.text } : {}),
  };
  if (column.type === 'money') {
    // Money is INTEGER 分, summed exactly in parts that cannot overflow (moneySums.ts).
    const row = core
      .prepare(`SELECT ${moneySumColumns('c')} ${from}`)
      .safeIntegers(true)
      .get(params) as MoneySumRow;
    return moneySum(row, column.settings.moneyUnit ?? '万元');
  }
  // Plain numbers are stored as REAL; they are added as exact decimals, never as floats.
  const values = core.prepare(`SELECT c.num ${from} AND c.num IS NOT NULL`).pluck().all(params) as number[];
  return { sum: sumDecimals(values.map(String)), known: values.length };
}

/**
 * Per value of the category-role column: how many items (top-level rows; a sub-indicator is
 * part of its indicator) and the total of the first money column over them.
 */
export function categoryTotals(core: StoreCore, sheetId: number): CategoryTotal[] {
  const columns = sheetColumns(core, sheetId);
  const category = columns.find((column) => column.role === 'category');
  if (!category) return [];
  const money = columns.find((column) => column.type === 'money');
  const groups = core
    .prepare(
      `SELECT k.text AS category, COUNT(*) AS count
       FROM rows r LEFT JOIN cells k ON k.row_id = r.id AND k.column_id = ?
      WHERE r.sheet_id = ? AND r.parent_id IS NULL GROUP BY k.text ORDER BY MIN(r.position)`,
    )
    .all(category.id, sheetId) as { category: string | null; count: number }[];
  return groups.map((group) => {
    const sum = money ? columnSum(core, sheetId, money, { columnId: category.id, text: group.category }) : null;
    return {
      category: group.category ?? '',
      count: group.count,
      sum: sum?.sum ?? null,
      known: sum?.known ?? 0,
      unknown: group.count - (sum?.known ?? 0),
    };
  });
}

/** The sum of every count cell of an allocation matrix (the columns with role `count`). */
export function allocationTotal(core: StoreCore, sheetId: number): string {
  const values = core
    .prepare(
      `SELECT c.num FROM cells c JOIN columns col ON col.id = c.column_id
      WHERE col.sheet_id = ? AND col.role = 'count' AND c.num IS NOT NULL`,
    )
    .pluck()
    .all(sheetId) as number[];
  return sumDecimals(values.map(String));
}
