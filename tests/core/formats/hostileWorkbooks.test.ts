import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import { readWorkbook } from '../../../electron/core/formats/workbook';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { HostileCase } from '../../fixtures/hostile/corpus';
import { hostileCases } from '../../fixtures/hostile/corpus';
import { REPO_ROOT, tempDir } from '../../helpers';

/**
 * The hostile-workbook corpus (tests/fixtures/hostile): every file is imported with exactly the
 * values it holds or refused with a message that names the problem — never an internal error, a
 * hang or a crash. Each is checked twice: through the reader in this process (the exact grid or
 * the exact refusal), and through `planbench import` in a child process, as a user runs it, whose
 * peak memory must stay under 1 GiB and which, on refusal, must leave the plan byte-identical.
 */

const PEAK_LIMIT_KIB = 1024 * 1024;
/** Children at once: enough to overlap their start-up, few enough for a 2-core machine. */
const PARALLEL = 2;
const PEAK_PRELOAD = pathToFileURL(path.join(REPO_ROOT, 'tests', 'fixtures', 'hostile', 'peakMemory.mjs')).href;

const { dir, cleanup } = tempDir();
const cases = hostileCases();
let templatePlan: string;
let templateHash: string;

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  /** Peak resident memory, KiB; null when the process died without exiting. */
  peakKiB: number | null;
  plan: string;
}

function hash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** `planbench import PLAN FILE` in a child process of its own, on a fresh copy of the plan. */
function importInChild(index: number, file: string): Promise<CliRun> {
  const plan = path.join(dir, `plan-${index}.planbench`);
  fs.copyFileSync(templatePlan, plan);
  const peakFile = path.join(dir, `peak-${index}.txt`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', PEAK_PRELOAD, path.join(REPO_ROOT, 'bin', 'planbench.mjs'), 'import', plan, file],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, PLANBENCH_PEAK_FILE: peakFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A hang is a failure too; this only ends it so the report can say so.
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const peakKiB = fs.existsSync(peakFile) ? Number(fs.readFileSync(peakFile, 'utf8')) : null;
      resolve({ code, signal, stdout, stderr, peakKiB, plan });
    });
  });
}

/** Starts the children for all cases, PARALLEL at a time; each case's test awaits its own. */
function runAll(files: readonly string[]): Promise<CliRun>[] {
  const settle = files.map(() => {
    let resolve!: (run: CliRun) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<CliRun>((yes, no) => ((resolve = yes), (reject = no)));
    promise.catch(() => {}); // reported by the case's test, not as an unhandled rejection
    return { promise, resolve, reject };
  });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      await importInChild(index, files[index]!).then(settle[index]!.resolve, settle[index]!.reject);
    }
  };
  for (let count = 0; count < PARALLEL; count++) void worker();
  return settle.map((entry) => entry.promise);
}

let files: string[] = [];
let runs: Promise<CliRun>[] = [];

before(() => {
  templatePlan = path.join(dir, 'template.planbench');
  createSamplePlan(templatePlan).close();
  templateHash = hash(templatePlan);
  files = cases.map((item) => {
    const file = path.join(dir, item.fileName);
    fs.writeFileSync(file, item.build());
    return file;
  });
  runs = runAll(files);
});

after(async () => {
  await Promise.allSettled(runs);
  cleanup();
});

function label(item: HostileCase): string {
  return `${item.label} (${item.fileName})`;
}

describe('hostile workbooks are imported exactly or refused clearly', () => {
  cases.forEach((item, index) => {
    test(item.label, async (t) => {
      const expect = item.expect;
      // The reader, in this process.
      let read: Awaited<ReturnType<typeof readWorkbook>> | null = null;
      let refusal: PlanbenchError | null = null;
      try {
        read = await readWorkbook(bufferSource(item.fileName, fs.readFileSync(files[index]!)));
      } catch (error) {
        if (!(error instanceof PlanbenchError)) throw error;
        refusal = error;
      }
      if (expect.outcome === 'imported') {
        assert.equal(refusal, null, `${label(item)} was refused: ${refusal?.message}`);
        assert.equal(read!.grid.name, expect.sheet);
        assert.equal(read!.grid.rows.length, expect.rowCount, `${label(item)}: rows with content`);
        if (expect.rows)
          assert.deepEqual(
            read!.grid.rows.map((row) => Array.from(row.cells, (cell) => cell ?? null)),
            expect.rows,
          );
      } else {
        assert.ok(refusal, `${label(item)} was read instead of refused`);
        const body = refusal.body;
        assert.match(body.messageZh, expect.zh, label(item));
        assert.match(body.messageEn, expect.en, label(item));
        assert.ok(
          body.messageZh.includes(item.fileName) && body.messageEn.includes(item.fileName),
          `${label(item)}: the message names the file`,
        );
        assert.equal(body.where?.file, item.fileName);
        for (const [key, value] of Object.entries(expect.where ?? {}))
          assert.equal(body.where?.[key as 'sheet'], value, `${label(item)}: where.${key}`);
      }

      // `planbench import` in a child process.
      const run = await runs[index]!;
      const output = `${run.stdout}\n${run.stderr}`;
      assert.notEqual(
        run.peakKiB,
        null,
        `${label(item)}: the import process died (${run.signal ?? run.code}): ${output.slice(-2000)}`,
      );
      t.diagnostic(`planbench import: exit ${run.code}, peak memory ${Math.round(run.peakKiB! / 1024)} MiB`);
      assert.ok(run.peakKiB! < PEAK_LIMIT_KIB, `${label(item)}: peak memory ${Math.round(run.peakKiB! / 1024)} MiB`);
      assert.doesNotMatch(output, /内部错误|internal error/i, label(item));
      if (expect.outcome === 'imported') {
        assert.equal(run.code, 0, `${label(item)}: ${output}`);
        const store = PlanStore.open(run.plan);
        try {
          const sheet = store.listSheets().find((candidate) => candidate.name === expect.sheet);
          assert.ok(sheet, `${label(item)}: the plan has the imported sheet`);
          // The first row with content is the header; every other becomes a row of the plan.
          assert.equal(store.rowCount(sheet.id), expect.rowCount - 1, `${label(item)}: rows imported`);
          if (expect.planRows) {
            const columns = store.columns(sheet.id);
            const rows = store.listRows(sheet.id, 0, expect.planRows.length).rows;
            assert.deepEqual(
              rows.map((row) => columns.map((column) => row.cells[column.key]?.text ?? null)),
              expect.planRows,
              `${label(item)}: the plan's rows`,
            );
          }
        } finally {
          store.close();
        }
      } else {
        assert.equal(run.code, 1, `${label(item)}: ${output}`);
        assert.match(run.stderr, expect.zh, label(item));
        assert.match(run.stderr, expect.en, label(item));
        assert.equal(hash(run.plan), templateHash, `${label(item)} left the plan unchanged`);
        assert.ok(
          !fs.existsSync(`${run.plan}-wal`) || fs.statSync(`${run.plan}-wal`).size === 0,
          `${label(item)}: nothing pending in the WAL`,
        );
      }
    });
  });
});
