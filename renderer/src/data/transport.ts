import type { LateChecks } from '../../../shared/contract/changes';
import { LATE_CHECKS_HEADER } from '../../../shared/contract/lateChecksHeader';
import type { ApiResponse, ApiTransport } from '../../../shared/contract/client';
import { WINDOW_HEADER } from '../../../shared/contract/windowHeader';
import { windowId } from './windowId';

/** What the Electron preload exposes (invoke only); absent in the browser edition. */
interface PlanbenchBridge {
  call(name: string, input: unknown): Promise<ApiResponse>;
}

declare global {
  interface Window {
    planbench?: PlanbenchBridge;
  }
}

/** The browser edition: POST to ./api/<name>, relative to the secret-prefixed page URL. */
const httpTransport: ApiTransport = async (name, input) => {
  let response: Response;
  try {
    response = await fetch(`./api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [LATE_CHECKS_HEADER]: '1', [WINDOW_HEADER]: windowId() },
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    return transportError(
      `无法连接到规划工作台服务（${String(error)}）`,
      `cannot reach the Planbench server (${String(error)})`,
    );
  }
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
};

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
export const transport: ApiTransport = bridge ? (name, input) => bridge.call(name, input) : httpTransport;
