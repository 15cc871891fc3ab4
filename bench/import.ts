/**
 * Import (npm run bench, section "Import").
 *
 * 10,000- and 100,000-row workbooks (14 columns of Chinese text, amounts with "/" unknowns,
 * unit lists; shared strings, as Excel writes them), each measured in a fresh child process so
 * that its peak memory (maxRSS) is its own:
 *   - planbench import: what `planbench import` does — the import.run call through the
 *     dispatcher: the file read from disk (streamed), header, mapping, every cell parsed,
 *     committed into a new plan as one action; for a large file the rows are previewed as they
 *     are read and written by the writer thread (compiled JavaScript, npm run build) meanwhile;
 *   - planbench read: the reader alone (the same streaming unzip + SAX parse);
 *   - ExcelJS readFile: merely reading the same file into ExcelJS's model (the usual way);
 *   - ExcelJS WorkbookReader: its streaming reader, counting the U+FFFD it puts where a Chinese
 *     character straddles a chunk (exceljs #2063, #2084, #2316) — ours must count none.
 * Targets: 100,000 rows imported faster than ExcelJS readFile reads them, under 600 MB peak,
 * with every Chinese character intact.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type ExcelJSType from 'exceljs';
import { dispatch } from '../electron/core/api/dispatch';
import { fileSource } from '../electron/core/formats/byteSource';
import { readWorkbook } from '../electron/core/formats/workbook';
import { PlanStore } from '../electron/core/store/planStore';
import type { ApiOutput } from '../shared/contract/contract';
import { fenToDecimal } from '../shared/values/money';
import { largeProjectsXlsx, largeRows } from '../tests/fixtures/largeWorkbook';
import { DEPARTMENTS } from './data';
import { fmtMs, fmtRatio, msSince, now } from './stats';

const SIZES = (process.env.BENCH_IMPORT_ROWS ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const PEAK_TARGET_MB = 600;
const THIS_FILE = fileURLToPath(import.meta.url);
const MODES = ['planbench-import', 'planbench-read', 'exceljs-readFile', 'exceljs-stream'] as const;
type Mode = (typeof MODES)[number];

interface Measure {
  mode: Mode;
  rows: number;
  ms: number;
  /** CPU time of the process (all threads): steadier than wall time on a busy machine. */
  cpuMs: number;
  peakMB: number;
  /** Strings containing U+FFFD (a character the reader broke). */
  brokenStrings: number;
  phases?: Record<string, number>;
  total?: string;
}

export interface ImportBenchTarget {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

function peakMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return Math.round((usage.user + usage.system) / 1000);
}

function broken(text: string): number {
  return text.includes('\ufffd') ? 1 : 0;
}

// ---- the measurements, each run in its own process --------------------------------------------

async function measure(mode: Mode, file: string, workDir: string): Promise<Measure> {
  const require = createRequire(import.meta.url);
  const start = now();
  let rows = 0;
  let brokenStrings = 0;
  if (mode === 'exceljs-readFile') {
    const ExcelJS = require('exceljs') as typeof ExcelJSType;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    workbook.worksheets[0]!.eachRow(() => rows++);
    return { mode, rows, ms: msSince(start), cpuMs: cpuMs(), peakMB: peakMB(), brokenStrings };
  }
  if (mode === 'exceljs-stream') {
    const ExcelJS = require('exceljs') as typeof ExcelJSType;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJSType.Row>) {
        rows++;
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') brokenStrings += broken(cell.value);
        });
      }
    }
    return { mode, rows, ms: msSince(start), cpuMs: cpuMs(), peakMB: peakMB(), brokenStrings };
  }
  const source = await fileSource(file);
  if (mode === 'planbench-read') {
    const read = await readWorkbook(source);
    await source.close();
    for (const row of read.grid.rows)
      for (const cell of row.cells) if (typeof cell === 'string') brokenStrings += broken(cell);
    return { mode, rows: read.grid.rows.length, ms: msSince(start), cpuMs: cpuMs(), peakMB: peakMB(), brokenStrings };
  }
  // What `planbench import … --as projects` does, into a new plan with the bench's units: the
  // import.run call through the dispatcher, the file named by path. Inside it the writer thread
  // starts before the file is read; rows are previewed as they are read and written while the
  // rest are parsed.
  const plan = path.join(workDir, `import-${process.pid}.planbench`);
  const store = PlanStore.create(plan, { title: '导入基准' });
  store.addDepartments(DEPARTMENTS);
  const response = await dispatch({ store, edition: 'cli' }, 'import.run', {
    file: { path: file },
    target: { kind: 'new', sheetKind: 'projects', name: '重点工程' },
  });
  if (!response.ok) throw new Error(`import.run failed: ${response.error.messageEn}`);
  const result = response.result as ApiOutput<'import.run'>;
  const commitMs = msSince(start);
  const total = store.totals(result.sheetId).find((column) => column.columnKey === 'investment')?.sum;
  const ms = msSince(start);
  const figures = { cpuMs: cpuMs(), peakMB: peakMB() };
  // The stored text, read back (not timed): a character the reader broke would be U+FFFD there.
  for (let offset = 0; offset < result.inserted; offset += 5000) {
    for (const row of store.listRows(result.sheetId, offset, 5000).rows) {
      for (const cell of Object.values(row.cells))
        if (typeof cell.text === 'string') brokenStrings += broken(cell.text);
    }
  }
  store.close();
  return {
    mode,
    rows: result.inserted,
    ms,
    ...figures,
    brokenStrings,
    phases: { commitMs },
    ...(total !== undefined ? { total } : {}),
  };
}

