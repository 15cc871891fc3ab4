/**
 * Printing to PDF (npm run bench, section "Print").
 *
 * Through dispatch('print.pdf'), like every front end, with headless Chromium:
 *   - the sample's 重点工程 (88 rows): the first print of the process (browser start included)
 *     and warm prints;
 *   - a generated 重点工程 sheet of 2,000 rows, sorted by category (merged category cells);
 * each with its time, pages, file size, and the kinds of fonts embedded (TrueType subsets copy
 * out as Chinese text; Type 3 fonts are what OpenType/CFF fonts such as Noto CJK turn into).
 * Against raw Chromium in the same run: the same rows as one plain HTML table (header repeated
 * by CSS, no pagination of our own) set into a page and printed — the floor our layout adds to.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';
import { browserCandidates, findBrowser } from '../electron/core/print/chromium';
import { closePdfRenderer } from '../electron/core/print/engine';
import { fontFamily, TRUETYPE_PLAN } from '../electron/core/print/fonts';
import { escapeHtml } from '../electron/core/print/text';
import { createSamplePlan } from '../electron/core/sample/buildSample';
import type { PlanStore } from '../electron/core/store/planStore';
import type { ApiResponse } from '../shared/contract/client';
import { DEPARTMENTS, generateProjects, PROJECT_COLUMNS } from './data';
import type { Summary } from './stats';
import { fmtMs, fmtRatio, msSince, now, summarize } from './stats';

export const PRINT_88_TARGET_MS = 1000;
export const PRINT_2000_TARGET_MS = 10_000;
const WARM_REPS_SMALL = 5;
const WARM_REPS_LARGE = 2;
const LARGE_ROWS = 2000;

export interface PrintBenchTarget {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

interface PdfFigures {
  pages: number;
  bytes: number;
  /** Embedded fonts by kind: Type 3 (from CFF outlines) vs CID TrueType subsets. */
  type3Fonts: number;
  trueTypeFonts: number;
  warnings: string[];
}

async function ok<T>(response: ApiResponse | Promise<ApiResponse>, what: string): Promise<T> {
  const settled = await response;
  if (!settled.ok) throw new Error(`${what} failed: ${settled.error.code} ${settled.error.messageEn}`);
  return settled.result as T;
}

function fontKinds(pdf: Buffer): { type3Fonts: number; trueTypeFonts: number } {
  const text = pdf.toString('latin1');
  return {
    type3Fonts: text.match(/\/Subtype\s*\/Type3/g)?.length ?? 0,
    trueTypeFonts: text.match(/\/Subtype\s*\/CIDFontType2/g)?.length ?? 0,
  };
}

type PdfOutput = { path: string; pages: number; bytes: number; warnings: string[] };

async function printOnce(
  context: ApiContext,
  sheetId: number,
  options: unknown,
): Promise<{ ms: number; figures: PdfFigures }> {
  const start = now();
  // Written to a file, as the CLI does (and as the app's download is).
  const saveTo = { path: path.join(os.tmpdir(), `planbench-print-bench-${process.pid}.pdf`) };
  const result = await ok<PdfOutput>(dispatch(context, 'print.pdf', { sheetId, options, saveTo }), 'print.pdf');
  const ms = msSince(start);
  const bytes = fs.readFileSync(result.path);
  fs.rmSync(result.path, { force: true });
  return { ms, figures: { pages: result.pages, bytes: result.bytes, ...fontKinds(bytes), warnings: result.warnings } };
}

async function warm(
  context: ApiContext,
  sheetId: number,
  options: unknown,
  reps: number,
): Promise<{ summary: Summary; figures: PdfFigures }> {
  const samples: number[] = [];
  let figures: PdfFigures | null = null;
  for (let index = 0; index < reps; index++) {
    const run = await printOnce(context, sheetId, options);
    samples.push(run.ms);
    figures = run.figures;
  }
  return { summary: summarize(samples), figures: figures! };
}

