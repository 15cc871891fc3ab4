import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import type { ApiResponse } from '../../shared/contract/client';
import { IPC_CHANNEL, ORIGIN } from './origin';

/** Only our own page, in our own window's main frame, loaded from our own scheme, may call the API. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  return (
    window !== null &&
    !window.isDestroyed() &&
    event.sender === window.webContents &&
    frame !== null &&
    frame.parent === null &&
    frame.url.startsWith(`${ORIGIN}/`)
  );
}

const refused = (messageZh: string, messageEn: string): ApiResponse => ({
  ok: false,
  error: { code: 'invalid_input', messageZh, messageEn },
});

/**
 * The one IPC route: a named call with its input, checked for its sender here, then relayed to
 * the plan service (planServiceHost.ts), whose dispatcher checks its payload by the contract —
 * the same dispatcher the browser edition and the CLI use. A call the service could not answer
 * because it stopped rejects (ServiceLost), as a dropped connection would: the page keeps the
 * cell edits among such calls and sends them again.
 */
export function serveApi(
  window: () => BrowserWindow | null,
  service: { call(name: string, input: unknown): Promise<ApiResponse> },
): void {
  ipcMain.handle(IPC_CHANNEL, async (event, name: unknown, input: unknown): Promise<ApiResponse> => {
    if (!isTrustedSender(event, window())) return refused('拒绝来自未知页面的调用', 'call refused: unknown sender');
    if (typeof name !== 'string') return refused('调用名称无效', 'invalid call name');
    return await service.call(name, input);
  });
}
