import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { ColumnTotal, RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import type { AnyRow } from './cellDisplay';
import { subtotals } from './gridRows';

export interface ShownRowsOptions {
  gridApi: RefObject<GridApi<AnyRow> | null>;
  columns: readonly ColumnDef[];
  findText: string;
  /** How many rows a filter or find leaves shown (null when none is hidden). */
  onVisibleRows?(count: number | null): void;
  /** The 合计 row's usual height; it grows by a line while it shows the shown rows' totals. */
  totalsHeight: number;
}

/**
 * While a column filter or the find box hides rows, the rows still shown and their exact totals,
 * so the sheet never presents the whole sheet's 合计 and count as if they were what is on screen.
 * Call `countVisible` whenever the grid's rows change (AG Grid's modelUpdated).
 */
export function useShownRows({ gridApi, columns, findText, onVisibleRows, totalsHeight }: ShownRowsOptions) {
  const [visible, setVisible] = useState<{ count: number; totals: Map<string, ColumnTotal> } | null>(null);

  const countVisible = () => {
    const grid = gridApi.current;
    if (!grid || (!grid.isAnyFilterPresent() && findText.trim() === '')) {
      setVisible(null);
      return;
    }
    const shown: RowData[] = [];
    grid.forEachNodeAfterFilter((node) => {
      if (node.data?.kind === 'data') shown.push(node.data);
    });
    setVisible({ count: shown.length, totals: subtotals(shown, columns) });
  };

  useEffect(() => {
    onVisibleRows?.(visible?.count ?? null);
    // The 合计 row keeps its id and its cells' values: its renderers must be told to draw again.
    const grid = gridApi.current;
    const totalsNode = grid?.getPinnedBottomRow(0);
    if (grid && totalsNode) {
      // Taller while it carries the shown rows' line too.
      totalsNode.setRowHeight(visible ? totalsHeight + 16 : totalsHeight);
      grid.onRowHeightChanged();
      grid.refreshCells({ rowNodes: [totalsNode], force: true });
    }
  }, [visible, onVisibleRows, gridApi, totalsHeight]);

  return { visible, countVisible };
}
