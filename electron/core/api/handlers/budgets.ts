import type { budgetsCalls } from '../../../../shared/contract/calls/budgets';
import { fenToDecimal } from '../../../../shared/values/money';
import { applyCostSharing } from '../../budgets/costSharing';
import { writeDistrictShares } from '../../budgets/districtSharing';
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

  'costSharing.districts': ({ store }, { sheetId, districtSheetId, by, name }) => {
    store.assertSheet(sheetId);
    store.assertSheet(districtSheetId);
    const result = writeDistrictShares(store, { sourceSheetId: sheetId, districtSheetId, basis: by }, name);
    const yuan = (fen: bigint) => fenToDecimal(fen, '元');
    return {
      ...result,
      items: result.items.map((item) => ({
        label: item.label,
        districtShare: yuan(item.districtFen),
        shares: item.shares.map(yuan),
      })),
    };
  },
};
