/**
 * More promises of the indicator check (electron/core/checks/indicators.ts), written against the
 * mutants the earlier tests let through: a standard limited to counties applies to a county's
 * plan, and a plan that names neither a city nor a county meets no limited standard.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';
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
