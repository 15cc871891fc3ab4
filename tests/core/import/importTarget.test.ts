import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { commit, preview, refusal } from '../../fixtures/importHarness';
import { indicatorsLayout, projectsLayout } from '../../fixtures/seedLayouts';
import { writeExcelJs } from '../../fixtures/writers';
import { runPlanbench, tempDir } from '../../helpers';

/**
 * The target of an append or update: the preview ranks the plan's sheets by how well the file's
 * columns fit them (the wizard's default), and an update whose key does not identify the sheet's
 * rows — the project table matched on 序号 against the indicators — is refused before anything
 * is written.
 */

const { dir, cleanup } = tempDir();
let store: PlanStore;
let projectsFile: string;
let firstProjectsFile: string;

function sheetId(name: string): number {
  return store.listSheets().find((sheet) => sheet.name === name)!.id;
}

before(async () => {
  store = createSamplePlan(path.join(dir, 'plan.planbench'));
  projectsFile = path.join(dir, '重点工程.xlsx');
  await writeExcelJs(projectsLayout(), projectsFile);
  // The first 30 projects only: every 序号 exists among the 41 indicators too.
  const first = projectsLayout();
  first.rows = first.rows.slice(0, 4 + 30);
  first.merges = first.merges.filter((range) => Number(/\d+$/.exec(range)![0]) <= 34);
  firstProjectsFile = path.join(dir, '重点工程（前30项）.xlsx');
  await writeExcelJs(first, firstProjectsFile);
});

after(() => {
  store.close();
  cleanup();
});

describe('import target', () => {
  test('the sheets are ranked by how well the file’s columns fit them: projects → 重点工程, indicators → 指标体系', async () => {
    const shown = await preview(store, projectsFile, { kind: 'new', name: '新表', sheetKind: 'table' });
    assert.equal(shown.sheetFits[0]?.sheetName, '重点工程');
    assert.ok(shown.sheetFits[0]!.score > shown.sheetFits.find((fit) => fit.sheetName === '指标体系')!.score);
    const indicatorsFile = path.join(dir, '指标体系.xlsx');
    await writeExcelJs(indicatorsLayout(), indicatorsFile);
    const indicators = await preview(store, indicatorsFile, { kind: 'new', name: '新表2', sheetKind: 'table' });
    assert.equal(indicators.sheetFits[0]?.sheetName, '指标体系');
  });

  test('an update of 指标体系 from the project table (序号 mostly not found) is refused, nothing written', async () => {
    const before = store.listRows(sheetId('指标体系'), 0, 100).rows;
    const latest = store.latestActionId();
    const shown = await preview(store, projectsFile, {
      kind: 'update',
      sheetId: sheetId('指标体系'),
      keyColumn: 'seq',
    });
    assert.ok(shown.refusal, 'the preview says the key does not fit');
    assert.match(shown.refusal!.zh, /键列“序号”与工作表“指标体系”不符/);
    assert.match(shown.refusal!.en, /does not fit sheet "指标体系"/);
    const error = await refusal({ store, edition: 'cli' }, 'import.commit', { previewId: shown.previewId });
    assert.match(error.messageZh, /不符/);
    assert.deepEqual(store.listRows(sheetId('指标体系'), 0, 100).rows, before, 'no indicator changed');
    assert.equal(store.latestActionId(), latest, 'nothing was logged');
  });

  test('an update whose 序号 all exist but name other items (30 projects onto 41 indicators) is refused', async () => {
    const before = store.listRows(sheetId('指标体系'), 0, 100).rows;
    const shown = await preview(store, firstProjectsFile, {
      kind: 'update',
      sheetId: sheetId('指标体系'),
      keyColumn: 'seq',
    });
    assert.ok(shown.refusal, 'the preview says the rows are other rows');
    assert.match(shown.refusal!.zh, /指标名称与工作表“指标体系”不同/);
    await refusal({ store, edition: 'cli' }, 'import.commit', { previewId: shown.previewId });
    assert.deepEqual(store.listRows(sheetId('指标体系'), 0, 100).rows, before);
  });

  test('the CLI refuses the same update with exit 1 and leaves the plan byte-identical', async () => {
    const plan = path.join(dir, 'cli.planbench');
    createSamplePlan(plan).close();
    const bytes = fs.readFileSync(plan);
    const result = await runPlanbench(['import', plan, projectsFile, '--into', '指标体系', '--key', '序号']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /键列“序号”与工作表“指标体系”不符/);
    assert.match(result.stderr, /does not fit sheet "指标体系"/);
    assert.ok(fs.readFileSync(plan).equals(bytes), 'nothing was written');
  });

  test('the right sheet and key: no refusal, the update commits', async () => {
    const layout = projectsLayout();
    layout.rows[4]![6] = 4700;
    const file = path.join(dir, '重点工程（返回）.xlsx');
    await writeExcelJs(layout, file);
    const shown = await preview(store, file, { kind: 'update', sheetId: sheetId('重点工程'), keyColumn: 'seq' });
    assert.equal(shown.refusal, null);
    const result = await commit(store, shown.previewId);
    assert.equal(result.cellsChanged, 1);
  });
});
