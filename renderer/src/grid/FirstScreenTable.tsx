import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import type { ColumnTotal, RowData, SheetDetail, SheetView } from '../../../shared/contract/contract';
import { afterPaint } from '../app/afterPaint';
import type { SheetScreen } from '../app/firstScreen';
import type { AnyRow, DisplayOptions } from './cellDisplay';
import {
  cellText,
  COMPACT_ABOVE_ROWS,
  columnWidth,
  countColumns,
  headerText,
  isChildLabel,
  isNumericColumn,
  isUnknownAmount,
  labelColumnKey,
  ROW_TOTAL_HEADER,
  ROW_TOTAL_KEY,
  ROW_TOTAL_WIDTH,
  rowSum,
  summaryCell,
  totalOf,
  totalsRow,
  wrapsText,
} from './cellDisplay';
import { arrangeRows } from './gridRows';
import { GroupLabel, TotalFigure } from './summaryCells';

/**
 * The sheet's first screen as a plain table, shown while the grid's code (AG Grid, the largest
 * part of the workbench) loads and builds its first screen: the rows the user opened the plan
 * for appear as soon as they arrive, the way a spreadsheet shows a file before it is ready for
 * editing. Same columns, widths, figures and 合计 row as the grid, which replaces it once it
 * has painted its own rows. A cell clicked meanwhile is where the grid puts its focus.
 *
 * Grouped views show their group rows when the first page is the whole sheet; a large grouped
 * sheet shows only "正在读取…", since subtotals of a first page would be wrong.
 *
 * The grid is built only once this table has been painted (see onShown): building it takes the
 * main thread for a few hundred milliseconds, and the rows would otherwise wait for it.
 */
export interface FirstScreenTableProps {
  sheet: SheetDetail;
  view: SheetView;
  screen: Pick<SheetScreen, 'firstRows' | 'totals'>;
  /** A cell clicked before the grid is ready. */
  onPick(rowId: number, columnKey: string): void;
  /** The table has been painted with the first rows (or has none to show): the grid may be built. */
  onShown(): void;
}

interface FirstRows {
  rows: RowData[];
  complete: boolean;
}

export function FirstScreenTable({ sheet, view, screen, onPick, onShown }: FirstScreenTableProps) {
  const [first, setFirst] = useState<FirstRows | null>(null);
  const [totals, setTotals] = useState<ColumnTotal[] | null>(null);
  const grouped = view.groupBy.length > 0;
  const shows = !!first && (!grouped || first.complete);
  useEffect(() => {
    let live = true;
    screen.firstRows.then(
      (answer) => live && setFirst({ rows: answer.rows, complete: answer.rows.length >= answer.total }),
      // The grid reports the failure (it waits for the same answer): let it be built.
      () => live && onShown(),
    );
    screen.totals.then(
      (answer) => live && setTotals(answer),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [screen, onShown]);
  useEffect(() => {
    if (!first) return;
    if (shows) afterPaint(onShown);
    else onShown();
  }, [first, shows, onShown]);

  if (!first || !shows) return <div className="first-screen grid-waiting">正在读取…</div>;

  const labelKey = labelColumnKey(sheet.columns);
  const options: DisplayOptions = { moneyUnit: view.moneyUnit };
  // Only what can be on screen: rows are at least one line high.
  const fitting = Math.ceil(window.innerHeight / ONE_LINE_ROW_PX);
  const rows: AnyRow[] = arrangeRows(first.rows, sheet.columns, view.groupBy, new Set(), labelKey).slice(0, fitting);
  const compact = sheet.rowCount > COMPACT_ABOVE_ROWS;
  const pinned = totals && totals.length > 0 ? totalsRow(totals, labelKey) : null;
  const counts = sheet.kind === 'allocation' ? countColumns(sheet.columns) : [];

  // The grid's columns, in its order: the sheet's visible columns, then an allocation's 合计.
  const columns: TableColumn[] = sheet.columns
    .filter((column) => !column.hidden)
    .map((column, index) => ({
      key: column.key,
      header: headerText(column, options),
      width: columnWidth(column),
      numeric: isNumericColumn(column),
      cell: (row) => {
        const summary = summaryCell(row, column, labelKey);
        if (summary === 'groupLabel' && row.kind === 'group') return { content: <GroupLabel row={row} /> };
        const text = cellText(row, column, options);
        const classes = [
          isUnknownAmount(row, column) ? 'cell-unknown' : '',
          isChildLabel(row, column, labelKey) ? 'cell-child' : '',
          wrapsText(column, compact) ? 'wrapped' : '',
          index === 0 && !grouped && row.kind === 'data' ? 'drag-handle' : '',
        ];
        return {
          content: summary === 'total' ? <TotalFigure text={text} total={totalOf(row, column.key)} /> : text,
          classes,
        };
      },
    }));
  if (counts.length > 0) {
    columns.push({
      key: ROW_TOTAL_KEY,
      header: ROW_TOTAL_HEADER,
      width: ROW_TOTAL_WIDTH,
      numeric: true,
      cell: (row) => ({ content: rowSum(row, counts), classes: ['cell-computed'] }),
    });
  }

  const renderRow = (row: AnyRow, className: string) => (
    <div key={row.id} className={className}>
      {columns.map((column) => {
        const { content, classes = [] } = column.cell(row);
        return (
          <div
            key={column.key}
            data-col={column.key}
            className={['first-screen-cell', column.numeric ? 'numeric' : '', ...classes].filter(Boolean).join(' ')}
            style={{ width: column.width }}
            onMouseDown={row.kind === 'data' ? () => onPick(row.id, column.key) : undefined}
          >
            {content}
          </div>
        );
      })}
    </div>
  );

  return (
    <div className="first-screen" aria-busy="true" aria-label={`${sheet.name}（正在准备编辑）`}>
      <div className="first-screen-header">
        {columns.map((column) => (
          <div
            key={column.key}
            data-col={column.key}
            className={`first-screen-cell${column.numeric ? ' numeric' : ''}`}
            style={{ width: column.width }}
          >
            {column.header}
          </div>
        ))}
      </div>
      <div className="first-screen-body">
        {rows.map((row) =>
          renderRow(
            row,
            row.kind === 'group' ? `first-screen-row group-row group-level-${row.level}` : 'first-screen-row',
          ),
        )}
      </div>
      {pinned && renderRow(pinned, 'first-screen-row first-screen-totals')}
    </div>
  );
}

/** The grid's height of a one-line row (see --fs-row-height in styles.css). */
const ONE_LINE_ROW_PX = 32;

/** A column of the table: its header and width, and what a row shows in it. */
interface TableColumn {
  key: string;
  header: string;
  width: number;
  numeric: boolean;
  cell(row: AnyRow): { content: ReactNode; classes?: string[] };
}
