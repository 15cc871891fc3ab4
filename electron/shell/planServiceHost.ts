import type { Readable } from 'node:stream';
import fs from 'node:fs';
import type { ApiResponse } from '../../shared/contract/client';
import type { ChangeEnvelope } from '../../shared/contract/changes';
import type { ApiErrorBody } from '../../shared/contract/errors';
import { PlanbenchError } from '../../shared/contract/errors';
import { streamUpload } from '../core/api/fileExchange';
import type { PdfRenderer, SystemPrinter } from '../core/print/pdfRenderer';
import type {
  FromService,
  OpenedPlan,
  PrintJob,
  ReceivedUpload,
  SampleToMake,
  ServiceReplies,
  ServiceRequest,
  ToService,
} from '../service/protocol';

/**
 * The main process's side of the plan service (electron/service/planService.ts): it starts the
 * service's process, relays requests to it and awaits each answer by id, hands its print jobs to
 * Electron's print engine, passes on what other programs changed, and streams the page's uploads
 * into the service's file folder. This module does not import 'electron': main.ts gives it the
 * function that forks the process (Electron's utilityProcess.fork).
 *
 * A service that exits unexpectedly is started again on the same plan, at most a few times a
 * minute. The calls it had not answered fail (ServiceLost): the page keeps the cell edits among
 * them and sends them again (renderer/src/data/transport.ts), and each edit it had answered is
 * already committed in the plan file. Calls made while it restarts wait for it.
 */

/** The part of Electron's UtilityProcess the host uses. */
export interface ServiceProcess {
  readonly pid: number | undefined;
  postMessage(message: ToService): void;
  on(event: 'message', listener: (message: FromService) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** The service stopped before it answered: whether the call was done is unknown. */
export class ServiceLost extends Error {
  constructor() {
    super(
      '规划服务意外退出，正在重新启动；此操作未得到确认，请查看后重试（未保存的单元格修改会自动重新发送） / ' +
        'the plan service stopped unexpectedly and is restarting; this call was not confirmed — check and try again (unsent cell edits are sent again by themselves)',
    );
  }
}

/** The service stopped again and again within a minute and is not started again by itself. */
export const SERVICE_GIVEN_UP: ApiErrorBody = {
  code: 'io_error',
  messageZh: '规划服务多次意外退出，已停止自动重启；请重新打开规划。规划文件中已保存的内容不受影响',
  messageEn:
    'the plan service stopped unexpectedly several times and is no longer restarted; open the plan again. What the plan file holds is intact',
};

/** A service that stops more often than this within a minute is not started again by itself. */
const RESTARTS_PER_MINUTE = 3;
/** How long a closing service may take to close its plan before it is ended. */
const CLOSE_WAIT_MS = 3000;

export interface PlanServiceHostOptions {
  fork(): ServiceProcess;
  /** Electron's print engine (electronPrintEngine.ts): the service's print jobs run here. */
  printEngine: PdfRenderer & SystemPrinter;
  /** What other programs changed in the open plan, for the window. */
  onChanges(changes: ChangeEnvelope): void;
  /** The service stopped too often and is not restarted; or the plan could not be opened again after a restart. */
  onFailure(error: ApiErrorBody): void;
}

interface Running {
  process: ServiceProcess;
  ready: Promise<{ filesDir: string; uploadLimit: number }>;
  waiting: Map<number, { resolve: (reply: unknown) => void; reject: (error: Error) => void }>;
  filesDir: string | null;
  exited: boolean;
}

export class PlanServiceHost {
  private running: Running | null = null;
  private nextId = 1;
  private readonly stops: number[] = [];
  /** The app is quitting: a service that exits now is not started again. */
  private quitting = false;
  /** The service stopped too often: calls fail until a plan is opened again. */
  private givenUp = false;
  /** The plan the service has open: opened again when the service is restarted. */
  private plan: OpenedPlan | null = null;

  constructor(private readonly options: PlanServiceHostOptions) {}

  /** The service's process id (for the About box and the tests), while one runs. */
  get pid(): number | undefined {
    return this.running?.process.pid;
  }

  get openPlan(): OpenedPlan | null {
    return this.plan;
  }

  /** Open a plan in the service (making the sample plan there first when asked); the plan open before stays on failure. */
  async open(file: string, sample?: SampleToMake): Promise<OpenedPlan> {
    // Opening a plan (the menu, a double-clicked file) starts a service that had been given up on.
    this.givenUp = false;
    const reply = await this.request<'open'>({ kind: 'open', file, ...(sample ? { sample } : {}) });
    if (!reply.ok) throw new PlanbenchError(reply.error);
    this.plan = reply.plan;
    return reply.plan;
  }

  /** One call of the page, answered by the service; rejects with ServiceLost if the service stops first. */
  async call(name: string, input: unknown): Promise<ApiResponse> {
    if (this.givenUp || this.quitting) return { ok: false, error: SERVICE_GIVEN_UP };
    return await this.request<'call'>({ kind: 'call', name, input });
  }

  /** The page's upload, streamed into the service's file folder, then kept by the service under its id. */
  async receive(body: Readable, name: string, declared?: number): Promise<ReceivedUpload> {
    const { filesDir, uploadLimit } = await this.service().ready;
    const received = await streamUpload(filesDir, body, name, uploadLimit, declared);
    const reply = await this.request<'adoptUpload'>({ kind: 'adoptUpload', received });
    if (!reply.ok) throw new PlanbenchError(reply.error);
    return reply.received;
  }

  /** A file a call made, by its download id (null when there is none). */
  download(id: string): Promise<ServiceReplies['download']> {
    return this.request<'download'>({ kind: 'download', download: id });
  }

  /** The app is quitting: the service closes its plan (or is ended when it does not in time). */
  async close(): Promise<void> {
    this.quitting = true;
    const running = this.running;
    if (!running || running.exited) return;
    const exited = new Promise<void>((resolve) => running.process.on('exit', () => resolve()));
    running.process.postMessage({ kind: 'close' });
    const timer = setTimeout(() => running.process.kill(), CLOSE_WAIT_MS);
    await exited;
    clearTimeout(timer);
  }

  private request<K extends ServiceRequest['kind']>(
    request: Extract<ServiceRequest, { kind: K }>,
  ): Promise<ServiceReplies[K]> {
    const running = this.service();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      running.waiting.set(id, { resolve: resolve as (reply: unknown) => void, reject });
      // Requests wait for the service to have started, in the order they were made.
      running.ready.then(
        () => {
          if (!running.exited) running.process.postMessage({ kind: 'request', id, request });
        },
        () => undefined,
      );
    });
  }

