import type { LateChecks } from '../../../shared/contract/changes';
import { LATE_CHECKS_HEADER } from '../../../shared/contract/lateChecksHeader';
import type { ApiResponse, ApiTransport } from '../../../shared/contract/client';
import { WINDOW_HEADER } from '../../../shared/contract/windowHeader';
import { windowId } from './windowId';

/** What the Electron preload exposes (invoke only); absent in the browser edition. */
interface PlanbenchBridge {
  call(name: string, input: unknown): Promise<ApiResponse>;
  /** Hear what other programs change in the plan (the desktop app's live updates). */
  onChanges?(listener: (changes: unknown) => void): void;
}

declare global {
  interface Window {
    planbench?: PlanbenchBridge;
  }
}

/** The browser edition: POST to ./api/<name>, relative to the secret-prefixed page URL. */
const httpTransport: ApiTransport = async (name, input) => {
  let sent: { response: Response; waited: boolean };
  try {
    sent = RESENT_WHEN_BACK.has(name)
      ? await keptUntilSent(() => post(name, input))
      : { response: await post(name, input), waited: false };
  } catch (error) {
    return transportError(
      `无法连接到规划工作台服务（${String(error)}）`,
      `cannot reach the Planbench server (${String(error)})`,
    );
  }
  const answer = await readAnswer(sent.response);
  if (sent.waited) countSent();
  return answer;
};

/**
 * The desktop app: IPC through the preload to the main process, which relays to the plan
 * service. A call the service could not answer because it stopped (it is being restarted)
 * rejects, as a dropped connection does here: cell edits are kept and sent again the same way.
 */
function bridgeTransport(bridge: PlanbenchBridge): ApiTransport {
  return async (name, input) => {
    try {
      if (!RESENT_WHEN_BACK.has(name)) return await bridge.call(name, input);
      const sent = await keptUntilSent(() => bridge.call(name, input));
      if (sent.waited) countSent();
      return sent.response;
    } catch (error) {
      return transportError(
        `无法连接到规划服务（${String(error)}）`,
        `cannot reach the plan service (${String(error)})`,
      );
    }
  };
}

/**
 * An edit that waited has been sent: told once its answer has been taken in (its caller's "已保存"
 * comes in this same turn), so the count is the status bar's last word.
 */
function countSent(): void {
  setTimeout(() => {
    waitingEdits--;
    notifyWaiting();
  }, 0);
}

function post(name: string, input: unknown): Promise<Response> {
  return fetch(`./api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [LATE_CHECKS_HEADER]: '1', [WINDOW_HEADER]: windowId() },
    body: JSON.stringify(input ?? {}),
  });
}

/**
 * Edits in flight are never lost. A cell's new text sent while the server cannot be reached (the
 * network dropped, the server or the desktop app's plan service is restarting) is kept and sent
 * again until it arrives; edits made meanwhile wait behind it, so they land in the order they were
 * typed. Only setting cells is sent again: setting a cell twice to the same text is the same as
 * once (the second is no change), whereas adding rows twice would add them twice — those fail and
 * say so.
 */
const RESENT_WHEN_BACK = new Set(['cell.update', 'cells.update']);
const RESEND_PAUSES_MS = [250, 500, 1000, 2000];
let waitingEdits = 0;
let backlog: Promise<unknown> = Promise.resolve();

/** `send` rejects when the call did not reach the other side (or its answer did not come back). */
async function keptUntilSent<T>(send: () => Promise<T>): Promise<{ response: T; waited: boolean }> {
  if (waitingEdits === 0) {
    try {
      return { response: await send(), waited: false };
    } catch {
      // Kept: joins the edits waiting to be sent again, below.
    }
  }
  waitingEdits++;
  notifyWaiting();
  const sent = backlog.then(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await send();
      } catch {
        const pause = RESEND_PAUSES_MS[Math.min(attempt, RESEND_PAUSES_MS.length - 1)];
        await new Promise((resume) => setTimeout(resume, pause));
      }
    }
  });
  backlog = sent.catch(() => undefined);
  return { response: await sent, waited: true };
}

const waitingListeners = new Set<(count: number) => void>();

/** Hear how many edits wait to be sent again (0: all sent). */
export function onWaitingEdits(listener: (count: number) => void): () => void {
  waitingListeners.add(listener);
  return () => waitingListeners.delete(listener);
}

function notifyWaiting(): void {
  for (const listener of waitingListeners) listener(waitingEdits);
}

async function readAnswer(response: Response): Promise<ApiResponse> {
  try {
    if (response.headers.get('Content-Type')?.startsWith('application/x-ndjson') && response.body)
      return await twoParts(response.body);
    return (await response.json()) as ApiResponse;
  } catch {
    return transportError(
      `服务返回了无法识别的响应（HTTP ${response.status}）`,
      `unreadable response (HTTP ${response.status})`,
    );
  }
}

const lateChecksListeners = new Set<(late: LateChecks) => void>();

/** Hear the second part of a two-part answer: the checks after a write (shared/api/changes.ts). */
export function onLateChecks(listener: (late: LateChecks) => void): () => void {
  lateChecksListeners.add(listener);
  return () => lateChecksListeners.delete(listener);
}

/**
 * A two-part answer, one JSON line each: the answer is returned as soon as its line is in; the
 * line after it (the checks) is read on and handed to the listeners when it comes.
 */
async function twoParts(body: ReadableStream<Uint8Array>): Promise<ApiResponse> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const nextLine = async (): Promise<string | null> => {
    for (;;) {
      const end = text.indexOf('\n');
      if (end >= 0) {
        const line = text.slice(0, end);
        text = text.slice(end + 1);
        return line;
      }
      const { done, value } = await reader.read();
      if (done) return text === '' ? null : text;
      text += decoder.decode(value, { stream: true });
    }
  };
  const first = await nextLine();
  if (first === null) throw new Error('empty answer');
  const answer = JSON.parse(first) as ApiResponse;
  void nextLine().then(
    (line) => {
      if (!line) return;
      const late = JSON.parse(line) as LateChecks;
      for (const listener of lateChecksListeners) listener(late);
    },
    // The connection dropped before the checks came: the next change brings them.
    () => undefined,
  );
  return answer;
}

function transportError(messageZh: string, messageEn: string): ApiResponse {
  return { ok: false, error: { code: 'io_error', messageZh, messageEn } };
}

const bridge = window.planbench;

/** Carries the renderer's calls: Electron IPC through the preload, or HTTP in the browser edition. */
export const transport: ApiTransport = bridge ? bridgeTransport(bridge) : httpTransport;
