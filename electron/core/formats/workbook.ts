import type { Grid } from '../../../shared/import/importGrid';
import type { ByteSource } from './byteSource';
import { CSV_ENCODING_LABELS, readCsv } from './csv';
import { badFile } from './fileErrors';
import { sniff } from './sniff';
import { openXls, readXlsSheet } from './xls/xlsWorkbook';
import type { RowWatcher } from './rowWatcher';
import { openXlsx, readXlsxSheet } from './xlsx';

/** One sheet of an imported file, read in full, with what the file says about itself. */
export interface WorkbookRead {
  /** The file's name as the user knows it. */
  fileName: string;
  format: 'xlsx' | 'xls' | 'csv';
  /** CSV only: the detected text encoding, as shown to the user ("GB18030/GBK"). */
  encoding: string | null;
  /** The program that saved the workbook, when it says. */
  application: string | null;
  sheets: { name: string; hidden: boolean }[];
  grid: Grid;
}

/** The sheets of a workbook, .xlsx or .xls alike, and how to read one into a grid. */
interface SheetBook {
  application: string | null;
  sheets: { name: string; hidden: boolean }[];
  read(index: number, watcher?: RowWatcher): Promise<Grid>;
}

async function openBook(kind: Exclude<Awaited<ReturnType<typeof sniff>>, { kind: 'csv' }>): Promise<SheetBook> {
  if (kind.kind === 'xls') {
    const book = await openXls(kind.compound);
    return {
      application: book.application,
      sheets: book.sheets,
      read: async (index) => readXlsSheet(book, book.sheets[index]!).grid,
    };
  }
  const book = await openXlsx(kind.zip);
  return {
    application: book.application,
    sheets: book.sheets,
    read: (index, watcher) => readXlsxSheet(book, book.sheets[index]!, watcher),
  };
}

/**
 * Read the named sheet (or the first visible sheet with content) of an .xlsx, .xls/.et or CSV file. Every
 * problem — wrong format, damage, a cap exceeded, an empty sheet, a file changed while read — is
 * a PlanbenchError naming the file and, where it applies, the sheet.
 */
export async function readWorkbook(
  source: ByteSource,
  sheetName?: string,
  watcher?: RowWatcher,
): Promise<WorkbookRead> {
  const file = source.name;
  const kind = await sniff(source);
  if (kind.kind === 'csv') {
    const { grid, encoding } = await readCsv(source);
    if (grid.rows.length === 0) throw emptySheet(file, grid.name);
    return {
      fileName: file,
      format: 'csv',
      encoding: CSV_ENCODING_LABELS[encoding],
      application: null,
      sheets: [{ name: grid.name, hidden: false }],
      grid,
    };
  }
  const book = await openBook(kind);
  const sheets = book.sheets.map((sheet) => ({ name: sheet.name, hidden: sheet.hidden }));
  if (book.sheets.length === 0) throw badFile(file, '工作簿中没有工作表', 'the workbook has no worksheets');
  let grid: Grid;
  if (sheetName !== undefined) {
    const index = book.sheets.findIndex((candidate) => candidate.name === sheetName);
    const sheet = book.sheets[index];
    if (!sheet) {
      throw badFile(
        file,
        `工作簿中没有名为“${sheetName}”的工作表（有：${book.sheets.map((candidate) => candidate.name).join('、')}）`,
        `the workbook has no sheet named "${sheetName}" (it has: ${book.sheets.map((candidate) => candidate.name).join(', ')})`,
        { sheet: sheetName },
      );
    }
    grid = await book.read(index, watcher);
    if (grid.rows.length === 0) throw emptySheet(file, sheet.name);
  } else {
    // The first visible sheet that has content; hidden sheets only when nothing else has any.
    const indexes = book.sheets.map((_, index) => index);
    const ordered = [
      ...indexes.filter((index) => !book.sheets[index]!.hidden),
      ...indexes.filter((index) => book.sheets[index]!.hidden),
    ];
    let found: Grid | null = null;
    for (const index of ordered) {
      const candidate = await book.read(index, watcher);
      if (candidate.rows.length > 0) {
        found = candidate;
        break;
      }
    }
    if (!found) {
      throw badFile(
        file,
        `工作簿中的工作表都是空的（${sheets.map((sheet) => sheet.name).join('、')}）`,
        `every sheet of the workbook is empty (${sheets.map((sheet) => sheet.name).join(', ')})`,
      );
    }
    grid = found;
  }
  await source.assertUnchanged();
  return { fileName: file, format: kind.kind, encoding: null, application: book.application, sheets, grid };
}

function emptySheet(file: string, sheet: string): Error {
  return badFile(
    file,
    `工作表“${sheet}”是空的，没有可导入的内容`,
    `sheet "${sheet}" is empty: there is nothing to import`,
    { sheet },
  );
}
