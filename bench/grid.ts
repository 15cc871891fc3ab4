/**
 * The grid in Chromium on a 100,000-row sheet (npm run bench, section "Grid"; or on its own:
 * `npx tsx bench/grid.ts`; BENCH_ROWS scales it down).
 *
 * The browser edition runs in this process (startBrowserServer on a generated plan whose only
 * sheet is a 重点工程 of BENCH_ROWS rows and 11 columns, serving the renderer built from the tree
 * for this run), and Debian's Chromium, driven by playwright-core at 1600×1000, opens it. Timed
 * inside the page (bench/gridPage.ts), to the frame painted after the DOM showed the result:
 *   1. navigation start → first data row shown (in the table drawn while the grid loads, or in
 *      the grid), → the grid's own first rows (editable), and → every row loaded (the grid's
 *      aria-rowcount counts them all), over a few page loads;
 *   2. scrolling to the end once loaded: Ctrl+End, and the scrollbar dragged to the bottom,
 *      until the last row (序号 = rows) is on screen and stays there;
 *   3. one edit: click an amount, type, Enter → the pinned 合计 shows the new exact total
 *      (computed here with bigint);
 *   4. a 1,000 × 10 paste (Ctrl+V of tab-separated text) → the status line reports the update,
 *      and → the new total shows; afterwards the change log must hold exactly one 'paste' action
 *      with the 10,000 cell changes, each with the pasted text.
 * Where the time goes: the page's API calls (sent / answered on the network stack's clock /
 * parsed), the store's own time per call (the server's store is wrapped in a timing proxy),
 * Node-side timings of the zod checks and JSON the calls carry, and one more load, edit and
 * paste under the CPU profiler, attributed through the bundle's source map to AG Grid, React,
 * zod, the app's files and the browser's native work.
 * The store part of the paste: store.updateCells with the same 10,000 edits on a copy of the
 * plan, against raw better-sqlite3 upserting the same cells and inserting one audit row each in
 * one transaction (same pragmas: WAL, synchronous=FULL).
 * Prints its section with PASS/MISS per target (a miss never fails the run) and writes
 * bench/results/grid.json.
 * This file runs it; gridConfig.ts holds its knobs and targets, gridSetup.ts builds what it runs
 * on, gridMeasure.ts measures in the page, gridStoreCosts.ts in Node, gridReport.ts reports.
 */
import { LAUNCH_ARGS } from '../electron/core/print/chromium';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { ApiContext } from '../electron/core/api/handlers';
import type { BrowserServer } from '../electron/server/browserServer';
import { startBrowserServer } from '../electron/server/browserServer';
import { PlanStore } from '../electron/core/store/planStore';
import type { Attribution, ProbeConfig, ProfileWindow } from './gridPage';
import { GridPage, installProbe, profileWindows } from './gridPage';
import type { OthersEditRun } from './gridLive';
import { measureOthersEdit } from './gridLive';
import { msSince, now, rng } from './stats';
import {
  BENCH_DIR,
  CHROMIUM,
  EDITS,
  FIRST_SCREEN_ROWS,
  LOADS,
  MIN_ROWS,
  MONEY_KEY,
  OTHERS_EDITS,
  PASTES,
  PASTE_COLUMNS,
  PASTE_ROWS,
  SCROLLS,
  SEQ_KEY,
  SHEET_NAME,
  VIEWPORT,
  positiveInt,
} from './gridConfig';
import type { GridBenchResult } from './gridConfig';
import { measureEdit, measureLoad, measurePaste, measureScroll } from './gridMeasure';
import type { Bench, EditRun, LoadRun, PageWindow, PasteRun, Profiles, ScrollRun } from './gridMeasure';
import { gridSection, report } from './gridReport';
import {
  StoreTimer,
  amountFen,
  buildPlan,
  buildRaw,
  generateSheet,
  newAmount,
  pasteBlock,
  prepareRenderer,
  totalText,
} from './gridSetup';
import type { Renderer } from './gridSetup';
import { nodeCosts, storePart } from './gridStoreCosts';
import type { NodeCosts } from './gridStoreCosts';

