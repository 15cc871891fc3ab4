import { useEffect } from 'react';
import type { RefObject } from 'react';
import type {
  CellContextMenuEvent,
  CellDoubleClickedEvent,
  Column,
  ColumnMovedEvent,
  ColumnResizedEvent,
  GridApi,
  IRowNode,
  RowClickedEvent,
  RowDragEndEvent,
} from 'ag-grid-community';
import type { SheetDetail } from '../../../shared/contract/contract';
import { api } from '../data/api';
import type { AnyRow } from './cellDisplay';
import type { CellRange } from './cellRange';
import { contains } from './cellRange';
import type { EditStart } from './editing/keys';
import type { GridPoint } from './editing/navigation';

export interface GridEventsOptions {
  sheet: SheetDetail;
  findText: string;
  grouped: boolean;
  rowData: readonly AnyRow[];
  gridApi: RefObject<GridApi<AnyRow> | null>;
  range: RefObject<CellRange | null>;
  setRange(range: CellRange | null): void;
  pointOf(rowIndex: number | null, column: Column | null): GridPoint | null;
  dataColumnKeys: ReadonlySet<string>;
  startEdit(point: GridPoint, start: EditStart): boolean;
  toggleGroup(groupId: string): void;
  onMessage(message: string, tone: 'info' | 'error'): void;
  onMenu?(x: number, y: number): void;
  errorText(error: unknown): string;
}

/**
 * What the mouse does to rows and columns: the right-click menu, double-click to edit, a group
 * folded, a row dragged to a new place, a column resized or moved (saved with the plan). What a
 * move or a layout changed comes back with its answer and is applied by the plan model.
 */
export function useGridEvents(options: GridEventsOptions) {
  const {
    sheet,
    findText,
    grouped,
    rowData,
    gridApi,
    range,
    setRange,
    pointOf,
    dataColumnKeys,
    startEdit,
    toggleGroup,
    onMessage,
    onMenu,
    errorText,
  } = options;

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
    if (point && !event.rowPinned) startEdit(point, { kind: 'edit' });
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
  }, [rowData, grouped, gridApi]);

  const onRowClicked = (event: RowClickedEvent<AnyRow>) => {
    if (event.data?.kind === 'group') toggleGroup(event.data.id);
  };

  const onRowDragEnd = async (event: RowDragEndEvent<AnyRow>) => {
    const moved = event.node.data;
    const over = event.overNode?.data;
    if (moved?.kind !== 'data' || over?.kind !== 'data' || moved.id === over.id) return;
    // Moving is by the plan's own order; in a sorted or filtered view a drop point means nothing.
    const sorted = event.api.getColumnState().some((column) => column.sort);
    if (sorted || event.api.isAnyFilterPresent() || findText.trim() !== '') {
      onMessage(
        '排序、筛选或查找时不能拖动行，请先取消后再移动。/ Clear sorting, filters and find before moving rows.',
        'info',
      );
      return;
    }
    const from = event.node.rowIndex ?? 0;
    const to = event.overIndex;
    // Dropped on a row below: it goes after that row, i.e. before the one that follows it.
    const next = to > from ? gridApi.current?.getDisplayedRowAtIndex(to + 1)?.data : over;
    try {
      await api['rows.move']({
        sheetId: sheet.id,
        rowIds: [moved.id],
        beforeRowId: next?.kind === 'data' ? next.id : null,
      });
      onMessage('已移动 1 行（序号未改，可用“重排序号”重新编号）', 'info');
    } catch (error) {
      onMessage(errorText(error), 'error');
    }
  };

  const saveLayout = (columns: Column[]) => {
    const layout = columns
      .filter((column) => dataColumnKeys.has(column.getColId()))
      .map((column, position) => ({ key: column.getColId(), width: Math.round(column.getActualWidth()), position }));
    if (layout.length === 0) return;
    api['columns.layout']({ sheetId: sheet.id, layout }).catch((error: unknown) =>
      onMessage(errorText(error), 'error'),
    );
  };

  const onColumnResized = (event: ColumnResizedEvent<AnyRow>) => {
    if (event.finished && event.source === 'uiColumnResized') saveLayout(event.api.getAllGridColumns());
  };

  const onColumnMoved = (event: ColumnMovedEvent<AnyRow>) => {
    if (event.finished && event.source === 'uiColumnMoved') saveLayout(event.api.getAllGridColumns());
  };

  return { onCellContextMenu, onCellDoubleClicked, onRowClicked, onRowDragEnd, onColumnResized, onColumnMoved };
}
