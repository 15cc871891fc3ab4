import type { TableComment } from './comments';
import type { OutCell } from './cells';
import type { HeaderPlan, LayoutColumn } from './layout';
import { moneyFormat, planHeader } from './layout';
import type { CellStyle } from '../formats/styles';
import { HEADING_FONT } from '../formats/styles';
import type { PrintSetup, SheetOptions, SheetProtection, SheetWriter, XlsxWriter } from '../formats/xlsxWriter';
import { rangeRef } from '../formats/xml';

/**
 * One plan table as a worksheet: a title row, an optional note row, a one- or two-row header
 * with merged group headers, the rows (streamed in batches), runs of equal category cells
 * merged, and a totals row of live SUBTOTAL formulas carrying the store's exact totals as their
 * cached results. Export and send-out both write their tables through here; send-out adds its
 * own palette (locked grey, fill-in yellow), hidden columns and blank rows for additions.
 */

export interface TableColumn extends LayoutColumn {
  /** Cell fill (ARGB) and protection for this column's body cells. */
  fill?: string;
  locked?: boolean;
  hidden?: boolean;
}

export interface TableTotals {
  label: string;
  /** Exact totals (decimal text) by column key; the columns that get a SUBTOTAL. */
  values: ReadonlyMap<string, string>;
}

export interface TableSpec<R> {
  title: string;
  /** A line under the title, e.g. what to fill in. */
  note?: string;
  columns: readonly TableColumn[];
  /** Batches of rows in sheet order. */
  rows: AsyncIterable<readonly R[]> | Iterable<readonly R[]>;
  cell(row: R, column: TableColumn): OutCell;
  /** The row's comments (批注), each on the cell of its column (export/comments.ts). */
  comments?(row: R): readonly TableComment[];
  mergeRuns: boolean;
  totals?: TableTotals | null;
  /** Empty rows after the data, styled like it (send-out: where departments add items). */
  blankRows?: number;
  /** Blank rows are editable in every visible column (on a protected sheet), unshaded. */
  blankRowsEditable?: boolean;
  print: Omit<PrintSetup, 'titleRows'>;
  protection?: SheetProtection | null;
  autoFilter?: boolean;
  selected?: boolean;
}

export interface TablePlacement {
  sheet: SheetWriter;
  headerRows: { first: number; last: number };
  /** 1-based rows of the data (first > last when there is none). */
  firstDataRow: number;
  lastDataRow: number;
  /** The blank rows for additions, if any. */
  blankRows: { first: number; last: number } | null;
  totalsRow: number | null;
}

const BORDER: CellStyle['border'] = 'thin';
const HEADER_FILL = 'FFF2F2F2';

/** Style ids of one column's body cells, by what the cell holds. */
class ColumnStyles {
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly book: XlsxWriter,
    private readonly column: TableColumn,
    private readonly emphasis: { bold?: boolean; fill?: string } = {},
  ) {}

  private base(): CellStyle {
    const column = this.column;
    return {
      border: BORDER,
      vertical: 'center',
      horizontal: column.align,
      wrap: column.wrap || undefined,
      fill: this.emphasis.fill ?? column.fill,
      font: this.emphasis.bold ? { bold: true } : undefined,
      locked: column.locked === false ? false : undefined,
    };
  }

  style(cell: OutCell): number {
    const key =
      cell.kind === 'text'
        ? `text:${cell.formulaLike}`
        : cell.kind === 'number'
          ? `number:${cell.approximate}`
          : cell.kind;
    let id = this.cache.get(key);
    if (id === undefined) {
      const base = this.base();
      switch (cell.kind) {
        case 'text':
          id = this.book.styles.style({ ...base, quotePrefix: cell.formulaLike || undefined });
          break;
        case 'formula':
          id = this.book.styles.style({ ...base, numFmt: '0.00' });
          break;
        case 'number':
          id = this.book.styles.style({
            ...base,
            numFmt: this.column.type === 'money' ? moneyFormat(this.column.decimals, cell.approximate) : undefined,
          });
          break;
        case 'date':
          id = this.book.styles.style({ ...base, numFmt: 'yyyy-mm-dd' });
          break;
        case 'blank':
          id = this.book.styles.style({
            ...base,
            numFmt:
              this.column.type === 'money'
                ? moneyFormat(this.column.decimals)
                : this.column.type === 'date'
                  ? 'yyyy-mm-dd'
                  : undefined,
          });
          break;
      }
      this.cache.set(key, id);
    }
    return id;
  }
}

