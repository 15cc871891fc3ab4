import type { ColDef, ICellRendererParams, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { ColumnDef } from '../../../shared/model/columns';
import { decimalToFen } from '../../../shared/values/money';
import type { AnyRow, DisplayOptions } from './cellDisplay';
import {
  cellSource,
  cellText,
  columnWidth,
  countColumns,
  headerText,
  isChildLabel,
  isNumericColumn,
  isUnknownAmount,
  ROW_TOTAL_HEADER,
  ROW_TOTAL_KEY,
  ROW_TOTAL_WIDTH,
  rowSum,
  summaryCell,
  totalOf,
  totalText,
  visibleTotalOf,
  wrapsText,
} from './cellDisplay';
import { GroupLabel, TotalFigure } from './summaryCells';
import { EXECUTION_RATE_NOTE_ZH, executionColumns } from '../../../shared/rules/budgets/executionRate';

export interface ColumnOptions extends DisplayOptions {
  /** How many of the first visible columns are frozen. */
  freeze: number;
  /**
   * A narrow grid's view (see narrowView): the leading columns through the row's name kept in
   * view, and the grouping columns among them drawn narrower.
   */
  narrow?: NarrowView | null;
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
  /** The comments (批注) a cell carries, as hovering shows them; marked by a red corner, as in Excel. Read like issueOf. */
  commentOf?: (rowId: number, columnKey: string) => string | undefined;
  /**
   * One line per row (long text cut, whole text on hover) instead of rows as tall as their
   * text: for large sheets, where measuring every row's height would slow scrolling.
   */
  compact: boolean;
}

/** Totals and subtotals: the exact sum, and below it how many rows have a value. */
export function TotalCell(params: ICellRendererParams<AnyRow> & { column?: ColumnDef; display?: DisplayOptions }) {
  const key = params.colDef?.colId ?? '';
  const visible = visibleTotalOf(params.data, key);
  const visibleText =
    visible && params.column && params.display ? totalText(params.column, visible, params.display) : undefined;
  return (
    <TotalFigure
      text={params.valueFormatted ?? ''}
      total={totalOf(params.data, key)}
      visible={visible}
      visibleText={visibleText}
    />
  );
}

/** The group row's label cell. */
function GroupLabelCell(params: ICellRendererParams<AnyRow>) {
  return params.data?.kind === 'group' ? <GroupLabel row={params.data} /> : null;
}

function numberKey(row: AnyRow | undefined, column: ColumnDef): bigint | number | null {
  const value = row?.cells[column.key]?.value;
  if (column.type === 'money')
    return typeof value === 'string' ? decimalToFen(value, column.settings.moneyUnit ?? '万元') : null;
  // "2021-2025" → 20212025 and "2023-06-30" → 20230630 order by start, then end.
  if (column.type === 'yearRange' || column.type === 'date')
    return typeof value === 'string' ? Number(value.replace(/\D/g, '')) : null;
  return typeof value === 'number' ? value : null;
}

function compareKeys(a: bigint | number | null, b: bigint | number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** AG Grid column definitions for a sheet's typed columns. */
export function columnDefs(columns: readonly ColumnDef[], options: ColumnOptions): ColDef<AnyRow>[] {
  const visible = columns.filter((column) => !column.hidden);
  // A column the workbench computes (执行率): drawn as computed, its rule on the header.
  const computedKey = executionColumns(columns)?.rate.key;
  return visible.map((column, index) => {
    const numeric = isNumericColumn(column);
    const header = headerText(column, options);
    const computed = column.key === computedKey;
    const def: ColDef<AnyRow> = {
      colId: column.key,
      headerName: header,
      headerTooltip: computed ? `${header}：${EXECUTION_RATE_NOTE_ZH}` : header,
      width: options.narrow?.narrowed.has(column.key) ? NARROWED_WIDTH : columnWidth(column),
      pinned: index < options.freeze || options.narrow?.pinned.has(column.key) ? 'left' : null,
      lockPinned: true,
      sortable: options.headerTools,
      filter: options.headerTools ? (numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter') : false,
      // The grid edits and copies text: what the user typed or imported ("4600", "1.2亿", "/").
      valueGetter: (params: ValueGetterParams<AnyRow>) => cellSource(params.data, column),
      // Number filters compare amounts in the column's own unit (filtering needs no exactness).
      filterValueGetter: numeric
        ? (params: ValueGetterParams<AnyRow>) => {
            const value = params.data?.cells[column.key]?.value;
            return typeof value === 'string' || typeof value === 'number' ? Number(value) : null;
          }
        : undefined,
      valueFormatter: (params: ValueFormatterParams<AnyRow, string>) => cellText(params.data, column, options),
      comparator: (a: string, b: string, nodeA, nodeB) => {
        if (numeric || column.type === 'yearRange' || column.type === 'date') {
          return compareKeys(numberKey(nodeA.data, column), numberKey(nodeB.data, column));
        }
        return a.localeCompare(b, 'zh-CN', { numeric: true });
      },
      // Cells are edited by the workbench's own editor (editing/CellEditorOverlay), not AG Grid's.
      editable: false,
      cellClassRules: {
        'cell-computed': (params) => computed && params.data?.kind === 'data',
        'cell-unknown': (params) => isUnknownAmount(params.data, column),
        'cell-child': (params) => isChildLabel(params.data, column, options.labelKey),
        'cell-issue': (params) =>
          params.data?.kind === 'data' && options.issueOf(params.data.id, column.key) !== undefined,
        'cell-commented': (params) =>
          params.data?.kind === 'data' && options.commentOf?.(params.data.id, column.key) !== undefined,
      },
      tooltipValueGetter: (params) => {
        if (params.data?.kind !== 'data') return undefined;
        const issue = options.issueOf(params.data.id, column.key);
        const comment = options.commentOf?.(params.data.id, column.key);
        if (issue || comment) return [comment, issue].filter(Boolean).join('\n\n');
        return options.compact && column.type === 'longText' ? params.data.cells[column.key]?.text : undefined;
      },
      cellRendererSelector: (params) => {
        const summary = summaryCell(params.data, column, options.labelKey);
        if (summary === 'groupLabel') return { component: GroupLabelCell };
        if (summary === 'total') return { component: TotalCell, params: { column, display: options } };
        return undefined;
      },
    };
    if (numeric) def.type = 'rightAligned';
    if (wrapsText(column, options.compact)) {
      def.wrapText = true;
      def.autoHeight = true;
    }
    // Line breaks typed or pasted into long text are part of the text: show them.
    if (column.type === 'longText' && !options.compact) def.cellClass = 'cell-multiline';
    return def;
  });
}

/** How wide a grouping column (大类, 小类) is drawn in a narrow grid: its text shortened, whole on hover. */
const NARROWED_WIDTH = 96;

export interface NarrowView {
  pinned: ReadonlySet<string>;
  narrowed: ReadonlySet<string>;
}

/**
 * When the grid is narrower than its columns (a side panel open, a small screen), the leading
 * columns through the row's name (序号, 大类, 小类, 项目名称) stay in view — frozen as they stand,
 * never moved, so a paste lands where the sheet's order says — with the grouping columns among
 * them drawn narrower, while they take no more than three fifths of the width. A jump to a cell then never
 * scrolls away what the row is. Columns the user froze are left as they are.
 */
export function narrowView(
  columns: readonly ColumnDef[],
  labelKey: string | null,
  freeze: number,
  gridWidth: number,
): NarrowView | null {
  const visible = columns.filter((column) => !column.hidden);
  const total = visible.reduce((sum, column) => sum + columnWidth(column), 0);
  if (freeze > 0 || gridWidth <= 0 || total <= gridWidth || labelKey === null) return null;
  const through = visible.findIndex((column) => column.key === labelKey);
  if (through < 0) return null;
  const leading = visible.slice(0, through + 1);
  const narrowed = new Set(
    leading.filter((column) => column.role === 'category' || column.role === 'subcategory').map((column) => column.key),
  );
  const width = leading.reduce(
    (sum, column) => sum + (narrowed.has(column.key) ? NARROWED_WIDTH : columnWidth(column)),
    0,
  );
  if (width > gridWidth * 0.6) return null;
  return { pinned: new Set(leading.map((column) => column.key)), narrowed };
}

/** Allocation matrices: a computed 合计 column, the row sum of the count columns. */
export function rowTotalColumn(columns: readonly ColumnDef[]): ColDef<AnyRow> | null {
  const counts = countColumns(columns);
  if (counts.length === 0) return null;
  return {
    colId: ROW_TOTAL_KEY,
    headerName: ROW_TOTAL_HEADER,
    width: ROW_TOTAL_WIDTH,
    type: 'rightAligned',
    editable: false,
    sortable: false,
    cellClassRules: { 'cell-computed': () => true },
    valueGetter: (params: ValueGetterParams<AnyRow>) => (params.data ? rowSum(params.data, counts) : ''),
  };
}