function runChild(mode: Mode, file: string, workDir: string): Measure {
  const child = spawnSync(process.execPath, ['--import', 'tsx', THIS_FILE, '--import-measure', mode, file, workDir], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 600_000,
  });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{'))
    throw new Error(`import bench (${mode}) failed: ${child.stderr || child.stdout}`);
  return JSON.parse(line) as Measure;
}

// ---- the section ------------------------------------------------------------------------------

export async function importBench(dir: string, log: (message: string) => void) {
  const tableRows: string[][] = [];
  const targets: ImportBenchTarget[] = [];
  const figures: Record<string, unknown> = {};
  for (const size of SIZES) {
    const file = path.join(dir, `import-${size}.xlsx`);
    log(`import: writing a ${size.toLocaleString('en')}-row workbook …`);
    fs.writeFileSync(file, largeProjectsXlsx(size));
    const expectedFen = largeRows(size).reduce((sum, row) => sum + (row.amountFen ?? 0n), 0n);
    const expected = fenToDecimal(expectedFen, '万元');
    const results = {} as Record<Mode, Measure>;
    for (const mode of MODES) {
      log(`import: ${mode} on ${size.toLocaleString('en')} rows …`);
      results[mode] = runChild(mode, file, dir);
    }
    const ours = results['planbench-import'];
    const exceljs = results['exceljs-readFile'];
    figures[String(size)] = { fileBytes: fs.statSync(file).size, expectedTotal: expected, ...results };
    for (const mode of MODES) {
      const item = results[mode];
      tableRows.push([
        `${size.toLocaleString('en')} rows: ${mode}`,
        fmtMs(item.ms),
        fmtMs(item.cpuMs),
        `${item.peakMB} MB`,
        fmtRatio(item.ms / exceljs.ms),
        item.phases ? `committed by ${fmtMs(item.phases.commitMs!)}` : '',
        String(item.brokenStrings),
      ]);
    }
    if (ours.total !== expected) throw new Error(`import bench: imported total ${ours.total} ≠ expected ${expected}`);
    if (ours.rows !== size) throw new Error(`import bench: imported ${ours.rows} rows of ${size}`);
    if (size >= 100_000) {
      targets.push(
        {
          name: `import ${size.toLocaleString('en')} rows faster than ExcelJS readFile reads them`,
          measured: `${fmtMs(ours.ms)} (${fmtRatio(ours.ms / exceljs.ms)} of ${fmtMs(exceljs.ms)})`,
          limit: '< 1.00×',
          pass: ours.ms < exceljs.ms,
        },
        {
          name: `import ${size.toLocaleString('en')} rows peak memory`,
          measured: `${ours.peakMB} MB`,
          limit: `< ${PEAK_TARGET_MB} MB`,
          pass: ours.peakMB < PEAK_TARGET_MB,
        },
        {
          name: 'Chinese characters intact (strings with U+FFFD)',
          measured: `planbench ${results['planbench-read'].brokenStrings}, ExcelJS stream ${results['exceljs-stream'].brokenStrings}`,
          limit: 'planbench 0',
          pass: results['planbench-read'].brokenStrings === 0 && ours.brokenStrings === 0,
        },
      );
    }
  }
  return {
    figures,
    tableRows,
    targets,
    header: ['measure', 'time', 'CPU', 'peak RSS', '/ExcelJS readFile', 'phases', 'U+FFFD strings'],
  };
}

if (process.argv[2] === '--import-measure') {
  const [mode, file, workDir] = process.argv.slice(3) as [Mode, string, string];
  const result = await measure(mode, file, workDir);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else if (process.argv[1] === THIS_FILE) {
  // `npx tsx bench/import.ts`: this section alone.
  const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'planbench-import-bench-'));
  try {
    const { tableRows, targets, header } = await importBench(dir, (message) =>
      process.stderr.write(`[bench] ${message}\n`),
    );
    const { table } = await import('./stats');
    process.stdout.write(
      `${table(header, tableRows)}\n\n${table(
        ['target', 'measured', 'limit', ''],
        targets.map((t) => [t.name, t.measured, t.limit, t.pass ? 'PASS' : 'MISS']),
      )}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
