import type { WordExportOptions } from '../../../../shared/contract/calls/wordExport';
import { PlanbenchError } from '../../../../shared/contract/errors';
import { savedPrintOptions } from '../../print/options';
import { loadPrintSource, sheetFileName } from '../../print/printSheet';
import type { PlanStore } from '../../store/planStore';
import { wordDocumentBytes } from './wordDocument';
import { wordLayout } from './wordLayout';

/**
 * A sheet of the open plan as a Word attachment: the table its print setup describes (columns,
 * filter, sort, grouping, title), laid out for Word (wordLayout.ts) and written as .docx.
 */

/**
 * The most rows a Word attachment takes. Attachments run to tens or hundreds of rows; past a
 * few thousand, the docx library's document tree takes seconds per thousand rows and hundreds
 * of megabytes, and no office prints such a table from Word: it is refused, saying what to do.
 */
export const WORD_MAX_ROWS = 3000;

export interface SheetDocx {
  bytes: Buffer;
  fileName: string;
  rows: number;
  orientation: 'landscape' | 'portrait';
  fontSizePt: number;
  warnings: string[];
}

export async function exportSheetToDocx(
  store: PlanStore,
  sheetId: number,
  options: WordExportOptions,
): Promise<SheetDocx> {
  const source = loadPrintSource(store, sheetId);
  const layout = wordLayout(source, savedPrintOptions(store, sheetId).options, options);
  if (layout.model.rowCount > WORD_MAX_ROWS) {
    const count = layout.model.rowCount.toLocaleString('en-US');
    const max = WORD_MAX_ROWS.toLocaleString('en-US');
    throw PlanbenchError.of(
      'invalid_input',
      `工作表“${source.sheet.name}”有 ${count} 行要导出，Word 附件表格最多 ${max} 行；请在打印设置中筛选行，或导出 Excel、打印为 PDF`,
      `sheet "${source.sheet.name}" would put ${count} rows into the Word table, more than the ${max} a Word attachment takes; filter the rows in the print setup, or export to Excel or print to PDF`,
      { sheet: source.sheet.name },
    );
  }
  return {
    bytes: await wordDocumentBytes(layout),
    fileName: sheetFileName(source.sheet.name, 'docx'),
    rows: layout.model.rowCount,
    orientation: layout.orientation,
    fontSizePt: layout.fontSizePt,
    warnings: layout.warnings,
  };
}
