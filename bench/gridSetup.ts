/** What the grid bench measures on: the generated sheet, the plan file, the raw baseline, the renderer, the store timer. */

import fs from 'node:fs';
import path from 'node:path';
import { rendererDir } from '../electron/core/paths';
import { PlanStore } from '../electron/core/store/planStore';
import { decimalToFen, formatMoney } from '../shared/values/money';
import { DEPARTMENTS, generateProjects } from './data';
import { SourceMap } from './gridPage';
import { createRawSchema, openRaw, rawBulkLoad } from './raw';
import type { RawRow } from './raw';
import { msSince, now, rng } from './stats';
import { GRID_COLUMNS, MONEY_KEY, PASTE_KEYS, PASTE_ROWS, REPO_ROOT, SEQ_KEY, SHEET_NAME } from './gridConfig';

// ---- the sheet and what the bench knows about it ------------------------------------------

const PROGRESS = [
  '已完成前期手续',
  '主体工程已开工',
  '完成年度投资{n}%',
  '正在开展施工招标',
  '土建工程完成{n}%',
  '已完成竣工验收',
  '设备安装完成{n}%',
];
const ISSUES = [
  '用地指标紧张',
  '资金到位滞后',
  '征地拆迁协调难度大',
  '环评手续待批复',
  '施工许可尚未办理',
  '电力接入方案待确定',
];
const REMARKS = ['市重点项目', '省重点项目', '续建项目', '新开工项目', '储备项目'];

function pickText(random: () => number, items: readonly string[]): string {
  const item = items[Math.floor(random() * items.length)] ?? items[0] ?? '';
  return item.replace('{n}', String(5 + Math.floor(random() * 95)));
}

/** The three fill-in columns: mostly progress, sometimes an issue, rarely a remark. */
function fillInCells(random: () => number, always: boolean): Record<string, string> {
  return {
    progress: always || random() < 0.6 ? pickText(random, PROGRESS) : '',
    issues: always || random() < 0.15 ? pickText(random, ISSUES) : '',
    remarks: always || random() < 0.05 ? pickText(random, REMARKS) : '',
  };
}

export interface SheetState {
  /** Cell texts per row, in sheet order, as the plan holds them now. */
  texts: Record<string, string>[];
  /** Exact total of the known amounts, in 分. */
  totalFen: bigint;
}

export function amountFen(text: string | undefined): bigint {
  return (text === undefined || text === '' ? null : decimalToFen(text, '万元')) ?? 0n;
}

export function generateSheet(rows: number): SheetState {
  const projects = generateProjects(rows);
  const random = rng(20260201);
  const texts = projects.rows.map((row) => ({ ...row.cells, ...fillInCells(random, false) }));
  return { texts, totalFen: projects.totalFen };
}

/** The 合计 cell's text for an exact total (the grid shows 万元 with 2 decimals). */
export function totalText(fen: bigint): string {
  return formatMoney(fen, '万元', 2);
}

/** Set one cell in the bench's picture of the plan, keeping the exact total. */
export function setText(state: SheetState, rowIndex: number, key: string, text: string): void {
  const row = state.texts[rowIndex];
  if (!row) throw new Error(`no row ${rowIndex}`);
  if (key === MONEY_KEY) state.totalFen += amountFen(text) - amountFen(row[key]);
  if (text === '') delete row[key];
  else row[key] = text;
}

/**
 * A 1,000 × 10 block to paste over rows 0… from 类别 on: new generated projects and fill-in
 * texts (seeded per paste), each cell different from what it replaces, so all 10,000 are
 * changes the log must record.
 */
export function pasteBlock(state: SheetState, paste: number): string[][] {
  const pool = generateProjects(PASTE_ROWS + 20, 31_000 + paste).rows;
  const random = rng(41_000 + paste);
  return Array.from({ length: PASTE_ROWS }, (_, r) => {
    const current = state.texts[r] ?? {};
    const extra = fillInCells(random, true);
    return PASTE_KEYS.map((key) => {
      for (let attempt = 0; attempt < pool.length; attempt++) {
        const candidate =
          key in extra
            ? attempt === 0
              ? extra[key]!
              : `${extra[key]}（${attempt}）`
            : pool[(r + attempt) % pool.length]!.cells[key]!;
        if (candidate !== '' && candidate !== (current[key] ?? '')) return candidate;
      }
      throw new Error(`no new text for row ${r} ${key}`);
    });
  });
}

