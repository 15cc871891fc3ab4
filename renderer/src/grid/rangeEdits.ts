import type { RefObject } from 'react';
import type { Column, GridApi } from 'ag-grid-community';
import type { RowData } from '../../../shared/contract/contract';
import { decodeTsv, encodeTsv } from '../../../shared/values/tsv';
import { askConfirm } from '../dialogs/askUser';
import type { AnyRow } from './cellDisplay';
import { ROW_TOTAL_KEY } from './cellDisplay';
import type { CellRange } from './cellRange';
import { pasteTarget } from './cellRange';
import type { Selection } from './useRangeSelection';

/** One cell to change: an existing row's, or a new row's (by its index among the rows added). */
export interface GridEdit {
  rowId?: number;
  newRow?: number;
  columnKey: string;
  text: string;
}

export interface RangeEditContext {
  gridApi: RefObject<GridApi<AnyRow> | null>;
  range: RefObject<CellRange | null>;
  selection(): Selection | null;
  displayedColumns(): Column[];
  dataColumnKeys: ReadonlySet<string>;
  setRange(range: CellRange | null): void;
  applyEdits(
    edits: GridEdit[],
    source: 'user' | 'paste' | 'fill',
    options?: { appendRows?: number; label?: string },
  ): Promise<unknown>;
}

/**
 * What the grid does to a selection, as Excel does it: copy what the cells show, paste a block
 * (repeated to fill a larger selection; past the last row only if the user agrees), fill down,
 * clear. Each change is one action in the plan's change log.
 */
export function rangeEdits(context: RangeEditContext) {
  const { gridApi, range, selection, displayedColumns, dataColumnKeys, setRange, applyEdits } = context;

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
      lines.push(
        picked.columns.map((column) =>
          String(grid.getCellValue({ rowNode: node, colKey: column, useFormatter: true }) ?? ''),
        ),
      );
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
      const add = await askConfirm({
        title: '粘贴超出最后一行',
        message: `粘贴区域超出最后一行，是否添加 ${extra} 行？\nThe paste reaches past the last row: add ${extra} row(s)?`,
        confirmLabel: `添加 ${extra} 行`,
        cancelLabel: '只粘贴到最后一行',
      });
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
    setRange({
      anchor: { row: target.top, col: target.left },
      focus: { row: Math.min(target.bottom, rowCount + extra - 1), col: target.right },
    });
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
    const edits = targets.flatMap((row) =>
      picked.keys.map((key) => ({ rowId: row.id, columnKey: key, text: from.cells[key]?.text ?? '' })),
    );
    await applyEdits(edits, 'fill');
  };

  const clear = async (): Promise<void> => {
    const picked = selection();
    if (!picked) return;
    const edits = picked.rows.flatMap((row) =>
      picked.keys
        .filter((key) => (row.cells[key]?.text ?? '') !== '')
        .map((key) => ({ rowId: row.id, columnKey: key, text: '' })),
    );
    await applyEdits(edits, 'user', { label: '清除内容' });
  };

  return { copy, paste, fillDown, clear };
}
