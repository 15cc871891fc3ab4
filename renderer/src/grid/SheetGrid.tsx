import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellEditRequestEvent,
  CellFocusedEvent,
  Column,
  ColumnMovedEvent,
  ColumnResizedEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowClassParams,
  RowClickedEvent,
  RowDragEndEvent,
  RowHeightParams,
  SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ColumnTotal, RowData, SheetDetail, SheetView } from '../../../shared/api/contract';
import type { RejectedCellOutput } from '../../../shared/api/calls/editing';
import { describeError, PlanbenchError } from '../../../shared/api/errors';
import { isDepartmentType } from '../../../shared/domain/columnTypes';
import { splitDepartmentText } from '../../../shared/domain/departments';
import { decodeTsv, encodeTsv } from '../../../shared/domain/tsv';
import { api } from '../api';
import { afterPaint } from '../common/afterPaint';
import type { SheetScreen } from '../firstScreen';
import { FIRST_SCREEN_ROWS } from '../firstScreen';
import type { AnyRow } from './cellDisplay';
import { COMPACT_ABOVE_ROWS, labelColumnKey, ROW_TOTAL_KEY, totalsRow } from './cellDisplay';
import type { CellRange } from './cellRange';
import { bounds, contains, extend, pasteTarget } from './cellRange';
import { columnDefs, editorKind, rowTotalColumn } from './columnDefs';
import { forgetDepartments, loadDepartments } from './DepartmentEditor';
import type { ValueChange } from './gridRows';
import { GRID_MODULES } from './gridModules';
import { adjustTotals, arrangeRows, gridRowFor } from './gridRows';

// This module is the grid's own chunk, loaded once the first rows are on screen (see lazyParts.tsx):
// AG Grid is registered with the features it uses when the grid's code arrives.
ModuleRegistry.registerModules(GRID_MODULES);

const PAGE = 5000;

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
  /** The grid has painted its first rows and can be used. */
  onReady(): void;
}

interface Loaded {
  rows: RowData[];
  /** False while the rest of a large sheet is still arriving. */
  complete: boolean;
}

/**
 * Load a sheet's rows: the first screen at once (so a 100,000-row sheet shows without waiting for
 * the rest), then the rest in pages, handed over in one piece when complete. The exact totals
 * are asked for alongside and shown when they come, the rows not waiting for them. The first
 * screen's answers come from `asked` when given (the sheet view asked as it opened).
 */
async function loadRows(
  sheetId: number,
  asked: Pick<SheetScreen, 'firstRows' | 'totals'> | null,
  show: (loaded: Loaded) => void,
  showTotals: (totals: ColumnTotal[]) => void,
  isCurrent: () => boolean,
): Promise<void> {
  // Asked in this order because the main side answers in order, and the rows show first.
  const firstPage = asked?.firstRows ?? api['sheet.rows']({ sheetId, offset: 0, limit: FIRST_SCREEN_ROWS });
  const totals = (asked?.totals ?? api['sheet.totals']({ sheetId }).then((answer) => answer.totals)).then((answer) => {
    if (isCurrent()) showTotals(answer);
  });
  // Handled here too, so a failure is not unhandled if the rows fail first (awaited below).
  totals.catch(() => undefined);
  const first = await firstPage;
  const rows: RowData[] = [...first.rows];
  show({ rows: [...rows], complete: rows.length >= first.total });
  while (rows.length < first.total && isCurrent()) {
    const page = await api['sheet.rows']({ sheetId, offset: rows.length, limit: PAGE });
    if (page.rows.length === 0) break;
    rows.push(...page.rows);
  }
  if (isCurrent() && rows.length > first.rows.length) show({ rows, complete: true });
  await totals;
}

/** A saved cell into a row's cells: an emptied cell is no cell. */
function putCell(cells: RowData['cells'], key: string, cell: RowData['cells'][string]): void {
  if (cell.text === '') delete cells[key];
  else cells[key] = cell;
}