// ---- the run -------------------------------------------------------------------------------

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/**
 * One more load, edit and paste with the CPU profiler on (never the timed runs: sampling slows
 * the page), to say where the main thread's time goes in each.
 */
async function profileRuns(
  bench: Bench,
  page: GridPage,
  renderer: Renderer,
  random: () => number,
): Promise<Profiles | null> {
  const { sourceMaps } = renderer;
  if (!sourceMaps) return null;
  const epoch = async (window: PageWindow, name: string): Promise<ProfileWindow> => {
    const origin = await page.timeOrigin();
    return { name, from: origin + window.from, to: origin + window.to };
  };
  const load = await profileWindows(page.page, sourceMaps, async () => {
    const run = await measureLoad(bench, page, () => page.page.reload({ waitUntil: 'commit' }));
    return [
      await epoch(run.window.startup, 'startup'),
      await epoch(run.window.firstScreen, 'firstScreen'),
      await epoch(run.window.gridBuild, 'gridBuild'),
      await epoch(run.window.rest, 'restOfLoad'),
    ];
  });
  const edit = await profileWindows(page.page, sourceMaps, async () => {
    const run = await measureEdit(bench, page, 0, newAmount(random, bench.state.texts[0]?.[MONEY_KEY]));
    return [await epoch(run.window, 'edit')];
  });
  const block = pasteBlock(bench.state, PASTES);
  const paste = await profileWindows(page.page, sourceMaps, async () => {
    const run = await measurePaste(bench, page, block, newAmount(random, bench.state.texts[1]?.[MONEY_KEY]), 1);
    return [await epoch(run.window, 'paste')];
  });
  const pick = (results: Record<string, Attribution>, name: string): Attribution => {
    const found = results[name];
    if (!found) throw new Error(`no profile for ${name}`);
    return found;
  };
  return {
    startup: pick(load, 'startup'),
    firstScreen: pick(load, 'firstScreen'),
    gridBuild: pick(load, 'gridBuild'),
    restOfLoad: pick(load, 'restOfLoad'),
    edit: pick(edit, 'edit'),
    paste: pick(paste, 'paste'),
  };
}

