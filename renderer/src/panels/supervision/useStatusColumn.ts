import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { ColDef, GridApi, IRowNode, ValueGetterParams } from 'ag-grid-community';
import type { SheetDetail } from '../../../../shared/contract/contract';
import type { ProgressRow } from '../../../../shared/contract/calls/supervision';
import { isSupervisable, supervisionColumns } from '../../../../shared/rules/supervision/rowReading';
import { SUPERVISION_STATUS_LABELS } from '../../../../shared/rules/supervision/status';
import { api } from '../../data/api';
import { usePlanState } from '../../data/usePlan';
import type { AnyRow } from '../../grid/cellDisplay';
import { useStatusView } from './statusView';
import './statusColumn.css';

/** The computed column's id: no sheet column has a key starting with "__". */
export const STATUS_COLUMN_KEY = '__supervisionStatus';

/** Whether a sheet gets the 状态 column: a task or project sheet with a deadline and a way to report completion. */
export function hasStatusColumn(sheet: Pick<SheetDetail, 'kind' | 'columns'>): boolean {
  return (sheet.kind === 'tasks' || sheet.kind === 'projects') && isSupervisable(supervisionColumns(sheet.columns));
}

function tooltip(row: ProgressRow | undefined): string | undefined {
  if (!row) return undefined;
  const parts = [
    row.progress === null ? '未报完成率' : `完成率 ${row.progress}%`,
    row.elapsed === null ? '' : `序时进度 ${row.elapsed}%`,
    row.deadline === null ? '' : `完成时限 ${row.deadline}`,
  ];
  return parts.filter(Boolean).join('，');
}

export interface StatusColumn {
  /** The column, and the sheet column it goes after (its 完成时限); null when the sheet has none. */
  column: ColDef<AnyRow> | null;
  afterKey: string | null;
  isExternalFilterPresent(): boolean;
  doesExternalFilterPass(node: IRowNode<AnyRow>): boolean;
}

/**
 * 督查's 状态 column in the grid: each row's status as the API reads it (the same rule, in the
 * same place, as `planbench progress` and the 通报), as of today or as of the round chosen in the
 * 督查 panel, coloured green, yellow, red or grey, and the panel's status filter applied to the
 * grid's rows. Read again after every change to the plan, so editing a 完成率 or a 完成时限
 * changes the status on screen.
 */
export function useStatusColumn(sheet: SheetDetail, gridApi: RefObject<GridApi<AnyRow> | null>): StatusColumn {
  const shown = hasStatusColumn(sheet);
  const view = useStatusView(sheet.id);
  const changes = usePlanState((state) => state.changes);
  const [rows, setRows] = useState<ReadonlyMap<number, ProgressRow> | null>(null);
  // The grid calls the filter and the cells' getters itself: they read the latest statuses and
  // filter from here, so they stay the same functions (a new grid option makes AG Grid rebuild).
  const latest = useRef({ rows, statuses: view.shown });
  latest.current = { rows, statuses: view.shown };

  useEffect(() => {
    if (!shown) return;
    let current = true;
    api['supervision.progress']({
      sheetId: sheet.id,
      ...(view.roundId === null ? {} : { roundId: view.roundId }),
    }).then(
      (progress) => {
        if (current) setRows(new Map(progress.rows.map((row) => [row.rowId, row])));
      },
      // A round taken away meanwhile, a sheet no longer supervisable: the column shows nothing.
      () => current && setRows(new Map()),
    );
    return () => {
      current = false;
    };
  }, [shown, sheet.id, view.roundId, changes]);

  const isExternalFilterPresent = useCallback(
    () => latest.current.statuses.size > 0 && latest.current.rows !== null,
    [],
  );
  const doesExternalFilterPass = useCallback((node: IRowNode<AnyRow>) => {
    if (node.data?.kind !== 'data') return true;
    const row = latest.current.rows?.get(node.data.id);
    return row !== undefined && latest.current.statuses.has(row.status);
  }, []);

  // New statuses or a new filter: the column's cells are drawn again and the rows filtered again.
  useEffect(() => {
    const grid = gridApi.current;
    if (!grid || !shown) return;
    grid.refreshCells({ columns: [STATUS_COLUMN_KEY], force: true });
    grid.onFilterChanged();
  }, [rows, view.shown, shown, gridApi]);

  const column = useMemo((): ColDef<AnyRow> | null => {
    if (!shown) return null;
    const rowOf = (data: AnyRow | undefined) => (data?.kind === 'data' ? latest.current.rows?.get(data.id) : undefined);
    return {
      colId: STATUS_COLUMN_KEY,
      headerName: '状态',
      headerTooltip: '督查状态（按完成率与序时进度，可在“督查”中选轮次和筛选）',
      width: 104,
      editable: false,
      sortable: false,
      filter: false,
      valueGetter: (params: ValueGetterParams<AnyRow>) => {
        const row = rowOf(params.data);
        return row ? SUPERVISION_STATUS_LABELS[row.status] : '';
      },
      cellClass: (params) => {
        const row = rowOf(params.data);
        return row ? ['sv-cell', `sv-cell-${row.status}`] : 'sv-cell';
      },
      tooltipValueGetter: (params) => tooltip(rowOf(params.data)),
    };
  }, [shown]);

  const deadline = supervisionColumns(sheet.columns);
  const afterKey = deadline.deadline?.key ?? deadline.period?.key ?? null;
  return { column, afterKey, isExternalFilterPresent, doesExternalFilterPass };
}
