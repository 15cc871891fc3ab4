import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import path from 'node:path';
import type { ApiResponse } from '../../../shared/contract/client';
import { ApiErrorBody, PlanbenchError } from '../../../shared/contract/errors';
import { userDataDir } from '../paths';
import type { Actor } from '../store/actor';
import { processAlive } from '../store/planHolder';
import type { PlanService } from './context';
import { failure } from './dispatch';

/**
 * Which plan services run on this computer for this user, and how to reach them: one small file
 * per open plan in the user's own data folder (services/<hash of the plan's path>.json), readable
 * by the user alone, holding the service's local address and its secret. A command-line run that
 * writes a plan a running workbench holds finds it here and sends its calls there
 * (serviceEndpoint.ts), so the open windows show the change at once and name who made it.
 */

export interface ServiceAddress {
  plan: string;
  /** http://127.0.0.1:PORT — the service's endpoint for programs (not the page's address). */
  url: string;
  secret: string;
  pid: number;
  /** The browser edition's page address (with its secret), for a second launch to open instead. */
  pageUrl?: string;
}

export const SERVICE_SECRET_HEADER = 'x-planbench-service';

function servicesDir(): string {
  return path.join(userDataDir(), 'services');
}

/** A plan's identity on this computer: its real path (a link or a different spelling is the same plan). */
export function planIdentity(plan: string): string {
  try {
    return fs.realpathSync.native(plan);
  } catch {
    return path.resolve(plan);
  }
}

function entryFile(plan: string): string {
  const key = crypto.createHash('sha256').update(planIdentity(plan)).digest('hex').slice(0, 32);
  return path.join(servicesDir(), `${key}.json`);
}

/** Say that a service holds `plan` at `address`; withdraw() when it closes. */
export function announceService(address: ServiceAddress): { withdraw(): void } {
  const file = entryFile(address.plan);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    pruneEnded();
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ ...address, plan: planIdentity(address.plan) }), { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch {
    // No data folder to write (a locked-down profile): command lines then write the plan directly.
    return { withdraw: () => undefined };
  }
  return {
    withdraw() {
      // Another service on the same plan may have announced itself since: its entry stays.
      if (readEntry(file)?.secret === address.secret) fs.rmSync(file, { force: true });
    },
  };
}

/** Entries of services that ended without withdrawing them (a crash, a kill) are removed. */
function pruneEnded(): void {
  for (const name of fs.readdirSync(servicesDir())) {
    const file = path.join(servicesDir(), name);
    const entry = name.endsWith('.json') ? readEntry(file) : null;
    if (entry && !processAlive(entry.pid)) fs.rmSync(file, { force: true });
  }
}

