import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import { PlanStore } from '../../electron/core/store/planStore';
import { largeProjectsXlsx } from '../fixtures/largeWorkbook';
import { compoundFile } from '../fixtures/rawFiles';
import { projectsLayout } from '../fixtures/seedLayouts';
import { writeExcelJs } from '../fixtures/writers';
import { REPO_ROOT, runPlanbench, tempDir } from '../helpers';

/** `planbench import` as a user runs it, and a kill in the middle of a large import. */

const { dir, cleanup } = tempDir();
let planFile: string;
let projectsFile: string;

function planHash(): string {
  return createHash('sha256').update(fs.readFileSync(planFile)).digest('hex');
}

before(async () => {
  planFile = path.join(dir, 'plan.planbench');
  createSamplePlan(planFile).close();
  projectsFile = path.join(dir, '重点工程表.xlsx');
  await writeExcelJs(projectsLayout(), projectsFile);
});

after(cleanup);

describe('planbench import', () => {
  test('--json reports rows, carried cells, unknowns, the 合计 comparison and problems', async () => {
    const result = await runPlanbench([
      'import',
      planFile,
      projectsFile,
      '--as',
      'projects',
      '--name',
      '重点工程（部门报送）',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      inserted: number;
      sheetName: string;
      summary: { carried: number; unknown: number };
      totals: { columnKey: string | null; stated: string; computed: string; matches: boolean }[];
      problems: unknown[];
    };
    assert.equal(report.ok, true);
    assert.equal(report.inserted, 88);
    assert.equal(report.sheetName, '重点工程（部门报送）');
    assert.equal(report.summary.unknown, 18);
    assert.ok(report.summary.carried >= 70);
    const total = report.totals.find((check) => check.columnKey === 'investment')!;
    assert.deepEqual([total.stated, total.computed, total.matches], ['3309473.59', '3309473.59', true]);
    assert.ok(Array.isArray(report.problems));
  });

  test('text output; a cell that cannot be read is listed with sheet, row, column, value and why', async () => {
    const layout = projectsLayout();
    // Row 7 of the sheet is project 3; its amount becomes text the column cannot read.
    layout.rows[6]![6] = '一百万';
    const file = path.join(dir, '有错.xlsx');
    await writeExcelJs(layout, file);
    const result = await runPlanbench(['import', planFile, file, '--as', 'projects']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /导入 88 行/);
    assert.match(result.stdout, /合计核对/);
    assert.match(result.stdout, /无法读取的单元格 1 个/);
    assert.match(result.stdout, /工作表 附表 第 7 行 G 列「投资匡算」“一百万”：“一百万”不是金额/);
  });

  test('a bad file exits 1 with its message and leaves the plan byte-for-byte unchanged', async () => {
    const file = path.join(dir, '加密.xlsx');
    fs.writeFileSync(
      file,
      compoundFile([
        { name: 'EncryptionInfo', data: Buffer.alloc(4096) },
        { name: 'EncryptedPackage', data: Buffer.alloc(4096) },
      ]),
    );
    const before = planHash();
    const result = await runPlanbench(['import', planFile, file, '--into', '重点工程']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /受密码保护.*password-protected.*文件 加密\.xlsx/s);
    assert.equal(planHash(), before);
    const missing = await runPlanbench(['import', planFile, path.join(dir, 'nope.xlsx')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /找不到文件“nope\.xlsx”/);
    assert.equal(planHash(), before);
  });

  test('wrong usage exits 2', async () => {
    const both = await runPlanbench(['import', planFile, projectsFile, '--into', '重点工程', '--as', 'projects']);
    assert.equal(both.code, 2);
    const kind = await runPlanbench(['import', planFile, projectsFile, '--as', 'nonsense']);
    assert.equal(kind.code, 2);
  });

  test('killed in the middle of a large import: the plan opens with none of it', async () => {
    const big = path.join(dir, '大表.xlsx');
    fs.writeFileSync(big, largeProjectsXlsx(60_000));
    const store = PlanStore.open(planFile);
    const sheet = store.listSheets().find((candidate) => candidate.name === '重点工程')!;
    const rowsBefore = store.rowCount(sheet.id);
    const lastAction = store.history(1)[0]!.id;
    const sheetsBefore = store.listSheets().length;
    store.close();

    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'planbench.mjs'), 'import', planFile, big, '--into', '重点工程'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const outcome = await new Promise<{ killed: boolean; code: number | null; signal: NodeJS.Signals | null }>(
      (resolve) => {
        let killed = false;
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          // The first progress line is printed from inside the transaction, after 2,000 rows.
          if (!killed && /正在写入 \d+\/60000/.test(stderr)) {
            killed = true;
            child.kill('SIGKILL');
          }
        });
        child.on('close', (code, signal) => resolve({ killed, code, signal }));
      },
    );
    assert.equal(outcome.killed, true, `the import never reported progress: ${stderr}`);
    assert.equal(outcome.signal, 'SIGKILL', 'the import was still running when it was killed');

    const reopened = PlanStore.open(planFile);
    try {
      assert.equal(reopened.rowCount(sheet.id), rowsBefore, 'no row of the killed import is in the plan');
      assert.equal(reopened.history(1)[0]!.id, lastAction, 'no action was logged');
      assert.equal(reopened.listSheets().length, sheetsBefore);
    } finally {
      reopened.close();
    }
  });
});
