import { useEffect, useEffectEvent, useRef } from 'react';
import type { RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { SheetDetail, SheetView } from '../../../shared/contract/contract';
import type { AnyRow } from './cellDisplay';
import { displayUnit } from './cellDisplay';
import { selectionStats, STATS_CELL_LIMIT, statsText } from './selectionStats';
import { useRangeSelection } from './useRangeSelection';

export interface GridSelectionOptions {
  sheet: SheetDetail;
  view: SheetView;
  findText: string;
  gridApi: RefObject<GridApi<AnyRow> | null>;
  host: RefObject<HTMLDivElement | null>;
  /** What the status line says of a selection of several cells (计数, 求和, 平均值), or null. */
  onSelectionStats?(text: string | null): void;
}

/**
 * The grid's rectangular selection (useRangeSelection.ts) with what the status line says of it,
 * counted after the selection is painted and once for a burst of moves; grouping or finding
 * rearranges the rows, so a selection by position is dropped then.
 */
export function useGridSelection({ sheet, view, findText, gridApi, host, onSelectionStats }: GridSelectionOptions) {
  const statsTimer = useRef<number | undefined>(undefined);
  const selected = useRangeSelection({
    gridApi,
    host,
    columns: sheet.columns,
    onChange: () => {
      window.clearTimeout(statsTimer.current);
      statsTimer.current = window.setTimeout(() => onSelectionStats?.(statusText()), 30);
    },
  });
  const { selection, setRange } = selected;

  /** The status line's 计数 / 求和 / 平均值 for the current selection, when it covers several cells. */
  const statusText = (): string | null => {
    const picked = selection();
    if (!picked || (picked.box.top === picked.box.bottom && picked.box.left === picked.box.right)) return null;
    const columns = picked.keys.flatMap((key) => sheet.columns.find((column) => column.key === key) ?? []);
    if (picked.rows.length * columns.length > STATS_CELL_LIMIT) return '选区过大，未统计';
    return statsText(
      selectionStats(picked.rows, columns, (column) => displayUnit(column, { moneyUnit: view.moneyUnit })),
    );
  };

  // Grouping or finding rearranges the rows: a selection by position would point elsewhere.
  const arrangementChanged = useEffectEvent(() => setRange(null));
  useEffect(() => arrangementChanged(), [view.groupBy, findText]);

  return selected;
}
