import { forwardRef, useCallback, useImperativeHandle, useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { GetRowIdParams, GridApi, GridReadyEvent, RowClassParams, RowHeightParams } from 'ag-grid-community';
import { ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { SheetDetail, SheetView } from '../../../shared/contract/contract';
import { describeError, PlanbenchError } from '../../../shared/contract/errors';
import type { SheetScreen } from '../app/firstScreen';
import type { AnyRow } from './cellDisplay';
import { labelColumnKey, totalsRow } from './cellDisplay';
import type { EditMode } from './editing/keys';
import { GRID_MODULES } from './gridModules';
import { useGridClipboard } from './useGridClipboard';
import { useGridColumns } from './useGridColumns';
import { useGridEditing } from './useGridEditing';
import { useGridEvents } from './useGridEvents';
import { useGridKeyboard } from './useGridKeyboard';
import { useGridSelection } from './useGridSelection';
import { useSheetRows } from './useSheetRows';
import { useStatusColumn } from '../panels/supervision/useStatusColumn';
import { useShownRows } from './useShownRows';

// This module is the grid's own chunk, loaded once the first rows are on screen (see lazyParts.tsx):
// AG Grid is registered with the features it uses when the grid's code arrives.
ModuleRegistry.registerModules(GRID_MODULES);

const theme = themeQuartz.withParams({
  fontFamily: ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'],
  fontSize: 13,
  headerFontWeight: 600,
  headerBackgroundColor: '#eef2f7',
  spacing: 5,
  rangeSelectionBorderColor: '#2563eb',
});

/** What the toolbar asks of the grid. */
export interface SheetGridHandle {
  /**
   * Bring a row (and a cell of it) into view — in the middle of the screen, or scrolling only if
   * it is off screen — focus and select it; false when it is not shown.
   */
  goToRow(rowId: number, columnKey?: string, place?: 'middle' | 'asIs'): boolean;
  /** Data rows covered by the selection, in display order. */
  selectedRowIds(): number[];
  /** The data row of the active cell. */
  activeRowId(): number | null;
  /** The active cell, when it is a data row's cell. */
  activeCell(): { rowId: number; columnKey: string } | null;
  copy(): string | null;
  paste(text: string): Promise<void>;
  fillDown(): Promise<void>;
  clear(): Promise<void>;
  /** Mark cells briefly (someone else just changed them); those not drawn are left alone. */
  flashCells(cells: readonly { rowId: number; columnKey: string }[]): void;
}

export interface SheetGridProps {
  sheet: SheetDetail;
  view: SheetView;
  /** The sheet's first rows and totals, already asked for (see firstScreen.ts): used for the first load. */
  screen: SheetScreen;
  findText: string;
  cellIssues: ReadonlyMap<string, string>;
  /** Something the user should read: a refused value, what a paste left out. */
  onMessage(message: string, tone: 'info' | 'error'): void;
  /** The grid has painted its first rows and can be used. */
  onReady(): void;
  /** A cell editor opened in a mode (输入 / 编辑), switched mode, or closed (null). */
  onEditMode?(mode: EditMode | null): void;
  /** What the status line says of a selection of several cells (计数, 求和, 平均值), or null. */
  onSelectionStats?(text: string | null): void;
  /**
   * While a filter or find hides rows: how many rows are shown (null when none are hidden). The
   * 合计 row then shows the shown rows' totals beside the whole sheet's.
   */
  onVisibleRows?(count: number | null): void;
  /** The right-click menu (or Shift+F10) was asked for, at a point on screen. */
  onMenu?(x: number, y: number): void;
  /** What hovering a commented cell shows, keyed `rowId:columnKey`; those cells get Excel's red corner. */
  cellComments?: ReadonlyMap<string, string>;
  /** Shift+F2 on a cell: its comment is to be added or edited. */
  onComment?(): void;
}

// Row callbacks for AG Grid, defined once: a new function on every render would count as a
// changed grid option, and a changed getRowHeight makes AG Grid measure every row again — on a
// 100,000-row sheet, at each edit and each selection change.
const rowIdOf = (params: GetRowIdParams<AnyRow>): string => String(params.data.id);
const rowClassOf = (params: RowClassParams<AnyRow>): string | undefined =>
  params.data?.kind === 'group' ? `group-row group-level-${params.data.level}` : undefined;
/** Totals and group rows: a figure and its known count on two lines. */
const TOTALS_HEIGHT = 46;
const rowHeightOf = (params: RowHeightParams<AnyRow>): number | undefined =>
  params.node.rowPinned === 'bottom' || params.data?.kind === 'group' ? TOTALS_HEIGHT : undefined;

function errorText(error: unknown): string {
  return error instanceof PlanbenchError ? describeError(error.body) : String(error);
}

/**
 * One sheet in AG Grid, edited the way Excel users expect: type or F2 to edit, Enter/Tab to
 * move, a rectangular selection by mouse or shift+arrows, Ctrl+C/Ctrl+V as tab-separated text,
 * Ctrl+D to fill down, Delete to clear — each change one action in the plan's change log. The
 * rows, the selection, the editing, the clipboard, the keys, the columns and the mouse each have
 * their hook (use*.ts beside this file); this component puts them together.
 */
export const SheetGrid = forwardRef<SheetGridHandle, SheetGridProps>(function SheetGrid(props, ref) {
  const {
    sheet,
    view,
    screen,
    findText,
    cellIssues,
    onMessage,
    onReady,
    onEditMode,
    onSelectionStats,
    onVisibleRows,
    onMenu,
    cellComments,
    onComment,
  } = props;
  const gridApi = useRef<GridApi<AnyRow> | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const labelKey = useMemo(() => labelColumnKey(sheet.columns), [sheet.columns]);
  const showError = useCallback((error: unknown) => onMessage(errorText(error), 'error'), [onMessage]);

  const { loaded, rowData, totals, toggleGroup } = useSheetRows({
    sheet,
    view,
    screen,
    findText,
    labelKey,
    gridApi,
    onError: showError,
  });
  /** The rows a filter or find leaves shown, and their totals; null when nothing is hidden. */
  const { visible, countVisible } = useShownRows({
    gridApi,
    columns: sheet.columns,
    findText,
    onVisibleRows,
    totalsHeight: TOTALS_HEIGHT,
  });
  const pinned = useMemo(
    () => (totals.length > 0 ? [totalsRow(totals, labelKey, visible?.totals)] : []),
    [totals, labelKey, visible],
  );

  const { range, displayedColumns, dataColumnKeys, setRange, pointOf, onCellFocused, selection } = useGridSelection({
    sheet,
    view,
    findText,
    gridApi,
    host,
    onSelectionStats,
  });
  const status = useStatusColumn(sheet, gridApi);
  const { defs, showFirstAmount } = useGridColumns({
    ...{ sheet, view, labelKey, cellIssues, cellComments, gridApi, host, range },
    extra: status,
  });
  const { applyEdits, editor } = useGridEditing({
    sheet,
    view,
    host,
    gridApi,
    select: (point) => setRange({ anchor: point, focus: point }),
    onMessage,
    onEditMode,
    errorText,
  });
  const { copy, paste, fillDown, clear } = useGridClipboard({
    host,
    isEditing: editor.isEditing,
    gridApi,
    range,
    selection,
    displayedColumns,
    dataColumnKeys,
    setRange,
    applyEdits,
  });
  const defaultColDef = useGridKeyboard({
    gridApi,
    range,
    setRange,
    displayedColumns,
    pointOf,
    editor,
    clear,
    fillDown,
    onMenu,
    onComment,
  });
  const events = useGridEvents({
    sheet,
    findText,
    grouped: view.groupBy.length > 0,
    rowData,
    gridApi,
    range,
    setRange,
    pointOf,
    dataColumnKeys,
    startEdit: editor.startEdit,
    toggleGroup,
    onMessage,
    onMenu,
    errorText,
  });

  const goToRow = (rowId: number, columnKey?: string, place: 'middle' | 'asIs' = 'middle'): boolean => {
    const grid = gridApi.current;
    const node = grid?.getRowNode(String(rowId));
    if (!grid || !node || node.rowIndex === null) return false;
    const columns = displayedColumns();
    const col = Math.max(
      0,
      columns.findIndex((column) => column.getColId() === (columnKey ?? labelKey)),
    );
    grid.ensureIndexVisible(node.rowIndex, place === 'middle' ? 'middle' : null);
    const column = columns[col];
    if (column) {
      // The row's first amount comes into view too (when the cell asked for allows), so the
      // figure and the 合计 are there beside what the row is.
      showFirstAmount();
      grid.ensureColumnVisible(column);
      grid.setFocusedCell(node.rowIndex, column);
    }
    setRange({ anchor: { row: node.rowIndex, col }, focus: { row: node.rowIndex, col } });
    return true;
  };

  /** The focused data cell (a 合计 or group row is none). */
  const activeCell = () => {
    const grid = gridApi.current;
    const focused = grid?.getFocusedCell();
    const row = focused ? grid?.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
    return row?.kind === 'data' && focused ? { rowId: row.id, columnKey: focused.column.getColId() } : null;
  };

  useImperativeHandle(ref, () => ({
    goToRow,
    selectedRowIds: () => selection()?.rows.map((row) => row.id) ?? [],
    activeRowId: () => activeCell()?.rowId ?? null,
    flashCells: (cells) => {
      const grid = gridApi.current;
      if (!grid) return;
      for (const { rowId, columnKey } of cells) {
        const node = grid.getRowNode(String(rowId));
        if (node) grid.flashCells({ rowNodes: [node], columns: [columnKey] });
      }
    },
    activeCell,
    copy,
    paste,
    fillDown,
    clear,
  }));

  return (
    <div className="grid-host" ref={host}>
      {/* The grid is made once the first rows are here (they were asked for while the page
          loaded), so AG Grid builds its first screen in one pass, with rows. */}
      {!loaded ? (
        <div className="grid-waiting">正在读取…</div>
      ) : (
        <AgGridReact<AnyRow>
          theme={theme}
          localeText={AG_GRID_LOCALE_CN}
          rowData={rowData}
          columnDefs={defs}
          pinnedBottomRowData={pinned}
          getRowId={rowIdOf}
          getRowClass={rowClassOf}
          getRowHeight={rowHeightOf}
          defaultColDef={defaultColDef}
          undoRedoCellEditing={false}
          onCellFocused={onCellFocused}
          onCellDoubleClicked={events.onCellDoubleClicked}
          onCellContextMenu={events.onCellContextMenu}
          preventDefaultOnContextMenu
          onBodyScroll={editor.followScroll}
          onModelUpdated={countVisible}
          isExternalFilterPresent={status.isExternalFilterPresent}
          doesExternalFilterPass={status.doesExternalFilterPass}
          onRowClicked={events.onRowClicked}
          onRowDragEnd={(event) => void events.onRowDragEnd(event)}
          onColumnResized={events.onColumnResized}
          onColumnMoved={events.onColumnMoved}
          onGridReady={(event: GridReadyEvent<AnyRow>) => {
            gridApi.current = event.api;
          }}
          onFirstDataRendered={onReady}
          suppressDragLeaveHidesColumns
          tooltipShowDelay={300}
          ensureDomOrder
        />
      )}
    </div>
  );
});
