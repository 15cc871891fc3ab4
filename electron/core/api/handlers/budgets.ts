import type { budgetsCalls } from '../../../../shared/contract/calls/budgets';
import { applyCostSharing } from '../../budgets/costSharing';
import { runFactorAllocation, savedFactorSettings } from '../../budgets/factorSheet';
import { createInvestmentPlan } from '../../budgets/investmentPlan';
import type { HandlersFor } from '../context';

/** Budgets: factor-method allocation, the annual investment plan, cost sharing. */
export const budgetsHandlers: HandlersFor<typeof budgetsCalls> = {
  'allocation.factors.get': ({ store }, { sheetId }) => {
    store.assertSheet(sheetId);
    return { settings: savedFactorSettings(store, sheetId) };
  },

  'allocation.factors.run': ({ store }, { sheetId, settings }) => runFactorAllocation(store, sheetId, settings),

  'budget.investmentPlan': ({ store }, { sheetId, name }) => {
    const created = createInvestmentPlan(store, sheetId, name);
    return store.listSheets().find((sheet) => sheet.id === created)!;
  },

  'costSharing.apply': ({ store }, { sheetId }) => applyCostSharing(store, sheetId),
};
