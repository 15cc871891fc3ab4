import { app, session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security';
import { navigationAllowed } from './origin';

/**
 * Electron's security checklist, for every window and every frame: no permissions, the one CSP
 * on every response, no navigation off our page (top-level or in any frame), no redirects, no
 * <webview>, no new windows.
 */
export function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  app.on('web-contents-created', (_event, contents) => {
    // will-frame-navigate fires for the main frame and every subframe (will-navigate only for the first).
    contents.on('will-frame-navigate', (event) => {
      if (!navigationAllowed(event.url, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-navigate', (event, url) => {
      if (!navigationAllowed(url, true)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
