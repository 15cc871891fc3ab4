import type { PrintOptions } from '../../../shared/contract/calls/printing';
import type { RowData } from '../../../shared/contract/contract';
import type { PlanStore } from '../store/planStore';
import type { PdfRenderer } from './pdfRenderer';
import { getPdfRenderer } from './engine';
import type { PrintLayout } from './layout';
import { layoutPrint } from './layout';
import type { PrintSource } from './model';
import { buildPrintModel } from './model';
import { savedPrintOptions } from './options';
import { factorAllocationNote } from '../budgets/factorSheet';

/**
 * Printing one sheet of the open plan: the preview's pages and the PDF, for the API handlers
 * and the CLI alike. Options left out mean the setup saved with the sheet.
 */

const ROW_WINDOW = 5000;

/** Everything the print model reads from the plan. */
export function loadPrintSource(store: PlanStore, sheetId: number): PrintSource {
  const sheet = store.getSheet(sheetId);
  const rows: RowData[] = [];
  for (let offset = 0; ; offset += ROW_WINDOW) {
    const window = store.listRows(sheetId, offset, ROW_WINDOW);
    rows.push(...window.rows);
    if (window.rows.length < ROW_WINDOW || rows.length >= window.total) break;
  }
  return {
    meta: store.getMeta(),
    sheet,
    rows,
    resolveDepartment: (name) => store.resolveDepartment(name)?.name ?? null,
    note: factorAllocationNote(store, sheetId),
    comments: store.listComments(sheetId),
  };
}

export async function layoutSheet(
  store: PlanStore,
  sheetId: number,
  options?: PrintOptions,
  renderer: PdfRenderer = getPdfRenderer(),
): Promise<PrintLayout> {
  const chosen = options ?? savedPrintOptions(store, sheetId).options;
  const model = buildPrintModel(loadPrintSource(store, sheetId), chosen);
  return layoutPrint(model, renderer, { sectionPageBreak: chosen.groupPageBreak });
}

export interface SheetPdf {
  layout: PrintLayout;
  bytes: Uint8Array;
  fileName: string;
  pages: number;
  warnings: string[];
}

export async function printSheetToPdf(
  store: PlanStore,
  sheetId: number,
  options?: PrintOptions,
  renderer: PdfRenderer = getPdfRenderer(),
): Promise<SheetPdf> {
  const layout = await layoutSheet(store, sheetId, options, renderer);
  const { geometry } = layout.model;
  const bytes = await renderer.pdf(layout.html, { widthMm: geometry.widthMm, heightMm: geometry.heightMm });
  const warnings = [...layout.warnings];
  // Every page box must come out as one sheet of paper; anything else means a row overflowed.
  const printed = countPdfPages(bytes);
  if (printed !== null && printed !== layout.pages.length) {
    warnings.push(
      `PDF 有 ${printed} 页，与排版的 ${layout.pages.length} 页不一致 / the PDF has ${printed} pages, the layout ${layout.pages.length}`,
    );
  }
  return {
    layout,
    bytes,
    fileName: pdfFileName(store.getSheet(sheetId).name),
    pages: printed ?? layout.pages.length,
    warnings,
  };
}

/** A file name for the sheet's PDF, without characters Windows refuses in names. */
export function pdfFileName(sheetName: string): string {
  return sheetFileName(sheetName, 'pdf');
}

/** A file name for a file made of the sheet, without characters Windows refuses in names. */
export function sheetFileName(sheetName: string, extension: string): string {
  const base = sheetName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || '打印';
  return `${base}.${extension}`;
}

/**
 * The number of pages of a PDF as Chromium writes it (uncompressed page objects), or null when
 * it cannot be told without a PDF parser.
 */
export function countPdfPages(bytes: Uint8Array): number | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const count = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return count > 0 ? count : null;
}
