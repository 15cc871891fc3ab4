import { useSyncExternalStore } from 'react';
import { planModel } from './planModel';
import type { PlanState } from './planState';

/**
 * A part of the plan model, read in a component that is drawn again when that part changes.
 * `select` must return a part of the state as it is (not a new object), so that an unrelated
 * change leaves the component alone.
 */
export function usePlanState<T>(select: (state: PlanState) => T): T {
  return useSyncExternalStore(planModel.subscribe, () => select(planModel.getState()));
}
