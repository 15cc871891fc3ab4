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
      const { known, ...summed } = columnSum(core, column);
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

/** The exact sum of one column over the whole sheet and how many rows have a value. */
function columnSum(core: StoreCore, column: ColumnDef): { sum: string; known: number; approximate?: number } {
  // A column belongs to one sheet, so whole-sheet totals need only the cells_by_column index.
  if (column.type === 'money') {
    // Money is INTEGER 分, summed exactly in parts that cannot overflow (moneySums.ts).
    const row = core
      .prepare(`SELECT ${moneySumColumns('c')} FROM cells c WHERE c.column_id = ?`)
      .safeIntegers(true)
      .get(column.id) as MoneySumRow;
    return moneySum(row, column.settings.moneyUnit ?? '万元');
  }
  // Plain numbers are stored as REAL; they are added as exact decimals, never as floats.
  const values = core
    .prepare('SELECT c.num FROM cells c WHERE c.column_id = ? AND c.num IS NOT NULL')
    .pluck()
    .all(column.id) as number[];
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
  // One pass over the sheet's top-level rows, grouped by category, with the first money column's
  // exact parts summed in the same pass (a query per category read the sheet once per category:
  // a second and more at 100,000 rows, and comparing versions reads these totals every time).
  const groups = core
    .prepare(
      `SELECT k.text AS category, COUNT(*) AS count${money ? `, ${moneySumColumns('c')}` : ''}
       FROM rows r LEFT JOIN cells k ON k.row_id = r.id AND k.column_id = @category
       ${money ? 'LEFT JOIN cells c ON c.row_id = r.id AND c.column_id = @money' : ''}
      WHERE r.sheet_id = @sheet AND r.parent_id IS NULL GROUP BY k.text ORDER BY MIN(r.position)`,
    )
    .safeIntegers(true)
    .all({ category: category.id, sheet: sheetId, ...(money ? { money: money.id } : {}) }) as (Partial<MoneySumRow> & {
    category: string | null;
    count: bigint;
  })[];
  return groups.map((group) => {
    const count = Number(group.count);
    const sum = money ? moneySum(group as MoneySumRow, money.settings.moneyUnit ?? '万元') : null;
    return {
      category: group.category ?? '',
      count,
      sum: sum?.sum ?? null,
      known: sum?.known ?? 0,
      unknown: count - (sum?.known ?? 0),
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
