import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { PreviewRow } from '../../../shared/contract/calls/importing';
import { allRows, commit, preview } from '../../fixtures/importHarness';
import { projectsLayout } from '../../fixtures/seedLayouts';
import { writeExcelJs } from '../../fixtures/writers';
import { tempDir } from '../../helpers';

/**
 * The 88-project table as it comes from a printed page or a copy that lost its merges: 大类/小类
 * blank under their first row (grouping columns: carried down), 项目名称 blank where the merge was
 * (rows of projects 52, 54 and 56: cannot be known, so flagged), and explicit "同上" / "〃" marks.
 */

const { dir, cleanup } = tempDir();
let store: PlanStore;

before(() => {
  store = createSamplePlan(path.join(dir, 'plan.planbench'));
});
after(() => {
  store.close();
  cleanup();
});

/** The file row of project `seq` (the layout has the title, the header and a 合计 row first). */
const rowOf = (seq: number) => seq + 4;

function bySeq(rows: readonly PreviewRow[], seq: number): PreviewRow {
  return rows.find((row) => row.r === rowOf(seq))!;
}

describe('same as above', () => {
  test('merges lost: categories carried down, blank names flagged (never a project without a name silently)', async () => {
    const layout = projectsLayout();
    layout.merges = layout.merges.filter((range) => !/^[ACD]\d/.test(range));
    const file = path.join(dir, '重点工程（无合并）.xlsx');
    await writeExcelJs(layout, file);
    const shown = await preview(store, file, { kind: 'new', name: '无合并', sheetKind: 'projects' });
    const rows = await allRows(store, shown.previewId);
    assert.equal(rows.filter((row) => row.cells.category?.text === '').length, 0, 'every 大类 is carried down');
    assert.equal(bySeq(rows, 2).cells.category?.text, bySeq(rows, 1).cells.category?.text);
    const flagged = shown.problems.filter((problem) => problem.kind === 'nameMissing');
    assert.deepEqual(
      flagged.map((problem) => problem.r),
      [52, 54, 56].map(rowOf),
    );
    assert.equal(flagged[0]!.columnName, '项目名称');
    assert.match(flagged[0]!.zh, /项目名称为空/);
    assert.match(flagged[0]!.en, /cannot be known/);
  });

  test('explicit 同上 and 〃 marks take the value above, in any column, and are said', async () => {
    const layout = projectsLayout();
    const name = 3;
    const investment = 6;
    const responsible = 7;
    layout.rows[rowOf(3) - 1]![name] = '同上';
    layout.rows[rowOf(4) - 1]![responsible] = '〃';
    layout.rows[rowOf(5) - 1]![investment] = '同上';
    const file = path.join(dir, '重点工程（同上）.xlsx');
    await writeExcelJs(layout, file);
    const shown = await preview(store, file, { kind: 'new', name: '同上', sheetKind: 'projects' });
    const rows = await allRows(store, shown.previewId);
    assert.equal(bySeq(rows, 3).cells.name?.text, bySeq(rows, 2).cells.name?.text);
    assert.equal(bySeq(rows, 3).cells.name?.issues?.[0]?.kind, 'sameAsAbove');
    assert.equal(bySeq(rows, 4).cells.responsible?.text, bySeq(rows, 3).cells.responsible?.text);
    assert.equal(bySeq(rows, 5).cells.investment?.text, bySeq(rows, 4).cells.investment?.text);
    const amountWarning = shown.problems.find((problem) => problem.kind === 'sameAsAbove' && problem.r === rowOf(5));
    assert.ok(amountWarning, 'an amount copied from above is a warning: it counts twice');
    assert.equal(
      shown.problems.filter((problem) => problem.kind === 'invalid').length,
      0,
      '同上 is not an unreadable number',
    );
    const result = await commit(store, shown.previewId);
    const stored = store.listRows(result.sheetId, 0, 100).rows;
    assert.equal(stored[2]!.cells.name?.text, stored[1]!.cells.name?.text);
    assert.deepEqual(stored[3]!.cells.responsible?.value, stored[2]!.cells.responsible?.value);
  });

  test('同上 with nothing above is flagged, not guessed', async () => {
    const layout = projectsLayout();
    layout.rows[rowOf(1) - 1]![7] = '同上';
    const file = path.join(dir, '重点工程（首行同上）.xlsx');
    await writeExcelJs(layout, file);
    const shown = await preview(store, file, { kind: 'new', name: '首行同上', sheetKind: 'projects' });
    const problem = shown.problems.find((item) => item.kind === 'sameAsAbove' && item.r === rowOf(1));
    assert.ok(problem);
    assert.match(problem!.zh, /上一行此列为空/);
  });
});
