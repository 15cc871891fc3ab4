/**
 * Excel export and the department round trip (npm run bench, section "Export").
 *
 * Export of a generated 重点工程 sheet of 10,000 and 100,000 rows through exportWorkbook (title,
 * header, merged categories, 万元 formats, widths, print setup, totals), against ExcelJS writing
 * the same cells without any formatting in the same run: its streaming WorkbookWriter (the target
 * is within 1.3× of its time and under 500 MB peak at 100k rows) and, at 10k, its normal API.
 * Each writer runs in a child process of its own, so its peak memory (maxRSS) is its own; both
 * read the rows from the same plan file a page at a time, and the read alone is timed too.
 *
 * Then the round trip on the sample plan: send 重点工程 and the 2023 work-plan tasks out to every
 * department, and collect back 50 returns (preview + apply each) through dispatch.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';
import { exportWorkbook, rowPages } from '../electron/core/export/exportWorkbook';
import { FileSink } from '../electron/core/formats/zipWriter';
import { createSamplePlan } from '../electron/core/sample/buildSample';
import { PlanStore } from '../electron/core/store/planStore';
import type { ApiResponse } from '../shared/contract/client';
import { DEPARTMENTS, generateProjects, PROJECT_COLUMNS } from './data';
import { fmtMs, fmtRatio, msSince, now, summarize } from './stats';

const THIS_FILE = fileURLToPath(import.meta.url);
const CHILD_ENV = 'PLANBENCH_EXPORT_BENCH_CHILD';
export const EXPORT_TIME_TARGET_RATIO = 1.3;
export const EXPORT_PEAK_TARGET_MIB = 500;
const SIZES = [10_000, 100_000];
const RETURNS = 50;

type Writer = 'planbench' | 'exceljs-stream' | 'exceljs-document' | 'read-only';

interface ChildResult {
  ms: number;
  peakMiB: number;
  bytes: number;
}

export interface ExportBenchTarget {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

// ---- the child: one writer, one file, its own peak memory ----------------------------------

/** Plain cell values as ExcelJS takes them: money as a number, other cells as their text. */
function plainValue(type: string, cell: { text: string; value: unknown } | undefined): string | number | null {
  if (!cell || cell.text === '') return null;
  if (type === 'money' && typeof cell.value === 'string') return Number(cell.value);
  if (type === 'number' && typeof cell.value === 'number') return cell.value;
  return cell.text;
}

async function runChild(writer: Writer, planFile: string, outFile: string): Promise<ChildResult> {
  const start = now();
  const store = PlanStore.open(planFile);
  const sheetId = store.listSheets()[0]!.id;
  const columns = store.columns(sheetId);
  try {
    if (writer === 'planbench') {
      await exportWorkbook(store, [sheetId], { protect: false, totals: true }, new FileSink(outFile));
    } else if (writer === 'read-only') {
      let cells = 0;
      for (const page of rowPages(store, sheetId)) for (const row of page) cells += Object.keys(row.cells).length;
      fs.writeFileSync(outFile, String(cells));
    } else {
      const ExcelJS = (await import('exceljs')).default;
      if (writer === 'exceljs-stream') {
        const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: outFile });
        const sheet = book.addWorksheet('重点工程');
        sheet.addRow(columns.map((column) => column.name)).commit();
        for (const page of rowPages(store, sheetId)) {
          for (const row of page)
            sheet.addRow(columns.map((column) => plainValue(column.type, row.cells[column.key]))).commit();
        }
        sheet.commit();
        await book.commit();
      } else {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('重点工程');
        sheet.addRow(columns.map((column) => column.name));
        for (const page of rowPages(store, sheetId)) {
          for (const row of page) sheet.addRow(columns.map((column) => plainValue(column.type, row.cells[column.key])));
        }
        await book.xlsx.writeFile(outFile);
      }
    }
  } finally {
    store.close();
  }
  return { ms: msSince(start), peakMiB: process.resourceUsage().maxRSS / 1024, bytes: fs.statSync(outFile).size };
}

