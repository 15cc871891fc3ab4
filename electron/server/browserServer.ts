import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ApiContext } from '../core/api/handlers';
import { dispatch } from '../core/api/dispatch';
import type { ExchangeLimits } from '../core/api/fileExchange';
import { EXCHANGE_LIMITS, FileExchange } from '../core/api/fileExchange';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security';
import type { ChangeEnvelope } from '../../shared/contract/changes';
import { LATE_CHECKS_HEADER } from '../../shared/contract/changes';
import { isWindowId, WINDOW_HEADER } from '../../shared/contract/windowHeader';
import { windowActor } from '../core/api/actors';
import type { ApiResponse } from '../../shared/contract/client';
import type { BodyLimits } from './requestBody';
import { BodyBudget, readBody } from './requestBody';
import { serveStatic } from './staticFiles';
import { sendJson, sendText } from './replies';
import { handleFiles } from './transfers';
import { handleEvents } from './eventStream';
import { PlanEvents } from '../core/api/planEvents';
import type { ChecksRun } from '../core/api/changes';
import { ReadThreads } from '../core/api/readThread';
import { startServiceEndpoint } from './serviceEndpoint';
import { sameSecret } from './secretCheck';
import { watchReopening } from '../core/api/reopenablePlan';

/**
 * The browser edition: the same renderer and the same API calls as the Electron app, served over
 * HTTP on 127.0.0.1 only. Every request must carry the per-launch secret as the first path
 * segment (/s/<secret>/…) and a Host (and Origin, when sent) naming this very server, so neither
 * another local user's page nor a DNS-rebinding site can reach the plan.
 */

export interface BrowserServerOptions {
  context: ApiContext;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Tests may fix it; otherwise 32 random bytes per launch. */
  secret?: string;
  /** Tests may lower the request body limits. */
  bodyLimits?: Partial<BodyLimits>;
  /** Tests may lower the upload limit. */
  fileLimits?: Partial<ExchangeLimits>;
  /**
   * Open the plan service's door for command lines on this computer (serviceEndpoint.ts) and say
   * where it is: on unless a test turns it off.
   */
  serveCommandLines?: boolean;
  /**
   * Open the plan again if what may be done with it changed — another computer let it go, or took
   * it over (api/reopenablePlan.ts): true when it was, and the windows then read it afresh. Asked
   * at every beat of the plan's lock.
   */
  reopen?: () => boolean;
}

export interface BrowserServer {
  url: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

// API calls carry JSON only (files are uploaded to …/files as streams, see transfers.ts); the
// largest is a big paste (cells.update takes 200,000 cells). All bodies together may hold a
// little more than one such call: a second one at the same time is asked to wait (503) while
// small calls still go through.
const BODY_LIMITS: BodyLimits = { perRequestBytes: 72 * 1024 * 1024, totalBytes: 96 * 1024 * 1024 };

export function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const secret = options.secret ?? crypto.randomBytes(32).toString('base64url');
  const prefix = `/s/${secret}/`;
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;

  const budget = new BodyBudget({ ...BODY_LIMITS, ...options.bodyLimits });
  // The page's files: its uploads and the downloads its calls make. The page can name nothing
  // else — a path in a call is refused by this file access, whatever the caller's context had.
  const files = new FileExchange({ ...EXCHANGE_LIMITS, ...options.fileLimits });
  // The caller's plan is read at each call (a caller may hold it behind a getter that changes or
  // fails); only the files are the page's own.
  const caller = options.context;
  // Checks and other long reads run on a thread of their own (readThread.ts).
  const readThreads = new ReadThreads();
  try {
    readThreads.for(caller.store); // started now, so it has read the plan by the time a window asks
  } catch {
    // The plan cannot be had yet; the first long read starts the thread.
  }
  const context: ApiContext = {
    get store() {
      return caller.store;
    },
    edition: caller.edition,
    files,
    readThreads,
    ...(caller.onProgress ? { onProgress: caller.onProgress } : {}),
  };
  // Every window hears every change to the plan, whoever made it (planEvents.ts).
  const events = new PlanEvents(() => caller.store);
  // Who holds the plan is watched: once another computer lets it go, it opens for writing here.
  const stopReopening = options.reopen ? watchReopening(options.reopen, () => events.reopened()) : null;
  const handle = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    // No request may end the process: whatever a handler throws or rejects becomes an answer.
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    const failed = (error: unknown) => answerFailure(response, error);
    try {
      const pending = route(request, response, { prefix, rendererDir, context, files, budget, port, events });
      if (pending) pending.catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  const server = http.createServer(handle);
  // Without this listener Node answers "100 Continue" before the request is seen; with it, a
  // body that would be refused is never sent (see readBody).
  server.on('checkContinue', handle);
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve();
    });
  });
  return listening.then(async () => {
    // A command line writing this plan sends its calls here, and every window hears them.
    const commandLines =
      options.serveCommandLines === false
        ? null
        : await startServiceEndpoint({
            store: () => caller.store,
            readThreads,
            published: (changes) => events.published(changes),
            pageUrl: `http://127.0.0.1:${port}${prefix}`,
          });
    return {
      url: `http://127.0.0.1:${port}${prefix}`,
      port,
      secret,
      close: async () => {
        stopReopening?.();
        await commandLines?.close();
        await new Promise<void>((done) => {
          events.close();
          server.close(() => {
            files.close();
            void readThreads.close().then(done);
          });
          server.closeAllConnections();
        });
      },
    };
  });
}

