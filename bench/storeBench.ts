/**
 * Sections 1–3 of `npm run bench` (bulk load, first screen and totals, edits): the store against
 * raw better-sqlite3 doing the same work in the same run. bench/run.ts runs them and the other sections.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';
import { PlanStore } from '../electron/core/store/planStore';
import type { ApiResponse } from '../shared/contract/client';
import { apiContract } from '../shared/contract/contract';
import { decimalToFen, fenToDecimal } from '../shared/values/money';
import { DEPARTMENTS, generateProjects, PROJECT_COLUMNS } from './data';
import {
  createRawSchema,
  openRaw,
  rawBulkLoad,
  rawColumnId,
  rawEditor,
  rawTotalStatement,
  rawWindowStatement,
  RAW_SHEET_ID,
  toRawRows,
} from './raw';
import type { Summary } from './stats';
import { fmtMs, fmtRatio, msSince, now, repeat, rng, summarize, timed } from './stats';

export const ROWS = positiveInt(process.env.BENCH_ROWS, 100_000);
export const BATCHES = 10;
export const SCREEN_LIMIT = 50;
export const SCREEN_REPS = 50;
const SCREEN_WARMUP = 5;
export const REOPEN_CYCLES = 20;
export const TOTALS_REPS = 20;
const TOTALS_WARMUP = 2;
export const EDITS = positiveInt(process.env.BENCH_EDITS, 2_000);
export const EDIT_WARMUP = 50;

const FIRST_SCREEN_TARGET_MS = 50;
const EDIT_TARGET_RATIO = 3;

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** A response the bench times synchronously: the calls it makes have synchronous handlers. */
export function ok(response: ApiResponse | Promise<ApiResponse>, what: string): unknown {
  if (response instanceof Promise) throw new Error(`${what} answered asynchronously; the bench times it synchronously`);
  if (!response.ok) throw new Error(`${what} failed: ${response.error.code} ${response.error.messageEn}`);
  return response.result;
}

export function fileBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) total += fs.statSync(file + suffix).size;
  }
  return total;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function passMiss(pass: boolean): string {
  return pass ? 'PASS' : 'MISS';
}

