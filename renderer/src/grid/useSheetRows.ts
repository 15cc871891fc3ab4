import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { ColumnTotal, RowData, SheetDetail, SheetView } from '../../../shared/contract/contract';
import { planModel } from '../data/planModel';
import { usePlanState } from '../data/usePlan';
import type { SheetScreen } from '../app/firstScreen';
import type { AnyRow } from './cellDisplay';
import { arrangeRows, gridRowFor } from './gridRows';
import type { Loaded } from './loadRows';

export interface SheetRowsOptions {
  sheet: SheetDetail;
  view: SheetView;
  screen: SheetScreen;
  findText: string;
  labelKey: string | null;
  gridApi: RefObject<GridApi<AnyRow> | null>;
  onError(error: unknown): void;
}

const NO_TOTALS: ColumnTotal[] = [];

function matches(row: RowData, needle: string): boolean {
  return Object.values(row.cells).some((cell) => cell.text.toLowerCase().includes(needle));
}

/**
 * The grid's rows: the open sheet's rows as the plan model holds them (data/sheetRows.ts),
 * arranged for the grid (found, grouped, folded), and the 合计 row's figures from the model.
 * Cells a change envelope brings are drawn in place in the plain view — only those rows' nodes
 * get new data, so a 100,000-row sheet is neither diffed nor sorted again for one cell (as in
 * Excel, an edited row stays where it is until the user sorts again); in a grouped or found view
 * the rows are arranged again, since subtotals and matches may have changed.
 */
export function useSheetRows({ sheet, view, screen, findText, labelKey, gridApi, onError }: SheetRowsOptions) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const totals = usePlanState((state) => state.totals.get(sheet.id)) ?? NO_TOTALS;
  const plainView = useRef(true);
  plainView.current = view.groupBy.length === 0 && findText.trim() === '';
  const failed = useRef(onError);
  failed.current = onError;
  /** The first screen's answers, for the first load only (a later mount asks again). */
  const unused = useRef<SheetScreen | null>(screen);

  useEffect(() => {
    const rows = planModel.openRows(sheet.id, unused.current, (error) => failed.current(error));
    unused.current = null;
    const stop = rows.subscribe((event) => {
      const current = rows.loaded;
      if (!current) return;
      const grid = gridApi.current;
      if (event.kind === 'cells' && grid && plainView.current) {
        // The rows the grid was built from were changed in place: their nodes get the new rows.
        for (const row of event.rows) grid.getRowNode(String(row.id))?.updateData(gridRowFor(row));
      } else {
        setLoaded({ ...current });
      }
    });
    void rows.load();
    return () => {
      stop();
      planModel.closeRows(rows);
    };
  }, [sheet.id, gridApi]);

  const rowData = useMemo<AnyRow[]>(() => {
    if (!loaded) return [];
    const needle = findText.trim().toLowerCase();
    const rows = needle ? loaded.rows.filter((row) => matches(row, needle)) : loaded.rows;
    return arrangeRows(rows, sheet.columns, view.groupBy, collapsed, labelKey);
  }, [loaded, findText, sheet.columns, view.groupBy, collapsed, labelKey]);

  /** A group's row clicked: fold or unfold it. */
  const toggleGroup = useCallback((groupId: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(groupId)) next.delete(groupId);
      else next.add(groupId);
      return next;
    });
  }, []);

  return { loaded, rowData, totals, toggleGroup };
}
