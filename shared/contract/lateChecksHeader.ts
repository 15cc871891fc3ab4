/**
 * Asked by a transport that can carry an answer in two parts (the browser edition streams it as
 * two lines of JSON): the result and its changes at once, the checks after them (LateChecks in
 * changes.ts). An edit's new total is then shown without waiting for the checks (which take
 * longer than the edit), and the 检查 badge still follows from the same request. Kept apart from
 * the schemas so the page's first chunk, which sends it, does not carry zod.
 */
export const LATE_CHECKS_HEADER = 'x-planbench-late-checks';
