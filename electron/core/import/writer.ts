import { MessageChannel, Worker } from 'node:worker_threads';
import { PlanbenchError } from '../../../shared/contract/errors';
import { importWriterScript } from '../paths';
import type { RowBatch } from './rowBatches';
import { transferables } from './rowBatches';
import type { FromWriter, ToWriter } from './writerProtocol';

/**
 * The main thread's side of the import writer thread (writerWorker.ts). SQLite writes a large
 * import at a steady rate that is most of the import's time; with the writing on a thread of its
 * own, the main thread parses row 50,000 while row 10,000 is being written, and the two cores of
 * an ordinary office PC both work. Started before the file is read, so the thread has loaded by
 * the time the first rows are ready.
 */

/** The writer thread could not be started here (it never got going); commit in this thread instead. */
export class WriterUnavailable extends Error {}

export class ImportWriterThread {
  private readonly worker: Worker;
  private readonly port: MessageChannel['port1'];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly outcome: Promise<{ sheetId: number; actionId: number | null }>;
  private settled = false;
  /** Called as the writer reports each chunk written. */
  onProgress: ((done: number) => void) | null = null;

  private constructor() {
    const channel = new MessageChannel();
    this.port = channel.port1;
    // The compiled script (npm run build), with none of this process's loaders (tsx): the
    // thread starts in a few milliseconds instead of compiling the store's TypeScript first.
    // Without a build it fails to start, and the import is committed in this thread instead.
    this.worker = new Worker(importWriterScript(), { execArgv: [] });
    this.worker.postMessage({ port: channel.port2, signal: this.signal.buffer }, [channel.port2]);
    this.outcome = new Promise((resolve, reject) => {
      let begun = false;
      this.worker.on('message', (message: FromWriter) => {
        begun = true;
        if (message.type === 'progress') this.onProgress?.(message.done);
        else if (message.type === 'done') resolve({ sheetId: message.sheetId, actionId: message.actionId });
        else if (message.error) reject(new PlanbenchError(message.error));
        else reject(new Error(`the import writer failed: ${message.message}`));
      });
      // An error before the writer said anything: it could not load here (e.g. no tsx).
      this.worker.on('error', (error) => reject(begun ? error : new WriterUnavailable(error.message)));
      this.worker.on('exit', (code) => {
        const message = `the import writer stopped (exit code ${code})`;
        reject(begun ? new Error(message) : new WriterUnavailable(message));
      });
    });
    this.outcome.then(
      () => (this.settled = true),
      () => (this.settled = true),
    );
  }

  static start(): ImportWriterThread {
    return new ImportWriterThread();
  }

  private send(message: ToWriter, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage(message, transfer);
    Atomics.add(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
  }

  begin(message: Omit<Extract<ToWriter, { type: 'begin' }>, 'type'>): void {
    this.send({ type: 'begin', ...message });
  }

  /** Hand a batch over (its typed arrays move to the thread: the batch is not to be used after). */
  rows(batch: RowBatch): void {
    this.send({ type: 'rows', batch }, transferables(batch));
  }

  /** Commit: the preview is complete. Resolves when the import is in the plan. */
  async finish(
    layout: Extract<ToWriter, { type: 'finish' }>['layout'],
  ): Promise<{ sheetId: number; actionId: number | null }> {
    this.send({ type: 'finish', layout });
    try {
      return await this.outcome;
    } finally {
      await this.stop();
    }
  }

  /** Roll back whatever was written and stop the thread (nothing once the import is finished). */
  async abort(): Promise<void> {
    if (this.stopped) return;
    if (!this.settled) this.send({ type: 'abort' });
    await this.outcome.catch(() => undefined);
    await this.stop();
  }

  private stopped = false;

  private async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.port.close();
    await this.worker.terminate();
  }
}