/** A new amount for an edit, different from the one there. */
export function newAmount(random: () => number, current: string | undefined): string {
  for (;;) {
    const text = `${1 + Math.floor(random() * 300_000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
    if (text !== current) return text;
  }
}

// ---- the plan file, the raw baseline, the renderer -----------------------------------------

export interface Plan {
  file: string;
  /** A copy taken before the browser touches the plan: the store part of the paste runs on it. */
  copy: string;
  sheetId: number;
  rowIds: number[];
  buildMs: number;
}

export function buildPlan(dir: string, state: SheetState, log: (message: string) => void): Plan {
  const file = path.join(dir, 'grid-bench.planbench');
  log(`grid: building a plan with a ${state.texts.length.toLocaleString('en')}-row sheet …`);
  const start = now();
  const store = PlanStore.create(file, { title: '表格基准测试规划', periodStart: 2026, periodEnd: 2030 });
  let sheetId: number;
  const rowIds: number[] = [];
  try {
    store.addDepartments(DEPARTMENTS);
    sheetId = store.createSheet({ name: SHEET_NAME, kind: 'projects', columns: GRID_COLUMNS });
    for (let offset = 0; offset < state.texts.length; offset += 10_000) {
      const batch = state.texts.slice(offset, offset + 10_000).map((cells) => ({ cells }));
      rowIds.push(...store.insertRows(sheetId, batch, { source: 'import', detail: 'grid bench' }).rowIds);
    }
  } finally {
    store.close();
  }
  const copy = path.join(dir, 'grid-bench-store-part.planbench');
  fs.copyFileSync(file, copy);
  return { file, copy, sheetId, rowIds, buildMs: msSince(start) };
}

const RAW_GRID_COLUMN_IDS = new Map(GRID_COLUMNS.map((column, index) => [column.key, index + 1]));

export function rawColumn(key: string): number {
  const id = RAW_GRID_COLUMN_IDS.get(key);
  if (id === undefined) throw new Error(`no raw column ${key}`);
  return id;
}

/** What the raw baseline stores per cell: text and, for money and 序号, the number. */
export function rawValue(key: string, text: string): bigint | number | null {
  if (key === MONEY_KEY) return decimalToFen(text, '万元');
  if (key === SEQ_KEY) return Number(text);
  return null;
}

export function buildRaw(dir: string, state: SheetState): { file: string; rowIds: number[] } {
  const file = path.join(dir, 'grid-raw.sqlite');
  const db = openRaw(file, 'FULL');
  try {
    createRawSchema(db);
    const rows: RawRow[] = state.texts.map((cells) =>
      Object.entries(cells)
        .filter(([, text]) => text !== '')
        .map(([key, text]) => [rawColumn(key), text, rawValue(key, text)] as const),
    );
    return { file, rowIds: rawBulkLoad(db, rows) };
  } finally {
    db.close();
  }
}

export interface Renderer {
  dir: string;
  /** The source map of each bundle chunk by file name, to attribute CPU profiles (null: none). */
  sourceMaps: Map<string, SourceMap> | null;
  source: string;
  buildMs: number | null;
}

/**
 * The renderer to serve: built from the tree's sources for this run, into the bench's own
 * directory (never over dist/, which a running app or test may be serving), with a source map
 * so profiles can say which library the time went to. The code is what `npm run build:renderer`
 * makes. If the build fails, dist/renderer is measured instead, without attribution.
 */
export async function prepareRenderer(dir: string, log: (message: string) => void): Promise<Renderer> {
  const outDir = path.join(dir, 'renderer');
  log('grid: building the renderer (vite, with a source map) …');
  const start = now();
  try {
    const { build } = await import('vite');
    await build({
      configFile: path.join(REPO_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: true },
    });
    const assets = path.join(outDir, 'assets');
    const chunks = fs.readdirSync(assets).filter((name) => name.endsWith('.js'));
    if (chunks.length === 0) throw new Error('no .js bundle in the build');
    const sourceMaps = new Map(chunks.map((name) => [name, SourceMap.read(path.join(assets, `${name}.map`))]));
    return { dir: outDir, sourceMaps, source: 'built for this run (vite, source map)', buildMs: msSince(start) };
  } catch (error) {
    if (!fs.existsSync(path.join(rendererDir(), 'index.html'))) throw error;
    log(`grid: the renderer build failed (${(error as Error).message}); measuring dist/renderer, without attribution`);
    return { dir: rendererDir(), sourceMaps: null, source: 'dist/renderer (build failed)', buildMs: null };
  }
}

// ---- the store's own time per call ---------------------------------------------------------

/** Wraps the server's store so every method the handlers call on it is timed (calls inside an inAction callback too). */
export class StoreTimer {
  private entries: { method: string; ms: number }[] = [];

  wrap(store: PlanStore): PlanStore {
    const entries = () => this.entries;
    return new Proxy(store, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const start = now();
          try {
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          } finally {
            entries().push({ method: String(property), ms: msSince(start) });
          }
        };
      },
    });
  }

  /** Milliseconds per method since the last take(), and forget them. */
  take(): Record<string, number> {
    const byMethod: Record<string, number> = {};
    for (const entry of this.entries) byMethod[entry.method] = (byMethod[entry.method] ?? 0) + entry.ms;
    this.entries = [];
    return byMethod;
  }
}