  /** The running service, started (or started again after it stopped) when there is none. */
  private service(): Running {
    if (this.running && !this.running.exited) return this.running;
    const process = this.options.fork();
    let readied!: (ready: { filesDir: string; uploadLimit: number }) => void;
    const running: Running = {
      process,
      ready: new Promise((resolve) => (readied = resolve)),
      waiting: new Map(),
      filesDir: null,
      exited: false,
    };
    this.running = running;
    process.on('message', (message) => this.heard(running, message, readied));
    process.on('exit', () => this.exited(running));
    return running;
  }

  private heard(
    running: Running,
    message: FromService,
    readied: (ready: { filesDir: string; uploadLimit: number }) => void,
  ): void {
    switch (message.kind) {
      case 'ready':
        running.filesDir = message.filesDir;
        return readied(message);
      case 'reply': {
        const waiting = running.waiting.get(message.id);
        running.waiting.delete(message.id);
        return waiting?.resolve(message.reply);
      }
      case 'changes':
        return this.options.onChanges(message.changes);
      case 'print':
        return void this.print(message.job).then((answer) => {
          if (!running.exited) running.process.postMessage({ kind: 'printed', id: message.id, ...answer });
        });
    }
  }

  private async print(job: PrintJob): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
    const engine = this.options.printEngine;
    try {
      if (job.op === 'evaluate')
        return { ok: true, value: await engine.evaluate(job.html, job.expression, job.viewportWidth) };
      if (job.op === 'pdf') return { ok: true, value: await engine.pdf(job.html, job.paper) };
      return { ok: true, value: await engine.print(job.html, job.paper, job.jobName) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  private exited(running: Running): void {
    running.exited = true;
    for (const waiting of running.waiting.values()) waiting.reject(new ServiceLost());
    running.waiting.clear();
    // A service killed outright could not remove its files' folder.
    if (running.filesDir) fs.rmSync(running.filesDir, { recursive: true, force: true });
    if (this.quitting || this.running !== running) return;
    const now = Date.now();
    this.stops.push(now);
    while (this.stops.length > 0 && this.stops[0]! < now - 60_000) this.stops.shift();
    if (this.stops.length > RESTARTS_PER_MINUTE) {
      this.givenUp = true;
      this.stops.length = 0;
      return this.options.onFailure(SERVICE_GIVEN_UP);
    }
    // Started again on the same plan, before any call that waits.
    const plan = this.plan;
    if (plan)
      this.open(plan.file).catch((error: unknown) => {
        // Stopped again before it opened the plan: the next restart (or giving up) says so.
        if (!(error instanceof ServiceLost)) this.options.onFailure(bodyOf(error));
      });
    else this.service();
  }
}

function bodyOf(error: unknown): ApiErrorBody {
  if (error instanceof PlanbenchError) return error.body;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'io_error', messageZh: `规划服务出错：${message}`, messageEn: `the plan service failed: ${message}` };
}
