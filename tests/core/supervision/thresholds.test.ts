import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { PlanStore } from '../../../electron/core/store/planStore';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { kindColumns } from '../../../shared/model/sheetKinds';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * The plan's thresholds for 滞后 and 严重滞后 set by the user: stored with the plan, one action in
 * the change log (named, undone and redone like any edit), and a bad value refused with nothing
 * written.
 */
describe('supervision thresholds', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let sheetId: number;
  const call = <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => callApi(context, name, input);
  /** Row 1 is 16 points behind the time elapsed on 2025-04-30 (see the CLI's test of the same rows). */
  const statusOfRow1 = async () =>
    (await call('supervision.progress', { sheetId, asOf: '2025-04-30' })).rows[0]!.status;

  before(() => {
    store = PlanStore.create(path.join(dir, 'thresholds.planbench'), {
      title: '阈值',
      periodStart: 2025,
      periodEnd: 2025,
    });
    context = { store, edition: 'cli' };
    sheetId = store.createSheet({ name: '重点任务', kind: 'tasks', description: '', columns: kindColumns('tasks') });
    store.insertRows(
      sheetId,
      [{ cells: { seq: '1', item: '任务', start: '2025年1月', deadline: '2025年6月底', rate: '50' } }],
      { source: 'user', label: 'test' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('setting them is one named action in the log; undo brings back the defaults and redo the new ones', async () => {
    assert.equal(await statusOfRow1(), 'behind');
    const logged = store.history(1000).length;
    await call('supervision.thresholds.set', { thresholds: { behind: 20, seriouslyBehind: 40 } });
    assert.deepEqual((await call('supervision.thresholds.get', {})).thresholds, { behind: 20, seriouslyBehind: 40 });
    assert.equal(await statusOfRow1(), 'on_track');
    const [action] = store.history(1);
    assert.equal(store.history(1000).length, logged + 1);
    assert.match(action!.label, /督查阈值改为滞后 20、严重滞后 40 个百分点/);
    assert.equal((await call('history.state', {})).undo?.label, action!.label);

    await call('history.undo', {});
    assert.deepEqual((await call('supervision.thresholds.get', {})).thresholds, { behind: 10, seriouslyBehind: 30 });
    assert.equal(await statusOfRow1(), 'behind');
    await call('history.redo', {});
    assert.deepEqual((await call('supervision.thresholds.get', {})).thresholds, { behind: 20, seriouslyBehind: 40 });

    // The same values again change nothing and log nothing.
    const count = store.history(1000).length;
    await call('supervision.thresholds.set', { thresholds: { behind: 20, seriouslyBehind: 40 } });
    assert.equal(store.history(1000).length, count);
  });

  test('yellow not below red or a negative value is refused, and nothing is written', async () => {
    const count = store.history(1000).length;
    for (const thresholds of [
      { behind: 30, seriouslyBehind: 30 },
      { behind: 40, seriouslyBehind: 30 },
      { behind: -1, seriouslyBehind: 30 },
    ]) {
      const response = await dispatch(context, 'supervision.thresholds.set', { thresholds });
      assert.equal(response.ok, false, JSON.stringify(thresholds));
    }
    assert.equal(store.history(1000).length, count);
    assert.deepEqual((await call('supervision.thresholds.get', {})).thresholds, { behind: 20, seriouslyBehind: 40 });
  });
});
