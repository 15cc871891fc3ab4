import type { ChangeEnvelope } from '../../../shared/contract/changes';
import { createApiClient } from '../../../shared/contract/client';
import { takePrefetched } from '../app/firstScreen';
import { onLateChecks, transport } from './transport';

export { onLateChecks };

const changeListeners = new Set<(changes: ChangeEnvelope) => void>();

/** Hear what each mutation changed, as its answer arrives and before its caller continues (data/planModel.ts). */
export function onPlanChanges(listener: (changes: ChangeEnvelope) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** The renderer's only way to the main side: the shared API contract. */
export const api = createApiClient(async (name, input) => {
  const response = await (takePrefetched(name, input) ?? transport(name, input));
  if (response.ok && response.changes) for (const listener of changeListeners) listener(response.changes);
  return response;
});
