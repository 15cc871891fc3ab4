import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { ChangeEnvelope } from '../../shared/contract/changes';
import type { ApiContext } from '../core/api/context';
import { dispatch, failure } from '../core/api/dispatch';
import { localFilesIn } from '../core/api/files';
import { announceService, planIdentity, SERVICE_SECRET_HEADER, serviceProof } from '../core/api/planServices';
import type { ReadThreads } from '../core/api/readThread';
import type { PlanStore } from '../core/store/planStore';
import { PlanbenchError } from '../../shared/contract/errors';
import { BodyBudget, readBody } from './requestBody';
import { sendJson, sendText } from './replies';
import { sameSecret } from './secretCheck';

/**
 * The plan service's door for other programs on this computer — a command line that writes a
 * plan the workbench holds (planServices.ts). It listens on 127.0.0.1 only, on a port of its own
 * (never the page's: a page cannot name paths, a command line does), and answers only a caller
 * that shows the service's secret, which lies in a file only this user can read. A call runs
 * through the same dispatcher as the windows' calls, as the command line's user and program,
 * with paths read from the command line's working folder; every window then hears the change.
 */

export interface ServiceEndpointOptions {
  store: () => PlanStore;
  readThreads?: ReadThreads;
  /** Tell the windows what a call changed. */
  published: (changes: ChangeEnvelope) => void;
  /** The browser edition's page address, announced so a second `npm start` opens it instead. */
  pageUrl?: string;
}

export interface ServiceEndpoint {
  url: string;
  close(): Promise<void>;
}

const CallBody = z
  .object({
    input: z.unknown(),
    // A command line acts as itself: it may not pose as a window (and take back that window's edits).
    actor: z.object({ author: z.string().max(200), client: z.string().regex(/^cli:/).max(200) }).strict(),
    cwd: z.string().min(1).max(4096),
    writeWaitMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600_000)
      .optional(),
    /** Send rows done of all as a long call (an import) goes, one JSON line each, before the answer. */
    progress: z.boolean().optional(),
  })
  .strict();

// A command line's calls name files; the largest body is a big row batch (rows add).
const BODY_LIMITS = { perRequestBytes: 72 * 1024 * 1024, totalBytes: 96 * 1024 * 1024 };

export function startServiceEndpoint(options: ServiceEndpointOptions): Promise<ServiceEndpoint> {
  const secret = crypto.randomBytes(32).toString('base64url');
  const budget = new BodyBudget(BODY_LIMITS);
  let port = 0;
  const server = http.createServer((request, response) => {
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, failure(error));
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.headers.host !== `127.0.0.1:${port}` || request.headers.origin !== undefined) {
      return sendText(response, 403, '拒绝访问（Forbidden）');
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    // The one question asked without the secret: a proof that this service holds it (planServices.ts).
    const challenge = url.searchParams.get('challenge');
    if (pathname === '/ping' && request.method === 'GET' && challenge && /^[0-9a-f]{32}$/.test(challenge)) {
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      response.end(
        JSON.stringify({ plan: planIdentity(options.store().file), proof: serviceProof(secret, challenge) }),
      );
      return;
    }
    if (!sameSecret(request.headers[SERVICE_SECRET_HEADER], secret))
      return sendText(response, 403, '拒绝访问（Forbidden）');
    if (!pathname.startsWith('/call/') || request.method !== 'POST') return sendText(response, 404, 'Not Found');
    const read = await readBody(request, response, budget);
    if (!read.ok) return sendText(response, read.status, `${read.messageZh}（${read.messageEn}）`);
    let body: z.output<typeof CallBody>;
    try {
      body = CallBody.parse(JSON.parse(read.body.toString('utf8')));
    } catch {
      return sendJson(
        response,
        400,
        failure(PlanbenchError.of('invalid_input', '命令行发来的请求无效', 'the command line sent an invalid request')),
      );
    }
    const context: ApiContext = {
      store: options.store(),
      edition: 'cli',
      files: localFilesIn(body.cwd),
      ...(options.readThreads ? { readThreads: options.readThreads } : {}),
      ...(body.writeWaitMs !== undefined ? { writeWaitMs: body.writeWaitMs } : {}),
    };
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice('/call/'.length));
    } catch {
      name = pathname.slice('/call/'.length); // not a call's name: the dispatcher says there is none
    }
    if (body.progress) {
      response.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
      context.onProgress = (done, total) => response.write(JSON.stringify({ progress: [done, total] }) + '\n');
    }
    const answer = await dispatch(context, name, body.input, undefined, body.actor);
    if (body.progress) response.end(JSON.stringify({ answer }) + '\n');
    else sendJson(response, 200, answer);
    if (answer.ok && answer.changes) options.published(answer.changes);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}`;
      const announced = announceService({
        plan: options.store().file,
        url,
        secret,
        pid: process.pid,
        ...(options.pageUrl ? { pageUrl: options.pageUrl } : {}),
      });
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            announced.withdraw();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
