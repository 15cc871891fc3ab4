import { isWindowId } from '../../../shared/contract/windowHeader';

const KEY = 'planbench.window';
let id: string | null = null;

/**
 * This window's id (shared/contract/windowHeader.ts): made once per tab and kept in the tab's
 * session storage, so a reload is still the same window — its undo history stays its own.
 */
export function windowId(): string {
  if (id) return id;
  let kept: string | null = null;
  try {
    kept = sessionStorage.getItem(KEY);
  } catch {
    // Storage refused (a locked-down profile): the id lasts as long as the page.
  }
  id = isWindowId(kept) ? kept : crypto.randomUUID().replaceAll('-', '');
  try {
    sessionStorage.setItem(KEY, id);
  } catch {
    // As above.
  }
  return id;
}