export interface Target {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

// ---- 1. bulk load -----------------------------------------------------------------------------

export interface BulkResult {
  planFile: string;
  rawFile: string;
  sheetId: number;
  /** Row ids in sheet order (store) and in the same order (raw). */
  storeRowIds: number[];
  rawRowIds: number[];
  expectedTotal: string;
  expectedKnown: number;
  figures: Record<string, unknown>;
  tableRows: string[][];
}

export function bulkLoad(dir: string): BulkResult {
  log(`generating ${ROWS.toLocaleString('en')} rows …`);
  const generation = timed(() => generateProjects(ROWS));
  const sheet = generation.result;
  const rawRows = toRawRows(sheet);
  const batchSize = Math.ceil(ROWS / BATCHES);

  // Store: create, departments, sheet (setup), then insertRows in batches (the timed load).
  const planFile = path.join(dir, '基准测试.planbench');
  log('store: bulk load through PlanStore.insertRows …');
  const setupStart = now();
  const store = PlanStore.create(planFile, { title: '基准测试规划', periodStart: 2026, periodEnd: 2030 });
  store.addDepartments(DEPARTMENTS);
  const sheetId = store.createSheet({ name: '重点工程', kind: 'projects', columns: PROJECT_COLUMNS });
  const setupMs = msSince(setupStart);
  const batchMs: number[] = [];
  const storeRowIds: number[] = [];
  for (let start = 0; start < ROWS; start += batchSize) {
    const batch = sheet.rows.slice(start, start + batchSize).map((row) => ({ cells: row.cells }));
    const { result, ms } = timed(() => store.insertRows(sheetId, batch, { source: 'import', detail: 'bench' }));
    batchMs.push(ms);
    storeRowIds.push(...result.rowIds);
  }
  const storeLoadMs = batchMs.reduce((sum, ms) => sum + ms, 0);
  const storeClose = timed(() => store.close());
  const storeBytes = fileBytes(planFile);

  // Raw: the same rows and cells, one transaction, same pragmas, bare schema.
  const rawFile = path.join(dir, 'raw.sqlite');
  log('raw: bulk load through plain better-sqlite3 …');
  const raw = openRaw(rawFile, 'FULL');
  createRawSchema(raw);
  const rawLoad = timed(() => rawBulkLoad(raw, rawRows));
  const rawClose = timed(() => {
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
  });
  const rawBytes = fileBytes(rawFile);

  const ratio = storeLoadMs / rawLoad.ms;
  const rate = (ms: number, n: number): number => Math.round(n / (ms / 1000));
  const figures = {
    rows: ROWS,
    cells: sheet.cellCount,
    batches: batchMs.length,
    batchSize,
    generationMs: generation.ms,
    store: {
      setupMs,
      loadMs: storeLoadMs,
      batchMs: summarize(batchMs),
      batchMsEach: batchMs,
      rowsPerSecond: rate(storeLoadMs, ROWS),
      cellsPerSecond: rate(storeLoadMs, sheet.cellCount),
      closeWithCheckpointMs: storeClose.ms,
      fileBytes: storeBytes,
    },
    raw: {
      note: 'bare rows+cells schema, one transaction, journal_mode=WAL, synchronous=FULL, values pre-parsed, no change log or department links',
      loadMs: rawLoad.ms,
      rowsPerSecond: rate(rawLoad.ms, ROWS),
      cellsPerSecond: rate(rawLoad.ms, sheet.cellCount),
      closeWithCheckpointMs: rawClose.ms,
      fileBytes: rawBytes,
    },
    ratioStoreToRaw: ratio,
  };
  const tableRows = [
    [
      `store insertRows, ${batchMs.length} × ${batchSize.toLocaleString('en')} rows`,
      fmtMs(storeLoadMs),
      fmtMs(rawLoad.ms),
      fmtRatio(ratio),
      '',
    ],
    ['  per batch p50 / max', `${fmtMs(summarize(batchMs).p50)} / ${fmtMs(summarize(batchMs).max)}`, '', '', ''],
    [
      '  rows/s',
      figures.store.rowsPerSecond.toLocaleString('en'),
      figures.raw.rowsPerSecond.toLocaleString('en'),
      '',
      '',
    ],
    ['  close (WAL checkpoint)', fmtMs(storeClose.ms), fmtMs(rawClose.ms), '', ''],
    ['  file size', mib(storeBytes), mib(rawBytes), fmtRatio(storeBytes / rawBytes), ''],
  ];
  return {
    planFile,
    rawFile,
    sheetId,
    storeRowIds,
    rawRowIds: rawLoad.result,
    expectedTotal: fenToDecimal(sheet.totalFen, '万元'),
    expectedKnown: sheet.knownInvestments,
    figures,
    tableRows,
  };
}

// ---- 2. first screen ---------------------------------------------------------------------------

interface RowsResult {
  total: number;
  rows: { id: number; cells: Record<string, { text: string; value: unknown }> }[];
}

interface TotalsResult {
  totals: { columnKey: string; sum: string; known: number; unknown: number }[];
}

export function firstScreen(
  bulk: BulkResult,
  targets: Target[],
): { figures: Record<string, unknown>; tableRows: string[][] } {
  const { planFile, rawFile, sheetId } = bulk;
  const rowsInput = { sheetId, offset: 0, limit: SCREEN_LIMIT };
  const checkScreen = (result: unknown): void => {
    const screen = result as RowsResult;
    if (screen.total !== ROWS || screen.rows.length !== Math.min(SCREEN_LIMIT, ROWS)) {
      throw new Error(`sheet.rows returned ${screen.rows.length} of ${screen.total} rows`);
    }
    if (screen.rows[0]?.cells.seq?.text !== '1') throw new Error('sheet.rows: the first row is not row 1');
  };

  log('first screen: reopen cycles …');
  // The first reopen after the bulk load's close, then REOPEN_CYCLES more of the same.
  const cycle = (): { openMs: number; callMs: number } => {
    const open = timed(() => PlanStore.open(planFile));
    const store = open.result;
    try {
      const call = timed(() => dispatch({ store, edition: 'cli' }, 'sheet.rows', rowsInput));
      checkScreen(ok(call.result, 'sheet.rows'));
      return { openMs: open.ms, callMs: call.ms };
    } finally {
      store.close();
    }
  };
  const first = cycle();
  const cycles = Array.from({ length: REOPEN_CYCLES }, cycle);
  const openSummary = summarize(cycles.map((c) => c.openMs));
  const firstCallSummary = summarize(cycles.map((c) => c.callMs));
  const screenSummary = summarize(cycles.map((c) => c.openMs + c.callMs));

  log('first screen: warm calls, totals …');
  const store = PlanStore.open(planFile);
  const context: ApiContext = { store, edition: 'cli' };
  let warm: Summary;
  let listRowsDirect: Summary;
  let getSheet: Summary;
  let rowCount: Summary;
  let outputParse: Summary;
  let totals: Summary;
  let totalsDirect: Summary;
  let lastScreen: Summary;
  const lastInput = { sheetId, offset: Math.max(0, ROWS - SCREEN_LIMIT), limit: SCREEN_LIMIT };
  try {
    warm = repeat(SCREEN_REPS, SCREEN_WARMUP, () => {
      checkScreen(ok(dispatch(context, 'sheet.rows', rowsInput), 'sheet.rows'));
    });
    // Where the time of one sheet.rows goes (each of these is part of it).
    listRowsDirect = repeat(SCREEN_REPS, SCREEN_WARMUP, () => void store.listRows(sheetId, 0, SCREEN_LIMIT));
    getSheet = repeat(SCREEN_REPS, SCREEN_WARMUP, () => void store.getSheet(sheetId));
    rowCount = repeat(SCREEN_REPS, SCREEN_WARMUP, () => void store.rowCount(sheetId));
    const page = { offset: 0, ...store.listRows(sheetId, 0, SCREEN_LIMIT) };
    outputParse = repeat(SCREEN_REPS, SCREEN_WARMUP, () => void apiContract['sheet.rows'].output.parse(page));
    // Information: the last screen (scrolled to the bottom), where OFFSET has to skip every row.
    lastScreen = repeat(
      TOTALS_REPS,
      TOTALS_WARMUP,
      () => void ok(dispatch(context, 'sheet.rows', lastInput), 'sheet.rows'),
    );

    let lastTotals: TotalsResult | null = null;
    totals = repeat(TOTALS_REPS, TOTALS_WARMUP, () => {
      lastTotals = ok(dispatch(context, 'sheet.totals', { sheetId }), 'sheet.totals') as TotalsResult;
    });
    const investment = (lastTotals as TotalsResult | null)?.totals.find((total) => total.columnKey === 'investment');
    if (!investment || investment.sum !== bulk.expectedTotal || investment.known !== bulk.expectedKnown) {
      throw new Error(
        `sheet.totals: investment ${investment?.sum}/${investment?.known}, expected ${bulk.expectedTotal}/${bulk.expectedKnown}`,
      );
    }
    totalsDirect = repeat(TOTALS_REPS, TOTALS_WARMUP, () => void store.totals(sheetId));
  } finally {
    store.close();
  }

  log('first screen: raw baseline …');
  const rawOpenSamples: number[] = [];
  const rawFirstSamples: number[] = [];
  for (let i = 0; i <= REOPEN_CYCLES; i++) {
    const open = timed(() => openRaw(rawFile, 'FULL'));
    const db = open.result;
    const select = timed(() => rawWindowStatement(db).all(RAW_SHEET_ID, SCREEN_LIMIT, 0));
    db.close();
    if (i > 0) {
      rawOpenSamples.push(open.ms);
      rawFirstSamples.push(select.ms);
    }
  }
  const raw = openRaw(rawFile, 'FULL');
  let rawWarm: Summary;
  let rawLast: Summary;
  let rawTotals: Summary;
  try {
    const window = rawWindowStatement(raw);
    const expectedCells = Math.min(SCREEN_LIMIT, ROWS) * PROJECT_COLUMNS.length;
    rawWarm = repeat(SCREEN_REPS, SCREEN_WARMUP, () => {
      const cells = window.all(RAW_SHEET_ID, SCREEN_LIMIT, 0);
      if (cells.length !== expectedCells) throw new Error(`raw window: ${cells.length} cells`);
    });
    rawLast = repeat(
      TOTALS_REPS,
      TOTALS_WARMUP,
      () => void window.all(RAW_SHEET_ID, lastInput.limit, lastInput.offset),
    );
    const total = rawTotalStatement(raw);
    rawTotals = repeat(TOTALS_REPS, TOTALS_WARMUP, () => void total.get(rawColumnId('investment')));
  } finally {
    raw.close();
  }
  const rawScreen = summarize(rawOpenSamples.map((ms, i) => ms + (rawFirstSamples[i] ?? 0)));

  const firstScreenMs = first.openMs + first.callMs;
  targets.push(
    {
      name: 'first screen (open + first sheet.rows), first reopen',
      measured: fmtMs(firstScreenMs),
      limit: `< ${FIRST_SCREEN_TARGET_MS} ms`,
      pass: firstScreenMs < FIRST_SCREEN_TARGET_MS,
    },
    {
      name: `first screen (open + first sheet.rows), p95 of ${REOPEN_CYCLES} reopens`,
      measured: fmtMs(screenSummary.p95),
      limit: `< ${FIRST_SCREEN_TARGET_MS} ms`,
      pass: screenSummary.p95 < FIRST_SCREEN_TARGET_MS,
    },
  );

  const figures = {
    limit: SCREEN_LIMIT,
    note: 'page cache is warm (the file was just written); a cold disk would add read time to open and the first call',
    firstReopen: { openMs: first.openMs, firstSheetRowsMs: first.callMs, totalMs: firstScreenMs },
    reopenCycles: { open: openSummary, firstSheetRows: firstCallSummary, total: screenSummary },
    warmSheetRows: warm,
    breakdown: {
      storeListRows: listRowsDirect,
      storeGetSheet: getSheet,
      storeRowCount: rowCount,
      dispatchOutputParse: outputParse,
    },
    lastScreenInfoOnly: { offset: lastInput.offset, sheetRows: lastScreen, rawSelect: rawLast },
    sheetTotals: totals,
    storeTotalsDirect: totalsDirect,
    raw: {
      note: 'new Database + pragmas; SELECT of the same 50 rows’ cells with the store’s window query shape',
      open: summarize(rawOpenSamples),
      firstSelect: summarize(rawFirstSamples),
      total: rawScreen,
      warmSelect: rawWarm,
      moneyTotal: rawTotals,
    },
    ratios: {
      firstScreenP50: screenSummary.p50 / rawScreen.p50,
      warmSheetRowsP50: warm.p50 / rawWarm.p50,
      totalsP50: totals.p50 / rawTotals.p50,
    },
    targetMs: FIRST_SCREEN_TARGET_MS,
  };
  const pair = (s: Summary): string => `${fmtMs(s.p50)} / ${fmtMs(s.p95)}`;
  const tableRows = [
    ['first reopen: PlanStore.open', fmtMs(first.openMs), '', '', ''],
    ['first reopen: first sheet.rows (50)', fmtMs(first.callMs), '', '', ''],
    [
      'first reopen: first screen total',
      fmtMs(firstScreenMs),
      '',
      '',
      passMiss(firstScreenMs < FIRST_SCREEN_TARGET_MS),
    ],
    [
      `${REOPEN_CYCLES} reopens: open p50 / p95`,
      pair(openSummary),
      pair(summarize(rawOpenSamples)),
      fmtRatio(openSummary.p50 / summarize(rawOpenSamples).p50),
      '',
    ],
    [
      `${REOPEN_CYCLES} reopens: first call p50 / p95`,
      pair(firstCallSummary),
      pair(summarize(rawFirstSamples)),
      fmtRatio(firstCallSummary.p50 / summarize(rawFirstSamples).p50),
      '',
    ],
    [
      `${REOPEN_CYCLES} reopens: first screen p50 / p95`,
      pair(screenSummary),
      pair(rawScreen),
      fmtRatio(screenSummary.p50 / rawScreen.p50),
      passMiss(screenSummary.p95 < FIRST_SCREEN_TARGET_MS),
    ],
    [`warm sheet.rows p50 / p95 (${SCREEN_REPS}×)`, pair(warm), pair(rawWarm), fmtRatio(warm.p50 / rawWarm.p50), ''],
    ['  of which store.listRows', pair(listRowsDirect), '', '', ''],
    ['  of which store.getSheet (handler check)', pair(getSheet), '', '', ''],
    ['  of which dispatch output check (zod)', pair(outputParse), '', '', ''],
    ['  store.rowCount (COUNT, run by both)', pair(rowCount), '', '', ''],
    [
      `info: last screen, offset ${lastInput.offset.toLocaleString('en')} (${TOTALS_REPS}×)`,
      pair(lastScreen),
      pair(rawLast),
      fmtRatio(lastScreen.p50 / rawLast.p50),
      '',
    ],
    [
      `sheet.totals p50 / p95 (${TOTALS_REPS}×)`,
      pair(totals),
      pair(rawTotals),
      fmtRatio(totals.p50 / rawTotals.p50),
      '',
    ],
    ['  store.totals direct', pair(totalsDirect), '', '', ''],
  ];
  return { figures, tableRows };
}

// ---- 3. edits -----------------------------------------------------------------------------------

interface Edit {
  index: number;
  text: string;
  fen: bigint;
}

function editPlan(count: number, seed: number): Edit[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const whole = 1 + Math.floor(random() * 300_000);
    const text = `${whole}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
    const fen = decimalToFen(text, '万元');
    if (fen === null) throw new Error(`bad amount ${text}`);
    return { index: Math.floor(random() * ROWS), text, fen };
  });
}

export function edits(
  bulk: BulkResult,
  targets: Target[],
): { figures: Record<string, unknown>; tableRows: string[][] } {
  const { planFile, rawFile, sheetId, storeRowIds, rawRowIds } = bulk;
  const storeEdits = editPlan(EDITS + EDIT_WARMUP, 7);
  const dispatchEdits = editPlan(EDITS + EDIT_WARMUP, 11);
  const investmentColumn = rawColumnId('investment');
  const rowId = (ids: number[], index: number): number => {
    const id = ids[index];
    if (id === undefined) throw new Error(`no row ${index}`);
    return id;
  };

  const store = PlanStore.open(planFile);
  const context: ApiContext = { store, edition: 'cli' };
  const rawFull = openRaw(rawFile, 'FULL');
  const lastText = new Map<number, string>();
  const storeMs: number[] = [];
  const dispatchMs: number[] = [];
  const rawFullMs: number[] = [];
  let rawNormalMs: number[] = [];
  log(`edits: ${EDITS} each through store.updateCell, dispatch cell.update and raw (FULL), interleaved …`);
  try {
    const editRawFull = rawEditor(rawFull);
    for (let i = 0; i < EDITS + EDIT_WARMUP; i++) {
      const record = i >= EDIT_WARMUP;
      const s = storeEdits[i];
      const d = dispatchEdits[i];
      if (!s || !d) throw new Error('edit plan too short');

      const storeRow = rowId(storeRowIds, s.index);
      let start = now();
      store.updateCell(sheetId, storeRow, 'investment', s.text, { source: 'user' });
      if (record) storeMs.push(msSince(start));
      lastText.set(storeRow, s.text);

      const dispatchRow = rowId(storeRowIds, d.index);
      start = now();
      const response = dispatch(context, 'cell.update', {
        sheetId,
        rowId: dispatchRow,
        columnKey: 'investment',
        text: d.text,
      });
      if (record) dispatchMs.push(msSince(start));
      const cell = (ok(response, 'cell.update') as { cell: { value: unknown } }).cell;
      if (cell.value !== fenToDecimal(d.fen, '万元'))
        throw new Error(`cell.update stored ${String(cell.value)} for ${d.text}`);
      lastText.set(dispatchRow, d.text);

      // The raw edit does the store edit's work: same row index, same text.
      const rawRow = rowId(rawRowIds, s.index);
      start = now();
      editRawFull(rawRow, investmentColumn, s.text, s.fen);
      if (record) rawFullMs.push(msSince(start));
    }

    // Read back a sample of the edited cells through the API.
    const edited = [...lastText.entries()];
    for (let k = 0; k < Math.min(20, edited.length); k++) {
      const [id, text] = edited[Math.floor((k * edited.length) / 20)] ?? edited[0]!;
      const index = storeRowIds.indexOf(id);
      const screen = ok(
        dispatch(context, 'sheet.rows', { sheetId, offset: index, limit: 1 }),
        'sheet.rows',
      ) as RowsResult;
      if (screen.rows[0]?.cells.investment?.text !== text)
        throw new Error(`row ${id}: read back ${screen.rows[0]?.cells.investment?.text}, wrote ${text}`);
    }
  } finally {
    rawFull.pragma('wal_checkpoint(TRUNCATE)');
    rawFull.close();
    store.close();
  }

  log(`edits: ${EDITS} raw edits with synchronous=NORMAL (information only) …`);
  const rawNormal = openRaw(rawFile, 'NORMAL');
  try {
    const editRawNormal = rawEditor(rawNormal);
    const normalEdits = editPlan(EDITS + EDIT_WARMUP, 13);
    rawNormalMs = [];
    normalEdits.forEach((e, i) => {
      const start = now();
      editRawNormal(rowId(rawRowIds, e.index), investmentColumn, e.text, e.fen);
      if (i >= EDIT_WARMUP) rawNormalMs.push(msSince(start));
    });
  } finally {
    rawNormal.close();
  }

  const storeS = summarize(storeMs);
  const dispatchS = summarize(dispatchMs);
  const rawFullS = summarize(rawFullMs);
  const rawNormalS = summarize(rawNormalMs);
  const ratio = (a: number, b: number): number => a / b;
  const limit = `≤ ${EDIT_TARGET_RATIO}× raw FULL`;
  const editTargets: Target[] = [
    {
      name: 'edit store.updateCell p50 vs raw (FULL)',
      measured: fmtRatio(ratio(storeS.p50, rawFullS.p50)),
      limit,
      pass: storeS.p50 <= EDIT_TARGET_RATIO * rawFullS.p50,
    },
    {
      name: 'edit store.updateCell p95 vs raw (FULL)',
      measured: fmtRatio(ratio(storeS.p95, rawFullS.p95)),
      limit,
      pass: storeS.p95 <= EDIT_TARGET_RATIO * rawFullS.p95,
    },
    {
      name: 'edit dispatch cell.update p50 vs raw (FULL)',
      measured: fmtRatio(ratio(dispatchS.p50, rawFullS.p50)),
      limit,
      pass: dispatchS.p50 <= EDIT_TARGET_RATIO * rawFullS.p50,
    },
    {
      name: 'edit dispatch cell.update p95 vs raw (FULL)',
      measured: fmtRatio(ratio(dispatchS.p95, rawFullS.p95)),
      limit,
      pass: dispatchS.p95 <= EDIT_TARGET_RATIO * rawFullS.p95,
    },
  ];
  targets.push(...editTargets);

  const figures = {
    edits: EDITS,
    warmup: EDIT_WARMUP,
    column: 'investment (money, 万元)',
    note: 'store, dispatch and raw FULL edits are interleaved one by one so drift in disk latency hits all three alike; raw NORMAL runs afterwards on its own',
    store: storeS,
    dispatch: dispatchS,
    rawFull: {
      ...rawFullS,
      note: 'UPDATE one cell + INSERT one audit row, one transaction, prepared, WAL, synchronous=FULL',
    },
    rawNormalInfoOnly: {
      ...rawNormalS,
      note: 'INFORMATION ONLY: synchronous=NORMAL does not fsync the WAL at commit; an edit may be lost on power cut — not the durability the store promises',
    },
    ratios: {
      storeToRawFullP50: ratio(storeS.p50, rawFullS.p50),
      storeToRawFullP95: ratio(storeS.p95, rawFullS.p95),
      dispatchToRawFullP50: ratio(dispatchS.p50, rawFullS.p50),
      dispatchToRawFullP95: ratio(dispatchS.p95, rawFullS.p95),
      storeToRawNormalP50InfoOnly: ratio(storeS.p50, rawNormalS.p50),
    },
    targetRatio: EDIT_TARGET_RATIO,
  };
  const pair = (s: Summary): string => `${fmtMs(s.p50)} / ${fmtMs(s.p95)}`;
  const [t0, t1, t2, t3] = editTargets;
  const tableRows = [
    [
      'store.updateCell p50 / p95',
      pair(storeS),
      pair(rawFullS),
      `${fmtRatio(ratio(storeS.p50, rawFullS.p50))} / ${fmtRatio(ratio(storeS.p95, rawFullS.p95))}`,
      `${passMiss(t0?.pass ?? false)} / ${passMiss(t1?.pass ?? false)}`,
    ],
    [
      'dispatch cell.update p50 / p95',
      pair(dispatchS),
      pair(rawFullS),
      `${fmtRatio(ratio(dispatchS.p50, rawFullS.p50))} / ${fmtRatio(ratio(dispatchS.p95, rawFullS.p95))}`,
      `${passMiss(t2?.pass ?? false)} / ${passMiss(t3?.pass ?? false)}`,
    ],
    ['  store.updateCell max', fmtMs(storeS.max), fmtMs(rawFullS.max), '', ''],
    [
      'raw synchronous=NORMAL (info only, not durable)',
      pair(rawNormalS),
      '',
      `store ${fmtRatio(ratio(storeS.p50, rawNormalS.p50))} (p50)`,
      'n/a',
    ],
  ];
  return { figures, tableRows };
}

// ---- main ---------------------------------------------------------------------------------------
