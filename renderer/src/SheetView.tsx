import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ColumnTotal, RowData, SheetDetail } from '../../shared/api/contract';
import { SHEET_KIND_LABELS } from '../../shared/domain/columns';
import { api } from './api';
import { ErrorBanner } from './ErrorBanner';
import type { GridRow } from './gridColumns';
import { allocationTotalColumn, gridColumns, knownText, totalsRow } from './gridColumns';

const PAGE = 5000;

const theme = themeQuartz.withParams({
  fontFamily: ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'],
  fontSize: 13,
  headerFontWeight: 600,
  headerBackgroundColor: '#eef2f7',
  spacing: 5,
});

interface Loaded {
  sheet: SheetDetail;
  rows: RowData[];
  totals: ColumnTotal[];
}

async function loadSheet(sheetId: number): Promise<Loaded> {
  const [sheet, totals] = await Promise.all([api['sheet.get']({ sheetId }), api['sheet.totals']({ sheetId })]);
  const rows: RowData[] = [];
  for (;;) {
    const page = await api['sheet.rows']({ sheetId, offset: rows.length, limit: PAGE });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) break;
  }
  return { sheet, rows, totals: totals.totals };
}

/** The pinned totals row's cell: the exact total, and below it how many rows have a value. */
function TotalCell(params: ICellRendererParams<GridRow>) {
  const total = params.data?.totals?.get(params.colDef?.colId ?? '');
  return (
    <div className="total-cell">
      <span className="total-amount">{params.valueFormatted ?? ''}</span>
      {total && <span className="total-known">{knownText(total)}</span>}
    </div>
  );
}

/** One sheet in AG Grid, with a pinned 合计 row of exact totals. Read-only for now. */
export function SheetView({ sheetId }: { sheetId: number }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    loadSheet(sheetId).then(
      (result) => live && setLoaded(result),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [sheetId]);

  const labelKey = useMemo(() => {
    const columns = loaded?.sheet.columns ?? [];
    return (columns.find((column) => column.role === 'name') ?? columns.find((column) => column.type === 'text'))?.key ?? null;
  }, [loaded]);

  const columnDefs = useMemo<ColDef<GridRow>[]>(() => {
    if (!loaded) return [];
    const defs = gridColumns(loaded.sheet.columns, labelKey).map((def) =>
      loaded.totals.some((total) => total.columnKey === def.colId)
        ? {
            ...def,
            cellRendererSelector: (params: ICellRendererParams<GridRow>) =>
              params.node.rowPinned === 'bottom' ? { component: TotalCell } : undefined,
          }
        : def,
    );
    const rowTotal = loaded.sheet.kind === 'allocation' ? allocationTotalColumn(loaded.sheet.columns) : null;
    return rowTotal ? [...defs, rowTotal] : defs;
  }, [loaded, labelKey]);

  const pinned = useMemo(
    () => (loaded && loaded.totals.length > 0 ? [totalsRow(loaded.totals, labelKey)] : []),
    [loaded, labelKey],
  );

  if (error) return <ErrorBanner error={error} />;
  if (!loaded) return <div className="loading">正在载入……</div>;
  const { sheet } = loaded;
  return (
    <section className="sheet-view" aria-label={sheet.name}>
      <div className="sheet-caption">
        <span className="sheet-name">{sheet.name}</span>
        <span className="sheet-kind">{SHEET_KIND_LABELS[sheet.kind]}</span>
        <span className="sheet-description">{sheet.description}</span>
        <span className="sheet-count" data-testid="row-count">
          共 {sheet.rowCount} 行
        </span>
      </div>
      <div className="grid-host">
        <AgGridReact<GridRow>
          theme={theme}
          localeText={AG_GRID_LOCALE_CN}
          rowData={loaded.rows}
          columnDefs={columnDefs}
          pinnedBottomRowData={pinned}
          getRowId={(params) => String(params.data.id)}
          getRowHeight={(params) => (params.node.rowPinned === 'bottom' ? 46 : undefined)}
          defaultColDef={{ resizable: true, sortable: true, filter: true, suppressHeaderMenuButton: false }}
          enableCellTextSelection
          ensureDomOrder
          tooltipShowDelay={300}
        />
      </div>
    </section>
  );
}
