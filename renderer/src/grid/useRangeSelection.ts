import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { CellFocusedEvent, Column, GridApi } from 'ag-grid-community';
import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import type { AnyRow } from './cellDisplay';
import type { CellRange } from './cellRange';
import { bounds } from './cellRange';

/** A selection's cells: its box on screen, its columns, its data rows and its typed columns' keys. */
export interface Selection {
  box: { top: number; bottom: number; left: number; right: number };
  columns: Column[];
  rows: RowData[];
  keys: string[];
}

export interface RangeSelectionOptions {
  gridApi: RefObject<GridApi<AnyRow> | null>;
  host: RefObject<HTMLDivElement | null>;
  columns: readonly ColumnDef[];
  /** The selection changed (the status line shows its sum, count and average). */
  onChange?(range: CellRange | null): void;
}

/**
 * The grid's rectangular selection, built on AG Grid Community (whose range selection is an
 * Enterprise feature): mouse down and drag, Shift+click, the active cell following the focus.
 */
export function useRangeSelection({ gridApi, host, columns, onChange }: RangeSelectionOptions) {
  const range = useRef<CellRange | null>(null);
  const dragging = useRef(false);
  const extending = useRef(false);
  const changed = useRef(onChange);
  changed.current = onChange;

  const displayedColumns = (): Column[] => gridApi.current?.getAllDisplayedColumns() ?? [];
  const dataColumnKeys = new Set(columns.map((column) => column.key));

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
    changed.current?.(next);
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
    if (
      dragging.current ||
      event.rowPinned ||
      event.rowIndex === null ||
      typeof event.column !== 'object' ||
      !event.column
    )
      return;
    const point = pointOf(event.rowIndex, event.column);
    const current = range.current;
    if (!point) return;
    if (current && current.anchor.row === point.row && current.anchor.col === point.col) return;
    setRange({ anchor: point, focus: point });
  };

  /** Cells of the selection: their rows (data rows only) and column keys (typed columns only). */
  const selection = (): Selection | null => {
    const grid = gridApi.current;
    if (!grid || !range.current) return null;
    const box = bounds(range.current);
    const columns = displayedColumns().slice(box.left, box.right + 1);
    const rows: RowData[] = [];
    for (let index = box.top; index <= box.bottom; index++) {
      const row = grid.getDisplayedRowAtIndex(index)?.data;
      if (row?.kind === 'data') rows.push(row);
    }
    return {
      box,
      columns,
      rows,
      keys: columns.map((column) => column.getColId()).filter((key) => dataColumnKeys.has(key)),
    };
  };

  return {
    range,
    displayedColumns,
    dataColumnKeys,
    setRange,
    pointOf,
    onCellFocused,
    selection,
  };
}
