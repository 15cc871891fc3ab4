import type { PaperSize } from '../../../shared/contract/calls/printing';
import { ChromiumPdfRenderer } from './chromium';

/**
 * The seams between printing and whatever browser does the rendering. Every front end lays out
 * the same HTML (layout.ts); a PdfRenderer measures it and prints it. The CLI and the browser
 * edition use headless Chromium (chromium.ts), created on first use; the desktop app installs
 * its own renderer built on Electron's webContents (executeJavaScript / printToPDF) with
 * setPdfRenderer at startup, and a SystemPrinter for the print dialog (webContents.print).
 */

export interface PaperBox {
  widthMm: number;
  heightMm: number;
}

export interface PdfRenderer {
  /**
   * Load `html` (a complete document without external resources) in a page `viewportWidth` CSS
   * px wide with print media emulated, evaluate `expression` in it (it may return a promise) and
   * resolve with the JSON value it produces. Used to measure the galley.
   */
  evaluate(html: string, expression: string, viewportWidth: number): Promise<unknown>;
  /** Print `html` to PDF on pages of `paper` (its CSS @page rule says the same), zero margins, backgrounds on. */
  pdf(html: string, paper: PaperBox): Promise<Uint8Array>;
  /** Release the browser; the renderer may start it again when next used. */
  close(): Promise<void>;
}

/** The sheet of paper a document prints on, for the print dialog's defaults. */
export interface PaperSetup extends PaperBox {
  paper: PaperSize;
  landscape: boolean;
}

export interface SystemPrinter {
  /** Show the system print dialog for `html`; resolves false when the user cancels. */
  print(html: string, paper: PaperSetup, jobName: string): Promise<boolean>;
}

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
