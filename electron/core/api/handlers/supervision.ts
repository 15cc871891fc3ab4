import type { supervisionCalls } from '../../../../shared/contract/calls/supervision';
import { planThresholds, setPlanThresholds, sheetProgress, today } from '../../supervision/progress';
import { openRound, roundFill, roundProgress, roundStatus } from '../../supervision/rounds';
import type { HandlersFor } from '../context';
import { exchangeHandlers } from './exchange';

/** Supervision (督查督办): statuses as of a date or a round, the plan's thresholds, reporting rounds. */
export const supervisionHandlers: HandlersFor<typeof supervisionCalls> = {
  'supervision.progress': ({ store }, { sheetId, asOf, roundId }) => {
    if (roundId === undefined) return sheetProgress(store, sheetId, asOf ?? today());
    const progress = roundProgress(store, roundId, asOf);
    if (progress.sheetId !== sheetId) store.assertSheet(sheetId);
    return progress;
  },
  'supervision.thresholds.get': ({ store }) => ({ thresholds: planThresholds(store) }),
  'supervision.thresholds.set': ({ store }, { thresholds }) => ({ thresholds: setPlanThresholds(store, thresholds) }),

  'rounds.open': ({ store }, input) => openRound(store, input),
  'rounds.list': ({ store }, { sheetId }) => {
    if (sheetId !== undefined) store.assertSheet(sheetId);
    return { rounds: store.rounds.list(sheetId) };
  },
  // The existing send-out, asking for the round's progress columns with the figures the plan has
  // (the last round's, once collected); the round remembers its batch, so returns land in it.
  'rounds.sendout': async (context, { roundId, ...options }) => {
    const round = context.store.rounds.get(roundId);
    const result = await exchangeHandlers['sendout.create'](context, {
      ...options,
      sheetId: round.sheetId,
      fill: roundFill(context.store, round),
      dueDate: round.due,
    });
    context.store.rounds.setBatch(round.id, result.batchId);
    return result;
  },
  'rounds.status': ({ store }, { roundId, today: on }) => roundStatus(store, roundId, on),
};
