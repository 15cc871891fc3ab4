import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { allRows, commit, preview } from '../../fixtures/importHarness';
import type { Layout } from '../../fixtures/seedLayouts';
import { INDICATORS_EXPECTED, indicatorsLayout, projectsLayout } from '../../fixtures/seedLayouts';
import { writeExcelJs } from '../../fixtures/writers';
import { tempDir } from '../../helpers';

/**
 * The seed's 指标体系 (41 indicators, 17 sub-indicators, two-row header) written in each of the
 * ways departments write sub-indicators: "7.1" under "7", the parent's 序号 repeated, the 序号
 * merged over the sub-rows, "其中", indented names, "(1)"/"①". Each must import as 41 indicators
 * with 17 sub-indicators under them (so a category's count is not doubled) and say so.
 */

const SEQ = 2;
const NAME = 3;
const FIRST_DATA_ROW = 5; // 1-based: a blank row, the title, two header rows

const { dir, cleanup } = tempDir();
let store: PlanStore;

before(() => {
  store = createSamplePlan(path.join(dir, 'plan.planbench'));
});
after(() => {
  store.close();
  cleanup();
});

type Reshape = (seq: string, parentSeq: string, name: string, nth: number) => { seq: string | null; name: string };

/** The indicators layout with each sub-indicator row (7.1, 7.2 …) rewritten by `reshape`. */
function shaped(reshape: Reshape): Layout {
  const layout = indicatorsLayout();
  for (const row of layout.rows.slice(FIRST_DATA_ROW - 1)) {
    const seq = String(row[SEQ] ?? '');
    const dotted = /^(\d+)\.(\d+)$/.exec(seq);
    if (!dotted) continue;
    const next = reshape(seq, dotted[1]!, String(row[NAME]), Number(dotted[2]));
    row[SEQ] = next.seq;
    row[NAME] = next.name;
  }
  return layout;
}

/** Merge the 序号 cell of each parent over its sub-rows (their 序号 cells left empty). */
function mergedSeq(): Layout {
  const layout = shaped((_seq, _parent, name) => ({ seq: null, name }));
  const rows = layout.rows;
  for (let index = FIRST_DATA_ROW - 1; index < rows.length; index++) {
    if (rows[index]![SEQ] === null || rows[index + 1]?.[SEQ] !== null) continue;
    let last = index + 1;
    while (last + 1 < rows.length && rows[last + 1]![SEQ] === null) last++;
    layout.merges.push(`C${index + 1}:C${last + 1}`);
  }
  return layout;
}

const SHAPES: { label: string; layout: () => Layout; how: RegExp }[] = [
  { label: '7.1 under 7', layout: () => indicatorsLayout(), how: /编号 17/ },
  {
    label: 'the parent’s 序号 repeated',
    layout: () => shaped((_seq, parent, name) => ({ seq: parent, name })),
    how: /序号与上级相同 17/,
  },
  { label: 'the 序号 merged over the sub-rows', layout: mergedSeq, how: /序号与上级相同 17/ },
  {
    label: '其中 on the first, the rest without 序号',
    layout: () => shaped((_seq, _parent, name, nth) => ({ seq: null, name: nth === 1 ? `其中：${name}` : name })),
    how: /标“其中” 17/,
  },
  {
    label: 'indented with full-width spaces',
    layout: () => shaped((_seq, _parent, name) => ({ seq: null, name: `\u3000\u3000${name}` })),
    how: /缩进 17/,
  },
  {
    label: 'indented with spaces',
    layout: () => shaped((_seq, _parent, name) => ({ seq: null, name: `    ${name}` })),
    how: /缩进 17/,
  },
  {
    label: '7-1 under 7',
    layout: () => shaped((_seq, parent, name, nth) => ({ seq: `${parent}-${nth}`, name })),
    how: /编号 17/,
  },
  {
    label: '(1), (2) under the parent',
    layout: () => shaped((_seq, _parent, name, nth) => ({ seq: `(${nth})`, name })),
    how: /编号 17/,
  },
  {
    label: '①, ② under the parent',
    layout: () => shaped((_seq, _parent, name, nth) => ({ seq: String.fromCharCode(0x2460 + nth - 1), name })),
    how: /编号 17/,
  },
];

describe('sub-indicators in the shapes departments write them', () => {
  SHAPES.forEach(({ label, layout, how }, index) => {
    test(`${label}: 41 indicators with 17 sub-indicators under them, and the preview says so`, async () => {
      const file = path.join(dir, `指标体系-${index}.xlsx`);
      await writeExcelJs(layout(), file);
      const shown = await preview(store, file, { kind: 'new', name: `指标-${index}`, sheetKind: 'indicators' });
      assert.equal(shown.summary.rows, INDICATORS_EXPECTED.rows);
      assert.equal(shown.summary.childRows, INDICATORS_EXPECTED.subIndicators);
      const notice = shown.notices.find((item) => item.zh.includes('识别出'));
      assert.ok(notice, 'the preview says what it recognised');
      assert.match(notice!.zh, /识别出 17 个子指标/);
      assert.match(notice!.zh, how);
      const rows = await allRows(store, shown.previewId);
      const subs = rows.filter((row) => row.parent !== null);
      assert.deepEqual(
        subs.map((row) => row.cells.seq?.text),
        [
          '7.1',
          '7.2',
          '8.1',
          '8.2',
          '8.3',
          '12.1',
          '12.2',
          '12.3',
          '13.1',
          '13.2',
          '17.1',
          '17.2',
          '26.1',
          '26.2',
          '37.1',
          '37.2',
          '37.3',
        ],
        'numbered as the plan holds them',
      );
      const result = await commit(store, shown.previewId);
      assert.equal(store.childRowCount(result.sheetId), INDICATORS_EXPECTED.subIndicators);
      assert.equal(
        store.rowCount(result.sheetId) - store.childRowCount(result.sheetId),
        INDICATORS_EXPECTED.indicators,
      );
      const stored = store.listRows(result.sheetId, 0, 100).rows;
      const sub = stored.find((row) => row.cells.seq?.text === '8.3')!;
      assert.equal(stored.find((row) => row.id === sub.parentId)?.cells.seq?.text, '8');
      // The domain counts are those of the indicators alone (生态安全 has 10, not 10 + its subs).
      const safety = stored.filter((row) => row.parentId === null && row.cells.domain?.text === '生态安全');
      assert.equal(safety.length, 10);
    });
  });

  test('a project listed twice with the same 序号 and name is not taken for a sub-item', async () => {
    const layout = projectsLayout();
    const copy = [...layout.rows[5]!];
    layout.rows.splice(6, 0, copy);
    const file = path.join(dir, '重点工程-重复.xlsx');
    await writeExcelJs(layout, file);
    const shown = await preview(store, file, { kind: 'new', name: '重点工程-重复', sheetKind: 'projects' });
    assert.equal(shown.summary.childRows, 0);
    assert.equal(shown.summary.rows, 89);
    assert.ok(!shown.notices.some((item) => item.zh.includes('识别出')));
  });
});
