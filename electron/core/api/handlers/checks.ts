import type { checksCalls } from '../../../../shared/contract/calls/checks';
import { PlanbenchError } from '../../../../shared/contract/errors';
import { allocationView, buildAllocation } from '../../checks/allocation';
import { dashboard } from '../../views/dashboard';
import { addDeclaredCheck } from '../../checks/declare';
import { departmentRows } from '../../views/departments';
import { engineFor } from '../../checks/engine';
import { byUrgency, summarize } from '../../checks/results';
import { rollup, rollupToSheet } from '../../views/rollup';
import { spreadIntoCells } from '../../checks/spreadCells';
import type { HandlersFor } from '../context';

/** Checks, roll-ups, the by-department view, allocation matrices and the dashboard. */
export const checksHandlers: HandlersFor<typeof checksCalls> = {
  'checks.run': ({ store }, { sheetId }) => {
    if (sheetId !== undefined) store.assertSheet(sheetId);
    const results = engineFor(store).run(sheetId);
    return { results: byUrgency(results), summary: summarize(results) };
  },

  'checks.addDeclared': ({ store }, input) => ({ check: addDeclaredCheck(store, input) }),

  'rollup.get': ({ store }, input) => rollup(engineFor(store), input),

  'rollup.toSheet': ({ store }, input) => rollupToSheet(store, engineFor(store), input),

  'departments.rows': ({ store }, { department }) => departmentRows(store, engineFor(store), department),

  'allocation.get': ({ store }, { sheetId }) => {
    store.assertSheet(sheetId);
    const engine = engineFor(store);
    const results = engine.run(sheetId);
    const sheet = engine.sheet(sheetId);
    if (!sheet) throw PlanbenchError.of('not_found', `找不到工作表（${sheetId}）`, `no such sheet (${sheetId})`);
    const declared = store.listDeclaredChecks().filter((check) => check.sheetId === sheetId);
    const checks = results.filter((result) => result.kind.startsWith('allocation') || result.kind === 'rule');
    return allocationView(buildAllocation(sheet), declared, byUrgency(checks));
  },

  'allocation.spread': ({ store }, input) => spreadIntoCells(store, engineFor(store), input),

  'dashboard.get': ({ store }) => dashboard(store, engineFor(store)),
};
