import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import { PlanStore } from '../../electron/core/store/planStore';
import type { PolicyDocuments } from '../fixtures/policyDocuments';
import { policyDocuments } from '../fixtures/policyDocuments';
import { runPlanbench, tempDir } from '../helpers';

/** `planbench import PLAN FILE.docx|.doc|.pdf|.txt --as tasks --name NAME [--json]` as a user runs it. */

const { dir, cleanup } = tempDir();
let planFile: string;
let documents: PolicyDocuments;

const planHash = () => createHash('sha256').update(fs.readFileSync(planFile)).digest('hex');

before(() => {
  planFile = path.join(dir, 'plan.planbench');
  createSamplePlan(planFile).close();
  documents = policyDocuments();
});

after(cleanup);

describe('planbench import of a policy document', () => {
  test('a .doc becomes a 任务分解 sheet of its 47 tasks (--json)', async () => {
    const result = await runPlanbench([
      'import',
      planFile,
      documents.workplan.doc,
      '--as',
      'tasks',
      '--name',
      '2023年工作方案分解',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      inserted: number;
      sheetName: string;
      preview: { from: string };
    };
    assert.equal(report.inserted, 47);
    assert.equal(report.sheetName, '2023年工作方案分解');
    assert.equal(report.preview.from, 'body');
    const store = PlanStore.open(planFile);
    try {
      const sheet = store.listSheets().find((candidate) => candidate.name === '2023年工作方案分解')!;
      assert.equal(sheet.kind, 'tasks');
      assert.equal(sheet.rowCount, 47);
    } finally {
      store.close();
    }
  });

  test('the human report names the file, the sheet and the count', async () => {
    const result = await runPlanbench(['import', planFile, documents.autism.docx, '--as', 'tasks']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /已从“autism\.docx”（docx）分解出 33 项任务/);
    assert.match(result.stdout, /文档中的任务分解表/);
  });

  test('a scanned PDF is refused with exit code 1 and the plan is not touched', async () => {
    const before = planHash();
    const result = await runPlanbench(['import', planFile, documents.scanned, '--as', 'tasks']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /没有文字层/);
    assert.match(result.stderr, /scanned\.pdf/);
    assert.equal(planHash(), before);
  });

  test('wrong usage is exit code 2: a document as another kind, or with --into', async () => {
    const before = planHash();
    const asProjects = await runPlanbench(['import', planFile, documents.workplan.docx, '--as', 'projects']);
    assert.equal(asProjects.code, 2);
    assert.match(asProjects.stderr, /--as tasks/);
    const into = await runPlanbench(['import', planFile, documents.workplan.docx, '--into', '重点工程']);
    assert.equal(into.code, 2);
    assert.equal(planHash(), before);
  });
});
