import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChangeEnvelope } from '../../../shared/contract/changes';
import type { ApiInput, ApiName } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { PlanState } from '../../../renderer/src/data/planState';
import { applyChanges, EMPTY_PLAN_STATE } from '../../../renderer/src/data/planState';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * The renderer's plan model applying the envelopes the real dispatcher returns: after each
 * mutation, the model's picture equals what reading the plan again would give.
 */
describe('the plan model applies what each mutation changed', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let projects: number;

  async function changesOf<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ChangeEnvelope> {
    const response = await dispatch(context, name, input);
    if (!response.ok) throw new PlanbenchError(response.error);
    assert.ok(response.changes);
    return response.changes;
  }
  /** The model as a window has it after opening the plan on the projects sheet. */
  async function opened(): Promise<PlanState> {
    const plan = await callApi(context, 'plan.get', {});
    const detail = await callApi(context, 'sheet.get', { sheetId: projects });
    const { totals } = await callApi(context, 'sheet.totals', { sheetId: projects });
    return {
      ...EMPTY_PLAN_STATE,
      plan,
      undo: await callApi(context, 'history.state', {}),
      details: new Map([[projects, detail]]),
      totals: new Map([[projects, totals]]),
    };
  }
  /** What reading everything again gives, for comparison. */
  async function reread(state: PlanState) {
    return {
      sheets: (await callApi(context, 'plan.get', {})).sheets,
      detail: await callApi(context, 'sheet.get', { sheetId: projects }),
      totals: (await callApi(context, 'sheet.totals', { sheetId: projects })).totals,
      undo: await callApi(context, 'history.state', {}),
      model: {
        sheets: state.plan?.sheets,
        detail: state.details.get(projects),
        totals: state.totals.get(projects),
        undo: state.undo,
      },
    };
  }

  before(() => {
    const file = path.join(dir, 'model.planbench');
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    context = { store, edition: 'cli' };
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('edits, inserted rows, a new column, undo and redo: the model equals the plan read again', async () => {
    let state = await opened();
    const rowId = store.listRows(projects, 0, 1).rows[0]!.id;
    const steps: [ApiName, unknown][] = [
      ['cell.update', { sheetId: projects, rowId, columnKey: 'investment', text: '约321.5' }],
      ['rows.insert', { sheetId: projects, place: { at: 'end' }, count: 3 }],
      ['columns.add', { sheetId: projects, name: '备用金额', type: 'money' }],
      ['history.undo', {}],
      ['history.undo', {}],
      ['history.redo', {}],
      ['sheets.rename', { sheetId: projects, name: '重点工程项目' }],
    ];
    for (const [name, input] of steps) {
      state = applyChanges(state, await changesOf(name, input as never));
      const now = await reread(state);
      assert.deepEqual(
        now.model,
        { sheets: now.sheets, detail: now.detail, totals: now.totals, undo: now.undo },
        `after ${name}`,
      );
    }
    assert.equal(state.changes, steps.length);
  });

  test('the plan’s details follow an edit of them, and its undo (the header and the window title read them)', async () => {
    let state = await opened();
    const title = state.plan!.meta.title;
    state = applyChanges(
      state,
      await changesOf('plan.meta.set', { title: '改过的规划名称', docNumber: '常政发〔2026〕1号' }),
    );
    assert.equal(state.plan?.meta.title, '改过的规划名称');
    assert.deepEqual(state.plan?.meta, (await callApi(context, 'plan.get', {})).meta);
    state = applyChanges(state, await changesOf('history.undo', {}));
    assert.equal(state.plan?.meta.title, title);
    assert.deepEqual(state.plan?.meta, (await callApi(context, 'plan.get', {})).meta);
    const edit = await changesOf('cell.update', {
      sheetId: projects,
      rowId: store.listRows(projects, 0, 1).rows[0]!.id,
      columnKey: 'name',
      text: '只改一个单元格',
    });
    assert.equal(edit.meta, null, 'a cell edit does not send the details again');
  });

  test('checks come with a change once they have run; before that the model knows they are stale', async () => {
    const rowId = store.listRows(projects, 0, 1).rows[0]!.id;
    let state = applyChanges(
      await opened(),
      await changesOf('cell.update', { sheetId: projects, rowId, columnKey: 'investment', text: '1' }),
    );
    const ran = await callApi(context, 'checks.run', {});
    assert.equal(state.checksStale, true, 'the checks had never run: the change could not carry them');
    state = { ...state, checks: { summary: ran.summary, results: ran.results }, checksStale: false };
    state = applyChanges(
      state,
      await changesOf('cell.update', { sheetId: projects, rowId, columnKey: 'investment', text: '99999' }),
    );
    const now = await callApi(context, 'checks.run', {});
    assert.deepEqual(state.checks, { summary: now.summary, results: now.results });
    assert.equal(state.checksStale, false);
    // A layout changes no figure: the checks stay as they were, and are not stale.
    const kept = applyChanges(
      state,
      await changesOf('columns.layout', { sheetId: projects, layout: [{ key: 'name', width: 300 }] }),
    );
    assert.equal(kept.checks, state.checks);
    assert.equal(kept.checksStale, false);
  });
});
