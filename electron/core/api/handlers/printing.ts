import type { printingCalls } from '../../../../shared/contract/calls/printing';
import { PlanbenchError } from '../../../../shared/contract/errors';
import { getSystemPrinter } from '../../print/engine';
import { columnFacets, savedPrintOptions, savePrintOptions } from '../../print/options';
import { layoutSheet, loadPrintSource, pdfFileName, printSheetToPdf } from '../../print/printSheet';
import { writeFilesAtomically } from '../../formats/fileWrites';
import type { HandlersFor } from '../context';
import { filesOf } from '../files';

/**
 * Printing: the saved setup, the preview, the PDF and the system print dialog. Laying out and
 * printing run in a browser, so these handlers are asynchronous.
 */
export const printingHandlers: HandlersFor<typeof printingCalls> = {
  'print.options.get': async ({ store }, { sheetId }) => {
    const source = loadPrintSource(store, sheetId);
    const { options, saved } = savedPrintOptions(store, sheetId);
    return { options, saved, columns: columnFacets(source.sheet, source.rows), planDocNumber: source.meta.docNumber };
  },

  'print.options.save': async ({ store }, { sheetId, options }) => ({
    options: savePrintOptions(store, sheetId, options),
  }),

  'print.preview': async ({ store }, { sheetId, options }) => {
    const layout = await layoutSheet(store, sheetId, options);
    return { html: layout.html, pages: layout.pages.length, rows: layout.model.rowCount, warnings: layout.warnings };
  },

  'print.pdf': async (context, { sheetId, options, saveTo }) => {
    const out = filesOf(context).make(saveTo, pdfFileName(context.store.getSheet(sheetId).name));
    const pdf = await printSheetToPdf(context.store, sheetId, options);
    writeFilesAtomically([
      { file: out.path, bytes: Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength) },
    ]);
    return { ...out.made(pdf.bytes.byteLength), pages: pdf.pages, warnings: pdf.warnings };
  },

  'print.system': async ({ store }, { sheetId, options }) => {
    const printer = getSystemPrinter();
    if (!printer) {
      throw PlanbenchError.of(
        'invalid_input',
        '系统打印仅在桌面版中可用；请导出 PDF 后打印',
        'the system print dialog is only available in the desktop app; export a PDF and print that',
      );
    }
    const layout = await layoutSheet(store, sheetId, options);
    const { geometry } = layout.model;
    const sheetName = store.getSheet(sheetId).name;
    const printed = await printer.print(
      layout.html,
      { paper: geometry.paper, widthMm: geometry.widthMm, heightMm: geometry.heightMm, landscape: geometry.landscape },
      sheetName,
    );
    return { printed, pages: layout.pages.length };
  },
};
