/** What the grid bench does and aims for: its knobs, the sheet it builds, the targets. */

import { findBrowser } from '../electron/core/print/chromium';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColumnInit } from '../electron/core/store/planStore';
import type { ApiResponse } from '../shared/contract/client';
import { PROJECT_COLUMNS } from './data';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');

/** The machine's Chromium, found the way the product finds it for printing. */
export const CHROMIUM = findBrowser();
export const VIEWPORT = { width: 1600, height: 1000 };

export const LOADS = 5;
export const SCROLLS = 3;
export const EDITS = 10;
/** Edits made by another program on the same plan file, each timed to the window's paint. */
export const OTHERS_EDITS = 5;
export const PASTES = 3;
export const PASTE_ROWS = 1000;
export const PASTE_COLUMNS = 10;
export const NODE_REPS = 5;
/** Fewer rows and the paste would reach past the last row. */
export const MIN_ROWS = 2 * PASTE_ROWS;
/** Edits go to rows on the first screen (clicking a row off screen makes AG Grid scroll and re-render under the pointer). */
export const FIRST_SCREEN_ROWS = 8;

/** The targets, and the floor it measured with a bare AG Grid 36 page shipping every row. */
export const FIRST_ROWS_TARGET_MS = 500;
export const EDIT_TARGET_MS = 50;
/** Issue 15: another window's commit → this window's paint. */
export const OTHERS_EDIT_TARGET_MS = 100;
export const PASTE_TARGET_MS = 500;
export const FLOOR = { firstRowsMs: 1400, scrollEndMs: 100, editMs: 73 };

export const SHEET_NAME = '重点工程';
export const MONEY_KEY = 'investment';
export const SEQ_KEY = 'seq';

/**
 * The projects columns plus three a department fills in when the sheet comes back (进展情况,
 * 存在问题, 备注), so a 10-column paste fits beside 序号: 类别 … 备注.
 */
export const GRID_COLUMNS: ColumnInit[] = [
  ...PROJECT_COLUMNS,
  { key: 'progress', name: '进展情况', type: 'text' },
  { key: 'issues', name: '存在问题', type: 'text' },
  { key: 'remarks', name: '备注', type: 'text' },
];
export const PASTE_KEYS = GRID_COLUMNS.slice(1, 1 + PASTE_COLUMNS).map((column) => column.key);

export interface GridBenchTarget {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

export interface GridBenchResult {
  figures: Record<string, unknown>;
  tableRows: string[][];
  /** Where the main thread's time went in the profiled load, edit and paste. */
  profileRows: string[][];
  targets: GridBenchTarget[];
}

export function passMiss(pass: boolean): string {
  return pass ? 'PASS' : 'MISS';
}

export function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function ok<T>(response: ApiResponse | Promise<ApiResponse>, what: string): T {
  if (response instanceof Promise) throw new Error(`${what} answered asynchronously`);
  if (!response.ok) throw new Error(`${what} failed: ${response.error.code} ${response.error.messageEn}`);
  return response.result as T;
}
