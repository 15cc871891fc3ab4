import { columnLetter } from '../../../shared/import/importGrid';
import { IMPORT_CAPS, thousands } from './caps';
import { badFile } from './fileErrors';

/**
 * The refusals of a workbook whose content goes past what a real sheet can hold or what an import
 * can afford: texts and sheets that would expand without bound, rows and columns past the end of
 * a sheet, impossible row numbers, too many sheets or shared strings. Each names the file and,
 * where it applies, the sheet, row and column or the part, in Chinese and English.
 */

const LAST_COLUMN = columnLetter(IMPORT_CAPS.lastColumn - 1);

export function textTooLong(
  file: string,
  length: number,
  where: { sheet: string; row: number; column: number },
): Error {
  return badFile(
    file,
    `工作表“${where.sheet}”第 ${where.row} 行 ${columnLetter(where.column)} 列的文字有 ${thousands(length)} 个字符，超过单个单元格 ${thousands(IMPORT_CAPS.textChars)} 个字符的上限`,
    `the text in sheet "${where.sheet}", row ${where.row}, column ${columnLetter(where.column)} has ${thousands(length)} characters, more than the limit of ${thousands(IMPORT_CAPS.textChars)} for one cell`,
    { sheet: where.sheet, row: where.row, column: columnLetter(where.column) },
  );
}

export function sharedStringTooLong(file: string, part: string, index: number, length: number): Error {
  return badFile(
    file,
    `${part} 中第 ${thousands(index + 1)} 个共享字符串有 ${thousands(length)} 个字符，超过单个单元格 ${thousands(IMPORT_CAPS.textChars)} 个字符的上限`,
    `shared string ${thousands(index + 1)} in ${part} has ${thousands(length)} characters, more than the limit of ${thousands(IMPORT_CAPS.textChars)} for one cell`,
  );
}

export function tooManySharedStrings(file: string, part: string): Error {
  return badFile(
    file,
    `${part} 中的共享字符串超过 ${thousands(IMPORT_CAPS.sharedStrings)} 个的上限`,
    `${part} holds more than the limit of ${thousands(IMPORT_CAPS.sharedStrings)} shared strings`,
  );
}

/** The cells' text of one sheet adds up past the limit (typically one long string used by thousands of cells). */
export function sheetTextTooLarge(file: string, sheet: string, row: number): Error {
  return badFile(
    file,
    `工作表“${sheet}”的单元格文字合计超过 ${thousands(IMPORT_CAPS.sheetTextChars)} 个字符的上限（到第 ${row} 行为止；常见原因是一段很长的文字被大量单元格重复引用）`,
    `the cells of sheet "${sheet}" hold more than the limit of ${thousands(IMPORT_CAPS.sheetTextChars)} characters of text in all (reached at row ${row}; typically one long text repeated in a great many cells)`,
    { sheet, row },
  );
}

export function rowPastEnd(file: string, sheet: string, row: number): Error {
  return badFile(
    file,
    `工作表“${sheet}”第 ${thousands(row)} 行有内容，超出工作表的最后一行（第 ${thousands(IMPORT_CAPS.lastRow)} 行）；文件已损坏或不是由电子表格软件生成的`,
    `sheet "${sheet}" has content in row ${thousands(row)}, past the last row a sheet can have (${thousands(IMPORT_CAPS.lastRow)}); the file is damaged or was not written by a spreadsheet program`,
    { sheet, row },
  );
}

export function columnPastEnd(file: string, sheet: string, row: number): Error {
  return badFile(
    file,
    `工作表“${sheet}”第 ${row} 行在 ${LAST_COLUMN} 列之后还有内容，超出工作表的最后一列（${LAST_COLUMN}）；文件已损坏或不是由电子表格软件生成的`,
    `sheet "${sheet}" has content in row ${row} past column ${LAST_COLUMN}, the last column a sheet can have; the file is damaged or was not written by a spreadsheet program`,
    { sheet, row },
  );
}

export function badRowNumber(file: string, sheet: string, written: string): Error {
  const shown = written.length > 20 ? `${written.slice(0, 20)}…` : written;
  return badFile(
    file,
    `文件已损坏：工作表“${sheet}”中有一行的行号“${shown}”无效`,
    `the file is damaged: a row of sheet "${sheet}" has the invalid row number "${shown}"`,
    { sheet },
  );
}

export function tooManySheets(file: string): Error {
  return badFile(
    file,
    `工作簿列出的工作表超过 ${thousands(IMPORT_CAPS.sheets)} 个的上限`,
    `the workbook lists more than the limit of ${thousands(IMPORT_CAPS.sheets)} sheets`,
  );
}

export function tooManyMerges(file: string, sheet: string): Error {
  return badFile(
    file,
    `工作表“${sheet}”的合并单元格区域超过 ${thousands(IMPORT_CAPS.merges)} 个的上限`,
    `sheet "${sheet}" has more than the limit of ${thousands(IMPORT_CAPS.merges)} merged ranges`,
    { sheet },
  );
}

export function tooManyCells(file: string, sheet: string, row: number): Error {
  return badFile(
    file,
    `工作表“${sheet}”有内容的单元格超过 ${thousands(IMPORT_CAPS.cells)} 个的上限（到第 ${thousands(row)} 行为止）；请拆分成多个文件后分别导入`,
    `sheet "${sheet}" has more than the limit of ${thousands(IMPORT_CAPS.cells)} cells with content (reached at row ${thousands(row)}); split it into several files and import them one by one`,
    { sheet, row },
  );
}

export function tooManyRows(fileName: string, sheet: string): Error {
  return badFile(
    fileName,
    `工作表“${sheet}”的数据超过 ${thousands(IMPORT_CAPS.rows)} 行的上限；请拆分成多个文件后分别导入`,
    `sheet "${sheet}" has more than the limit of ${thousands(IMPORT_CAPS.rows)} rows with content; split it into several files and import them one by one`,
    { sheet },
  );
}

export function tooManyColumns(fileName: string, sheet: string, column: number): Error {
  return badFile(
    fileName,
    `工作表“${sheet}”在第 ${columnLetter(column)} 列仍有内容，超过 ${thousands(IMPORT_CAPS.columns)} 列的上限`,
    `sheet "${sheet}" has content in column ${columnLetter(column)}, past the limit of ${thousands(IMPORT_CAPS.columns)} columns`,
    { sheet, column: columnLetter(column) },
  );
}
