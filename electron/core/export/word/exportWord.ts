import type { WordExportOptions } from '../../../../shared/contract/calls/wordExport';
import { savedPrintOptions } from '../../print/options';
import { loadPrintSource, sheetFileName } from '../../print/printSheet';
import type { PlanStore } from '../../store/planStore';
import { wordDocumentBytes } from './wordDocument';
import { wordLayout } from './wordLayout';

/**
 * A sheet of the open plan as a Word attachment: the table its print setup describes (columns,
 * filter, sort, grouping, title), laid out for Word (wordLayout.ts) and written as .docx.
 */

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
  return {
    bytes: await wordDocumentBytes(layout),
    fileName: sheetFileName(source.sheet.name, 'docx'),
    rows: layout.model.rowCount,
    orientation: layout.orientation,
    fontSizePt: layout.fontSizePt,
    warnings: layout.warnings,
  };
}
