import type { CellValue } from '../values/cells';
import type { ColumnDef } from '../model/columns';
import { columnHeader } from '../model/columnTypes';
import type { MoneyUnit } from '../values/money';
import { decimalToFen, formatMoney } from '../values/money';

/**
 * The text a cell shows, wherever it is shown — the grid, the first-screen table, `planbench
 * rows` — so every front end shows the same figure for the same cell: amounts formatted in the
 * display unit ("4,600.00"), anything else (an unknown amount's "/", a name, a unit list) as
 * typed or imported.
 */

/** The display settings cell texts depend on. */
export interface DisplayOptions {
  /** The unit money is shown in (null: each column's own). Display only. */
  moneyUnit: MoneyUnit | null;
}

/** Each money column in its own unit, as a sheet is first shown. */
export const COLUMN_UNITS: DisplayOptions = { moneyUnit: null };

/** The unit a money column is shown in. */
export function displayUnit(column: ColumnDef, options: DisplayOptions): MoneyUnit {
  return options.moneyUnit ?? column.settings.moneyUnit ?? '万元';
}

function decimalsFor(column: ColumnDef, unit: MoneyUnit): number {
  // 万元 with 2 decimals is what officials read; 亿元 needs more to stay meaningful, 元 needs 2.
  if (unit === (column.settings.moneyUnit ?? '万元')) return column.settings.decimals ?? 2;
  return unit === '亿元' ? 4 : 2;
}

/** A column's header: its name, and for money the unit it is shown in ("投资匡算（万元）"). */
export function headerText(column: ColumnDef, options: DisplayOptions): string {
  if (column.type !== 'money') return columnHeader(column);
  return columnHeader({ ...column, settings: { ...column.settings, moneyUnit: displayUnit(column, options) } });
}

/** An exact amount (decimal string in the column's unit) as shown in `unit`. */
export function formatAmount(column: ColumnDef, amount: string, options: DisplayOptions): string {
  const fen = decimalToFen(amount, column.settings.moneyUnit ?? '万元');
  if (fen === null) return amount;
  const unit = displayUnit(column, options);
  return formatMoney(fen, unit, decimalsFor(column, unit));
}

/** The text one data cell shows. */
export function cellDisplayText(column: ColumnDef, cell: CellValue | undefined, options: DisplayOptions): string {
  // An approximate amount keeps its 约 in any unit ("约500.00").
  if (column.type === 'money' && typeof cell?.value === 'string')
    return (cell.approximate ? '约' : '') + formatAmount(column, cell.value, options);
  return cell?.text ?? '';
}
