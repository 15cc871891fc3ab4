import crypto from 'node:crypto';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { GridRow } from '../../../shared/import/importGrid';
import { cellText, columnIndex } from '../../../shared/import/importGrid';
import { bufferSource } from '../formats/byteSource';
import { sniff } from '../formats/sniff';
import { openXls } from '../formats/xls/xlsWorkbook';
import type { SheetEntry, XlsxWorkbook } from '../formats/xlsx';
import { openXlsx, readXlsxSheet } from '../formats/xlsx';
import type { GridComment } from '../formats/xlsxCommentsRead';
import { readXlsxComments } from '../formats/xlsxCommentsRead';
import type { Protection, ReturnedSheets } from './returnedSheets';
import { xlsReturnedSheets } from './returnedXls';
import { parseXml } from '../formats/xmlStream';
import { findEntry, readEntry } from '../formats/zip';
import type { Stamp } from './stamp';
import { readStamp, ROW_ID_HEADER, STAMP_MAGIC, StampError } from './stamp';

/**
 * Reading a returned workbook. The cell values come through the importer's streaming .xlsx
 * reader (electron/core/import), which already copes with how Excel, WPS and LibreOffice each rewrite
 * a file: shared vs inline strings, namespace prefixes, date formats, the 1904 system. This is
 * the only module of the exchange domain that uses it.
 *
 * On top of that it reads what the importer has no need for: whether the data sheet is still
 * protected and whether the fill-in cells are still unlocked. Those attributes are booleans that
 * Excel writes as "0"/"1" and LibreOffice as "false"/"true"; ExcelJS only recognises "0"
 * (lib/xlsx/xform/style/protection-xform.js: locked = attributes.locked !== '0'), so it reads
 * every cell of a LibreOffice-saved file as locked. Here both spellings are read (xsd:boolean).
 * A department that saves the workbook as Excel 97-2003 (.xls, or WPS .et) is read alike
 * (returnedXls.ts): the same grid, and protection from its PROTECT and XF records.
 */

export interface ReturnedData {
  name: string;
  rows: GridRow[];
  /** 1-based row of the header (the row holding the row-id column's header). */
  headerRow: number;
  /** 0-based column of each stamp column (by its header; by position if the header is gone). */
  columns: Map<string, number>;
  rowIdColumn: number;
  /** The sheet's comments (批注), by 1-based row and 0-based column. */
  comments: GridComment[];
}

export interface ReturnedWorkbook {
  fileName: string;
  sha256: string;
  /** The program that last saved it, as docProps/app.xml says. */
  application: string | null;
  stamp: Stamp | null;
  /** The data sheet: the stamp's, or (without a stamp) a sheet that still has our row-id column. */
  data: ReturnedData | null;
  protection: Protection;
}

/** xsd:boolean as OOXML writers spell it. */
export function ooxmlBoolean(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const text = value.trim().toLowerCase();
  if (text === '1' || text === 'true' || text === 'on') return true;
  if (text === '0' || text === 'false' || text === 'off') return false;
  return fallback;
}

export function texts(row: GridRow | undefined): string[] {
  return row ? Array.from(row.cells, (cell) => cellText(cell)) : [];
}

function notAWorkbook(fileName: string): PlanbenchError {
  return PlanbenchError.of(
    'invalid_value',
    `“${fileName}”是文本（CSV）文件，不是下发的填报工作簿；如需把其中的数据导入规划，请使用“导入”向导`,
    `"${fileName}" is a text (CSV) file, not a returned send-out workbook; to bring its data into the plan, use the import wizard`,
    { file: fileName },
  );
}

/** Per cellXfs index: is the style locked? (No <protection> means locked, Excel's default.) */
async function lockedStyles(book: XlsxWorkbook): Promise<boolean[]> {
  const entry = findEntry(book.zip, 'xl/styles.xml');
  if (!entry) return [];
  const locked: boolean[] = [];
  let inCellXfs = false;
  const bytes = await readEntry(book.zip, entry);
  await parseXml(
    (async function* () {
      yield bytes;
    })(),
    {
      open: (name, attributes) => {
        if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) locked.push(true);
        else if (name === 'protection' && inCellXfs && locked.length > 0)
          locked[locked.length - 1] = ooxmlBoolean(attributes.locked, true);
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text: () => {},
    },
    { file: book.zip.source.name, part: entry.name },
  );
  return locked;
}

