import type { supervisionCalls } from '../../../../shared/contract/calls/supervision';
import { planThresholds, setPlanThresholds, sheetProgress, today } from '../../supervision/progress';
import type { HandlersFor } from '../context';

/** Supervision (督查督办): statuses as of a date, and the plan's thresholds. */
export const supervisionHandlers: HandlersFor<typeof supervisionCalls> = {
  'supervision.progress': ({ store }, { sheetId, asOf }) => sheetProgress(store, sheetId, asOf ?? today()),
  'supervision.thresholds.get': ({ store }) => ({ thresholds: planThresholds(store) }),
  'supervision.thresholds.set': ({ store }, { thresholds }) => ({ thresholds: setPlanThresholds(store, thresholds) }),
};