export async function gridBench(dir: string, rows: number, log: (message: string) => void): Promise<GridBenchResult> {
  const started = now();
  const state = generateSheet(rows);
  const plan = buildPlan(dir, state, log);
  const raw = buildRaw(dir, state);
  const renderer = await prepareRenderer(dir, log);

  const opened = PlanStore.open(plan.file);
  const timer = new StoreTimer();
  const api: ApiContext = { store: timer.wrap(opened), edition: 'browser' };
  const config: ProbeConfig = {
    sheetName: SHEET_NAME,
    seqKey: SEQ_KEY,
    amountKey: MONEY_KEY,
    onLoad: [
      { name: 'firstRow', kind: 'firstRow' },
      { name: 'gridRow', kind: 'gridRow' },
      { name: 'totalsRow', kind: 'totalsRow' },
      // AG Grid counts the header row and the pinned 合计 row too.
      { name: 'allRows', kind: 'rowCount', arg: String(rows + 2) },
    ],
  };
  let server: BrowserServer | null = null;
  let browser: Browser | null = null;
  const loads: LoadRun[] = [];
  const scrolls: ScrollRun[] = [];
  const edits: EditRun[] = [];
  const othersEdits: OthersEditRun[] = [];
  const pastes: PasteRun[] = [];
  const blocks: string[][][] = [];
  const dialogs: string[] = [];
  let profiles: Profiles | null;
  let node: NodeCosts;
  try {
    server = await startBrowserServer({ context: api, rendererDir: renderer.dir, port: 0 });
    browser = await launch();
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await installProbe(context, config);
    const bench: Bench = { server, api, timer, plan, state, rows };

    let page: GridPage | null = null;
    for (let load = 0; load < LOADS; load++) {
      log(`grid: page load ${load + 1}/${LOADS} …`);
      await page?.page.close();
      const fresh = await context.newPage();
      fresh.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page = new GridPage(fresh, config);
      const url = server.url;
      loads.push(await measureLoad(bench, page, () => fresh.goto(url, { waitUntil: 'commit' })));
    }
    if (!page) throw new Error('no page');

    log(`grid: scrolling to the end ×${SCROLLS} …`);
    for (let scroll = 0; scroll < SCROLLS; scroll++) scrolls.push(await measureScroll(bench, page));

    log(`grid: ${EDITS} edits …`);
    const random = rng(20260301);
    for (let edit = 0; edit < EDITS; edit++) {
      const rowIndex = edit % FIRST_SCREEN_ROWS;
      edits.push(await measureEdit(bench, page, rowIndex, newAmount(random, state.texts[rowIndex]?.[MONEY_KEY])));
    }

    log(`grid: ${OTHERS_EDITS} edits by another program on the same file …`);
    const other = PlanStore.open(plan.file);
    try {
      for (let edit = 0; edit < OTHERS_EDITS; edit++) {
        const rowIndex = (edit + 3) % FIRST_SCREEN_ROWS;
        othersEdits.push(
          await measureOthersEdit(bench, page, other, rowIndex, newAmount(random, state.texts[rowIndex]?.[MONEY_KEY])),
        );
      }
    } finally {
      other.close();
    }

    log(`grid: ${PASTES} pastes of ${PASTE_ROWS} × ${PASTE_COLUMNS} …`);
    for (let paste = 0; paste < PASTES; paste++) {
      const block = pasteBlock(state, paste);
      blocks.push(block);
      const resetRow = paste % FIRST_SCREEN_ROWS;
      pastes.push(
        await measurePaste(bench, page, block, newAmount(random, state.texts[resetRow]?.[MONEY_KEY]), resetRow),
      );
    }

    log('grid: one more load, edit and paste under the CPU profiler …');
    profiles = await profileRuns(bench, page, renderer, random);
    if (dialogs.length > 0) throw new Error(`grid bench: the page asked: ${dialogs.join(' / ')}`);

    // The plan the server holds must say what the page showed.
    const investment = opened.totals(plan.sheetId).find((total) => total.columnKey === MONEY_KEY);
    if (investment?.sum === undefined || totalText(amountFen(investment.sum)) !== totalText(state.totalFen)) {
      throw new Error(
        `grid bench: the plan's total is ${investment?.sum}, the bench expected ${totalText(state.totalFen)}`,
      );
    }
    node = nodeCosts(opened, plan.sheetId, rows);
  } finally {
    await browser?.close();
    await server?.close();
    opened.close();
  }

  log('grid: store part of the paste vs raw better-sqlite3 …');
  const part = storePart(plan, raw, blocks);
  return report({
    rows,
    plan,
    renderer,
    loads,
    scrolls,
    edits,
    othersEdits,
    pastes,
    profiles,
    node,
    part,
    wallMs: msSince(started),
  });
}

/** Run the grid bench in `dir`, print its section and write bench/results/grid.json. */
export async function runGridBench(
  dir: string,
  rows: number,
  log: (message: string) => void,
): Promise<GridBenchResult | null> {
  if (rows < MIN_ROWS) {
    log(
      `grid: skipped — the ${PASTE_ROWS.toLocaleString('en')}-row paste needs BENCH_ROWS ≥ ${MIN_ROWS.toLocaleString('en')}`,
    );
    return null;
  }
  const result = await gridBench(dir, rows, log);
  process.stdout.write(`\n${gridSection(result, rows)}\n`);
  const resultsDir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const json = JSON.stringify(
    { startedAt: new Date().toISOString(), ...result.figures },
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    2,
  );
  fs.writeFileSync(path.join(resultsDir, 'grid.json'), json + '\n');
  log(`wrote ${path.relative(process.cwd(), path.join(resultsDir, 'grid.json'))}`);
  return result;
}

// `npx tsx bench/grid.ts`: this section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-grid-'));
  const log = (message: string) =>
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  try {
    await runGridBench(dir, positiveInt(process.env.BENCH_ROWS, 100_000), log);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
