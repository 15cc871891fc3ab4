import { useSyncExternalStore } from 'react';
import type { SupervisionStatus } from '../../../../shared/rules/supervision/status';

/**
 * What the grid's 状态 column shows for each sheet, chosen in the 督查 panel: whose figures (the
 * plan as it stands today, or a reporting round's), and which statuses the rows are filtered to
 * (none chosen: every row). Held here, outside both, so the panel and the grid see one choice.
 */
export interface StatusView {
  roundId: number | null;
  shown: ReadonlySet<SupervisionStatus>;
}

const EVERYTHING: StatusView = { roundId: null, shown: new Set() };
const views = new Map<number, StatusView>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function statusViewOf(sheetId: number): StatusView {
  return views.get(sheetId) ?? EVERYTHING;
}

function update(sheetId: number, change: Partial<StatusView>): void {
  views.set(sheetId, { ...statusViewOf(sheetId), ...change });
  for (const listener of listeners) listener();
}

export function useStatusView(sheetId: number): StatusView {
  return useSyncExternalStore(subscribe, () => statusViewOf(sheetId));
}

/** Read the statuses as of today (null) or as a round reported them. */
export function showRound(sheetId: number, roundId: number | null): void {
  update(sheetId, { roundId });
}

/** Add a status to the filter, or take it out again. */
export function toggleShownStatus(sheetId: number, status: SupervisionStatus): void {
  const shown = new Set(statusViewOf(sheetId).shown);
  if (!shown.delete(status)) shown.add(status);
  update(sheetId, { shown });
}

export function showEveryStatus(sheetId: number): void {
  update(sheetId, { shown: new Set() });
}