function readEntry(file: string): ServiceAddress | null {
  try {
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ServiceAddress>;
    if (typeof entry.url !== 'string' || typeof entry.secret !== 'string' || typeof entry.pid !== 'number') return null;
    if (typeof entry.plan !== 'string') return null;
    return {
      plan: entry.plan,
      url: entry.url,
      secret: entry.secret,
      pid: entry.pid,
      ...(typeof entry.pageUrl === 'string' ? { pageUrl: entry.pageUrl } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * The service holding `plan` on this computer, when one runs and answers for that very plan;
 * null otherwise (an entry left by a service that ended is removed). The service proves it knows
 * the secret before the secret is sent: it answers a fresh challenge with its HMAC, so a program
 * that took over the port of a service that ended learns nothing.
 */
export async function findService(plan: string): Promise<ServiceAddress | null> {
  const file = entryFile(plan);
  const entry = readEntry(file);
  if (!entry) return null;
  if (!processAlive(entry.pid)) {
    fs.rmSync(file, { force: true });
    return null;
  }
  const challenge = crypto.randomBytes(16).toString('hex');
  try {
    const response = await request(`${entry.url}/ping?challenge=${challenge}`, { method: 'GET' }, 3000);
    const answer = JSON.parse(response.body) as { plan?: unknown; proof?: unknown };
    const proof = serviceProof(entry.secret, challenge);
    return response.status === 200 && answer.proof === proof && answer.plan === planIdentity(plan) ? entry : null;
  } catch {
    return null;
  }
}

/** A service's answer to a challenge: only a holder of the secret can give it. */
export function serviceProof(secret: string, challenge: string): string {
  return crypto.createHmac('sha256', secret).update(challenge).digest('hex');
}

/** What a command line sends with each call: who acts, where its relative paths start, how long it waits. */
export interface ServiceCaller {
  actor: Actor;
  cwd: string;
  writeWaitMs?: number;
  /** Rows done of all, as a long call (an import) goes in the service. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Calls sent to a running service, answered as the dispatcher there answers them. No time limit:
 * an import through the service takes as long as it takes (fetch would give up after 5 minutes
 * and say the call was lost while the service finished it).
 */
export function serviceClient(address: ServiceAddress, caller: ServiceCaller): PlanService {
  return {
    async call(name: string, input: unknown): Promise<ApiResponse> {
      const { onProgress, ...sent } = caller;
      let response: { status: number; body: string };
      // With progress asked for, the answer comes as JSON lines: progress as it goes, then { answer }.
      let answered: unknown = null;
      const line = (text: string) => {
        try {
          const parsed = JSON.parse(text) as { progress?: [number, number]; answer?: unknown };
          if (parsed.progress) onProgress?.(parsed.progress[0], parsed.progress[1]);
          else answered = parsed.answer;
        } catch {
          // Not a line of ours: the answer is missing, and the call counts as lost below.
        }
      };
      try {
        response = await request(
          `${address.url}/call/${encodeURIComponent(name)}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SERVICE_SECRET_HEADER]: address.secret },
          },
          0,
          JSON.stringify({ input, ...sent, ...(onProgress ? { progress: true } : {}) }),
          onProgress ? line : undefined,
        );
      } catch {
        return failure(serviceLost(address));
      }
      let body: unknown = answered;
      if (!onProgress || response.status !== 200)
        try {
          body = JSON.parse(response.body);
        } catch {
          body = null;
        }
      if (isAnswer(body)) return body;
      // Refused before it ran (too large, not allowed): nothing was done, and the service says why.
      if (response.status >= 400 && response.status < 500)
        return failure(
          PlanbenchError.of(
            'invalid_input',
            `正在运行的规划工作台拒绝了这项操作，规划未作任何修改：${response.body.trim().slice(0, 300)}`,
            `the running Planbench refused the operation; the plan was not changed: ${response.body.trim().slice(0, 300)}`,
            { file: address.plan },
          ),
        );
      return failure(serviceLost(address, response.body));
    },
  };
}

/** One HTTP request to a local service; `timeoutMs` 0: none; `onLine`: each line of a 200 answer as it arrives. */
function request(
  url: string,
  options: http.RequestOptions,
  timeoutMs: number,
  body?: string,
  onLine?: (line: string) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = http.request(url, options, (response) => {
      const chunks: Buffer[] = [];
      let pending = '';
      const decoder = new StringDecoder('utf8'); // a character split between two chunks stays whole
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (!onLine || response.statusCode !== 200) return;
        pending += decoder.write(chunk);
        let end: number;
        while ((end = pending.indexOf('\n')) >= 0) {
          const text = pending.slice(0, end);
          pending = pending.slice(end + 1);
          if (text.trim()) onLine(text);
        }
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    if (timeoutMs > 0) sent.setTimeout(timeoutMs, () => sent.destroy(new Error('timed out')));
    sent.end(body);
  });
}

/** An answer as the dispatcher gives it: a result, or a refusal with its code and messages. */
function isAnswer(body: unknown): body is ApiResponse {
  if (typeof body !== 'object' || body === null) return false;
  const answer = body as { ok?: unknown; result?: unknown; error?: unknown };
  if (answer.ok === true) return 'result' in answer;
  return answer.ok === false && ApiErrorBody.safeParse(answer.error).success;
}

function serviceLost(address: ServiceAddress, said = ''): PlanbenchError {
  const detail = said ? `：${said.slice(0, 200)}` : '';
  return PlanbenchError.of(
    'io_error',
    `与正在运行的规划工作台的连接中断${detail}。这项操作可能已完成，也可能没有，请在窗口中查看规划后再决定是否重做`,
    `the connection to the running Planbench was lost${said ? `: ${said.slice(0, 200)}` : ''}. The operation may or may not have been done: look at the plan in the window before doing it again`,
    { file: address.plan },
  );
}
