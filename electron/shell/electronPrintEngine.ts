import fs from 'node:fs';
import path from 'node:path';
import type { PaperBox, PaperSetup, PdfRenderer, SystemPrinter } from '../core/print/pdfRenderer';

/**
 * Printing in the desktop app with Electron's own Chromium: measuring with executeJavaScript,
 * PDF with printToPDF, the print dialog with print(). This module does not import 'electron'
 * (only main.ts does): the shell hands it a function that opens a hidden window, and it uses
 * no more of BrowserWindow than PrintWindow below. Install it at startup:
 *
 *   const engine = createElectronPrintEngine(
 *     () => new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } }),
 *     app.getPath('temp'));
 *   setPdfRenderer(engine); setSystemPrinter(engine);
 *
 * Each document is written to a private temporary file and loaded with loadFile (a data: URL
 * is capped at 2 MB, and a 2,000-row table is more), then the file and the window are removed.
 */

/** The part of Electron's BrowserWindow this module uses. */
export interface PrintWindow {
  loadFile(filePath: string): Promise<void>;
  setContentSize(width: number, height: number): void;
  destroy(): void;
  isDestroyed(): boolean;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: {
      pageSize: { width: number; height: number };
      margins: { top: number; bottom: number; left: number; right: number };
      printBackground: boolean;
      preferCSSPageSize: boolean;
    }): Promise<Uint8Array>;
    print(
      options: {
        silent: boolean;
        printBackground: boolean;
        landscape: boolean;
        pageSize: 'A3' | 'A4';
        margins: { marginType: 'none' };
      },
      callback: (success: boolean, failureReason: string) => void,
    ): void;
  };
}

const MM_PER_INCH = 25.4;

export function createElectronPrintEngine(openWindow: () => PrintWindow, tempDir: string): PdfRenderer & SystemPrinter {
  let counter = 0;

  async function withWindow<T>(html: string, width: number, work: (window: PrintWindow) => Promise<T>): Promise<T> {
    const dir = fs.mkdtempSync(path.join(tempDir, 'planbench-print-'));
    const file = path.join(dir, `print-${++counter}.html`);
    fs.writeFileSync(file, html, { mode: 0o600 });
    const window = openWindow();
    try {
      window.setContentSize(Math.ceil(width), 800);
      await window.loadFile(file);
      return await work(window);
    } finally {
      if (!window.isDestroyed()) window.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  return {
    evaluate(html: string, expression: string, viewportWidth: number): Promise<unknown> {
      return withWindow(html, viewportWidth, (window) => window.webContents.executeJavaScript(expression));
    },

    pdf(html: string, paper: PaperBox): Promise<Uint8Array> {
      return withWindow(html, (paper.widthMm * 96) / MM_PER_INCH, (window) =>
        window.webContents.printToPDF({
          pageSize: { width: paper.widthMm / MM_PER_INCH, height: paper.heightMm / MM_PER_INCH },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          printBackground: true,
          preferCSSPageSize: true,
        }),
      );
    },

    print(html: string, paper: PaperSetup): Promise<boolean> {
      return withWindow(
        html,
        (paper.widthMm * 96) / MM_PER_INCH,
        (window) =>
          new Promise<boolean>((resolve) => {
            // The pages are boxes of exactly the paper's size: no margins of the printer's own.
            window.webContents.print(
              {
                silent: false,
                printBackground: true,
                landscape: paper.landscape,
                pageSize: paper.paper,
                margins: { marginType: 'none' },
              },
              (success) => resolve(success),
            );
          }),
      );
    },

    async close(): Promise<void> {
      // Every window is closed after its job; nothing stays open.
    },
  };
}