function child(writer: Writer, planFile: string, outFile: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, writer, planFile, outFile], {
      env: { ...process.env, [CHILD_ENV]: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    process_.on('error', reject);
    process_.on('close', (code) => {
      if (code !== 0) return reject(new Error(`export bench child (${writer}) exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

if (process.env[CHILD_ENV] === '1' && process.argv[1] === THIS_FILE) {
  const [writer, planFile, outFile] = process.argv.slice(2) as [Writer, string, string];
  const result = await runChild(writer, planFile, outFile);
  process.stdout.write(JSON.stringify(result) + '\n');
}

// ---- the parent ----------------------------------------------------------------------------

function buildPlan(dir: string, rows: number): string {
  const file = path.join(dir, `export-${rows}.planbench`);
  const store = PlanStore.create(file, { title: '导出基准' });
  try {
    store.addDepartments(DEPARTMENTS);
    const sheetId = store.createSheet({ name: '重点工程', kind: 'projects', columns: PROJECT_COLUMNS });
    const generated = generateProjects(rows).rows;
    // Sorted by category, as a real projects table is: the category runs then merge.
    generated.sort((a, b) =>
      a.cells.category! < b.cells.category! ? -1 : a.cells.category! > b.cells.category! ? 1 : 0,
    );
    for (let start = 0; start < rows; start += 10_000) {
      store.insertRows(
        sheetId,
        generated.slice(start, start + 10_000).map((row) => ({ cells: row.cells })),
        { source: 'import', detail: 'bench' },
      );
    }
  } finally {
    store.close();
  }
  return file;
}

async function ok<T>(response: ApiResponse | Promise<ApiResponse>, what: string): Promise<T> {
  const settled = await response;
  if (!settled.ok) throw new Error(`${what} failed: ${settled.error.code} ${settled.error.messageEn}`);
  return settled.result as T;
}

/** Send the sample out and collect 50 returns, each with a few fill-in cells changed. */
async function roundTrip(
  dir: string,
  log: (message: string) => void,
): Promise<{ figures: Record<string, unknown>; tableRows: string[][] }> {
  const ExcelJS = (await import('exceljs')).default;
  const store = createSamplePlan(path.join(dir, 'exchange-bench.planbench'));
  const context: ApiContext = { store, edition: 'cli' };
  try {
    const sheets = store.listSheets();
    const projects = sheets.find((sheet) => sheet.name === '重点工程')!.id;
    const tasks = sheets.find((sheet) => sheet.name === '2023年工作方案任务')!.id;
    log('exchange: send-out of the sample to every department…');
    type Created = { files: { department: string; file: { path: string } | null; rows: number }[] };
    const start = now();
    const sentProjects = await ok<Created>(
      dispatch(context, 'sendout.create', {
        sheetId: projects,
        package: 'files',
        saveTo: { path: path.join(dir, 'sent-projects') },
      }),
      'sendout.create',
    );
    const projectsMs = msSince(start);
    const startTasks = now();
    const sentTasks = await ok<Created>(
      dispatch(context, 'sendout.create', {
        sheetId: tasks,
        routing: 'leadAndCooperating',
        package: 'files',
        saveTo: { path: path.join(dir, 'sent-tasks') },
      }),
      'sendout.create',
    );
    const tasksMs = msSince(startTasks);
    const files = [...sentProjects.files, ...sentTasks.files].slice(0, RETURNS);

    log(`exchange: preparing ${files.length} returns with ExcelJS (not timed)…`);
    const returns: { file: { path: string } }[] = [];
    for (const [index, file] of files.entries()) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(file.file!.path) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const header = sheet.getRow(3).values as unknown[];
      const progress = header.indexOf('进展情况');
      for (let row = 0; row < file.rows; row++)
        sheet.getRow(4 + row).getCell(progress).value = `第 ${index + 1} 份返回：已推进 ${row + 1}`;
      const returned = path.join(dir, `return-${index + 1}.xlsx`);
      fs.writeFileSync(returned, Buffer.from(await book.xlsx.writeBuffer()));
      returns.push({ file: { path: returned } });
    }

    log(`exchange: collecting ${returns.length} returns…`);
    const previewMs: number[] = [];
    const applyMs: number[] = [];
    let cells = 0;
    for (const input of returns) {
      const previewStart = now();
      const preview = await ok<{ previewId: string; counts: { proposed: number } }>(
        dispatch(context, 'collect.preview', input),
        'collect.preview',
      );
      previewMs.push(msSince(previewStart));
      const applyStart = now();
      const result = await ok<{ applied: { cells: number } }>(
        dispatch(context, 'collect.apply', { previewId: preview.previewId, accept: 'all' }),
        'collect.apply',
      );
      applyMs.push(msSince(applyStart));
      cells += result.applied.cells;
    }
    const total = previewMs.reduce((a, b) => a + b, 0) + applyMs.reduce((a, b) => a + b, 0);
    const preview = summarize(previewMs);
    const apply = summarize(applyMs);
    return {
      figures: {
        sendOut: {
          projects: { departments: sentProjects.files.length, ms: projectsMs },
          tasks: { departments: sentTasks.files.length, ms: tasksMs },
        },
        collect: { returns: returns.length, cellsApplied: cells, totalMs: total, previewMs: preview, applyMs: apply },
      },
      tableRows: [
        [
          `send-out 重点工程 (88 rows) → ${sentProjects.files.length} workbooks`,
          fmtMs(projectsMs),
          `${fmtMs(projectsMs / sentProjects.files.length)} per workbook`,
        ],
        [
          `send-out 2023年工作方案任务 (lead+coop) → ${sentTasks.files.length} workbooks`,
          fmtMs(tasksMs),
          `${fmtMs(tasksMs / sentTasks.files.length)} per workbook`,
        ],
        [
          `collect ${returns.length} returns (preview + apply all; ${cells} cells)`,
          fmtMs(total),
          `preview p50 ${fmtMs(preview.p50)}, apply p50 ${fmtMs(apply.p50)}`,
        ],
      ],
    };
  } finally {
    store.close();
  }
}

export async function exportBench(
  dir: string,
  log: (message: string) => void,
): Promise<{
  figures: Record<string, unknown>;
  tableRows: string[][];
  exchangeRows: string[][];
  targets: ExportBenchTarget[];
}> {
  const figures: Record<string, unknown> = {};
  const tableRows: string[][] = [];
  const targets: ExportBenchTarget[] = [];
  for (const rows of SIZES) {
    log(`export: building a ${rows.toLocaleString('en')}-row plan…`);
    const plan = buildPlan(dir, rows);
    const out = (name: string) => path.join(dir, `export-${rows}-${name}.xlsx`);
    log(`export: ${rows.toLocaleString('en')} rows, store read only…`);
    const read = await child('read-only', plan, out('read'));
    log(`export: ${rows.toLocaleString('en')} rows, Planbench…`);
    const ours = await child('planbench', plan, out('planbench'));
    log(`export: ${rows.toLocaleString('en')} rows, ExcelJS streaming writer…`);
    const stream = await child('exceljs-stream', plan, out('exceljs-stream'));
    const documentApi = rows <= 10_000 ? await child('exceljs-document', plan, out('exceljs-document')) : null;
    figures[`rows${rows}`] = {
      storeReadOnly: read,
      planbench: ours,
      excelJsStream: stream,
      excelJsDocument: documentApi,
      timeRatioToStream: ours.ms / stream.ms,
    };
    const label = rows.toLocaleString('en');
    const mb = (result: ChildResult) => `${result.peakMiB.toFixed(0)} MiB`;
    const kib = (result: ChildResult) => `${(result.bytes / 1024 / 1024).toFixed(1)} MiB`;
    tableRows.push([
      `${label} rows: time`,
      fmtMs(ours.ms),
      fmtMs(stream.ms),
      fmtRatio(ours.ms / stream.ms),
      documentApi ? fmtMs(documentApi.ms) : '—',
      fmtMs(read.ms),
    ]);
    tableRows.push([
      `${label} rows: peak memory (maxRSS)`,
      mb(ours),
      mb(stream),
      fmtRatio(ours.peakMiB / stream.peakMiB),
      documentApi ? mb(documentApi) : '—',
      mb(read),
    ]);
    tableRows.push([`${label} rows: file size`, kib(ours), kib(stream), '', documentApi ? kib(documentApi) : '—', '']);
    if (rows === 100_000) {
      targets.push({
        name: 'export 100k rows: time vs ExcelJS streaming writer',
        measured: fmtRatio(ours.ms / stream.ms),
        limit: `≤ ${EXPORT_TIME_TARGET_RATIO}×`,
        pass: ours.ms / stream.ms <= EXPORT_TIME_TARGET_RATIO,
      });
      targets.push({
        name: 'export 100k rows: peak memory',
        measured: mb(ours),
        limit: `< ${EXPORT_PEAK_TARGET_MIB} MiB`,
        pass: ours.peakMiB < EXPORT_PEAK_TARGET_MIB,
      });
    }
    for (const name of ['read', 'planbench', 'exceljs-stream', 'exceljs-document'])
      fs.rmSync(out(name), { force: true });
    fs.rmSync(plan, { force: true });
  }
  const trip = await roundTrip(dir, log);
  figures.roundTrip = trip.figures;
  return { figures, tableRows, exchangeRows: trip.tableRows, targets };
}
