import type { PaperSize } from '../../../shared/contract/calls/printing';

/**
 * The seams between printing and whatever browser does the rendering, as types only: the
 * renderers (chromium.ts, electronEngine.ts) and the engine that chooses one (engine.ts) all
 * depend on these, never on each other.
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
