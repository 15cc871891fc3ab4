/**
 * Where the desktop app's page comes from: a private, privileged scheme instead of file://, so
 * the page has an origin of its own that the IPC sender check and the navigation guards can name.
 */
export const SCHEME = 'planbench';
export const ORIGIN = `${SCHEME}://app`;
export const IPC_CHANNEL = 'planbench:call';
/** Main → page: what other programs changed in the open plan (core/api/planEvents.ts). */
export const CHANGES_CHANNEL = 'planbench:changes';

/**
 * Whether a frame may navigate to `url`. The window's own page stays on our origin; the only
 * frames the page makes are the print preview's sandboxed srcdoc iframes. Everything else — a
 * link, a dropped file, a redirect, a page that injected a frame — is refused.
 */
export function navigationAllowed(url: string, isMainFrame: boolean): boolean {
  if (isMainFrame) return url.startsWith(`${ORIGIN}/`);
  return url === 'about:srcdoc' || url === 'about:blank';
}
