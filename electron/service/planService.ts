import fs from 'node:fs';
import path from 'node:path';
import type { ApiResponse } from '../../shared/contract/client';
import type { ApiErrorBody } from '../../shared/contract/errors';
import { PlanbenchError } from '../../shared/contract/errors';
import { desktopActor } from '../core/api/actors';
import { dispatch, failure } from '../core/api/dispatch';
import { FileExchange } from '../core/api/fileExchange';
import { PlanEvents } from '../core/api/planEvents';
import { ReopenablePlan, watchReopening } from '../core/api/reopenablePlan';
import { ReadThreads } from '../core/api/readThread';
import { closePdfRenderer, setPdfRenderer, setSystemPrinter } from '../core/print/engine';
import { createSamplePlan } from '../core/sample/buildSample';
import { PlanStore } from '../core/store/planStore';
import { mapStoreError } from '../core/store/storeErrors';
import type { ServiceEndpoint } from '../server/serviceEndpoint';
import { startServiceEndpoint } from '../server/serviceEndpoint';
import type { ServicePort } from './parentPort';
import { PrintRelay } from './printRelay';
import type { OpenedPlan, SampleToMake, ServiceReplies, ServiceRequest, ToService } from './protocol';

/**
 * The desktop app's plan service, in a process of its own (an Electron utility process; the
 * main process only relays to it, planServiceHost.ts): it holds the open plan, runs every call
 * of the window through the one dispatcher as the desktop's actor, keeps the plan's read thread
 * for checks and long reads, follows what other programs change in the plan and tells the main
 * process, and keeps the page's uploads and downloads. Requests are answered in the order they
 * came; each write is committed in SQLite before its answer leaves, so a service killed at any
 * moment loses nothing it acknowledged.
 */
export class PlanService {
  /** The open plan, opened again when another computer lets it go or takes it over (reopenablePlan.ts). */
  private plan: ReopenablePlan | null = null;
  private planEvents: PlanEvents | null = null;
  /** The door for command lines writing this plan on this computer (server/serviceEndpoint.ts). */
  private commandLines: Promise<ServiceEndpoint | null> = Promise.resolve(null);
  private stopReopening: (() => void) | null = null;
  private readonly readThreads = new ReadThreads();
  /** The page's uploads and downloads, named only by id (the main process streams uploads into its folder). */
  private readonly files = new FileExchange();
  private readonly printing: PrintRelay;

  constructor(private readonly port: ServicePort) {
    this.printing = new PrintRelay((message) => port.post(message));
    setPdfRenderer(this.printing);
    setSystemPrinter(this.printing);
  }

  private get store(): PlanStore | null {
    return this.plan?.store ?? null;
  }

  /** Listen to the main process, and say where the page's files go. */
  start(): void {
    this.port.listen((message) => this.heard(message));
    // Who holds the plan is watched: once another computer lets it go, the window may edit it.
    this.stopReopening = watchReopening(
      () => this.plan?.reopenIfChanged() ?? false,
      () => this.planEvents?.reopened(),
    );
    // Ended by its parent (gone, or UtilityProcess.kill's SIGTERM): the plan is closed and the files removed first.
    this.port.onParentGone(() => this.closeAndExit());
    process.once('SIGTERM', () => this.closeAndExit());
    this.port.post({ kind: 'ready', filesDir: this.files.dir, uploadLimit: this.files.uploadLimit });
  }

  async close(): Promise<void> {
    this.stopReopening?.();
    this.planEvents?.close();
    await (await this.commandLines)?.close();
    await this.readThreads.close();
    await closePdfRenderer();
    this.plan?.close();
    this.plan = null;
    this.files.close();
  }

  private closeAndExit(): void {
    void this.close().finally(() => process.exit(0));
  }

  private heard(message: ToService): void {
    if (message.kind === 'printed') return this.printing.printed(message);
    if (message.kind === 'close') return this.closeAndExit();
    const { id, request } = message;
    void Promise.resolve()
      .then(() => this.answer(request))
      .catch((error: unknown) => failure(error))
      .then((reply) => this.port.post({ kind: 'reply', id, reply }));
  }

  private answer(request: ServiceRequest): ServiceReplies[ServiceRequest['kind']] | Promise<ApiResponse> {
    switch (request.kind) {
      case 'open':
        return this.openOrSay(request.file, request.sample);
      case 'call':
        return this.call(request.name, request.input);
      case 'adoptUpload':
        try {
          return { ok: true, received: this.files.adopt(request.received) };
        } catch (error) {
          return { ok: false, error: errorBodyOf(error) };
        }
      case 'download':
        return this.files.download(request.download);
    }
  }

  private async call(name: string, input: unknown): Promise<ApiResponse> {
    const store = this.store;
    if (!store)
      return { ok: false, error: { code: 'not_found', messageZh: '尚未打开规划', messageEn: 'no plan is open' } };
    // The page names files only by upload and download ids, never by path.
    const context = {
      store,
      edition: 'electron' as const,
      files: this.files,
      actor: desktopActor(),
      readThreads: this.readThreads,
    };
    const answer = await dispatch(context, name, input);
    // The window's own calls are not sent back to it (their answers told it).
    if (answer.ok && answer.changes) this.planEvents?.heard(answer.changes);
    return answer;
  }

  private openOrSay(file: string, sample: SampleToMake | undefined): ServiceReplies['open'] {
    try {
      if (sample && !(sample.onlyIfMissing && fs.existsSync(file))) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        createSamplePlan(file, sample.dataDir).close();
      }
      return { ok: true, plan: this.open(file) };
    } catch (error) {
      return { ok: false, error: errorBodyOf(error, file) };
    }
  }

  /**
   * The one place a plan is opened. The plan open before stays open until the new one has
   * opened: a file that cannot be opened changes nothing.
   */
  private open(file: string): OpenedPlan {
    if (this.store && path.resolve(this.store.file) === path.resolve(file)) return this.opened(this.store);
    const next = new ReopenablePlan(PlanStore.open(file));
    this.planEvents?.close();
    const closing = this.commandLines;
    void closing.then((door) => door?.close());
    this.plan?.close();
    this.plan = next;
    // What other programs change in the plan reaches the window; its own calls' answers told it already.
    const events = new PlanEvents(() => next.store);
    this.planEvents = events;
    events.listen((changes) => this.port.post({ kind: 'changes', changes }));
    this.readThreads.for(next.store); // reading the plan for its first checks before the window asks
    // A command line writing this plan sends its calls here, and the window hears them.
    this.commandLines = closing
      .then(() =>
        startServiceEndpoint({
          store: () => next.store,
          readThreads: this.readThreads,
          published: (changes) => events.published(changes),
        }),
      )
      .catch(() => null); // no door (no loopback here): command lines then write the plan directly
    return this.opened(next.store);
  }

  private opened(store: PlanStore): OpenedPlan {
    return { file: store.file, title: store.getMeta().title, readOnly: store.readOnly !== null };
  }
}

/** A failure's body as every transport words it: the plan file's own failures named, the rest internal. */
function errorBodyOf(error: unknown, file?: string): ApiErrorBody {
  const known = error instanceof PlanbenchError ? error : mapStoreError(error, file);
  if (known) return known.body;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', messageZh: `内部错误：${message}`, messageEn: `internal error: ${message}` };
}
