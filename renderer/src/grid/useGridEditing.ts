import { useCallback, useRef } from 'react';
import type { RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { SheetDetail, SheetView } from '../../../shared/contract/contract';
import type { RejectedCellOutput } from '../../../shared/contract/calls/editing';
import { isDepartmentType } from '../../../shared/model/columnTypes';
import { parseCellInput, toCellValue } from '../../../shared/values/cells';
import { api } from '../data/api';
import { planModel } from '../data/planModel';
import type { AnyRow } from './cellDisplay';
import { offerNewDepartments } from './departments';
import type { EditMode } from './editing/keys';
import type { GridPoint } from './editing/navigation';
import { useCellEditor } from './editing/useCellEditor';
import type { GridEdit } from './rangeEdits';

export interface GridEditingOptions {
  sheet: SheetDetail;
  view: SheetView;
  host: RefObject<HTMLDivElement | null>;
  gridApi: RefObject<GridApi<AnyRow> | null>;
  select(point: GridPoint): void;
  onMessage(message: string, tone: 'info' | 'error'): void;
  onEditMode?(mode: EditMode | null): void;
  errorText(error: unknown): string;
}

const EMPTY_CELL = { text: '', value: null };

function rejectedText(rejected: readonly RejectedCellOutput[]): string {
  const shown = rejected
    .slice(0, 5)
    .map((cell) => `第 ${cell.row} 行「${cell.column}」“${cell.text}”：${cell.reasonZh}`);
  return `${rejected.length} 个单元格未能读取，保持原值：${shown.join('；')}${rejected.length > 5 ? '……' : ''}`;
}

/**
 * Changing cells: the editor (typing, F2, the IME) and every edit sent to the plan as one action.
 * What an edit changed — its cells, the 合计, the undo state, the checks — comes back with its
 * answer and is applied by the plan model (data/planModel.ts); here only the status line is told.
 */
export function useGridEditing({
  sheet,
  view,
  host,
  gridApi,
  select,
  onMessage,
  onEditMode,
  errorText,
}: GridEditingOptions) {
  /**
   * Edits go to the plan one after another, in the order they were made: two requests in flight
   * may reach the main side in either order (one connection each), and a cell typed twice in
   * quick succession must end with the second entry.
   */
  const editQueue = useRef<Promise<unknown>>(Promise.resolve());

  const sendEdits = async (
    edits: GridEdit[],
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
      return result.rejected.length === 0;
    } catch (error) {
      onMessage(errorText(error), 'error');
      return false;
    }
  };
  /** The current render's sendEdits, for the queue (which outlives renders). */
  const sendLatest = useRef(sendEdits);
  sendLatest.current = sendEdits;

  const applyEdits = useCallback(
    (
      edits: GridEdit[],
      source: 'user' | 'paste' | 'fill',
      options: { appendRows?: number; label?: string } = {},
    ): Promise<boolean> => {
      if (edits.length === 0) return Promise.resolve(true);
      const queued = editQueue.current.then(() => sendLatest.current(edits, source, options));
      editQueue.current = queued;
      return queued;
    },
    [],
  );

  /**
   * One cell typed into the editor: saved as one action (new department names offered first).
   * The cell shows what was typed at once, read as the plan will read it, while the save is on
   * its way — also while it waits for a lost connection (data/transport.ts); the plan's answer
   * then brings what it stored, and a refusal or failure gives the old value back.
   */
  const saveTyped = async (rowId: number, columnKey: string, text: string) => {
    const column = sheet.columns.find((candidate) => candidate.key === columnKey);
    if (column && isDepartmentType(column.type) && text.trim() !== '') await offerNewDepartments(text);
    const row = gridApi.current?.getRowNode(String(rowId))?.data;
    const before = row?.kind === 'data' ? (row.cells[columnKey] ?? EMPTY_CELL) : null;
    const typed = column ? parseCellInput(column, text) : null;
    if (column && typed?.ok && before)
      planModel.showCells(sheet.id, [{ rowId, columnKey, cell: toCellValue(column, typed.cell) }]);
    const saved = await applyEdits([{ rowId, columnKey, text }], 'user');
    if (!saved && before) planModel.showCells(sheet.id, [{ rowId, columnKey, cell: before }]);
  };

  const editor = useCellEditor({
    host,
    gridApi,
    columns: sheet.columns,
    moneyUnit: view.moneyUnit,
    save: saveTyped,
    select,
    modeChanged: (mode) => onEditMode?.(mode),
  });

  return { applyEdits, editor };
}
