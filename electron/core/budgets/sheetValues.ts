import type { RowData } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ColumnDef } from '../../../shared/model/columns';
import type { Dec } from '../../../shared/values/exactDecimal';
import { dec } from '../../../shared/values/exactDecimal';
import { decimalToFen } from '../../../shared/values/money';
import type { PlanStore } from '../store/planStore';

/** Reading the rows and columns a budget computation works on, with messages naming the place. */

/** A column by its key or the name the user sees. */
export function columnNamed(columns: readonly ColumnDef[], ref: string, sheetName: string): ColumnDef {
  const found = columns.find((column) => column.key === ref) ?? columns.find((column) => column.name === ref);
  if (!found) {
    throw PlanbenchError.of(
      'invalid_input',
      `工作表“${sheetName}”没有“${ref}”列（现有：${columns.map((column) => column.name).join('、')}）`,
      `sheet "${sheetName}" has no column "${ref}" (it has: ${columns.map((column) => column.name).join(', ')})`,
      { sheet: sheetName, column: ref },
    );
  }
  return found;
}

/** Every top-level row of a sheet, in sheet order (sub-rows are parts of their item, not items). */
export function topRows(store: PlanStore, sheetId: number): RowData[] {
  return store.allRows(sheetId).filter((row) => row.parentId === null);
}

/** "金坛区" / "1.3 增补叶酸…": what a row is called in messages and results (its 序号 and name). */
export function rowLabel(columns: readonly ColumnDef[], row: RowData, rowNumber: number): string {
  const named =
    columns.find((column) => column.role === 'district') ??
    columns.find((column) => column.role === 'name') ??
    columns.find((column) => column.type === 'text');
  const seq = columns.find((column) => column.role === 'seq');
  const text = [seq, named].map((column) => (column ? (row.cells[column.key]?.text ?? '').trim() : ''));
  return text.filter(Boolean).join(' ') || `第 ${rowNumber} 行`;
}

/** A number, money or percent cell as an exact decimal (money in its column's unit); null when empty or unknown. */
export function cellDecimal(row: RowData, column: ColumnDef): Dec | null {
  const value = row.cells[column.key]?.value;
  if (typeof value === 'number' || typeof value === 'string') {
    try {
      return dec(value);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Each row's factor values, in the factors' order; a factor left empty or not a number is refused
 * naming the row and the factor (a district without it is written 0).
 */
export function factorMatrix(
  rows: readonly RowData[],
  factors: readonly ColumnDef[],
  labels: readonly string[],
  sheetName: string,
): Dec[][] {
  return rows.map((row, index) =>
    factors.map((factor) => {
      const value = cellDecimal(row, factor);
      if (value === null) {
        throw PlanbenchError.of(
          'invalid_input',
          `第 ${index + 1} 行“${labels[index]}”的因素“${factor.name}”为空或不是数字；无此因素请填 0`,
          `row ${index + 1} "${labels[index]}": factor "${factor.name}" is empty or not a number; write 0 where there is none`,
          { sheet: sheetName, row: index + 1, column: factor.name },
        );
      }
      return value;
    }),
  );
}

/** A money cell in 分, or null when empty or unknown. */
export function fenOf(row: RowData, column: ColumnDef): bigint | null {
  const value = row.cells[column.key]?.value;
  return typeof value === 'string' ? decimalToFen(value, column.settings.moneyUnit ?? '万元') : null;
}
