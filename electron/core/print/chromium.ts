import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { PaperBox, PdfRenderer } from './pdfRenderer';

/**
 * Headless Chromium as the PDF renderer of the CLI and the browser edition, driven through
 * playwright-core (which never downloads a browser: it drives one found on the machine). One
 * browser per process, started on first use and shared by every print; each print gets its own
 * context. Playwright kills the browser when the process exits; closePdfRenderer closes it sooner.
 */

/** Headless flags for a machine with no network to spare: no background traffic, no sandbox (root). */
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-extensions',
];

/** Where Chromium, Chrome or Edge usually is, per platform; the first that exists is used. */
export function browserCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const fromEnv = env.PLANBENCH_CHROMIUM ? [env.PLANBENCH_CHROMIUM] : [];
  if (platform === 'win32') {
    const roots = [
      env['PROGRAMFILES(X86)'],
      env.PROGRAMFILES,
      env['ProgramFiles(x86)'],
      env.ProgramFiles,
      env.LOCALAPPDATA,
    ].filter((root): root is string => Boolean(root));
    const relative = [
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
    ];
    return [...fromEnv, ...relative.flatMap((parts) => roots.map((root) => path.win32.join(root, ...parts)))];
  }
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}

export function findBrowser(candidates: readonly string[] = browserCandidates(), exists = fs.existsSync): string {
  const found = candidates.find((candidate) => exists(candidate));
  if (!found) {
    throw PlanbenchError.of(
      'not_found',
      '找不到用于生成 PDF 的浏览器：请安装 Chromium、Chrome 或 Edge，或用环境变量 PLANBENCH_CHROMIUM 指定其路径',
      'no browser to print PDF with: install Chromium, Chrome or Edge, or set PLANBENCH_CHROMIUM to its path',
      { file: candidates.join(path.delimiter) },
    );
  }
  return found;
}

/** Pages kept open between prints: opening one costs a renderer process (~120 ms). */
const IDLE_PAGES = 2;

export class ChromiumPdfRenderer implements PdfRenderer {
  private context: Promise<BrowserContext> | null = null;
  private readonly idle: Page[] = [];

  constructor(private readonly executablePath?: string) {}

  private open(): Promise<BrowserContext> {
    if (!this.context) {
      const opening = (async () => {
        const executablePath = this.executablePath ?? findBrowser();
        // Loaded on first use only: the desktop app prints with Electron and never needs it.
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch({
          executablePath,
          args: LAUNCH_ARGS,
          // The host process decides what a signal means; the browser dies with it either way.
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
        });
        browser.on('disconnected', () => {
          if (this.context === opening) this.forget();
        });
        const context = await browser.newContext({ locale: 'zh-CN', offline: true });
        // The documents are self-contained (and say so in their CSP): nothing may be fetched.
        await context.route('**/*', (route) => route.abort());
        return context;
      })();
      this.context = opening;
      opening.catch(() => {
        if (this.context === opening) this.forget();
      });
    }
    return this.context;
  }

  private forget(): void {
    this.context = null;
    this.idle.length = 0;
  }

  /** Run `work` on a page showing `html`; the page goes back to the pool unless the work failed. */
  private async withPage<T>(html: string, viewportWidth: number, work: (page: Page) => Promise<T>): Promise<T> {
    const context = await this.open();
    let page = this.idle.pop();
    if (!page || page.isClosed()) {
      page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
    }
    let reusable = false;
    try {
      await page.setViewportSize({ width: Math.ceil(viewportWidth), height: 800 });
      await page.setContent(html, { waitUntil: 'load' });
      const result = await work(page);
      reusable = true;
      return result;
    } finally {
      if (reusable && this.idle.length < IDLE_PAGES && this.context) this.idle.push(page);
      else await page.close().catch(() => undefined);
    }
  }

  evaluate(html: string, expression: string, viewportWidth: number): Promise<unknown> {
    return this.withPage(html, viewportWidth, (page) => page.evaluate(expression));
  }

  pdf(html: string, paper: PaperBox): Promise<Uint8Array> {
    return this.withPage(html, (paper.widthMm * 96) / 25.4, (page) =>
      page.pdf({
        width: `${paper.widthMm}mm`,
        height: `${paper.heightMm}mm`,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
        printBackground: true,
        preferCSSPageSize: true,
        // Untagged: half the size; the text still copies out as Chinese (every font has its ToUnicode map).
        tagged: false,
        outline: false,
      }),
    );
  }

  async close(): Promise<void> {
    const opening = this.context;
    this.forget();
    if (!opening) return;
    try {
      await (await opening).browser()?.close();
    } catch {
      // It never started, or it is gone already: nothing to close.
    }
  }
}