function writeCell(sheet: SheetWriter, index: number, cell: OutCell, style: number, row: number): void {
  switch (cell.kind) {
    case 'formula':
      sheet.formula(index, cell.formula(row), cell.cached, style);
      return;
    case 'blank':
      sheet.blank(index, style);
      return;
    case 'text':
      sheet.text(index, cell.text, style);
      return;
    case 'number':
      sheet.number(index, cell.decimal, style);
      return;
    case 'date':
      sheet.number(index, String(cell.serial), style);
      return;
  }
}

/** Runs of equal values in the merge columns, closed as the rows stream by. */
class RunMerger {
  private readonly runs = new Map<number, { start: number; text: string }>();

  constructor(
    private readonly sheet: SheetWriter,
    private readonly columns: readonly TableColumn[],
  ) {}

  /** Whether the cell continues the run above (and so is written empty under the merge). */
  continues(rowNumber: number, texts: readonly string[]): boolean[] {
    const result = this.columns.map(() => false);
    let categoryBroke = false;
    this.columns.forEach((column, index) => {
      if (column.merge === null) return;
      const text = texts[index] ?? '';
      const run = this.runs.get(index);
      const parentBroke = column.merge === 'subcategory' && categoryBroke;
      if (run && text !== '' && run.text === text && !parentBroke) {
        result[index] = true;
        return;
      }
      if (column.merge === 'category') categoryBroke = true;
      this.close(index, rowNumber - 1);
      this.runs.set(index, { start: rowNumber, text });
    });
    return result;
  }

  close(index: number, lastRow: number): void {
    const run = this.runs.get(index);
    if (run && lastRow > run.start && run.text !== '') this.sheet.merge(rangeRef(index, run.start, index, lastRow));
    this.runs.delete(index);
  }

  closeAll(lastRow: number): void {
    for (const index of [...this.runs.keys()]) this.close(index, lastRow);
  }
}

