import type { ColDef, ICellRendererParams, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { ColumnTotal } from '../../../shared/api/contract';
import type { ColumnDef } from '../../../shared/domain/columns';
import { columnHeader, isSummable } from '../../../shared/domain/columns';
import { sumDecimals } from '../../../shared/domain/exactDecimal';
import type { MoneyUnit } from '../../../shared/domain/money';
import { decimalToFen, formatMoney } from '../../../shared/domain/money';
import { DepartmentEditor } from './DepartmentEditor';
import type { GridRow } from './gridRows';

/** A row of the grid, or the pinned 合计 row (which carries the sheet's totals). */
export type AnyRow = GridRow | TotalsRow;

export interface TotalsRow {
  kind: 'totals';
  id: 'totals';
  totals: Map<string, ColumnTotal>;
  cells: Record<string, { text: string; value: null }>;
  parentId: null;
}

export const ROW_TOTAL_KEY = '__rowTotal';

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

export interface ColumnOptions {
  /** The unit money is shown in (null: each column's own). Display only. */
  moneyUnit: MoneyUnit | null;
  /** How many of the first visible columns are frozen. */
  freeze: number;
  /** The column that carries 合计 / group labels and sub-row indentation. */
  labelKey: string | null;
  /** Whether the grid may sort and filter by header (not while rows are grouped). */
  headerTools: boolean;
  /**
   * What a check says about a cell (row id, column key), if anything. A function, not a map: the
   * marks change after every check run, and the column definitions must not (new definitions
   * make AG Grid rebuild its columns and re-run its row model over every row).
   */
  issueOf: (rowId: number, columnKey: string) => string | undefined;
  /**
   * One line per row (long text cut, whole text on hover) instead of rows as tall as their
   * text: for large sheets, where measuring every row's height would slow scrolling.
   */
  compact: boolean;
}

/** The unit a money column is shown in. */
export function displayUnit(column: ColumnDef, options: Pick<ColumnOptions, 'moneyUnit'>): MoneyUnit {
  return options.moneyUnit ?? column.settings.moneyUnit ?? '万元';
}

function decimalsFor(column: ColumnDef, unit: MoneyUnit): number {
  // 万元 with 2 decimals is what officials read; 亿元 needs more to stay meaningful, 元 needs 2.
  if (unit === (column.settings.moneyUnit ?? '万元')) return column.settings.decimals ?? 2;
  return unit === '亿元' ? 4 : 2;
}

/** An exact amount (decimal string in the column's unit) as shown in `unit`. */
export function formatAmount(column: ColumnDef, amount: string, options: Pick<ColumnOptions, 'moneyUnit'>): string {
  const fen = decimalToFen(amount, column.settings.moneyUnit ?? '万元');
  if (fen === null) return amount;
  const unit = displayUnit(column, options);
  return formatMoney(fen, unit, decimalsFor(column, unit));
}

function totalOf(row: AnyRow | undefined, key: string): ColumnTotal | undefined {
  return row && (row.kind === 'totals' || row.kind === 'group') ? row.totals.get(key) : undefined;
}

/** "70/88 有金额": how many rows have an amount; unknown is not 0. */
export function knownText(total: ColumnTotal): string {
  const rows = total.known + total.unknown;
  return `${total.known}/${rows} ${total.type === 'money' ? '有金额' : '有数值'}`;
}

/** Totals and subtotals: the exact sum, and below it how many rows have a value. */
export function TotalCell(params: ICellRendererParams<AnyRow>) {
  const total = totalOf(params.data, params.colDef?.colId ?? '');
  return (
    <div className="total-cell">
      <span className="total-amount">{params.valueFormatted ?? ''}</span>
      {total && <span className="total-known">{knownText(total)}</span>}
    </div>
  );
}

/** The group row's label cell: a toggle, the group value and its count. */
function GroupLabelCell(params: ICellRendererParams<AnyRow>) {
  const row = params.data;
  if (!row || row.kind !== 'group') return null;
  return (
    <span className="group-label" style={{ paddingLeft: row.level * 18 }}>
      <span className="group-toggle" aria-hidden>
        {row.collapsed ? '▸' : '▾'}
      </span>
      {row.label}
      <span className="group-count">（{row.count} 项）</span>
    </span>
  );
}

function numberKey(row: AnyRow | undefined, column: ColumnDef): bigint | number | null {
  const value = row?.cells[column.key]?.value;
  if (column.type === 'money') return typeof value === 'string' ? decimalToFen(value, column.settings.moneyUnit ?? '万元') : null;
  // "2021-2025" → 20212025 and "2023-06-30" → 20230630 order by start, then end.
  if (column.type === 'yearRange' || column.type === 'date') return typeof value === 'string' ? Number(value.replace(/\D/g, '')) : null;
  return typeof value === 'number' ? value : null;
}

function compareKeys(a: bigint | number | null, b: bigint | number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const NUMERIC_TYPES = new Set<ColumnDef['type']>(['money', 'number', 'percent', 'year']);

/**
 * Which editor a column's cells open: AG Grid's one-line text editor (money, numbers, years,
 * dates, short text — each parsed by its type when saved), the multi-line editor for long text,
 * a list for choices, or the department picker.
 */
export function editorKind(column: ColumnDef): 'text' | 'largeText' | 'select' | 'department' {
  if (column.type === 'longText') return 'largeText';
  if ((column.type === 'choice' || column.type === 'status') && column.settings.choices) return 'select';
  if (column.type === 'department' || column.type === 'departmentList') return 'department';
  return 'text';
}

/** AG Grid column definitions for a sheet's typed columns. */
export function columnDefs(columns: readonly ColumnDef[], options: ColumnOptions): ColDef<AnyRow>[] {
  const visible = columns.filter((column) => !column.hidden);
  return visible.map((column, index) => {
    const numeric = NUMERIC_TYPES.has(column.type);
    const summable = isSummable(column);
    const header =
      column.type === 'money' ? columnHeader({ ...column, settings: { ...column.settings, moneyUnit: displayUnit(column, options) } }) : columnHeader(column);
    const def: ColDef<AnyRow> = {
      colId: column.key,
      headerName: header,
      headerTooltip: header,
      width: column.width ?? (column.role ? WIDTH_BY_ROLE[column.role] : undefined) ?? WIDTH_BY_TYPE[column.type] ?? 150,
      pinned: index < options.freeze ? 'left' : null,
      lockPinned: true,
      sortable: options.headerTools,
      filter: options.headerTools ? (numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter') : false,
      // The grid edits and copies text: what the user typed or imported ("4600", "1.2亿", "/").
      valueGetter: (params: ValueGetterParams<AnyRow>) => params.data?.cells[column.key]?.text ?? '',
      // Number filters compare amounts in the column's own unit (filtering needs no exactness).
      filterValueGetter: numeric
        ? (params: ValueGetterParams<AnyRow>) => {
            const value = params.data?.cells[column.key]?.value;
            return typeof value === 'string' || typeof value === 'number' ? Number(value) : null;
          }
        : undefined,
      valueFormatter: (params: ValueFormatterParams<AnyRow, string>) => {
        const row = params.data;
        const total = totalOf(row, column.key);
        if (total) return column.type === 'money' ? formatAmount(column, total.sum, options) : total.sum;
        if (row?.kind !== 'data') return params.value ?? '';
        const cell = row.cells[column.key];
        if (column.type === 'money' && typeof cell?.value === 'string') return formatAmount(column, cell.value, options);
        return params.value ?? '';
      },
      comparator: (a: string, b: string, nodeA, nodeB) => {
        if (numeric || column.type === 'yearRange' || column.type === 'date') {
          return compareKeys(numberKey(nodeA.data, column), numberKey(nodeB.data, column));
        }
        return a.localeCompare(b, 'zh-CN', { numeric: true });
      },
      editable: (params) => params.data?.kind === 'data',
      cellClassRules: {
        'cell-unknown': (params) => params.data?.kind === 'data' && column.type === 'money' && params.data.cells[column.key]?.value == null && (params.data.cells[column.key]?.text ?? '') !== '',
        'cell-child': (params) => column.key === options.labelKey && params.data?.kind === 'data' && params.data.parentId !== null,
        'cell-issue': (params) => params.data?.kind === 'data' && options.issueOf(params.data.id, column.key) !== undefined,
      },
      tooltipValueGetter: (params) => {
        if (params.data?.kind !== 'data') return undefined;
        const issue = options.issueOf(params.data.id, column.key);
        if (issue) return issue;
        return options.compact && column.type === 'longText' ? params.data.cells[column.key]?.text : undefined;
      },
      cellRendererSelector: (params) => {
        if (params.data?.kind === 'group' && column.key === options.labelKey) return { component: GroupLabelCell };
        if (summable && (params.data?.kind === 'totals' || params.data?.kind === 'group')) return { component: TotalCell };
        return undefined;
      },
    };
    if (numeric) def.type = 'rightAligned';
    if ((column.type === 'longText' || column.type === 'departmentList') && !options.compact) {
      def.wrapText = true;
      def.autoHeight = true;
    }
    const editor = editorKind(column);
    if (editor === 'largeText') {
      // Line breaks typed or pasted into long text are part of the text: show them.
      if (!options.compact) def.cellClass = 'cell-multiline';
      def.cellEditor = 'agLargeTextCellEditor';
      def.cellEditorPopup = true;
      def.cellEditorParams = { maxLength: 100_000, rows: 10, cols: 60 };
    } else if (editor === 'select') {
      def.cellEditor = 'agSelectCellEditor';
      def.cellEditorParams = { values: ['', ...(column.settings.choices ?? [])] };
    } else if (editor === 'department') {
      def.cellEditor = DepartmentEditor;
      def.cellEditorPopup = true;
      def.cellEditorParams = { multiple: column.type === 'departmentList' };
    }
    return def;
  });
}

/** Allocation matrices: a computed 合计 column, the row sum of the count columns. */
export function rowTotalColumn(columns: readonly ColumnDef[]): ColDef<AnyRow> | null {
  const counts = columns.filter((column) => column.role === 'count' && !column.hidden);
  if (counts.length === 0) return null;
  return {
    colId: ROW_TOTAL_KEY,
    headerName: '合计',
    width: 100,
    type: 'rightAligned',
    editable: false,
    sortable: false,
    cellClassRules: { 'cell-computed': () => true },
    valueGetter: (params: ValueGetterParams<AnyRow>) => {
      const row = params.data;
      if (!row) return '';
      const values = counts.map((column) => {
        const total = totalOf(row, column.key);
        if (total) return total.sum;
        const value = row.cells[column.key]?.value;
        return typeof value === 'number' ? String(value) : null;
      });
      return sumDecimals(values.filter((value): value is string => value !== null));
    },
  };
}

/** The pinned 合计 row. */
export function totalsRow(totals: readonly ColumnTotal[], labelKey: string | null): TotalsRow {
  const cells: TotalsRow['cells'] = {};
  if (labelKey) cells[labelKey] = { text: '合计', value: null };
  return { kind: 'totals', id: 'totals', totals: new Map(totals.map((total) => [total.columnKey, total])), cells, parentId: null };
}
