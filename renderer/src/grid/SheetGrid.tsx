import { forwardRef, useCallback, useEffect, useEffectEvent, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellContextMenuEvent,
  CellDoubleClickedEvent,
  Column,
  ColumnMovedEvent,
  ColumnResizedEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  IRowNode,
  RowClassParams,
  RowClickedEvent,
  RowDragEndEvent,
  RowHeightParams,
  SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ColumnTotal, RowData, SheetDetail, SheetView } from '../../../shared/contract/contract';
import type { RejectedCellOutput } from '../../../shared/contract/calls/editing';
import { describeError, PlanbenchError } from '../../../shared/contract/errors';
import { isDepartmentType } from '../../../shared/model/columnTypes';
import { api } from '../data/api';
import { afterPaint } from '../app/afterPaint';
import type { SheetScreen } from '../app/firstScreen';
import type { AnyRow } from './cellDisplay';
import { COMPACT_ABOVE_ROWS, displayUnit, labelColumnKey, totalsRow } from './cellDisplay';
import { contains, extend } from './cellRange';
import { columnDefs, narrowView, rowTotalColumn } from './columnDefs';
import { offerNewDepartments } from './departments';
import type { EditMode } from './editing/keys';
import { editStartFor, navigationMove } from './editing/keys';
import { useCellEditor } from './editing/useCellEditor';
import type { ValueChange } from './gridRows';
import { GRID_MODULES } from './gridModules';
import { rangeEdits } from './rangeEdits';
import { useRangeSelection } from './useRangeSelection';
import { useShownRows } from './useShownRows';
import type { Loaded } from './loadRows';
import { loadRows, putCell, withEdits } from './loadRows';
import { adjustTotals, arrangeRows, gridRowFor, valueChange } from './gridRows';
import { selectionStats, STATS_CELL_LIMIT, statsText } from './selectionStats';

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
  reload(): Promise<void>;
  copy(): string | null;
  paste(text: string): Promise<void>;
  fillDown(): Promise<void>;
  clear(): Promise<void>;
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
  /** The plan changed (an edit, a paste): undo state and checks should refresh. */
  onChanged(): void;
  onLayoutChanged(): void;
  /** Rows were added (a paste past the last row): the sheet's row count changed. */
  onRowsAdded?(): void;
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

function rejectedText(rejected: readonly RejectedCellOutput[]): string {
  const shown = rejected.slice(0, 5).map((cell) => `第 ${cell.row} 行「${cell.column}」“${cell.text}”：${cell.reasonZh}`);
  return `${rejected.length} 个单元格未能读取，保持原值：${shown.join('；')}${rejected.length > 5 ? '……' : ''}`;
}

function matches(row: RowData, needle: string): boolean {
  return Object.values(row.cells).some((cell) => cell.text.toLowerCase().includes(needle));
}

/**
 * One sheet in AG Grid, edited the way Excel users expect: type or F2 to edit, Enter/Tab to
 * move, a rectangular selection by mouse or shift+arrows, Ctrl+C/Ctrl+V as tab-separated text,
 * Ctrl+D to fill down, Delete to clear — each change one action in the plan's change log.
 */
