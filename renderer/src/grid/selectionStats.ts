import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { add, dec, divide, parseDec, toFixedText } from '../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../shared/values/money';
import { decimalToFen, formatMoney } from '../../../shared/values/money';

/**
 * What Excel's status bar says of a selection of two or more cells: 计数 (cells with anything
 * in them), 求和 and 平均值 (of the amounts in it, exact). Amounts are summed in the unit the
 * sheet shows; when a selection holds both money and plain numbers, only the money is summed
 * (adding 万元 to counts would mean nothing), and the line says so.
 */
export interface SelectionStats {
  cells: number;
  /** Cells with anything in them. */
  count: number;
  /** How many amounts were summed, their sum and average as shown ("12,345.00"), and the unit. */
  numeric: number;
  sum: string | null;
  average: string | null;
  unit: string | null;
  /** Plain numbers were left out because the selection also holds money. */
  numbersLeftOut: boolean;
}

/** Above this many cells the status line does not add up the selection (it would stall the page). */
export const STATS_CELL_LIMIT = 500_000;

export function selectionStats(
  rows: readonly RowData[],
  columns: readonly ColumnDef[],
  shownUnit: (column: ColumnDef) => MoneyUnit,
): SelectionStats {
  let count = 0;
  let moneyFen = 0n;
  let moneyCount = 0;
  let moneyUnit: MoneyUnit | null = null;
  let numberSum = dec(0);
  let numberCount = 0;
  for (const row of rows) {
    for (const column of columns) {
      const cell = row.cells[column.key];
      if (!cell || cell.text === '') continue;
      count++;
      const value = cell.value;
      if (column.type === 'money' && typeof value === 'string') {
        const fen = decimalToFen(value, column.settings.moneyUnit ?? '万元');
        if (fen === null) continue;
        moneyFen += fen;
        moneyCount++;
        moneyUnit ??= shownUnit(column);
      } else if ((column.type === 'number' || column.type === 'percent') && typeof value === 'number') {
        const parsed = parseDec(String(value));
        if (!parsed) continue;
        numberSum = add(numberSum, parsed);
        numberCount++;
      }
    }
  }
  const cells = rows.length * columns.length;
  if (moneyCount > 0 && moneyUnit) {
    const average = (moneyFen * 2n + BigInt(moneyCount) * (moneyFen < 0n ? -1n : 1n)) / (2n * BigInt(moneyCount));
    return {
      cells,
      count,
      numeric: moneyCount,
      sum: formatMoney(moneyFen, moneyUnit),
      average: formatMoney(average, moneyUnit),
      unit: moneyUnit,
      numbersLeftOut: numberCount > 0,
    };
  }
  if (numberCount > 0) {
    return {
      cells,
      count,
      numeric: numberCount,
      sum: toFixedText(numberSum, 2).replace(/\.00$/, ''),
      average: toFixedText(divide(numberSum, dec(numberCount), 4), 2),
      unit: null,
      numbersLeftOut: false,
    };
  }
  return { cells, count, numeric: 0, sum: null, average: null, unit: null, numbersLeftOut: false };
}

/** The status line's words for a selection. */
export function statsText(stats: SelectionStats): string {
  const parts = [`计数 ${stats.count}`];
  if (stats.sum !== null) {
    const unit = stats.unit ? ` ${stats.unit}` : '';
    parts.push(`求和 ${stats.sum}${unit}`, `平均值 ${stats.average}${unit}`);
    if (stats.numbersLeftOut) parts.push('（仅计金额）');
  }
  return parts.join('　');
}
