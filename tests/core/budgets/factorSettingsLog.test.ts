import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { changesForOthers } from '../../../electron/core/api/changes';
import { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { createFactorPlan } from '../../fixtures/factorPlan';
import { tempDir } from '../../helpers';

/**
 * A factor allocation's settings (total, weights, rounding, floors, caps) are in the change log:
 * changing one is one action with the re-allocation, undo and redo restore both, also after the
 * plan is reopened; history shows it and other windows are told the sheet's setup changed.
 */
describe('factor allocation settings in the change log', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  const first = {
    total: '1000万',
    weights: [
      { column: '常住人口', weight: '50%' },
      { column: '服务对象数', weight: '30%' },
      { column: '绩效评价得分', weight: '20%' },
    ],
    into: '分配额',
    unit: '元' as const,
    floorColumn: null,
    capColumn: null,
  };
  const second = { ...first, total: '800万' };
  const third = { ...second, weights: [{ column: '常住人口', weight: '100%' }] };

  test('a new total or weight is one action with its shares; undo, redo and reopen restore both', async () => {
    const file = path.join(dir, 'settings.planbench');
    const created = createFactorPlan(file);
    const sheetId = created.sheetId;
    let store = created.store;
    let context: ApiContext = { store, edition: 'cli' };
    const shares = () => store.listRows(sheetId, 0, 10).rows.map((row) => String(row.cells['share']?.value ?? ''));
    const saved = async () => (await callApi(context, 'allocation.factors.get', { sheetId })).settings;
    try {
      await callApi(context, 'allocation.factors.run', { sheetId, settings: first });
      const firstShares = shares();
      const beforeId = store.latestActionId();
      await callApi(context, 'allocation.factors.run', { sheetId, settings: second });
      const secondShares = shares();
      assert.notDeepEqual(secondShares, firstShares);
      assert.equal(store.latestActionId(), beforeId + 1, 'the new total and its shares are one action');

      // History shows the setting beside the shares it produced.
      const [newest] = (await callApi(context, 'history.list', { limit: 1 })).actions;
      const setting = newest!.changes.find((change) => change.kind === 'sheetSetting');
      assert.ok(setting, 'the settings change is logged');
      assert.equal(setting.columnKey, 'factorAllocation');
      assert.deepEqual(setting.before, { value: first });
      assert.deepEqual(setting.after, { value: second });
      assert.equal(newest!.changes.filter((change) => change.kind === 'cell').length, 7);

      // Another window is told the sheet's setup changed, with the new shares.
      const others = changesForOthers(store, beforeId, store.latestActionId());
      const sheet = others.sheets.find((changed) => changed.sheetId === sheetId);
      assert.ok(sheet?.columns, 'other windows re-read the sheet’s setup');
      assert.equal(sheet.cells.length, 7);

      await callApi(context, 'history.undo', {});
      assert.deepEqual(await saved(), first);
      assert.deepEqual(shares(), firstShares);
      await callApi(context, 'history.redo', {});
      assert.deepEqual(await saved(), second);
      assert.deepEqual(shares(), secondShares);

      await callApi(context, 'allocation.factors.run', { sheetId, settings: third });
      const thirdShares = shares();
      store.close();
      store = PlanStore.open(file);
      context = { store, edition: 'cli' };
      assert.deepEqual(await saved(), third);
      await callApi(context, 'history.undo', {});
      assert.deepEqual(await saved(), second, 'undo after reopening restores the weights');
      assert.deepEqual(shares(), secondShares);
      // A factor edited now re-allocates by the restored settings, not the undone ones.
      const rowId = store.listRows(sheetId, 0, 10).rows[0]!.id;
      await callApi(context, 'cell.update', { sheetId, rowId, columnKey: 'clients', text: '1' });
      const rerun = await callApi(context, 'allocation.factors.run', { sheetId, settings: second });
      assert.equal(rerun.actionId, null, 'the edit already re-allocated by the restored settings');
      await callApi(context, 'history.undo', {});
      await callApi(context, 'history.redo', {});
      await callApi(context, 'history.undo', {});
      await callApi(context, 'history.undo', {});
      assert.deepEqual(await saved(), first);
      await callApi(context, 'history.undo', {});
      assert.equal(await saved(), null, 'undoing the first allocation removes the settings');
      assert.deepEqual(new Set(shares()), new Set(['']));
      assert.notDeepEqual(thirdShares, secondShares);
    } finally {
      store.close();
    }
  });

  test('running the same settings again logs nothing new', async () => {
    const { store, sheetId } = createFactorPlan(path.join(dir, 'same.planbench'));
    const context: ApiContext = { store, edition: 'cli' };
    try {
      await callApi(context, 'allocation.factors.run', { sheetId, settings: first });
      const again = await callApi(context, 'allocation.factors.run', { sheetId, settings: first });
      assert.equal(again.actionId, null);
    } finally {
      store.close();
    }
  });
});
