import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { ColDef, GridApi } from 'ag-grid-community';
import type { SheetDetail, SheetView } from '../../../shared/contract/contract';
import type { AnyRow } from './cellDisplay';
import { COMPACT_ABOVE_ROWS } from './cellDisplay';
import type { CellRange } from './cellRange';
import { contains } from './cellRange';
import { columnDefs, narrowView, rowTotalColumn } from './columnDefs';

const NO_COMMENTS: ReadonlyMap<string, string> = new Map();

export interface GridColumnsOptions {
  sheet: SheetDetail;
  view: SheetView;
  labelKey: string | null;
  cellIssues: ReadonlyMap<string, string>;
  /** What hovering a commented cell shows, keyed `rowId:columnKey` (see panels/comments). */
  cellComments?: ReadonlyMap<string, string>;
  gridApi: RefObject<GridApi<AnyRow> | null>;
  host: RefObject<HTMLDivElement | null>;
  range: RefObject<CellRange | null>;
  /** A computed column to show after a sheet column (督查's 状态 after 完成时限), if any. */
  extra?: { column: ColDef<AnyRow> | null; afterKey: string | null };
}

/**
 * The grid's columns: their definitions (with the selection's and the checks' marks), the row
 * drag handle, the allocation matrix's row total, and the narrow layout when the grid is
 * narrower than its columns (a side panel open, a small window) — which brings the first amount
 * into view whenever the width changes while narrow.
 */
export function useGridColumns({
  sheet,
  view,
  labelKey,
  cellIssues,
  cellComments = NO_COMMENTS,
  gridApi,
  host,
  range,
  extra,
}: GridColumnsOptions) {
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
  }, [host]);
  /** How a grid narrower than its columns is laid out (null: it is wide enough). */
  const narrow = useMemo(
    () => narrowView(sheet.columns, labelKey, view.freeze, gridWidth),
    [sheet.columns, labelKey, view.freeze, gridWidth],
  );
  const grouped = view.groupBy.length > 0;

  // The marks from the checks reach the column definitions through a ref (see ColumnOptions.issueOf);
  // when they change, only the cells are refreshed (class rules run again; tooltips ask on hover).
  const issues = useRef(cellIssues);
  const issueOf = useCallback((rowId: number, columnKey: string) => issues.current.get(`${rowId}:${columnKey}`), []);
  useEffect(() => {
    if (issues.current === cellIssues) return;
    issues.current = cellIssues;
    gridApi.current?.refreshCells();
  }, [cellIssues, gridApi]);
  // Comments reach them the same way.
  const comments = useRef(cellComments);
  const commentOf = useCallback(
    (rowId: number, columnKey: string) => comments.current.get(`${rowId}:${columnKey}`),
    [],
  );
  useEffect(() => {
    if (comments.current === cellComments) return;
    comments.current = cellComments;
    gridApi.current?.refreshCells();
  }, [cellComments, gridApi]);

  const defs = useMemo(() => {
    const isSelected = (rowIndex: number | null, colId: string): boolean => {
      const grid = gridApi.current;
      if (rowIndex === null || !grid) return false;
      const col = grid.getAllDisplayedColumns().findIndex((column) => column.getColId() === colId);
      return contains(range.current, rowIndex, col);
    };
    const base: ColDef<AnyRow>[] = columnDefs(sheet.columns, {
      moneyUnit: view.moneyUnit,
      freeze: view.freeze,
      narrow,
      labelKey,
      headerTools: !grouped,
      issueOf,
      commentOf,
      compact: sheet.rowCount > COMPACT_ABOVE_ROWS,
    }).map((def) => ({
      ...def,
      cellClassRules: {
        ...def.cellClassRules,
        'cell-in-range': (params: { rowIndex: number | null; node: { rowPinned?: string | null } }) =>
          !params.node.rowPinned && isSelected(params.rowIndex, def.colId!),
      },
    }));
    // Rows are dragged by the first column, when the order on screen is the plan's own order.
    if (base[0] && !grouped) base[0] = { ...base[0], rowDrag: (params) => params.data?.kind === 'data' };
    const rowTotal = sheet.kind === 'allocation' ? rowTotalColumn(sheet.columns) : null;
    if (extra?.column) {
      const after = base.findIndex((def) => def.colId === extra.afterKey);
      base.splice(after < 0 ? base.length : after + 1, 0, extra.column);
    }
    return rowTotal ? [...base, rowTotal] : base;
  }, [
    extra?.column,
    extra?.afterKey,
    sheet.columns,
    sheet.kind,
    sheet.rowCount,
    view.moneyUnit,
    view.freeze,
    labelKey,
    grouped,
    issueOf,
    commentOf,
    narrow,
    gridApi,
    range,
  ]);

  /** Scroll the first money column into view, e.g. when a side panel makes the grid narrow. */
  const showFirstAmount = () => {
    const amount = sheet.columns.find((candidate) => candidate.type === 'money' && !candidate.hidden);
    if (amount) gridApi.current?.ensureColumnVisible(amount.key);
  };
  // The grid getting narrower than its columns (a side panel opened, the window resized) brings
  // the first amount into view; a grid already narrow before the panel opened counts too.
  // Only a change of width is a reason to run; whether the grid is narrow is read as it is then.
  const widthChanged = useEffectEvent(() => {
    if (narrow) showFirstAmount();
  });
  useEffect(() => widthChanged(), [gridWidth]);

  return { defs, narrow, showFirstAmount };
}