function setCommonHeaders(response: http.ServerResponse): void {
  response.setHeader('Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  // The secret is in the URL: never let it travel in a Referer header.
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isOwnOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

interface Route {
  prefix: string;
  rendererDir: string;
  context: ApiContext;
  files: FileExchange;
  budget: BodyBudget;
  port: number;
  events: PlanEvents;
}

function route(request: http.IncomingMessage, response: http.ServerResponse, at: Route): Promise<void> | void {
  setCommonHeaders(response);
  if (!isOwnHost(request.headers.host, at.port) || !isOwnOrigin(request.headers.origin, at.port)) {
    return sendText(response, 403, '拒绝访问：请求来源不是本机的规划工作台（Forbidden: foreign Host or Origin）');
  }
  const pathname = requestPath(request.url);
  if (pathname === null || !sameSecret(pathname.slice(0, at.prefix.length), at.prefix)) {
    return sendText(
      response,
      403,
      '拒绝访问：请使用启动时打印的完整链接（Forbidden: open the full URL printed at launch）',
    );
  }
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(at.prefix.length));
  } catch {
    return sendText(response, 400, '请求路径编码无效（Bad Request: malformed percent-encoding）');
  }
  if (rest.startsWith('api/')) return handleApi(request, response, rest.slice(4), at);
  if (rest === 'files' || rest.startsWith('files/')) return handleFiles(request, response, rest.slice(6), at.files);
  if (rest === 'events') return handleEvents(request, response, at.events);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendText(response, 405, '不支持的请求方法（Method Not Allowed）');
  return serveStatic(response, at.rendererDir, rest, () => sendText(response, 404, '找不到该文件（Not Found）'));
}

/** The path of a request target, or null when it is not one (new URL throws on some). */
function requestPath(target: string | undefined): string | null {
  try {
    // Stryker disable next-line StringLiteral: a server request always has a target, and '' resolves to '/' anyway
    return new URL(target ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
}

async function handleApi(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  name: string,
  at: Route,
): Promise<void> {
  if (request.method !== 'POST') return sendText(response, 405, '不支持的请求方法（Method Not Allowed）');
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
    return sendText(response, 415, '请求须为 JSON（Unsupported Media Type: application/json required）');
  }
  const read = await readBody(request, response, at.budget);
  if (!read.ok) {
    if (read.status === 503) response.setHeader('Retry-After', '5');
    // The rest of a refused body is not read: the connection closes after the answer.
    response.setHeader('Connection', 'close');
    return sendText(response, read.status, `${read.messageZh}（${read.messageEn}）`);
  }
  let input: unknown;
  try {
    const body = read.body.toString('utf8');
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    return sendJson(response, 400, {
      ok: false,
      error: {
        code: 'invalid_input',
        messageZh: '请求不是有效的 JSON',
        messageEn: 'the request body is not valid JSON',
      },
    });
  }
  // The call ran: its outcome, success or a refusal such as an unreadable value, is in the
  // body. HTTP errors are kept for requests that never reached the API (no secret, not JSON).
  // A page that asks for it gets a write's checks as a second part (shared/api/changes.ts).
  const later: { checks?: ChecksRun } = {};
  const wantsParts = request.headers[LATE_CHECKS_HEADER] === '1';
  const windowId = request.headers[WINDOW_HEADER];
  const caller = isWindowId(windowId) ? windowActor(windowId) : undefined;
  const answer = await dispatch(
    at.context,
    name,
    input,
    wantsParts ? (run) => void (later.checks = run) : undefined,
    caller,
  );
  if (later.checks) sendInTwoParts(response, answer, later.checks);
  else sendJson(response, 200, answer);
  // The other windows hear it too (the caller's own leaves it out: its actions name it).
  if (answer.ok && answer.changes) at.events.published(answer.changes);
}

/**
 * An answer as two lines of JSON: the answer itself at once, then — once the event loop has sent
 * it — the checks after the call ({ checks }). A check run that fails says the checks changed
 * without results, so the page asks for them.
 */
function sendInTwoParts(response: http.ServerResponse, answer: ApiResponse, runChecks: ChecksRun): void {
  response.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
  response.write(JSON.stringify(answer) + '\n');
  const notRun: ChangeEnvelope['checks'] = { changed: true, summary: null, results: null, following: false };
  setImmediate(() => {
    let checks: ChangeEnvelope['checks'] | Promise<ChangeEnvelope['checks']>;
    try {
      checks = runChecks();
    } catch {
      checks = notRun;
    }
    void Promise.resolve(checks)
      .catch(() => notRun)
      .then((settled) => response.end(JSON.stringify({ checks: settled }) + '\n'));
  });
}

/** A handler failed unexpectedly: answer 500 if still possible, else drop the connection. */
function answerFailure(response: http.ServerResponse, error: unknown): void {
  try {
    if (!response.headersSent) {
      response.setHeader('Connection', 'close');
      sendText(response, 500, '服务器内部错误，请求未完成（Internal Server Error: the request was not completed）');
    } else {
      response.destroy(error instanceof Error ? error : undefined);
    }
  } catch {
    response.destroy();
  }
}
