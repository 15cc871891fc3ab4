import type { ApiResponse, ApiTransport } from '../../../shared/contract/client';

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
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    return transportError(`无法连接到规划工作台服务（${String(error)}）`, `cannot reach the Planbench server (${String(error)})`);
  }
  try {
    return (await response.json()) as ApiResponse;
  } catch {
    return transportError(`服务返回了无法识别的响应（HTTP ${response.status}）`, `unreadable response (HTTP ${response.status})`);
  }
};

function transportError(messageZh: string, messageEn: string): ApiResponse {
  return { ok: false, error: { code: 'io_error', messageZh, messageEn } };
}

const bridge = window.planbench;

/** Carries the renderer's calls: Electron IPC through the preload, or HTTP in the browser edition. */
export const transport: ApiTransport = bridge ? (name, input) => bridge.call(name, input) : httpTransport;
