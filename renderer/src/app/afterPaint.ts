/**
 * Run `work` once the browser has painted the current frame: what the user is waiting to see
 * (an edited value, a new total) is drawn first, and follow-up work (refreshing undo state and
 * checks) comes after it rather than in front of it.
 */
export function afterPaint(work: () => void): void {
  requestAnimationFrame(() => window.setTimeout(work, 0));
}
