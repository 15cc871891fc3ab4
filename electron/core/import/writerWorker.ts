import type { MessagePort } from 'node:worker_threads';
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { PlanbenchError } from '../../../shared/contract/errors';
import { WRITE_WAIT_MS } from '../store/connection';
import { PlanStore } from '../store/planStore';
import { mapStoreError } from '../store/storeErrors';
import { rememberLayout } from './layoutMemory';
import { RowBatchWriter } from './rowBatches';
import type { FromWriter, ToWriter } from './writerProtocol';

/**
 * The import writer thread (started by writer.ts): writes a large import into the plan while
 * the main thread is still parsing the rows that follow. It opens the plan with a connection of
 * its own and does what commitPreview does for a new or appended sheet — the sheet, the rows in
 * chunks, the remembered layout — in one transaction and one action, committed only when the
 * main thread says the preview is complete. An abort, an error or the process being killed
 * leaves the plan as it was.
 */

class Aborted extends Error {}

function post(message: FromWriter): void {
  parentPort!.postMessage(message);
}

/** The next message from the main thread, waiting for it synchronously (we are inside a transaction). */
function receiver(port: MessagePort, signal: Int32Array): () => ToWriter {
  return () => {
    for (;;) {
      const seen = Atomics.load(signal, 0);
      const received = receiveMessageOnPort(port);
      if (received) return received.message as ToWriter;
      Atomics.wait(signal, 0, seen);
    }
  };
}

function write(next: () => ToWriter): void {
  const begin = next();
  if (begin.type === 'abort') return;
  if (begin.type !== 'begin') throw new Error(`the import writer expected "begin", not "${begin.type}"`);
  const store = PlanStore.open(begin.planFile);
  // This thread may block: it waits here as long as the command line would for another
  // program's write to end (the main thread, waiting for its messages, stays free).
  store.waitForOtherWriters(WRITE_WAIT_MS.cli);
  try {
    const { value, actionId } = store.inAction(begin.origin, () => {
      const sheetId = 'create' in begin.sheet ? store.createSheet(begin.sheet.create) : begin.sheet.sheetId;
      const writer = new RowBatchWriter(store, sheetId, begin.columnKeys, begin.origin);
      for (;;) {
        const message = next();
        if (message.type === 'rows') {
          writer.write(message.batch);
          post({ type: 'progress', done: writer.rows });
        } else if (message.type === 'finish') {
          rememberLayout(store, message.layout.key, message.layout.matches, message.layout.columns);
          return { sheetId, actionId: writer.actionId };
        } else throw new Aborted();
      }
    });
    post({ type: 'done', sheetId: value.sheetId, actionId: actionId ?? value.actionId });
  } finally {
    store.close();
  }
}

parentPort!.once('message', (setup: { port: MessagePort; signal: SharedArrayBuffer }) => {
  const next = receiver(setup.port, new Int32Array(setup.signal));
  try {
    write(next);
  } catch (error) {
    if (error instanceof Aborted) post({ type: 'failed', error: null, message: 'aborted' });
    else
      post({
        type: 'failed',
        error: (error instanceof PlanbenchError ? error : mapStoreError(error))?.body ?? null,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
  } finally {
    setup.port.close();
  }
});