export async function writeTable<R>(
  book: XlsxWriter,
  name: string,
  spec: TableSpec<R>,
  options: Pick<SheetOptions, 'state'> = {},
): Promise<TablePlacement> {
  const { columns } = spec;
  const header: HeaderPlan = planHeader(columns);
  const titleRow = 1;
  const noteRow = spec.note ? 2 : null;
  const headerFirst = (noteRow ?? titleRow) + 1;
  const headerLast = headerFirst + header.rows - 1;
  const sheet = book.addSheet(name, {
    ...options,
    selected: spec.selected,
    columns: columns.map((column) => ({
      width: column.width,
      hidden: column.hidden,
      // Cells typed below the table keep the column's protection (fill-in stays fillable).
      style: column.locked === false ? book.styles.style({ locked: false }) : undefined,
    })),
    freeze: { rows: headerLast },
  });
  sheet.setPrint({ ...spec.print, titleRows: { first: headerFirst, last: headerLast } });
  if (spec.protection) sheet.setProtection(spec.protection);
  const lastColumn = columns.length - 1;
  const visibleLast = Math.max(
    0,
    columns.findLastIndex((column) => !column.hidden),
  );

  // Title and note rows span the visible columns.
  const titleStyle = book.styles.style({
    font: { name: HEADING_FONT, size: 16, bold: true },
    horizontal: 'center',
    vertical: 'center',
  });
  sheet.startRow(titleRow, { height: 32 });
  sheet.text(0, spec.title, titleStyle);
  await sheet.endRow();
  if (visibleLast > 0) sheet.merge(rangeRef(0, titleRow, visibleLast, titleRow));
  if (noteRow !== null && spec.note) {
    const noteStyle = book.styles.style({
      horizontal: 'left',
      vertical: 'center',
      wrap: true,
      font: { color: 'FF595959' },
    });
    sheet.startRow(noteRow, { height: Math.max(20, 15 * Math.ceil(spec.note.length / 60)) });
    sheet.text(0, spec.note, noteStyle);
    await sheet.endRow();
    if (visibleLast > 0) sheet.merge(rangeRef(0, noteRow, visibleLast, noteRow));
  }

  const headerStyle = book.styles.style({
    font: { bold: true },
    fill: HEADER_FILL,
    border: BORDER,
    horizontal: 'center',
    vertical: 'center',
    wrap: true,
  });
  for (let offset = 0; offset < header.rows; offset++) {
    sheet.startRow(headerFirst + offset, { height: header.rows === 1 ? 30 : 22 });
    header.cells[offset]!.forEach((text, index) => {
      if (text === '') sheet.blank(index, headerStyle);
      else sheet.text(index, text, headerStyle);
    });
    await sheet.endRow();
  }
  for (const [left, top, right, bottom] of header.merges) {
    sheet.merge(rangeRef(left, headerFirst + top, right, headerFirst + bottom));
  }
  if (spec.autoFilter && columns.length > 0) sheet.setAutoFilter(rangeRef(0, headerLast, lastColumn, headerLast));

  const styles = columns.map((column) => new ColumnStyles(book, column));
  const columnIndex = new Map(columns.map((column, index) => [column.key, index]));
  const merger =
    spec.mergeRuns && columns.some((column) => column.merge !== null) ? new RunMerger(sheet, columns) : null;
  let rowNumber = headerLast;
  for await (const batch of spec.rows) {
    for (const row of batch) {
      rowNumber++;
      const cells = columns.map((column) => spec.cell(row, column));
      const continued = merger?.continues(
        rowNumber,
        cells.map((cell) => (cell.kind === 'text' ? cell.text : '')),
      );
      sheet.startRow(rowNumber);
      cells.forEach((cell, index) => {
        const shown = continued?.[index] ? ({ kind: 'blank' } as const) : cell;
        writeCell(sheet, index, shown, styles[index]!.style(shown), rowNumber);
      });
      for (const comment of spec.comments?.(row) ?? []) {
        const index = columnIndex.get(comment.columnKey);
        if (index !== undefined) sheet.comment(index, comment.text, comment.author);
      }
      await sheet.endRow();
    }
  }
  const firstDataRow = headerLast + 1;
  const lastDataRow = rowNumber;
  merger?.closeAll(lastDataRow);

  let blankRows: TablePlacement['blankRows'] = null;
  if (spec.blankRows && spec.blankRows > 0) {
    const first = rowNumber + 1;
    const blankStyles = spec.blankRowsEditable
      ? columns.map((column, index) =>
          column.hidden
            ? styles[index]!
            : new ColumnStyles(book, {
                ...column,
                locked: false,
                fill: column.locked === false ? column.fill : undefined,
              }),
        )
      : styles;
    for (let count = 0; count < spec.blankRows; count++) {
      rowNumber++;
      sheet.startRow(rowNumber);
      columns.forEach((_, index) => sheet.blank(index, blankStyles[index]!.style({ kind: 'blank' })));
      await sheet.endRow();
    }
    blankRows = { first, last: rowNumber };
  }

  let totalsRow: number | null = null;
  if (spec.totals && spec.totals.values.size > 0 && lastDataRow >= firstDataRow) {
    totalsRow = await writeTotals(book, sheet, columns, spec.totals, rowNumber + 1, firstDataRow, lastDataRow);
  }
  return {
    sheet,
    headerRows: { first: headerFirst, last: headerLast },
    firstDataRow,
    lastDataRow,
    blankRows,
    totalsRow,
  };
}

async function writeTotals(
  book: XlsxWriter,
  sheet: SheetWriter,
  columns: readonly TableColumn[],
  totals: TableTotals,
  row: number,
  first: number,
  last: number,
): Promise<number> {
  const emphasis = { bold: true, fill: HEADER_FILL };
  const styles = columns.map((column) => new ColumnStyles(book, { ...column, locked: undefined }, emphasis));
  const firstTotal = columns.findIndex((column) => totals.values.has(column.key));
  const labelEnd = Math.max(0, firstTotal - 1);
  sheet.startRow(row, { height: 24 });
  columns.forEach((column, index) => {
    const total = totals.values.get(column.key);
    if (index === 0 && total === undefined) {
      sheet.text(
        0,
        totals.label,
        book.styles.style({
          border: BORDER,
          font: { bold: true },
          fill: HEADER_FILL,
          horizontal: 'center',
          vertical: 'center',
          wrap: true,
        }),
      );
    } else if (total !== undefined) {
      const style = styles[index]!.style({ kind: 'number', decimal: total, approximate: false });
      // SUBTOTAL(109, …) ignores rows a user hides or filters out, as a printed total should;
      // its cached result is the store's exact total, so readers that do not calculate agree.
      sheet.formula(index, `SUBTOTAL(109,${rangeRef(index, first, index, last)})`, total, style);
    } else {
      sheet.blank(index, styles[index]!.style({ kind: 'blank' }));
    }
  });
  await sheet.endRow();
  if (labelEnd > 0) sheet.merge(rangeRef(0, row, labelEnd, row));
  return row;
}
