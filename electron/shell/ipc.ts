import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import type { ApiResponse } from '../../shared/contract/client';
import { dispatch } from '../core/api/dispatch';
import type { FileExchange } from '../core/api/fileExchange';
import { desktopActor } from '../core/api/actors';
import type { ReadThreads } from '../core/api/readThread';
import type { PlanStore } from '../core/store/planStore';
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
 * The one IPC route: a named call with its input, checked for its sender here and for its
 * payload by the contract in the dispatcher — the same dispatcher the browser edition and the
 * CLI use.
 */
export function serveApi(
  window: () => BrowserWindow | null,
  plan: () => PlanStore | null,
  pageFiles: () => FileExchange,
  /** The plan's read thread, where checks and other long reads run off this (the main) process's thread. */
  readThreads: ReadThreads,
): void {
  ipcMain.handle(IPC_CHANNEL, async (event, name: unknown, input: unknown): Promise<ApiResponse> => {
    if (!isTrustedSender(event, window())) return refused('拒绝来自未知页面的调用', 'call refused: unknown sender');
    if (typeof name !== 'string') return refused('调用名称无效', 'invalid call name');
    const store = plan();
    if (!store)
      return { ok: false, error: { code: 'not_found', messageZh: '尚未打开规划', messageEn: 'no plan is open' } };
    // The page names files only by upload and download ids (pageFiles.ts), never by path.
    const context = { store, edition: 'electron' as const, files: pageFiles(), actor: desktopActor(), readThreads };
    return await dispatch(context, name, input);
  });
}
