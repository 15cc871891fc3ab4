import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { ColumnTotal, RowData } from '../../shared/api/contract';
import type { CellValue } from '../../shared/domain/cells';
import type { ColumnDef } from '../../shared/domain/columns';
import { columnHeader } from '../../shared/domain/columns';
import { sumDecimals } from '../../shared/domain/decimal';
import { decimalToFen, formatMoney } from '../../shared/domain/money';

/** A grid row: a plan row, or the pinned totals row (which carries the column totals). */
export interface GridRow extends RowData {
  totals?: Map<string, ColumnTotal>;
}

export const ALLOCATION_TOTAL_KEY = '__rowTotal';

const WIDTH_BY_ROLE: Partial<Record<NonNullable<ColumnDef['role']>, number>> = {
  name: 220,
  seq: 80,
};

const WIDTH_BY_TYPE: Partial<Record<ColumnDef['type'], number>> = {
  longText: 380,
  money: 170,
  number: 110,
  percent: 100,
  year: 90,
  yearRange: 130,
  departmentList: 220,
  department: 180,
};

function cellOf(params: { data?: GridRow }, key: string): CellValue | undefined {
  return params.data?.cells[key];
}

/** Money as officials read it: thousands separators, the column's decimals, exact. */
export function formatMoneyCell(column: ColumnDef, cell: CellValue | undefined): string {
  if (!cell) return '';
  if (typeof cell.value !== 'string') return cell.text;
  const unit = column.settings.moneyUnit ?? '万元';
  const fen = decimalToFen(cell.value, unit);
  return fen === null ? cell.text : formatMoney(fen, unit, column.settings.decimals ?? 2);
}

function compareNullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compare(a, b);
}

function moneyKey(column: ColumnDef, cell: CellValue | undefined): bigint | null {
  return typeof cell?.value === 'string' ? decimalToFen(cell.value, column.settings.moneyUnit ?? '万元') : null;
}

function numberKey(cell: CellValue | undefined): number | null {
  return typeof cell?.value === 'number' ? cell.value : null;
}

/** AG Grid column definitions for a sheet's typed columns. */
export function gridColumns(columns: ColumnDef[], labelKey: string | null): ColDef<GridRow>[] {
  return columns
    .filter((column) => !column.hidden)
    .map((column) => {
      const base: ColDef<GridRow> = {
        colId: column.key,
        headerName: columnHeader(column),
        headerTooltip: columnHeader(column),
        width: column.width ?? (column.role ? WIDTH_BY_ROLE[column.role] : undefined) ?? WIDTH_BY_TYPE[column.type] ?? 150,
        valueGetter: (params: ValueGetterParams<GridRow>) => cellOf(params, column.key),
        valueFormatter: (params: ValueFormatterParams<GridRow, CellValue>) => params.value?.text ?? '',
        cellClassRules: {
          'cell-unknown': (params) => params.node.rowPinned !== 'bottom' && isUnknownAmount(column, params.value),
          'cell-child': (params) => column.key === labelKey && params.data?.parentId != null,
        },
        comparator: (a: CellValue | undefined, b: CellValue | undefined) =>
          (a?.text ?? '').localeCompare(b?.text ?? '', 'zh-CN', { numeric: true }),
      };
      if (column.type === 'money') {
        return {
          ...base,
          type: 'rightAligned',
          valueFormatter: (params) =>
            params.node?.rowPinned === 'bottom' ? totalText(params.data, column) : formatMoneyCell(column, params.value),
          comparator: (a: CellValue | undefined, b: CellValue | undefined) =>
            compareNullable(moneyKey(column, a), moneyKey(column, b), (x, y) => (x < y ? -1 : x > y ? 1 : 0)),
        };
      }
      if (column.type === 'number' || column.type === 'percent' || column.type === 'year') {
        return {
          ...base,
          type: 'rightAligned',
          valueFormatter: (params) =>
            params.node?.rowPinned === 'bottom' ? totalText(params.data, column) : (params.value?.text ?? ''),
          comparator: (a: CellValue | undefined, b: CellValue | undefined) =>
            compareNullable(numberKey(a), numberKey(b), (x, y) => x - y),
        };
      }
      // Long text and unit lists wrap: officials read the whole 建设内容 and every 配合单位.
      if (column.type === 'longText' || column.type === 'departmentList') {
        return { ...base, wrapText: true, autoHeight: true };
      }
      return base;
    });
}

function isUnknownAmount(column: ColumnDef, value: CellValue | undefined): boolean {
  return column.type === 'money' && value !== undefined && value.value === null;
}

/** The pinned totals row's text for one column: the exact total and how many rows have a value. */
function totalText(row: GridRow | undefined, column: ColumnDef): string {
  const total = row?.totals?.get(column.key);
  if (!total) return '';
  const amount =
    total.type === 'money' && total.moneyUnit
      ? formatMoney(decimalToFen(total.sum, total.moneyUnit) ?? 0n, total.moneyUnit, column.settings.decimals ?? 2)
      : total.sum;
  return amount;
}

/** "70/88 有金额": how many rows of a money column have an amount; unknown is not 0. */
export function knownText(total: ColumnTotal): string {
  const rows = total.known + total.unknown;
  return total.type === 'money' ? `${total.known}/${rows} 有金额` : `${total.known}/${rows} 有数值`;
}

/** Allocation matrices: a computed 合计 column, the row sum of the count columns. */
export function allocationTotalColumn(columns: ColumnDef[]): ColDef<GridRow> | null {
  const counts = columns.filter((column) => column.role === 'count');
  if (counts.length === 0) return null;
  return {
    colId: ALLOCATION_TOTAL_KEY,
    headerName: '合计',
    width: 100,
    type: 'rightAligned',
    cellClassRules: { 'cell-computed': () => true },
    valueGetter: (params: ValueGetterParams<GridRow>) =>
      sumDecimals(
        counts
          .map((column) => params.data?.cells[column.key]?.value)
          // Plan rows hold numbers; the pinned totals row holds exact decimal strings.
          .filter((value): value is number | string => typeof value === 'number' || typeof value === 'string')
          .map(String),
      ),
  };
}

/** The pinned bottom row: 合计 in the label column, the exact totals under their columns. */
export function totalsRow(totals: ColumnTotal[], labelKey: string | null): GridRow {
  const cells: Record<string, CellValue> = {};
  if (labelKey) cells[labelKey] = { text: '合计', value: null };
  for (const total of totals) cells[total.columnKey] = { text: total.sum, value: total.sum };
  return { id: 1, parentId: null, cells, totals: new Map(totals.map((total) => [total.columnKey, total])) };
}
