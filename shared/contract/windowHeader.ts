/**
 * Which window a browser-edition call comes from: each tab sends an id of its own (kept for the
 * tab's life, reloads included), so the log knows whose action is whose — undo is yours — and
 * a window can tell its own changes from the ones the event stream brings from others.
 */
export const WINDOW_HEADER = 'x-planbench-window';

/** A window id as a page makes one (letters, digits, - and _); anything else is not used. */
export function isWindowId(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(id);
}
