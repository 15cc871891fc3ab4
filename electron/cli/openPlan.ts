import { PlanStore } from '../core/store/planStore';
import { readOnlyError, readOnlyNote } from '../core/store/storeErrors';
import type { CliIo } from './command';

/**
 * Opening the plan a command works on. A plan whose file or folder cannot be written opens
 * read-only: commands that only read it (summary, check, export, print, serve…) go on and say so
 * on stderr, so a script's stdout stays as it was; commands that would change it refuse at once
 * with exit 1, before anything — the plan or any other file — is written.
 */
export function openPlanToRead(file: string, io: CliIo): PlanStore {
  const store = PlanStore.open(file);
  if (store.readOnly) io.stderr(`注意 / Note: ${readOnlyNote(store.readOnly)}`);
  return store;
}

export function openPlanToWrite(file: string): PlanStore {
  const store = PlanStore.open(file);
  if (store.readOnly) {
    const refusal = readOnlyError(store.file, store.readOnly);
    store.close();
    throw refusal;
  }
  return store;
}
