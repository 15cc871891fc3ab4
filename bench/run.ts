/**
 * Planbench benchmark: `npm run bench`.
 *
 * In one run, in a fresh temporary directory (removed at the end):
 *   1. bulk load of a 100,000-row projects sheet through PlanStore.insertRows, against raw
 *      better-sqlite3 inserting the same rows and cells into a bare rows+cells schema;
 *   2. "first screen" after closing and reopening: PlanStore.open + sheet.rows {offset 0, limit 50}
 *      through dispatch, plus sheet.totals over all rows, against a raw SELECT of the same cells;
 *   3. single-cell edits through store.updateCell and dispatch('cell.update'), against a raw
 *      UPDATE + audit INSERT per transaction, with synchronous=FULL (same durability as the store)
 *      and, for information only, synchronous=NORMAL; then rows.renumber over the whole sheet
 *      (bench/renumber.ts).
 * Prints a table and writes bench/results/latest.json. A missed target is reported, never fatal.
 *
 * BENCH_ROWS (default 100000) and BENCH_EDITS (default 2000) shrink a run while developing it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { checksBench } from './checks';
import { printBench } from './print';
import { runGridBench } from './grid';
import { exportBench } from './export';
import { importBench } from './import';
import { ZIP_TABLE_HEADER, zipBench } from './zip';
import { renumberBench } from './renumber';
import { allocationBench } from './allocation';
import { versionsBench } from './versions';
import { PROJECT_COLUMNS } from './data';
import { openRaw } from './raw';
import { fmtMs, msSince, now, table } from './stats';

import type { Target } from './storeBench';
import {
  BATCHES,
  BENCH_DIR,
  EDITS,
  EDIT_WARMUP,
  REOPEN_CYCLES,
  ROWS,
  SCREEN_LIMIT,
  SCREEN_REPS,
  TOTALS_REPS,
  bulkLoad,
  edits,
  firstScreen,
  log,
  passMiss,
} from './storeBench';
interface Environment {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  betterSqlite3: string;
  tmpdir: string;
}

function environment(): Environment {
  let betterSqlite3 = 'unknown';
  try {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(BENCH_DIR, '..', 'node_modules', 'better-sqlite3', 'package.json'), 'utf8'),
    ) as {
      version?: string;
    };
    betterSqlite3 = manifest.version ?? 'unknown';
  } catch {
    // reported as unknown
  }
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    betterSqlite3,
    tmpdir: os.tmpdir(),
  };
}

function sqliteVersion(file: string): string {
  const db = openRaw(file, 'FULL') as SqliteDatabase;
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const started = now();
  const startedAt = new Date().toISOString();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-bench-'));
  const targets: Target[] = [];
  try {
    const bulk = bulkLoad(dir);
    const screen = firstScreen(bulk, targets);
    const edit = edits(bulk, targets);
    const renumber = renumberBench(bulk.planFile, bulk.sheetId, log);
    const versions = versionsBench(bulk.planFile, bulk.sheetId, log);
    targets.push(...versions.targets);
    const checks = await checksBench(dir, ROWS, log);
    targets.push(...checks.targets);
    const print = await printBench(dir, log);
    targets.push(...print.targets);
    const imports = await importBench(dir, log);
    targets.push(...imports.targets);
    const exported = await exportBench(dir, log);
    targets.push(...exported.targets);
    const zip = await zipBench(dir, log);
    const allocation = allocationBench(dir, log);
    targets.push(...allocation.targets);
    const env = { ...environment(), sqlite: sqliteVersion(bulk.rawFile) };
    const wallMs = msSince(started);

    const header = ['measure', 'store', 'raw better-sqlite3', 'store/raw', 'target'];
    const out: string[] = [];
    out.push(`Planbench benchmark — ${startedAt}`);
    out.push(
      `node ${env.node}, SQLite ${env.sqlite}, better-sqlite3 ${env.betterSqlite3}, ${env.cpus} × ${env.cpuModel}, ${env.memoryGiB} GiB, ${env.platform}`,
    );
    out.push(
      `${ROWS.toLocaleString('en')} rows × ${PROJECT_COLUMNS.length} columns; journal_mode=WAL, synchronous=FULL unless stated`,
    );
    out.push('');
    out.push('1. Bulk load');
    out.push(table(header, bulk.tableRows));
    out.push('');
    out.push(`2. First screen (sheet.rows offset 0 limit ${SCREEN_LIMIT} via dispatch, edition cli; page cache warm)`);
    out.push(table(header, screen.tableRows));
    out.push('');
    out.push(
      `3. Edits (${EDITS} single-cell money edits at random rows, after ${EDIT_WARMUP} warm-up; raw = UPDATE + audit INSERT per transaction)`,
    );
    out.push(table(['measure', 'store', 'raw FULL', 'store/raw', 'target p50 / p95'], edit.tableRows));
    out.push(
      table(
        ['renumber (重排序号, the last 1,000 rows moved to the top first)', 'time', 'sheet', 'cells'],
        renumber.tableRows,
      ),
    );
    out.push(table(['versions and history (a copy of the same plan)', 'time / size', 'detail'], versions.tableRows));
    out.push('');
    out.push(
      `4. Checks (sample plan + ${ROWS.toLocaleString('en')} generated projects; raw = one SQL aggregate over the same file)`,
    );
    out.push(table(['measure', 'checks', 'raw group-by', 'checks/raw', 'target'], checks.tableRows));
    out.push('');
    out.push(
      '5. Print to PDF (print.pdf via dispatch, headless Chromium; raw = the same rows as one plain table, setContent + page.pdf)',
    );
    out.push(table(['measure', 'print.pdf', 'raw Chromium', 'print/raw', 'pages', 'size', 'fonts'], print.tableRows));
    out.push('');
    out.push(
      '6. Import (each measure in its own process: time and peak RSS; against ExcelJS reading the same file in the same run)',
    );
    out.push(table(imports.header, imports.tableRows));
    out.push('');
    out.push(
      '7. Excel export (each writer in its own process: time and peak RSS, all reading the same plan a page at a time) and the department round trip',
    );
    out.push(
      table(
        [
          'measure',
          'Planbench export',
          'ExcelJS stream, plain',
          'Planbench/stream',
          'ExcelJS document, plain',
          'store read only',
        ],
        exported.tableRows,
      ),
    );
    out.push(table(['round trip (sample plan, via dispatch)', 'time', 'detail'], exported.exchangeRows));
    out.push('');
    out.push(
      `8. Zip layer (ours vs yauzl/yazl on the ${zip.figures.rows.toLocaleString('en')}-row workbook, ${zip.figures.reps} alternating runs each; the library is used where it loses no more than 5%)`,
    );
    out.push(table(ZIP_TABLE_HEADER, zip.tableRows));
    out.push('');
    out.push('9. Factor-method allocation (7 rows × 3 factors, through dispatch on a plan file)');
    out.push(table(['measure', 'p50', 'p95'], allocation.tableRows));
    out.push('');
    out.push('Targets');
    out.push(
      table(
        ['target', 'measured', 'limit', ''],
        targets.map((t) => [t.name, t.measured, t.limit, passMiss(t.pass)]),
      ),
    );
    out.push('');
    out.push(`wall time ${fmtMs(wallMs)}`);
    process.stdout.write(out.join('\n') + '\n');

    const results = {
      startedAt,
      wallMs,
      environment: env,
      config: {
        rows: ROWS,
        batches: BATCHES,
        screenLimit: SCREEN_LIMIT,
        screenReps: SCREEN_REPS,
        reopenCycles: REOPEN_CYCLES,
        totalsReps: TOTALS_REPS,
        edits: EDITS,
        editWarmup: EDIT_WARMUP,
      },
      bulkLoad: bulk.figures,
      firstScreen: screen.figures,
      edits: edit.figures,
      renumber: renumber.figures,
      versions: versions.figures,
      checks: checks.figures,
      print: print.figures,
      import: imports.figures,
      export: exported.figures,
      zip: zip.figures,
      allocation: allocation.figures,
      targets: targets.map((t) => ({ ...t, result: passMiss(t.pass) })),
    };
    const resultsDir = path.join(BENCH_DIR, 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const json = JSON.stringify(
      results,
      (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
      2,
    );
    fs.writeFileSync(path.join(resultsDir, 'latest.json'), json + '\n');
    log(`wrote ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))}`);
    // The grid in Chromium: its own section, targets and bench/results/grid.json.
    await runGridBench(dir, ROWS, log);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