/** All of a sheet's rows with the cells edited while they arrived put over them (then forgotten). */
function withEdits(loaded: Loaded, edits: Map<number, Map<string, RowData['cells'][string]>>): Loaded {
  if (edits.size === 0) return loaded;
  const rows = loaded.rows.map((row) => {
    const cells = edits.get(row.id);
    if (!cells) return row;
    const next = { ...row.cells };
    for (const [key, cell] of cells) putCell(next, key, cell);
    return { ...row, cells: next };
  });
  edits.clear();
  return { ...loaded, rows };
}

// Row callbacks for AG Grid, defined once: a new function on every render would count as a
// changed grid option, and a changed getRowHeight makes AG Grid measure every row again — on a
// 100,000-row sheet, at each edit and each selection change.
const rowIdOf = (params: GetRowIdParams<AnyRow>): string => String(params.data.id);
const rowClassOf = (params: RowClassParams<AnyRow>): string | undefined =>
  params.data?.kind === 'group' ? `group-row group-level-${params.data.level}` : undefined;
const rowHeightOf = (params: RowHeightParams<AnyRow>): number | undefined =>
  params.node.rowPinned === 'bottom' || params.data?.kind === 'group' ? 46 : undefined;

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
  const { sheet, view, screen, findText, cellIssues, onMessage, onChanged, onLayoutChanged, onReady } = props;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  /** The pinned 合计 row's figures; after an edit they change without rebuilding the rows. */
  const [totals, setTotals] = useState<ColumnTotal[]>([]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const gridApi = useRef<GridApi<AnyRow> | null>(null);
  const range = useRef<CellRange | null>(null);
  const dragging = useRef(false);
  const extending = useRef(false);
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
          const after = change.cell.text === '' ? null : change.cell.value;
          changes.push({ columnKey: change.columnKey, before: cells[change.columnKey]?.value ?? null, after });
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
  }, [sheet.columns, sheet.kind, sheet.rowCount, view.moneyUnit, view.freeze, labelKey, grouped, issueOf]);

  const pinned = useMemo(() => (totals.length > 0 ? [totalsRow(totals, labelKey)] : []), [totals, labelKey]);

  // Grouping or finding rearranges the rows: a selection by position would point elsewhere.
  useEffect(() => {
    setRange(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the arrangement changes
  }, [view.groupBy, findText]);

  // ---- selection -------------------------------------------------------------------------

  const displayedColumns = (): Column[] => gridApi.current?.getAllDisplayedColumns() ?? [];
  const dataColumnKeys = new Set(sheet.columns.map((column) => column.key));

  /**
   * Select a range, and re-apply the selection classes to the rows on screen that the old or the
   * new range covers — directly, not through a React render: moving the active cell then costs
   * a couple of rows, not a render of the grid. Not a forced refresh: that re-renders the cells,
   * focus included, and a key pressed meanwhile would be lost. (Class rules run on any refresh.)
   */
  const setRange = (next: CellRange | null) => {
    const previous = range.current;
    range.current = next;
    const grid = gridApi.current;
    if (!grid) return;
    const first = grid.getFirstDisplayedRowIndex();
    const last = grid.getLastDisplayedRowIndex();
    const rows = new Set<number>();
    for (const covered of [previous, next]) {
      if (!covered) continue;
      const box = bounds(covered);
      for (let index = Math.max(box.top, first); index <= Math.min(box.bottom, last); index++) rows.add(index);
    }
    const rowNodes = [...rows].flatMap((index) => grid.getDisplayedRowAtIndex(index) ?? []);
    if (rowNodes.length > 0) grid.refreshCells({ rowNodes });
  };

  const pointOf = (rowIndex: number | null, column: Column | null) => {
    if (rowIndex === null || !column) return null;
    const col = displayedColumns().findIndex((candidate) => candidate.getColId() === column.getColId());
    return col < 0 ? null : { row: rowIndex, col };
  };

  /**
   * The cell under a mouse event, read from the DOM. Native listeners rather than AG Grid's
   * cellMouseDown: AG Grid may deliver its events after a key pressed right after the click,
   * and the selection must follow the order the user acted in.
   */
  const pointAt = (target: EventTarget | null) => {
    const cell = (target as HTMLElement | null)?.closest?.('.ag-cell');
    const row = cell?.closest('.ag-row');
    if (!cell || !row || row.classList.contains('ag-row-pinned')) return null;
    const col = displayedColumns().findIndex((column) => column.getColId() === cell.getAttribute('col-id'));
    const rowIndex = Number(row.getAttribute('row-index'));
    return col < 0 || !Number.isInteger(rowIndex) ? null : { row: rowIndex, col };
  };

  useEffect(() => {
    const root = host.current;
    if (!root) return;
    const onMouseDown = (event: MouseEvent) => {
      if (event.button !== 0) return;
      const point = pointAt(event.target);
      if (!point) return;
      if (event.shiftKey && range.current) {
        extending.current = true;
        setRange({ anchor: range.current.anchor, focus: point });
      } else {
        setRange({ anchor: point, focus: point });
        dragging.current = true;
      }
    };
    const onMouseOver = (event: MouseEvent) => {
      if (!dragging.current || !range.current) return;
      if ((event.buttons & 1) === 0) {
        dragging.current = false;
        return;
      }
      const point = pointAt(event.target);
      if (point && (point.row !== range.current.focus.row || point.col !== range.current.focus.col)) {
        setRange({ anchor: range.current.anchor, focus: point });
      }
    };
    root.addEventListener('mousedown', onMouseDown, true);
    root.addEventListener('mouseover', onMouseOver, true);
    return () => {
      root.removeEventListener('mousedown', onMouseDown, true);
      root.removeEventListener('mouseover', onMouseOver, true);
    };
  });

  useEffect(() => {
    const stop = () => {
      dragging.current = false;
    };
    window.addEventListener('mouseup', stop);
    return () => window.removeEventListener('mouseup', stop);
  }, []);

  const onCellFocused = (event: CellFocusedEvent<AnyRow>) => {
    // Keyboard navigation (arrows, Enter, Tab) moves a single-cell selection with the focus; a
    // shift-extension or a mouse drag has set the range already.
    if (extending.current) {
      extending.current = false;
      return;
    }
    if (dragging.current || event.rowPinned || event.rowIndex === null || typeof event.column !== 'object' || !event.column) return;
    const point = pointOf(event.rowIndex, event.column);
    const current = range.current;
    if (!point) return;
    if (current && current.anchor.row === point.row && current.anchor.col === point.col) return;
    setRange({ anchor: point, focus: point });
  };

  /** Cells of the selection: their rows (data rows only) and column keys (typed columns only). */
  const selection = () => {
    const grid = gridApi.current;
    if (!grid || !range.current) return null;
    const box = bounds(range.current);
    const columns = displayedColumns().slice(box.left, box.right + 1);
    const rows: RowData[] = [];
    for (let index = box.top; index <= box.bottom; index++) {
      const row = grid.getDisplayedRowAtIndex(index)?.data;
      if (row?.kind === 'data') rows.push(row);
    }
    return { box, columns, rows, keys: columns.map((column) => column.getColId()).filter((key) => dataColumnKeys.has(key)) };
  };

  // ---- changes ---------------------------------------------------------------------------

  const applyEdits = useCallback(
    async (
      edits: { rowId?: number; newRow?: number; columnKey: string; text: string }[],
      source: 'user' | 'paste' | 'fill',
      options: { appendRows?: number; label?: string } = {},
    ) => {
      if (edits.length === 0) return;
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
        if (result.appendedRowIds.length > 0) await reload();
        else applyCells(result.applied);
        // Undo state and checks look again once the edit has been painted, not before.
        afterPaint(onChanged);
      } catch (error) {
        onMessage(errorText(error), 'error');
      }
    },
    [sheet.id, onMessage, onChanged, reload, applyCells],
  );

  /** Names typed into a department cell that the plan does not know: offer to add them. */
  const confirmNewDepartments = async (text: string): Promise<void> => {
    const departments = await loadDepartments();
    const known = new Set(departments.flatMap((department) => [department.name, department.shortName, ...department.aliases]));
    const unknown = splitDepartmentText(text, (name) => known.has(name)).filter((name) => !known.has(name));
    if (unknown.length === 0) return;
    const add = window.confirm(
      `以下单位不在本规划的单位列表中：${unknown.join('、')}。\n是否添加为新单位？（取消则按原文保存，不关联单位）\n` +
        `Add ${unknown.length} unit(s) to the plan's list? (Cancel keeps the text without linking.)`,
    );
    if (!add) return;
    for (const name of unknown) await api['departments.add']({ name, aliases: [] });
    forgetDepartments();
  };

  /**
   * An edit saved as Enter or Tab went down (see saveOnKey), which AG Grid will ask to save once
   * more when its own, later edit request arrives.
   */
  const savedOnKey = useRef<{ rowId: number; columnKey: string; text: string } | null>(null);

  /**
   * Enter or Tab in a one-line editor: save at once. AG Grid hands over its edit request only
   * after it has closed the editor and moved the focus (its events are delivered later, in a
   * batch); sending now lets the plan file do its work meanwhile, so the new value and total
   * show sooner.
   */
  const saveOnKey = (params: SuppressKeyboardEventParams<AnyRow>): void => {
    const row = params.data;
    const key = params.column.getColId();
    const column = sheet.columns.find((candidate) => candidate.key === key);
    if (row?.kind !== 'data' || !column || editorKind(column) !== 'text') return;
    const editor = params.api.getCellEditorInstances({ rowNodes: [params.node], columns: [params.column] })[0];
    if (!editor) return;
    const value: unknown = editor.getValue();
    const text = value == null ? '' : String(value);
    if ((row.cells[key]?.text ?? '') === text) return;
    savedOnKey.current = { rowId: row.id, columnKey: key, text };
    void applyEdits([{ rowId: row.id, columnKey: key, text }], 'user');
  };

  const onCellEditRequest = async (event: CellEditRequestEvent<AnyRow>) => {
    const row = event.data;
    const key = event.column.getColId();
    if (row?.kind !== 'data' || !dataColumnKeys.has(key)) return;
    const text = event.newValue == null ? '' : String(event.newValue);
    const early = savedOnKey.current;
    savedOnKey.current = null;
    if (early && early.rowId === row.id && early.columnKey === key && early.text === text) return;
    if ((row.cells[key]?.text ?? '') === text) return;
    const column = sheet.columns.find((candidate) => candidate.key === key);
    if (column && isDepartmentType(column.type) && text.trim() !== '') await confirmNewDepartments(text);
    await applyEdits([{ rowId: row.id, columnKey: key, text }], 'user');
  };

  const copy = (): string | null => {
    const grid = gridApi.current;
    const picked = selection();
    if (!grid || !picked || !range.current) return null;
    const box = picked.box;
    const lines: string[][] = [];
    for (let index = box.top; index <= box.bottom; index++) {
      const node = grid.getDisplayedRowAtIndex(index);
      if (!node) continue;
      // What the cells show, the way Excel copies formatted values ("4,600.00", "/").
      lines.push(picked.columns.map((column) => String(grid.getCellValue({ rowNode: node, colKey: column, useFormatter: true }) ?? '')));
    }
    return encodeTsv(lines);
  };

  const paste = async (text: string): Promise<void> => {
    const grid = gridApi.current;
    const matrix = decodeTsv(text);
    if (!grid || !range.current || matrix.length === 0) return;
    const height = matrix.length;
    const width = Math.max(...matrix.map((line) => line.length));
    const target = pasteTarget(range.current, height, width);
    const columns = displayedColumns();
    const rowCount = grid.getDisplayedRowCount();
    let extra = Math.max(0, target.bottom - (rowCount - 1));
    if (extra > 0) {
      const add = window.confirm(`粘贴区域超出最后一行，是否添加 ${extra} 行？\nThe paste reaches past the last row: add ${extra} row(s)?`);
      if (!add) extra = 0;
    }
    const edits: { rowId?: number; newRow?: number; columnKey: string; text: string }[] = [];
    for (let r = target.top; r <= target.bottom; r++) {
      const line = matrix[(r - target.top) % height]!;
      const node = r < rowCount ? grid.getDisplayedRowAtIndex(r) : null;
      const newRow = r >= rowCount ? r - rowCount : undefined;
      if (newRow !== undefined && newRow >= extra) break;
      if (node && node.data?.kind !== 'data') continue;
      for (let c = target.left; c <= target.right; c++) {
        const key = columns[c]?.getColId();
        if (!key || key === ROW_TOTAL_KEY || !dataColumnKeys.has(key)) continue;
        const value = line[(c - target.left) % width] ?? '';
        if (node?.data?.kind === 'data') edits.push({ rowId: node.data.id, columnKey: key, text: value });
        else if (newRow !== undefined) edits.push({ newRow, columnKey: key, text: value });
      }
    }
    setRange({ anchor: { row: target.top, col: target.left }, focus: { row: Math.min(target.bottom, rowCount + extra - 1), col: target.right } });
    await applyEdits(edits, 'paste', { appendRows: extra });
  };

  const fillDown = async (): Promise<void> => {
    const grid = gridApi.current;
    const picked = selection();
    if (!grid || !picked || picked.keys.length === 0) return;
    let source: RowData | undefined;
    let targets = picked.rows;
    if (picked.rows.length <= 1) {
      // One row selected: fill from the row above, as Excel does.
      const above = grid.getDisplayedRowAtIndex(picked.box.top - 1)?.data;
      source = above?.kind === 'data' ? above : undefined;
    } else {
      [source, ...targets] = picked.rows;
    }
    if (!source) return;
    const from = source;
    const edits = targets.flatMap((row) => picked.keys.map((key) => ({ rowId: row.id, columnKey: key, text: from.cells[key]?.text ?? '' })));
    await applyEdits(edits, 'fill');
  };

  const clear = async (): Promise<void> => {
    const picked = selection();
    if (!picked) return;
    const edits = picked.rows.flatMap((row) =>
      picked.keys.filter((key) => (row.cells[key]?.text ?? '') !== '').map((key) => ({ rowId: row.id, columnKey: key, text: '' })),
    );
    await applyEdits(edits, 'user', { label: '清除内容' });
  };

  const goToRow = (rowId: number, columnKey?: string, place: 'middle' | 'asIs' = 'middle'): boolean => {
    const grid = gridApi.current;
    const node = grid?.getRowNode(String(rowId));
    if (!grid || !node || node.rowIndex === null) return false;
    const columns = displayedColumns();
    const col = Math.max(0, columns.findIndex((column) => column.getColId() === (columnKey ?? labelKey)));
    grid.ensureIndexVisible(node.rowIndex, place === 'middle' ? 'middle' : null);
    const column = columns[col];
    if (column) {
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

  const suppressKeyboardEvent = (params: SuppressKeyboardEventParams<AnyRow>): boolean => {
    const event = params.event;
    if (event.type !== 'keydown') return false;
    if (params.editing) {
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.isComposing) saveOnKey(params);
      return false;
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
    if ((event.key === 'Delete' || event.key === 'Backspace') && !ctrl) {
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
      return !!grid && grid.getEditingCells().length === 0 && !!host.current?.contains(document.activeElement) && range.current !== null;
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
        readOnlyEdit
        onCellEditRequest={(event) => void onCellEditRequest(event)}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        undoRedoCellEditing={false}
        stopEditingWhenCellsLoseFocus
        onCellFocused={onCellFocused}
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
