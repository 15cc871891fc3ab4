import path from 'node:path';
import { PlanbenchError } from '../../../shared/contract/errors';
import { createSamplePlan } from '../sample/buildSample';
import { processActor } from '../store/actor';
import { PlanStore } from '../store/planStore';
import { mapStoreError, readOnlyError, readOnlyNote } from '../store/storeErrors';
import type { ApiContext, Edition } from './context';
import { findService, serviceClient } from './planServices';

/**
 * A plan opened for a front end that works on one plan file per run (the CLI): the context its
 * calls go through to the dispatcher, and closing it. The front end never holds the store
 * itself — everything it does with the plan is an API call — so the commands cannot drift from
 * what the app does.
 *
 * A plan whose file or folder cannot be written opens read-only: opened to read, it answers every
 * call that only reads (and says why in `readOnlyNote`); opened to write, it is refused at once,
 * before anything — the plan or any other file — is written.
 */
export interface PlanSession {
  context: ApiContext;
  /** Why the plan is open read-only, when it is (for a note on stderr). */
  readOnlyNote: string | null;
  close(): void;
}

/** A failure of the plan file itself (a full disk, broken bytes, not a plan) as a named error. */
export function planFailure(error: unknown): PlanbenchError | null {
  return error instanceof PlanbenchError ? error : mapStoreError(error);
}

function named<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw planFailure(error) ?? error;
  }
}

function session(store: PlanStore, edition: Edition, extra: Partial<ApiContext>): PlanSession {
  return {
    // A command-line run acts as itself: what it does is not any window's to undo.
    context: { store, edition, actor: processActor(edition), ...extra },
    readOnlyNote: store.readOnly ? readOnlyNote(store.readOnly, store.holderElsewhere) : null,
    close: () => named(() => store.close()),
  };
}

export function openPlanSession(
  file: string,
  access: 'read' | 'write',
  edition: Edition,
  extra: Partial<ApiContext> = {},
): PlanSession {
  const store = named(() => PlanStore.open(file));
  if (access === 'write' && store.readOnly) {
    const refusal = readOnlyError(store.file, store.readOnly, store.holderElsewhere);
    store.close();
    throw refusal;
  }
  return session(store, edition, extra);
}

/**
 * A plan opened to write by a command line. When a workbench on this computer already holds it
 * (planServices.ts), the session sends every call there — the open windows show the change at
 * once, attributed to this command line — and `through` says where; otherwise it opens the plan.
 */
export async function openPlanSessionToWrite(
  file: string,
  edition: Edition,
  extra: Partial<ApiContext> = {},
): Promise<PlanSession & { through: string | null }> {
  const running = await findService(file);
  if (!running) return { ...openPlanSession(file, 'write', edition, extra), through: null };
  const actor = extra.actor ?? processActor(edition);
  const service = serviceClient(running, {
    actor,
    cwd: process.cwd(),
    ...(extra.writeWaitMs !== undefined ? { writeWaitMs: extra.writeWaitMs } : {}),
    ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
  });
  return {
    context: {
      // Every call goes to the service (dispatch.ts): this process never opens the plan.
      get store(): PlanStore {
        throw new Error('the plan is held by a running service; calls go there');
      },
      edition,
      actor,
      service,
    },
    readOnlyNote: null,
    close: () => undefined,
    through: running.url,
  };
}

/** A new plan file: empty (titled after the file) or a copy of the bundled sample plan. */
export function createPlanSession(file: string, contents: 'empty' | 'sample', edition: Edition): PlanSession {
  const store = named(() =>
    contents === 'sample'
      ? createSamplePlan(file)
      : PlanStore.create(file, { title: path.basename(file, path.extname(file)) }),
  );
  return session(store, edition, {});
}
