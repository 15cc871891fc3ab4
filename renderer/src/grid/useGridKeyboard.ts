import { useEffect, useMemo, useRef } from 'react';
import type { RefObject } from 'react';
import type { Column, GridApi, SuppressKeyboardEventParams } from 'ag-grid-community';
import type { AnyRow } from './cellDisplay';
import type { CellRange } from './cellRange';
import { extend } from './cellRange';
import type { EditStart, Move } from './editing/keys';
import { editStartFor, navigationMove } from './editing/keys';
import type { GridPoint } from './editing/navigation';

export interface GridKeyboardOptions {
  gridApi: RefObject<GridApi<AnyRow> | null>;
  range: RefObject<CellRange | null>;
  setRange(range: CellRange | null): void;
  displayedColumns(): Column[];
  pointOf(rowIndex: number | null, column: Column | null): GridPoint | null;
  editor: { move(from: GridPoint, move: Move): void; startEdit(point: GridPoint, start: EditStart): boolean };
  clear(): Promise<void>;
  fillDown(): Promise<void>;
  onMenu?(x: number, y: number): void;
  /** Shift+F2, as in Excel: open the selected cell's comment to add or edit it. */
  onComment?(): void;
}

/**
 * The keys of the grid, as Excel has them: arrows and End mode, typing or F2 to edit, Shift+arrows
 * to extend the selection, Delete, Ctrl+D, Ctrl+A, Shift+F10. Returns the grid's one
 * defaultColDef, made once (a new object would make AG Grid rebuild its columns on every render),
 * which reaches the current key handler through a ref.
 */
export function useGridKeyboard(options: GridKeyboardOptions) {
  /** Excel's End mode: End, then an arrow, goes to the edge of the data like Ctrl+arrow. */
  const endMode = useRef(false);

  const suppressKeyboardEvent = (params: SuppressKeyboardEventParams<AnyRow>): boolean => {
    const { gridApi, range, setRange, displayedColumns, pointOf, editor, clear, fillDown, onMenu, onComment } = options;
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
      const where = arrow
        ? navigationMove({ ...event, key: event.key, shiftKey: false, altKey: false, ctrlKey: true, metaKey: false })
        : navigationMove(event);
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
      if (event.key === 'F2' && event.shiftKey && onComment) {
        onComment();
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
      const steps: Record<string, [number, number]> = {
        ArrowUp: [-1, 0],
        ArrowDown: [1, 0],
        ArrowLeft: [0, -1],
        ArrowRight: [0, 1],
      };
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
      setRange({
        anchor: { row: 0, col: 0 },
        focus: { row: grid.getDisplayedRowCount() - 1, col: displayedColumns().length - 1 },
      });
      event.preventDefault();
      return true;
    }
    // Copy and paste arrive as clipboard events (useGridClipboard); undo/redo and find are the app's.
    return ctrl && ['c', 'v', 'x', 'z', 'y', 'f', 'C', 'V', 'X', 'Z', 'Y', 'F'].includes(event.key);
  };

  const keyHandler = useRef(suppressKeyboardEvent);
  keyHandler.current = suppressKeyboardEvent;
  const current = useRef(options);
  current.current = options;

  // Keys reach the grid through its focused cell. While the focus moves to the next cell (a move
  // that scrolls renders it a moment later) it may rest on the page itself: a character typed
  // then would be lost. So a key that starts an entry, landing on the page while the grid has an
  // active cell, opens the editor there, as it would on the cell.
  useEffect(() => {
    const onPageKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || (document.activeElement && document.activeElement !== document.body)) return;
      // Never behind a dialog or a menu: what is typed there is not for the sheet.
      if (document.querySelector('dialog[open], [role="dialog"], [aria-modal="true"], [role="menu"]')) return;
      const { gridApi, pointOf, editor } = current.current;
      const focused = gridApi.current?.getFocusedCell();
      if (!focused || focused.rowPinned) return;
      const point = pointOf(focused.rowIndex, focused.column);
      const start = editStartFor(event);
      if (!point || start.kind === 'none' || !editor.startEdit(point, start)) return;
      if (start.kind !== 'ime') event.preventDefault();
    };
    document.addEventListener('keydown', onPageKey);
    return () => document.removeEventListener('keydown', onPageKey);
  }, []);

  return useMemo(
    () => ({
      resizable: true,
      suppressKeyboardEvent: (params: SuppressKeyboardEventParams<AnyRow>) => keyHandler.current(params),
    }),
    [],
  );
}
