import type { XlsWorkbook } from '../formats/xls/xlsWorkbook';
import { styleCell } from '../formats/xls/sheet';
import { readXlsSheet } from '../formats/xls/xlsWorkbook';
import type { ReturnedSheets } from './returnedSheets';

/**
 * A returned workbook the department saved as Excel 97-2003 (.xls) or WPS .et: the sheets as the
 * importer reads them, and the protection collect checks — PROTECT in the data sheet, and the
 * fLocked bit of the XF of every cell record (blanks too) in the fill-in columns.
 */
export function xlsReturnedSheets(book: XlsWorkbook): ReturnedSheets {
  return {
    application: book.application,
    sheets: book.sheets,
    grid: async (index) => readXlsSheet(book, book.sheets[index]!).grid,
    // Comments of an Excel 97-2003 file (NOTE and OBJ records) are not read: a return saved as .xls brings none.
    comments: async () => [],
    protection: async (index, columns, rows) => {
      const read = readXlsSheet(book, book.sheets[index]!, true);
      let checked = 0;
      let unlocked = 0;
      for (const [key, xf] of read.styles ?? []) {
        const { row, column } = styleCell(key);
        if (row < rows.first || row > rows.last || !columns.has(column)) continue;
        checked++;
        // An XF the file does not have counts as locked, Excel's default.
        if (book.globals.locked[xf] === false) unlocked++;
      }
      return { sheetProtected: read.protected, fillInUnlocked: checked > 0 && unlocked === checked };
    },
  };
}
