import type { RowData, SheetDetail } from '../../../shared/contract/contract';
import { isSummable } from '../../../shared/model/columns';
import type { PlanStore } from '../store/planStore';
import { outCell } from './cells';
import { executionRateCell } from './executionFormula';
import { tableComments } from './comments';
import type { LayoutColumn } from './layout';
import { layoutColumns } from './layout';
import { hashPassword } from '../formats/protection';
import type { TableColumn, TableTotals } from './tableSheet';
import { writeTable } from './tableSheet';
import type { ByteSink } from '../formats/zipWriter';
import { sheetName, XlsxWriter } from '../formats/xlsxWriter';

/**
 * Export a sheet, or the whole plan, as a workbook an official would forward: per sheet a title,
 * the source document under it, a one- or two-row header, merged category runs, exact numbers
 * with 万元 formats, widths, wrapped long text, a frozen header, A4 landscape print setup with
 * the header repeated and page numbers, and a totals row. Rows are read from the store a page at
 * a time and streamed into the file, so a 100,000-row sheet exports in bounded memory.
 */

export interface ExportOptions {
  /** Protect every sheet (no password unless one is given). */
  protect: boolean;
  password?: string | undefined;
  /** Add the totals row (when the sheet has money or number columns). */
  totals: boolean;
}

export interface ExportedSheet {
  sheetId: number;
  name: string;
  rows: number;
}

/** Rows read from the store per page: large enough that per-page costs vanish, small enough to stay bounded. */
export const PAGE_ROWS = 5000;
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页';

/** The sheet's rows in plan order, a page at a time. */
export function* rowPages(store: PlanStore, sheetId: number, pageRows = PAGE_ROWS): Generator<RowData[]> {
  for (let offset = 0; ; offset += pageRows) {
    const { rows } = store.listRows(sheetId, offset, pageRows);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageRows) return;
  }
}

/** A file name from a title: what Windows and macOS accept. */
export function safeFileName(title: string, extension: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
      .replace(/^[.\s]+|[.\s]+$/g, '')
      .slice(0, 120) || 'planbench';
  return `${base}${extension}`;
}

/** Totals row: the exact sums of the visible summable columns, and what the label says. */
function tableTotals(store: PlanStore, sheet: SheetDetail, columns: readonly LayoutColumn[]): TableTotals | null {
  const visible = new Set(columns.map((column) => column.key));
  const totals = store.totals(sheet.id).filter((total) => visible.has(total.columnKey));
  const summable = sheet.columns.filter((column) => visible.has(column.key) && isSummable(column));
  if (totals.length === 0 || summable.length === 0) return null;
  const items = sheet.rowCount - store.childRowCount(sheet.id);
  const money = totals.find((total) => total.type === 'money');
  const unknown = money && money.unknown > 0 ? `，其中 ${money.unknown} 项${money.columnName}未知` : '';
  return {
    label: `合计（共 ${items} 项${unknown}）`,
    values: new Map(totals.map((total) => [total.columnKey, total.sum])),
  };
}

/** Write one plan sheet into the workbook. */
async function exportSheet(
  book: XlsxWriter,
  store: PlanStore,
  sheet: SheetDetail,
  name: string,
  options: ExportOptions,
  selected: boolean,
  password: ReturnType<typeof hashPassword> | undefined,
): Promise<void> {
  const pages = rowPages(store, sheet.id);
  const first = pages.next();
  const firstRows = first.done ? [] : first.value;
  const columns: TableColumn[] = layoutColumns(sheet.columns, firstRows);
  const byKey = new Map(sheet.columns.map((column) => [column.key, column]));
  const computed = executionRateCell(sheet.columns, columns);
  const commentsOf = tableComments(
    store,
    sheet,
    columns.map((column) => column.key),
  );
  const placement = await writeTable<RowData>(book, name, {
    title: sheet.name,
    note: sheet.description || undefined,
    columns,
    rows: (function* () {
      if (firstRows.length > 0) yield firstRows;
      yield* pages;
    })(),
    cell: (row, column) =>
      column.key === computed?.key ? computed.cell(row) : outCell(byKey.get(column.key)!, row.cells[column.key]),
    comments: (row) => commentsOf(row.id),
    mergeRuns: true,
    totals: options.totals ? tableTotals(store, sheet, columns) : null,
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true, footer: PAGE_FOOTER, horizontalCentered: true },
    protection: options.protect
      ? { password, allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true }
      : null,
    autoFilter: true,
    selected,
  });
  await placement.sheet.end();
}

/**
 * Write the given sheets (in plan order) to `sink`. The caller owns the sink; on failure the
 * sink is left for the caller to discard.
 */
export async function exportWorkbook(
  store: PlanStore,
  sheetIds: readonly number[],
  options: ExportOptions,
  sink: ByteSink,
): Promise<ExportedSheet[]> {
  const book = new XlsxWriter(sink);
  const taken = new Set<string>();
  // Hashed once for the whole workbook: the spin count makes each hash deliberately slow.
  const password = options.protect && options.password ? hashPassword(options.password) : undefined;
  const exported: ExportedSheet[] = [];
  for (const [index, sheetId] of sheetIds.entries()) {
    const sheet = store.getSheet(sheetId);
    const name = sheetName(sheet.name, taken);
    await exportSheet(book, store, sheet, name, options, index === 0, password);
    exported.push({ sheetId, name, rows: sheet.rowCount });
  }
  const meta = store.getMeta();
  await book.finish({
    title: sheetIds.length === 1 ? exported[0]!.name : meta.title,
    creator: meta.issuer || 'Planbench',
  });
  return exported;
}

/** The sheets an export covers and the file name it suggests: one sheet, or the whole plan. */
export function exportTarget(store: PlanStore, sheetId?: number): { sheetIds: number[]; fileName: string } {
  if (sheetId !== undefined) {
    const sheet = store.getSheet(sheetId);
    return { sheetIds: [sheet.id], fileName: safeFileName(sheet.name, '.xlsx') };
  }
  return {
    sheetIds: store.listSheets().map((sheet) => sheet.id),
    fileName: safeFileName(store.getMeta().title, '.xlsx'),
  };
}
