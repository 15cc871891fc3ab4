import { parentPort, workerData } from 'node:worker_threads';
import type { ApiResponse } from '../../../shared/contract/client';
import { engineFor } from '../checks/engine';
import { PlanStore } from '../store/planStore';
import { processActor } from '../store/actor';
import { dispatch, failure } from './dispatch';
import type { FromReadWorker, ToReadWorker } from './readWorkerProtocol';

/**
 * The read thread (readThread.ts): its own read-only connection to the plan, and the same
 * dispatcher every front end uses, for the long reads the main thread hands over. Calls are
 * answered one at a time, in order; each runs inside one read transaction, so it sees the plan
 * as of one commit even while the main thread or another program writes.
 */

const { file, readOnly } = workerData as { file: string; readOnly: boolean };
// A plan the main thread has open read-only (its file or folder cannot be written) is opened the
// same way here, writing nothing; else beside the main thread's writer, seeing its commits.
const store = readOnly ? PlanStore.open(file) : PlanStore.openReader(file);
const context = { store, edition: 'browser' as const, actor: processActor('browser') };

// The window asks for the checks as soon as it opens the plan: read the plan for them now, so the
// first answer finds them ready (messages wait behind this, as they would behind that first run).
try {
  store.reading(() => engineFor(store).sync());
} catch {
  // The first call reads again and answers with whatever failed here.
}

parentPort!.on('message', (message: ToReadWorker) => {
  let answer: ApiResponse;
  try {
    const response = store.reading(() => dispatch(context, message.name, message.input));
    // Long reads are synchronous: a promise here would have left its read transaction already.
    if (response instanceof Promise) throw new Error(`${message.name} answered asynchronously on the read thread`);
    answer = response;
  } catch (error) {
    answer = failure(error);
  }
  const reply: FromReadWorker = { id: message.id, name: message.name, answer };
  parentPort!.postMessage(reply);
});
