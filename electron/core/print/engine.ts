import { ChromiumPdfRenderer } from './chromium';
import type { PdfRenderer, SystemPrinter } from './pdfRenderer';

/**
 * The seams between printing and whatever browser does the rendering. Every front end lays out
 * the same HTML (layout.ts); a PdfRenderer measures it and prints it. The CLI and the browser
 * edition use headless Chromium (chromium.ts), created on first use; the desktop app installs
 * its own renderer built on Electron's webContents (executeJavaScript / printToPDF) with
 * setPdfRenderer at startup, and a SystemPrinter for the print dialog (webContents.print).
 */

let renderer: PdfRenderer | null = null;
let systemPrinter: SystemPrinter | null = null;

/** Use `next` for every print from now on (the desktop app's Electron renderer); closes the one it replaces. */
export function setPdfRenderer(next: PdfRenderer): void {
  const previous = renderer;
  renderer = next;
  if (previous && previous !== next) void previous.close();
}

/** The renderer set by the app, or else headless Chromium (started on first use, then reused). */
export function getPdfRenderer(): PdfRenderer {
  renderer ??= new ChromiumPdfRenderer();
  return renderer;
}

/** Close the renderer in use (at exit: the CLI after printing, the browser edition on shutdown, the app on quit). */
export async function closePdfRenderer(): Promise<void> {
  const current = renderer;
  renderer = null;
  await current?.close();
}

export function setSystemPrinter(printer: SystemPrinter | null): void {
  systemPrinter = printer;
}

export function getSystemPrinter(): SystemPrinter | null {
  return systemPrinter;
}
