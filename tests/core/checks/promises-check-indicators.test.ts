/**
 * More promises of the indicator check (electron/core/checks/indicators.ts), written against the
 * mutants the earlier tests let through: a standard limited to counties applies to a county's
 * plan, and a plan that names neither a city nor a county meets no limited standard; a value in
 * % is judged when the indicator's unit is %; targets come in year order, and a target without a year
 * is not given one.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';
import type { SheetInit } from '../../../electron/core/store/planStore';
import { byKind, INDICATORS, resultsOf } from './checkResultsFixture';

describe('promise: a standard limited to a city or a county applies only to a plan of that kind', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;

  before(() => {
    store = PlanStore.create(path.join(dir, 'scopes.planbench'), { title: '规划' });
  });
  after(() => {
    store.close();
    cleanup();
  });

  /** The status of each indicator on a plan with this title. */
  function statuses(title: string): string[] {
    store.setMeta({ title, issuer: '' });
    const sheetId = store.createSheet({ ...INDICATORS, name: `指标${Math.random()}` });
    store.insertRows(
      sheetId,
      [
        { cells: { name: '县级指标', standard: '县≥95', baseline: '96', compliance: '达标' } },
        { cells: { name: '市级指标', standard: '市≥95', baseline: '96', compliance: '达标' } },
      ],
      { source: 'system' },
    );
    return byKind(resultsOf(store, sheetId), 'indicatorStatus').map((result) => `${result.label} ${result.status}`);
  }

  test('a county’s plan meets a county’s standard, not a city’s', () => {
    assert.deepEqual(statuses('金坛县生态文明建设规划'), ['指标 县级指标 pass', '指标 市级指标 notEvaluable']);
  });

  test('a plan naming neither meets neither', () => {
    assert.deepEqual(statuses('生态文明建设规划'), ['指标 县级指标 notEvaluable', '指标 市级指标 notEvaluable']);
  });
});

describe('promise: an indicator is judged in its own unit, milestone by milestone in year order', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;
  const SHEET: SheetInit = {
    name: '指标',
    kind: 'indicators',
    columns: [
      { key: 'name', name: '指标名称', type: 'text', role: 'name' },
      { key: 'unit', name: '单位', type: 'text', role: 'unit' },
      { key: 'standard', name: '指标值', type: 'text', role: 'standard' },
      { key: 'baseline', name: '现状值', type: 'text', role: 'baseline' },
      { key: 't2035', name: '2035年', type: 'text', role: 'target', settings: { year: 2035 } },
      { key: 't2025', name: '2025年', type: 'text', role: 'target', settings: { year: 2025 } },
      { key: 'later', name: '远期', type: 'text', role: 'target' },
      { key: 't2030', name: '2030年', type: 'text', role: 'target', settings: { year: 2030 } },
      { key: 'compliance', name: '达标情况', type: 'text', role: 'compliance' },
    ],
  };

  before(() => {
    store = PlanStore.create(path.join(dir, 'milestones.planbench'), { title: '规划' });
    store.setMeta({ baseYear: 2020 });
    sheetId = store.createSheet(SHEET);
    store.insertRows(
      sheetId,
      [
        {
          cells: {
            name: '森林覆盖率',
            unit: '%',
            standard: '≥95',
            baseline: '96%',
            t2035: '97%',
            t2025: '96%',
            later: '98%',
            t2030: '96.5%',
            compliance: '达标',
          },
        },
      ],
      { source: 'system' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('a value written with % is judged when the unit is %', () => {
    const [result] = byKind(resultsOf(store, sheetId), 'indicatorStatus');
    assert.equal(result!.status, 'pass');
  });

  test('milestones: 现状值 in the base year, then the targets by year; a target without a year has none', () => {
    const [result] = byKind(resultsOf(store, sheetId), 'indicatorStatus');
    assert.deepEqual(
      (result!.milestones ?? []).map((milestone) => [milestone.label, milestone.year]),
      [
        ['现状值', 2020],
        ['远期', null],
        ['2025年', 2025],
        ['2030年', 2030],
        ['2035年', 2035],
      ],
    );
  });
});

describe('promise: a sheet with standards but no values to judge has no indicator results', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('指标值 without 现状值 or targets: nothing judged, nothing failed', () => {
    const store = PlanStore.create(path.join(dir, 'standards-only.planbench'), { title: '规划' });
    try {
      const sheetId = store.createSheet({
        name: '指标',
        kind: 'indicators',
        columns: [
          { key: 'name', name: '指标名称', type: 'text', role: 'name' },
          { key: 'standard', name: '指标值', type: 'text', role: 'standard' },
          { key: 'compliance', name: '达标情况', type: 'text', role: 'compliance' },
        ],
      });
      store.insertRows(sheetId, [{ cells: { name: '森林覆盖率', standard: '≥95', compliance: '达标' } }], {
        source: 'system',
      });
      assert.deepEqual(byKind(resultsOf(store, sheetId), 'indicatorStatus'), []);
    } finally {
      store.close();
    }
  });
});

describe('promise: an indicator without a name column is judged and labelled by its 序号', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('no 指标名称 column: the label is the 序号, the judgement the same', () => {
    const store = PlanStore.create(path.join(dir, 'unnamed.planbench'), { title: '规划' });
    try {
      const sheetId = store.createSheet({
        name: '指标',
        kind: 'indicators',
        columns: [
          { key: 'seq', name: '序号', type: 'text', role: 'seq' },
          { key: 'standard', name: '指标值', type: 'text', role: 'standard' },
          { key: 'baseline', name: '现状值', type: 'text', role: 'baseline' },
        ],
      });
      store.insertRows(sheetId, [{ cells: { seq: '7', standard: '≥95', baseline: '90' } }], { source: 'system' });
      const [result] = byKind(resultsOf(store, sheetId), 'indicatorStatus');
      assert.deepEqual([result!.label, result!.status, result!.computed], ['指标 7', 'warn', '不达标']);
    } finally {
      store.close();
    }
  });
});

describe('promise: 不涉及 recorded as 不达标 is a warning too', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('a value that does not apply, recorded as not met: a warning naming the record', () => {
    const store = PlanStore.create(path.join(dir, 'not-applicable.planbench'), { title: '规划' });
    try {
      const sheetId = store.createSheet(INDICATORS);
      store.insertRows(
        sheetId,
        [{ cells: { name: '农村治理', standard: '≥70', baseline: '不涉及', compliance: '不达标' } }],
        { source: 'system' },
      );
      const [result] = byKind(resultsOf(store, sheetId), 'indicatorStatus');
      assert.deepEqual(
        [result!.status, result!.messageZh],
        ['warn', '现状值（2020年）为“不涉及”，但达标情况记为“不达标”'],
      );
    } finally {
      store.close();
    }
  });
});