export const SheetGrid = forwardRef<SheetGridHandle, SheetGridProps>(function SheetGrid(props, ref) {
  const { sheet, view, screen, findText, cellIssues, onMessage, onChanged, onLayoutChanged, onReady, onEditMode, onRowsAdded, onSelectionStats, onVisibleRows, onMenu } = props;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  /** The pinned 合计 row's figures; after an edit they change without rebuilding the rows. */
  const [totals, setTotals] = useState<ColumnTotal[]>([]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  /** The rows a filter or find leaves shown, and their totals; null when nothing is hidden. */
  const gridApi = useRef<GridApi<AnyRow> | null>(null);
  const { visible, countVisible } = useShownRows({ gridApi, columns: sheet.columns, findText, onVisibleRows, totalsHeight: TOTALS_HEIGHT });
  const host = useRef<HTMLDivElement>(null);

  const loadedRef = useRef<Loaded | null>(null);
  loadedRef.current = loaded;
  const generation = useRef(0);
  /** The first screen's answers, until the first load has used them. */
  const unused = useRef<SheetScreen | null>(screen);
  /**
   * Cells edited while a large sheet's rows are still arriving. Pages asked for before an edit
   * carry the old value, so these go over the rows once all have arrived (rather than loading
   * the whole sheet again after every edit).
   */
  const editedWhileLoading = useRef(new Map<number, Map<string, RowData['cells'][string]>>());
  const reload = useCallback(async () => {
    const current = ++generation.current;
    const asked = unused.current;
    unused.current = null;
    editedWhileLoading.current.clear();
    const show = (next: Loaded) => setLoaded(next.complete ? withEdits(next, editedWhileLoading.current) : next);
    try {
      await loadRows(sheet.id, asked, show, setTotals, () => current === generation.current);
    } catch (error) {
      onMessage(errorText(error), 'error');
    }
  }, [sheet.id, onMessage]);

  /**
   * After an edit: the changed cells go into their rows, and the 合计 row is worked out from
   * each cell's old and new value (exact, the same figures the store would give). In the plain
   * view (no grouping, no find) only the edited rows' nodes are given their new data, so a
   * 100,000-row sheet is neither diffed nor sorted again for one cell (as in Excel, an edited row
   * stays where it is until the user sorts again); otherwise the rows are arranged again, since
   * subtotals and matches may have changed.
   */
  const applyCells = useCallback(
    (applied: readonly { rowId: number; columnKey: string; cell: RowData['cells'][string] }[]) => {
      const current = loadedRef.current;
      if (!current) return;
      const byRow = new Map<number, typeof applied>();
      for (const change of applied) byRow.set(change.rowId, [...(byRow.get(change.rowId) ?? []), change]);
      const changes: ValueChange[] = [];
      const edited = (row: RowData): RowData => {
        const cells = { ...row.cells };
        for (const change of byRow.get(row.id) ?? []) {
          changes.push(valueChange(change.columnKey, cells[change.columnKey], change.cell));
          putCell(cells, change.columnKey, change.cell);
        }
        return { ...row, cells };
      };
      if (!current.complete) {
        for (const change of applied) {
          const cells = editedWhileLoading.current.get(change.rowId) ?? new Map<string, RowData['cells'][string]>();
          cells.set(change.columnKey, change.cell);
          editedWhileLoading.current.set(change.rowId, cells);
        }
      }
      const grid = gridApi.current;
      if (grid && view.groupBy.length === 0 && findText.trim() === '') {
        for (const rowId of byRow.keys()) {
          // In the plain view the grid's rows are the loaded rows in order, so a node's source
          // index is the row's place in them (looked up only if that ever stops being so).
          const node = grid.getRowNode(String(rowId));
          let index = node?.sourceRowIndex ?? -1;
          if (current.rows[index]?.id !== rowId) index = current.rows.findIndex((row) => row.id === rowId);
          if (index < 0) continue;
          // In place: the rows the grid was built from stay in step for the next arrangement.
          const next = edited(current.rows[index]!);
          current.rows[index] = next;
          node?.updateData(gridRowFor(next));
        }
      } else {
        setLoaded({ ...current, rows: current.rows.map((row) => (byRow.has(row.id) ? edited(row) : row)) });
      }
      setTotals((totals) => adjustTotals(totals, changes));
    },
    [view.groupBy, findText],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  const labelKey = useMemo(() => labelColumnKey(sheet.columns), [sheet.columns]);

  /** The grid's width, rounded to 40 px steps so resizing a window does not rebuild columns at every pixel. */
  const [gridWidth, setGridWidth] = useState(0);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setGridWidth(Math.floor(entry.contentRect.width / 40) * 40);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  /** How a grid narrower than its columns is laid out (null: it is wide enough). */
  const narrow = useMemo(() => narrowView(sheet.columns, labelKey, view.freeze, gridWidth), [sheet.columns, labelKey, view.freeze, gridWidth]);
  const grouped = view.groupBy.length > 0;

  const rowData = useMemo<AnyRow[]>(() => {
    if (!loaded) return [];
    const needle = findText.trim().toLowerCase();
    const rows = needle ? loaded.rows.filter((row) => matches(row, needle)) : loaded.rows;
    return arrangeRows(rows, sheet.columns, view.groupBy, collapsed, labelKey);
  }, [loaded, findText, sheet.columns, view.groupBy, collapsed, labelKey]);

  // The marks from the checks reach the column definitions through a ref (see ColumnOptions.issueOf);
  // when they change, only the cells are refreshed (class rules run again; tooltips ask on hover).
  const issues = useRef(cellIssues);
  const issueOf = useCallback((rowId: number, columnKey: string) => issues.current.get(`${rowId}:${columnKey}`), []);
  useEffect(() => {
    if (issues.current === cellIssues) return;
    issues.current = cellIssues;
    gridApi.current?.refreshCells();
  }, [cellIssues]);

  const statsTimer = useRef<number | undefined>(undefined);
  const { range, displayedColumns, dataColumnKeys, setRange, pointOf, onCellFocused, selection } = useRangeSelection({
    gridApi,
    host,
    columns: sheet.columns,
    // Counted after the selection is painted, and only once for a burst of moves.
    onChange: () => {
      window.clearTimeout(statsTimer.current);
      statsTimer.current = window.setTimeout(() => onSelectionStats?.(selectionStatusText()), 30);
    },
  });

  const defs = useMemo(() => {
    const isSelected = (rowIndex: number | null, colId: string): boolean => {
      const grid = gridApi.current;
      if (rowIndex === null || !grid) return false;
      const col = grid.getAllDisplayedColumns().findIndex((column) => column.getColId() === colId);
      return contains(range.current, rowIndex, col);
    };
    const base = columnDefs(sheet.columns, {
      moneyUnit: view.moneyUnit,
      freeze: view.freeze,
      narrow,
      labelKey,
      headerTools: !grouped,
      issueOf,
      compact: sheet.rowCount > COMPACT_ABOVE_ROWS,
    }).map((def) => ({
      ...def,
      cellClassRules: { ...def.cellClassRules, 'cell-in-range': (params: { rowIndex: number | null; node: { rowPinned?: string | null } }) => !params.node.rowPinned && isSelected(params.rowIndex, def.colId!) },
    }));
    // Rows are dragged by the first column, when the order on screen is the plan's own order.
    if (base[0] && !grouped) base[0] = { ...base[0], rowDrag: (params) => params.data?.kind === 'data' };
    const rowTotal = sheet.kind === 'allocation' ? rowTotalColumn(sheet.columns) : null;
    return rowTotal ? [...base, rowTotal] : base;
  }, [sheet.columns, sheet.kind, sheet.rowCount, view.moneyUnit, view.freeze, labelKey, grouped, issueOf, narrow, range]);

  const pinned = useMemo(
    () => (totals.length > 0 ? [totalsRow(totals, labelKey, visible?.totals)] : []),
    [totals, labelKey, visible],
  );

  // Grouping or finding rearranges the rows: a selection by position would point elsewhere.
  const forgetRange = useEffectEvent(() => setRange(null));
  useEffect(() => forgetRange(), [view.groupBy, findText]);

  /** The status line's 计数 / 求和 / 平均值 for the current selection, when it covers several cells. */
  const selectionStatusText = (): string | null => {
    const picked = selection();
    if (!picked || (picked.box.top === picked.box.bottom && picked.box.left === picked.box.right)) return null;
    const columns = picked.keys.flatMap((key) => sheet.columns.find((column) => column.key === key) ?? []);
    if (picked.rows.length * columns.length > STATS_CELL_LIMIT) return '选区过大，未统计';
    return statsText(selectionStats(picked.rows, columns, (column) => displayUnit(column, { moneyUnit: view.moneyUnit })));
  };

  // ---- changes ---------------------------------------------------------------------------

  /**
   * Edits go to the plan one after another, in the order they were made: two requests in flight
   * may reach the main side in either order (one connection each), and a cell typed twice in
   * quick succession must end with the second entry.
   */
  const editQueue = useRef<Promise<void>>(Promise.resolve());

  const applyEdits = useCallback(
    (
      edits: { rowId?: number; newRow?: number; columnKey: string; text: string }[],
      source: 'user' | 'paste' | 'fill',
      options: { appendRows?: number; label?: string } = {},
    ): Promise<void> => {
      if (edits.length === 0) return Promise.resolve();
      const queued = editQueue.current.then(() => sendLatest.current(edits, source, options));
      editQueue.current = queued;
      return queued;
    },
    [],
  );

  const sendEdits = async (
      edits: { rowId?: number; newRow?: number; columnKey: string; text: string }[],
      source: 'user' | 'paste' | 'fill',
      options: { appendRows?: number; label?: string },
    ) => {
      try {
        const result = await api['cells.update']({
          sheetId: sheet.id,
          edits: edits.map((edit) =>
            edit.rowId !== undefined
              ? { rowId: edit.rowId, columnKey: edit.columnKey, text: edit.text }
              : { newRow: edit.newRow ?? 0, columnKey: edit.columnKey, text: edit.text },
          ),
          appendRows: options.appendRows ?? 0,
          source,
          onInvalid: source === 'user' && edits.length === 1 ? 'abort' : 'skip',
          ...(options.label ? { label: options.label } : {}),
        });
        if (result.rejected.length > 0) onMessage(rejectedText(result.rejected), 'error');
        else if (source !== 'user' || edits.length > 1) onMessage(`已更新 ${result.applied.length} 个单元格`, 'info');
        else onMessage('已保存', 'info');
        // New rows change the row list itself; otherwise only the edited cells and the totals.
        if (result.appendedRowIds.length > 0) {
          await reload();
          onRowsAdded?.();
        }
        else applyCells(result.applied);
        // Undo state and checks look again once the edit has been painted, not before.
        afterPaint(onChanged);
      } catch (error) {
        onMessage(errorText(error), 'error');
      }
    };
  /** The current render's sendEdits, for the queue (which outlives renders). */
  const sendLatest = useRef(sendEdits);
  sendLatest.current = sendEdits;

  /** One cell typed into the editor: saved as one action (new department names offered first). */
  const saveTyped = async (rowId: number, columnKey: string, text: string) => {
    const column = sheet.columns.find((candidate) => candidate.key === columnKey);
    if (column && isDepartmentType(column.type) && text.trim() !== '') await offerNewDepartments(text);
    await applyEdits([{ rowId, columnKey, text }], 'user');
  };

  const editor = useCellEditor({
    host,
    gridApi,
    columns: sheet.columns,
    moneyUnit: view.moneyUnit,
    save: saveTyped,
    select: (point) => setRange({ anchor: point, focus: point }),
    modeChanged: (mode) => onEditMode?.(mode),
  });

  const { copy, paste, fillDown, clear } = rangeEdits({ gridApi, range, selection, displayedColumns, dataColumnKeys, setRange, applyEdits });

  /** Scroll the first money column into view, e.g. when a side panel makes the grid narrow. */
  const showFirstAmount = () => {
    const amount = sheet.columns.find((candidate) => candidate.type === 'money' && !candidate.hidden);
    if (amount) gridApi.current?.ensureColumnVisible(amount.key);
  };
  // The grid getting narrower than its columns (a side panel opened, the window resized) brings
  // the first amount into view; a grid already narrow before the panel opened counts too.
  const widthChanged = useEffectEvent(() => {
    if (narrow) showFirstAmount();
  });
  useEffect(() => widthChanged(), [gridWidth]);

  const goToRow = (rowId: number, columnKey?: string, place: 'middle' | 'asIs' = 'middle'): boolean => {
    const grid = gridApi.current;
    const node = grid?.getRowNode(String(rowId));
    if (!grid || !node || node.rowIndex === null) return false;
    const columns = displayedColumns();
    const col = Math.max(0, columns.findIndex((column) => column.getColId() === (columnKey ?? labelKey)));
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

  useImperativeHandle(ref, () => ({
    goToRow,
    selectedRowIds: () => selection()?.rows.map((row) => row.id) ?? [],
    activeRowId: () => {
      const grid = gridApi.current;
      const focused = grid?.getFocusedCell();
      const row = focused ? grid?.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
      return row?.kind === 'data' ? row.id : null;
    },
    reload,
    copy,
    paste,
    fillDown,
    clear,
  }));

  // ---- keyboard and clipboard --------------------------------------------------------------

  /** Excel's End mode: End, then an arrow, goes to the edge of the data like Ctrl+arrow. */
  const endMode = useRef(false);

  const suppressKeyboardEvent = (params: SuppressKeyboardEventParams<AnyRow>): boolean => {
    const event = params.event;
    if (event.type !== 'keydown') return false;
    const point = pointOf(params.node.rowIndex, params.column);
    const wasEndMode = endMode.current;
    endMode.current = false;
    if (point && params.node.rowPinned == null) {
      if (event.key === 'End' && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        endMode.current = !wasEndMode;
        event.preventDefault();
        return true;
      }
      const arrow = wasEndMode && event.key.startsWith('Arrow') && !event.shiftKey;
      const where = arrow ? navigationMove({ ...event, key: event.key, shiftKey: false, altKey: false, ctrlKey: true, metaKey: false }) : navigationMove(event);
      if (where) {
        editor.move(point, where);
        event.preventDefault();
        return true;
      }
      // Shift+F10 or the menu key: the right-click menu, at the active cell.
      if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
        const rect = (event.target as HTMLElement).closest('.ag-cell')?.getBoundingClientRect();
        if (rect) onMenu?.(rect.left + 8, rect.bottom);
        event.preventDefault();
        return true;
      }
      // Alt+Enter is a line break inside an entry; on a selected cell it does nothing (and never moves).
      if (event.key === 'Enter' && event.altKey) {
        event.preventDefault();
        return true;
      }
      // Typing (a character, Chinese through the IME, Backspace) or F2 opens the editor, here,
      // inside this keydown: an IME's composition goes to what has the focus when it starts.
      const start = editStartFor(event);
      if (start.kind !== 'none' && editor.startEdit(point, start)) {
        // The IME's key must reach the editor as it is; a typed character is already in it.
        if (start.kind !== 'ime') event.preventDefault();
        return true;
      }
    }
    const grid = gridApi.current;
    const ctrl = event.ctrlKey || event.metaKey;
    if (event.shiftKey && !ctrl && event.key.startsWith('Arrow') && grid && range.current) {
      const steps: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const [rowStep, colStep] = steps[event.key] ?? [0, 0];
      setRange(extend(range.current, rowStep, colStep, grid.getDisplayedRowCount(), displayedColumns().length));
      event.preventDefault();
      return true;
    }
    if (event.key === 'Delete' && !ctrl) {
      void clear();
      event.preventDefault();
      return true;
    }
    if (ctrl && (event.key === 'd' || event.key === 'D')) {
      void fillDown();
      event.preventDefault();
      return true;
    }
    if (ctrl && (event.key === 'a' || event.key === 'A') && grid) {
      setRange({ anchor: { row: 0, col: 0 }, focus: { row: grid.getDisplayedRowCount() - 1, col: displayedColumns().length - 1 } });
      event.preventDefault();
      return true;
    }
    // Copy and paste arrive as clipboard events (below); undo/redo and find are the app's.
    return ctrl && ['c', 'v', 'x', 'z', 'y', 'f', 'C', 'V', 'X', 'Z', 'Y', 'F'].includes(event.key);
  };

  // One defaultColDef for the grid's lifetime (a new object would make AG Grid rebuild its
  // columns on every render); it reaches the current key handler through a ref.
  const keyHandler = useRef(suppressKeyboardEvent);
  keyHandler.current = suppressKeyboardEvent;
  const defaultColDef = useMemo(
    () => ({ resizable: true, suppressKeyboardEvent: (params: SuppressKeyboardEventParams<AnyRow>) => keyHandler.current(params) }),
    [],
  );

  useEffect(() => {
    const owns = () => {
      const grid = gridApi.current;
      return !!grid && !editor.isEditing() && !!host.current?.contains(document.activeElement) && range.current !== null;
    };
    const onCopy = (event: ClipboardEvent) => {
      if (!owns()) return;
      const text = copy();
      if (text === null || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!owns()) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      event.preventDefault();
      void paste(text);
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  });

  // ---- rows and columns ------------------------------------------------------------------

  /** A right-click outside the selection selects the cell first, as in Excel; then the menu. */
  const onCellContextMenu = (event: CellContextMenuEvent<AnyRow>) => {
    const point = pointOf(event.rowIndex, event.column);
    const mouse = event.event as MouseEvent | null;
    if (!point || event.rowPinned || !mouse) return;
    const current = range.current;
    if (!current || !contains(current, point.row, point.col)) {
      gridApi.current?.setFocusedCell(point.row, event.column);
      setRange({ anchor: point, focus: point });
    }
    onMenu?.(mouse.clientX, mouse.clientY);
  };

  const onCellDoubleClicked = (event: CellDoubleClickedEvent<AnyRow>) => {
    const point = pointOf(event.rowIndex, event.column);
    if (point && !event.rowPinned) editor.startEdit(point, { kind: 'edit' });
  };

  // A group's toggle (▾/▸) is drawn from its row, whose cell values do not change when it is
  // folded: its cells are drawn again.
  useEffect(() => {
    const grid = gridApi.current;
    // Only grouped views have toggles; a plain 100,000-row view is not walked.
    if (!grid || !grouped) return;
    const groups: IRowNode<AnyRow>[] = [];
    grid.forEachNode((node) => {
      if (node.data?.kind === 'group') groups.push(node);
    });
    if (groups.length > 0) grid.refreshCells({ rowNodes: groups, force: true });
  }, [rowData, grouped]);

  const onRowClicked = (event: RowClickedEvent<AnyRow>) => {
    const row = event.data;
    if (row?.kind !== 'group') return;
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      return next;
    });
  };

  const onRowDragEnd = async (event: RowDragEndEvent<AnyRow>) => {
    const moved = event.node.data;
    const over = event.overNode?.data;
    if (moved?.kind !== 'data' || over?.kind !== 'data' || moved.id === over.id) return;
    // Moving is by the plan's own order; in a sorted or filtered view a drop point means nothing.
    const sorted = event.api.getColumnState().some((column) => column.sort);
    if (sorted || event.api.isAnyFilterPresent() || findText.trim() !== '') {
      onMessage('排序、筛选或查找时不能拖动行，请先取消后再移动。/ Clear sorting, filters and find before moving rows.', 'info');
      return;
    }
    const grid = gridApi.current;
    const from = event.node.rowIndex ?? 0;
    const to = event.overIndex;
    // Dropped on a row below: it goes after that row, i.e. before the one that follows it.
    const next = to > from ? grid?.getDisplayedRowAtIndex(to + 1)?.data : over;
    try {
      await api['rows.move']({ sheetId: sheet.id, rowIds: [moved.id], beforeRowId: next?.kind === 'data' ? next.id : null });
      onMessage('已移动 1 行（序号未改，可用“重排序号”重新编号）', 'info');
      await reload();
      onChanged();
    } catch (error) {
      onMessage(errorText(error), 'error');
    }
  };

  const saveLayout = (columns: Column[]) => {
    const layout = columns
      .filter((column) => dataColumnKeys.has(column.getColId()))
      .map((column, position) => ({ key: column.getColId(), width: Math.round(column.getActualWidth()), position }));
    if (layout.length === 0) return;
    api['columns.layout']({ sheetId: sheet.id, layout }).then(onLayoutChanged, (error: unknown) => onMessage(errorText(error), 'error'));
  };

  const onColumnResized = (event: ColumnResizedEvent<AnyRow>) => {
    if (event.finished && event.source === 'uiColumnResized') saveLayout(event.api.getAllGridColumns());
  };

  const onColumnMoved = (event: ColumnMovedEvent<AnyRow>) => {
    if (event.finished && event.source === 'uiColumnMoved') saveLayout(event.api.getAllGridColumns());
  };

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
        onCellDoubleClicked={onCellDoubleClicked}
        onCellContextMenu={onCellContextMenu}
        preventDefaultOnContextMenu
        onBodyScroll={editor.followScroll}
        onModelUpdated={countVisible}
        onRowClicked={onRowClicked}
        onRowDragEnd={(event) => void onRowDragEnd(event)}
        onColumnResized={onColumnResized}
        onColumnMoved={onColumnMoved}
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
