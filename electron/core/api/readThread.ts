import { Worker } from 'node:worker_threads';
import type { ApiResponse } from '../../../shared/contract/client';
import type { ApiName } from '../../../shared/contract/contract';
import { readWorkerScript } from '../paths';
import type { PlanStore } from '../store/planStore';
import type { FromReadWorker, ToReadWorker } from './readWorkerProtocol';

/**
 * The plan's long reads — checks, the dashboard, roll-ups, the by-department view, progress,
 * version comparisons — on a thread of their own with their own read-only connection
 * (readWorker.ts). The first check run of a 100,000-row plan reads it whole (seconds); on the
 * server's or the app's only thread that would hold up every edit and every scroll behind it.
 * Here edits, reads of rows and the event stream go on while the checks work; the thread keeps
 * its checks' snapshot between runs, so later runs replay only what changed.
 *
 * The thread sees each commit as soon as it lands (WAL), so a run asked for after an edit has
 * returned includes that edit. If the thread cannot start (no build) or stops, the call runs on
 * the calling thread as before: slower, never lost.
 */

/** Calls that only read, may read the whole plan, and need nothing of the caller's transport. */
export const LONG_READS: ReadonlySet<ApiName> = new Set<ApiName>([
  'checks.run',
  'dashboard.get',
  'rollup.get',
  'departments.rows',
  'allocation.get',
  'supervision.progress',
  'supervision.trend',
  'versions.compare',
  'versions.sheet',
]);

/** The thread could not answer (not started, or stopped): run the call here instead. */
export class ReadThreadUnavailable extends Error {}

export class ReadThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (answer: ApiResponse) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private gone: string | null = null;
  /** Whether a check run has been answered here: after it, each write's checks are run again (changes.ts). */
  checksFollowed = false;

  constructor(file: string, readOnly: boolean, script = readWorkerScript()) {
    // Compiled JavaScript from the build, without this process's loaders (tsx): it starts in
    // milliseconds. Without a build it fails to start, and every call runs on the caller's thread.
    this.worker = new Worker(script, { execArgv: [], workerData: { file, readOnly } });
    this.worker.on('message', (message: FromReadWorker) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.name === 'checks.run' && message.answer.ok) this.checksFollowed = true;
      waiting.resolve(message.answer);
    });
    const stop = (why: string) => {
      this.gone ??= why;
      for (const waiting of this.pending.values()) waiting.reject(new ReadThreadUnavailable(why));
      this.pending.clear();
    };
    this.worker.on('error', (error) => stop(error.message));
    this.worker.on('exit', (code) => stop(`the read thread stopped (exit code ${code})`));
    // Unreferenced after its listeners are on (a 'message' listener references it again): an
    // idle thread never keeps a process running.
    this.worker.unref();
  }

  /** Whether the thread is there to answer (a stopped thread is not started again for this plan). */
  get available(): boolean {
    return this.gone === null;
  }

  /** Run a long read (its input already checked) on the thread; rejects with ReadThreadUnavailable when it cannot. */
  call(name: ApiName, input: unknown): Promise<ApiResponse> {
    if (this.gone !== null) return Promise.reject(new ReadThreadUnavailable(this.gone));
    const id = this.nextId++;
    return new Promise<ApiResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Referenced while a call waits, so a CLI run does not end with an answer outstanding.
      this.worker.ref();
      const message: ToReadWorker = { id, name, input };
      this.worker.postMessage(message);
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    });
  }

  close(): Promise<void> {
    this.gone ??= 'closed';
    return this.worker.terminate().then(() => undefined);
  }
}

/**
 * The read thread of whichever plan a front end has open: started with the first long read of
 * the plan, stopped when the front end moves to another plan or closes.
 */
export class ReadThreads {
  private current: { store: PlanStore; thread: ReadThread } | null = null;

  /** `script`: the thread's compiled code (the build's, unless a test names another). */
  constructor(private readonly script = readWorkerScript()) {}

  for(store: PlanStore): ReadThread | null {
    if (this.current?.store !== store) {
      void this.current?.thread.close();
      // A plan another computer holds is read from this process's private copy of it
      // (planSnapshot.ts): the thread reads that very copy, so its checks match what the window shows.
      const thread =
        store.connectionFile !== store.file
          ? new ReadThread(store.connectionFile, false, this.script)
          : new ReadThread(store.file, store.readOnly !== null, this.script);
      this.current = { store, thread };
    }
    return this.current.thread.available ? this.current.thread : null;
  }

  /** The thread of this plan if one is running (asking does not start one). */
  running(store: PlanStore): ReadThread | null {
    return this.current?.store === store && this.current.thread.available ? this.current.thread : null;
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    await current?.thread.close();
  }
}