/** Sheet protection, and the styles of the cells in the given columns from `firstRow` down. */
async function protectionOf(
  book: XlsxWorkbook,
  sheet: SheetEntry,
  columns: ReadonlySet<number>,
  rows: { first: number; last: number },
): Promise<{ sheetProtected: boolean; fillInUnlocked: boolean }> {
  const entry = findEntry(book.zip, sheet.part);
  if (!entry) return { sheetProtected: false, fillInUnlocked: false };
  const locked = await lockedStyles(book);
  let sheetProtected = false;
  let checked = 0;
  let unlocked = 0;
  let row = 0;
  const bytes = await readEntry(book.zip, entry, 64 * 1024 * 1024);
  await parseXml(
    (async function* () {
      yield bytes;
    })(),
    {
      open: (name, attributes) => {
        if (name === 'row') row = Number(attributes.r ?? row + 1);
        else if (name === 'c' && row >= rows.first && row <= rows.last) {
          const letters = /^[A-Za-z]+/.exec(attributes.r ?? '')?.[0];
          if (letters === undefined || !columns.has(columnIndex(letters))) return;
          checked++;
          if (locked[Number(attributes.s ?? 0)] === false) unlocked++;
        } else if (name === 'sheetProtection') sheetProtected = ooxmlBoolean(attributes.sheet, false);
      },
      close: () => {},
      text: () => {},
    },
    { file: book.zip.source.name, part: entry.name },
  );
  return { sheetProtected, fillInUnlocked: checked > 0 && unlocked === checked };
}

function xlsxReturnedSheets(book: XlsxWorkbook): ReturnedSheets {
  return {
    application: book.application,
    sheets: book.sheets,
    grid: (index) => readXlsxSheet(book, book.sheets[index]!),
    comments: (index) => readXlsxComments(book, book.sheets[index]!),
    protection: (index, columns, rows) => protectionOf(book, book.sheets[index]!, columns, rows),
  };
}

export async function readReturnedWorkbook(fileName: string, bytes: Buffer): Promise<ReturnedWorkbook> {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const sniffed = await sniff(bufferSource(fileName, bytes));
  if (sniffed.kind === 'csv') throw notAWorkbook(fileName);
  const book =
    sniffed.kind === 'xls'
      ? xlsReturnedSheets(await openXls(sniffed.compound))
      : xlsxReturnedSheets(await openXlsx(sniffed.zip));
  const indexes = book.sheets.map((_, index) => index);
  // Hidden sheets first: that is where the stamp lives; a renamed stamp sheet is still found.
  const ordered = [
    ...indexes.filter((index) => book.sheets[index]!.hidden),
    ...indexes.filter((index) => !book.sheets[index]!.hidden),
  ];
  let stamp: Stamp | null = null;
  for (const index of ordered) {
    const sheet = book.sheets[index]!;
    const grid = await book.grid(index);
    const firstRow = texts(grid.rows[0]);
    if (firstRow[0] !== STAMP_MAGIC) continue;
    try {
      stamp = readStamp(grid.rows.map(texts));
    } catch (error) {
      if (!(error instanceof StampError)) throw error;
      throw PlanbenchError.of(
        'invalid_value',
        `“${fileName}”中的下发标记已损坏（${error.message}），无法核对；请让填报单位使用原下发文件重新填写，或通过“导入”向导导入`,
        `the send-out stamp in "${fileName}" is damaged (${error.message}) and cannot be checked; ask the department to fill in the original file again, or use the import wizard`,
        { file: fileName, sheet: sheet.name },
      );
    }
    break;
  }

  let data: ReturnedWorkbook['data'] = null;
  let dataIndex = stamp ? book.sheets.findIndex((sheet) => sheet.name === stamp!.dataSheet) : -1;
  // Without the named sheet (renamed, or no stamp), the sheet that still has our row-id column.
  const candidates = dataIndex >= 0 ? [dataIndex] : indexes;
  for (const index of candidates) {
    const grid = await book.grid(index);
    const headerRow =
      grid.rows.find((row) => texts(row).includes(ROW_ID_HEADER)) ??
      (stamp ? grid.rows.find((row) => row.r === stamp!.headerRow) : undefined);
    if (headerRow || index === dataIndex) {
      data = { ...locate(book.sheets[index]!.name, grid.rows, headerRow, stamp), comments: await book.comments(index) };
      dataIndex = index;
      break;
    }
  }

  let protection: Protection = { sheetProtected: false, fillInUnlocked: false };
  if (stamp && dataIndex >= 0 && data) {
    const fillColumns = new Set(
      stamp.columns.flatMap((column) => (column.role === 'fill' ? [data!.columns.get(column.key) ?? -1] : [])),
    );
    protection = await book.protection(dataIndex, fillColumns, {
      first: data.headerRow + 1,
      last: data.headerRow + stamp.rows.length,
    });
  }
  return { fileName, sha256, application: book.application, stamp, data, protection };
}

/**
 * Where each column of the send-out is in the returned sheet: found by its header text, so a
 * department that removed protection and inserted a column does not shift the values; by the
 * position the stamp recorded when the header was changed too.
 */
function locate(
  name: string,
  rows: GridRow[],
  header: GridRow | undefined,
  stamp: Stamp | null,
): Omit<ReturnedData, 'comments'> {
  const headerTexts = texts(header);
  const columns = new Map<string, number>();
  const found = (text: string) => headerTexts.findIndex((candidate) => candidate.trim() === text);
  stamp?.columns.forEach((column, index) => {
    const at = found(column.header);
    columns.set(column.key, at >= 0 ? at : index);
  });
  const rowId = found(ROW_ID_HEADER);
  return {
    name,
    rows,
    headerRow: header?.r ?? stamp?.headerRow ?? 0,
    columns,
    rowIdColumn: rowId >= 0 ? rowId : (stamp?.columns.length ?? 0),
  };
}
