import type { ColumnTotal } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import type { DisplayOptions } from '../../../shared/rules/cellText';
import { cellDisplayText, formatAmount } from '../../../shared/rules/cellText';
import { isSummable } from '../../../shared/model/columnTypes';
import { sumDecimals } from '../../../shared/values/exactDecimal';
import type { GridRow } from './gridRows';

/**
 * How a sheet's cells look: column widths, the text a cell shows, money in the chosen unit. Used
 * by AG Grid's column definitions and by the first-screen table shown while the grid loads, so
 * both show the same figures in the same places. Nothing here depends on AG Grid.
 */

/** A row of the grid, or the pinned 合计 row (which carries the sheet's totals). */
export type AnyRow = GridRow | TotalsRow;

export interface TotalsRow {
  kind: 'totals';
  id: 'totals';
  totals: Map<string, ColumnTotal>;
  /** While a filter or find hides rows: the totals of the rows shown. */
  visible?: Map<string, ColumnTotal>;
  cells: Record<string, { text: string; value: null }>;
  parentId: null;
}

/** Above this many rows a sheet shows one line per row (see ColumnOptions.compact). */
export const COMPACT_ABOVE_ROWS = 5000;

const WIDTH_BY_ROLE: Partial<Record<NonNullable<ColumnDef['role']>, number>> = { name: 220, seq: 80 };
const WIDTH_BY_TYPE: Partial<Record<ColumnDef['type'], number>> = {
  longText: 380,
  money: 170,
  number: 110,
  percent: 100,
  year: 90,
  yearRange: 130,
  date: 130,
  departmentList: 220,
  department: 180,
};

/** A column's width in pixels: as the user left it, else by its role or type. */
export function columnWidth(column: ColumnDef): number {
  return column.width ?? (column.role ? WIDTH_BY_ROLE[column.role] : undefined) ?? WIDTH_BY_TYPE[column.type] ?? 150;
}

const NUMERIC_TYPES = new Set<ColumnDef['type']>(['money', 'number', 'percent', 'year']);

/** Columns of amounts and counts: right-aligned, filtered and sorted as numbers. */
export function isNumericColumn(column: ColumnDef): boolean {
  return NUMERIC_TYPES.has(column.type);
}

// How a data cell's text and a column's header look is shared with the other front ends.
export type { DisplayOptions } from '../../../shared/rules/cellText';
export { displayUnit, formatAmount, headerText } from '../../../shared/rules/cellText';

/** A total's figure as shown: money in the display unit, counts as they are. */
export function totalText(column: ColumnDef, total: ColumnTotal, options: DisplayOptions): string {
  return column.type === 'money' ? formatAmount(column, total.sum, options) : total.sum;
}

/** The total a 合计 or group row carries for a column. */
export function totalOf(row: AnyRow | undefined, key: string): ColumnTotal | undefined {
  return row && (row.kind === 'totals' || row.kind === 'group') ? row.totals.get(key) : undefined;
}

/** "70/88 有金额": how many rows have an amount (unknown is not 0), and how many of them are 约数. */
export function knownText(total: ColumnTotal): string {
  const rows = total.known + total.unknown;
  const approximate = total.approximate ? `，其中约数 ${total.approximate}` : '';
  return `${total.known}/${rows} ${total.type === 'money' ? '有金额' : '有数值'}${approximate}`;
}

/** The text a cell keeps and edits: what the user typed or imported ("4600", "1.2亿", "/"). */
export function cellSource(row: AnyRow | undefined, column: ColumnDef): string {
  return row?.cells[column.key]?.text ?? '';
}

/**
 * The text a cell shows: amounts formatted in the display unit ("4,600.00"; an approximate one
 * as "约4,600.00", so the 约 is never lost), totals and subtotals as their exact sum, anything
 * else as typed.
 */
export function cellText(row: AnyRow | undefined, column: ColumnDef, options: DisplayOptions): string {
  const total = totalOf(row, column.key);
  if (total) return totalText(column, total, options);
  if (row?.kind === 'data') return cellDisplayText(column, row.cells[column.key], options);
  return cellSource(row, column);
}

/** A money cell whose text is not an amount ("/", "待定"): shown greyed, counted as unknown. */
export function isUnknownAmount(row: AnyRow | undefined, column: ColumnDef): boolean {
  return (
    row?.kind === 'data' &&
    column.type === 'money' &&
    row.cells[column.key]?.value == null &&
    cellSource(row, column) !== ''
  );
}

/** A sub-row's label cell (a sub-indicator under its indicator): indented. */
export function isChildLabel(row: AnyRow | undefined, column: ColumnDef, labelKey: string | null): boolean {
  return column.key === labelKey && row?.kind === 'data' && row.parentId !== null;
}

/** Long text and unit lists wrap onto more lines, except on large sheets (one line per row there). */
export function wrapsText(column: ColumnDef, compact: boolean): boolean {
  return (column.type === 'longText' || column.type === 'departmentList') && !compact;
}

/**
 * What a totals or group row shows in a column beyond plain text: the group's label (toggle,
 * value, count) in the label column, or a total with its known count in a summable column.
 */
export function summaryCell(
  row: AnyRow | undefined,
  column: ColumnDef,
  labelKey: string | null,
): 'groupLabel' | 'total' | null {
  if (row?.kind === 'group' && column.key === labelKey) return 'groupLabel';
  if ((row?.kind === 'totals' || row?.kind === 'group') && isSummable(column)) return 'total';
  return null;
}

/** The pinned 合计 row. */
export function totalsRow(
  totals: readonly ColumnTotal[],
  labelKey: string | null,
  visible?: Map<string, ColumnTotal>,
): TotalsRow {
  const cells: TotalsRow['cells'] = {};
  if (labelKey) cells[labelKey] = { text: visible ? '合计（全表）' : '合计', value: null };
  const row: TotalsRow = {
    kind: 'totals',
    id: 'totals',
    totals: new Map(totals.map((total) => [total.columnKey, total])),
    cells,
    parentId: null,
  };
  if (visible) row.visible = visible;
  return row;
}

/** The shown rows' total a 合计 row carries for a column while rows are hidden. */
export function visibleTotalOf(row: AnyRow | undefined, key: string): ColumnTotal | undefined {
  return row?.kind === 'totals' ? row.visible?.get(key) : undefined;
}

/** The column that carries 合计, group labels and sub-row indentation: the name, else the first text column. */
export function labelColumnKey(columns: readonly ColumnDef[]): string | null {
  return (
    (columns.find((column) => column.role === 'name') ?? columns.find((column) => column.type === 'text'))?.key ?? null
  );
}

/** Allocation matrices show a computed 合计 column: the row sum of their count columns. */
export const ROW_TOTAL_KEY = '__rowTotal';
export const ROW_TOTAL_HEADER = '合计';
export const ROW_TOTAL_WIDTH = 100;

/** The columns a row's 合计 adds up (allocation matrices; none elsewhere). */
export function countColumns(columns: readonly ColumnDef[]): ColumnDef[] {
  return columns.filter((column) => column.role === 'count' && !column.hidden);
}

/** A row's 合计 over the count columns, exact; for totals and group rows, over their sums. */
export function rowSum(row: AnyRow, counts: readonly ColumnDef[]): string {
  const values = counts.map((column) => {
    const total = totalOf(row, column.key);
    if (total) return total.sum;
    const value = row.cells[column.key]?.value;
    return typeof value === 'number' ? String(value) : null;
  });
  return sumDecimals(values.filter((value): value is string => value !== null));
}