/** The same rows as one plain table, printed by Chromium alone: setContent + page.pdf. */
async function rawChromium(
  store: PlanStore,
  sheetId: number,
  reps: number,
): Promise<{ summary: Summary; pages: number; bytes: number }> {
  const sheet = store.getSheet(sheetId);
  const rows = store.listRows(sheetId, 0, 5000).rows;
  const head = sheet.columns.map((column) => `<th>${escapeHtml(column.name)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${sheet.columns.map((column) => `<td>${escapeHtml(row.cells[column.key]?.text ?? '')}</td>`).join('')}</tr>`,
    )
    .join('');
  const html =
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: A4 landscape; margin: 20mm; }` +
    `body { font-family: ${fontFamily(TRUETYPE_PLAN.body, 'serif')}; font-size: 10.5pt; } th { font-family: ${fontFamily(TRUETYPE_PLAN.heading, 'sans-serif')}; }` +
    `table { border-collapse: collapse; width: 100%; } td, th { border: 0.75pt solid #000; padding: 1mm; } tr { break-inside: avoid; }` +
    `</style></head><body><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></body></html>`;
  const browser = await chromium.launch({
    executablePath: findBrowser(browserCandidates()),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    const samples: number[] = [];
    let pdf: Buffer = Buffer.alloc(0);
    for (let index = 0; index < reps + 1; index++) {
      const start = now();
      await page.setContent(html);
      pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      if (index > 0) samples.push(msSince(start));
    }
    return {
      summary: summarize(samples),
      pages: pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0,
      bytes: pdf.length,
    };
  } finally {
    await browser.close();
  }
}

export async function printBench(
  dir: string,
  log: (message: string) => void,
): Promise<{ figures: Record<string, unknown>; tableRows: string[][]; targets: PrintBenchTarget[] }> {
  const store = createSamplePlan(path.join(dir, 'print-bench.planbench'));
  const context: ApiContext = { store, edition: 'cli' };
  try {
    const projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    log('print: 88 rows, first print (browser start)…');
    const cold = await printOnce(context, projects, {});
    log('print: 88 rows, warm…');
    const small = await warm(context, projects, {}, WARM_REPS_SMALL);

    log(`print: ${LARGE_ROWS} generated rows…`);
    const largeId = store.createSheet({ name: `生成的 ${LARGE_ROWS} 行`, kind: 'projects', columns: PROJECT_COLUMNS });
    store.addDepartments(DEPARTMENTS.filter((department) => !store.resolveDepartment(department.name)));
    store.insertRows(
      largeId,
      generateProjects(LARGE_ROWS).rows.map((row) => ({ cells: row.cells })),
      { source: 'system' },
    );
    const largeOptions = { sort: [{ columnKey: 'category', direction: 'asc' }] };
    const large = await warm(context, largeId, largeOptions, WARM_REPS_LARGE);
    await closePdfRenderer();

    log('print: raw Chromium on the same rows…');
    const rawSmall = await rawChromium(store, projects, WARM_REPS_SMALL);
    const rawLarge = await rawChromium(store, largeId, WARM_REPS_LARGE);

    const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
    const fonts = (figures: PdfFigures) => `${figures.trueTypeFonts} TrueType, ${figures.type3Fonts} Type 3`;
    const tableRows = [
      [
        '88 rows, first print (browser start)',
        fmtMs(cold.ms),
        '',
        '',
        `${cold.figures.pages} p`,
        kib(cold.figures.bytes),
        fonts(cold.figures),
      ],
      [
        '88 rows, warm p50',
        fmtMs(small.summary.p50),
        fmtMs(rawSmall.summary.p50),
        fmtRatio(small.summary.p50 / rawSmall.summary.p50),
        `${small.figures.pages} p (raw ${rawSmall.pages})`,
        `${kib(small.figures.bytes)} (raw ${kib(rawSmall.bytes)})`,
        fonts(small.figures),
      ],
      [
        `${LARGE_ROWS} rows, warm p50`,
        fmtMs(large.summary.p50),
        fmtMs(rawLarge.summary.p50),
        fmtRatio(large.summary.p50 / rawLarge.summary.p50),
        `${large.figures.pages} p (raw ${rawLarge.pages})`,
        `${kib(large.figures.bytes)} (raw ${kib(rawLarge.bytes)})`,
        fonts(large.figures),
      ],
    ];
    const targets: PrintBenchTarget[] = [
      {
        name: 'print 88 rows to PDF (warm p50)',
        measured: fmtMs(small.summary.p50),
        limit: `< ${fmtMs(PRINT_88_TARGET_MS)}`,
        pass: small.summary.p50 < PRINT_88_TARGET_MS,
      },
      {
        name: 'print 88 rows to PDF (first, with browser start)',
        measured: fmtMs(cold.ms),
        limit: `< ${fmtMs(PRINT_88_TARGET_MS)}`,
        pass: cold.ms < PRINT_88_TARGET_MS,
      },
      {
        name: `print ${LARGE_ROWS} rows to PDF (warm p50)`,
        measured: fmtMs(large.summary.p50),
        limit: `< ${fmtMs(PRINT_2000_TARGET_MS)}`,
        pass: large.summary.p50 < PRINT_2000_TARGET_MS,
      },
      {
        name: 'PDF fonts embed as TrueType (no Type 3)',
        measured: fonts(small.figures),
        limit: '0 Type 3',
        pass: small.figures.type3Fonts === 0,
      },
    ];
    return {
      figures: {
        rows88: { coldMs: cold.ms, warm: small.summary, ...small.figures, raw: rawSmall },
        rows2000: { warm: large.summary, ...large.figures, raw: rawLarge },
      },
      tableRows,
      targets,
    };
  } finally {
    await closePdfRenderer();
    store.close();
  }
}
