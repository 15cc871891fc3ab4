import type { ApiResponse } from '../../../shared/contract/client';

export { WRITE_WAIT_MS } from '../store/connection';

/**
 * Writers that wait, then succeed. A plan is shared — two windows, a colleague's copy on a shared
 * folder, a command-line import — and SQLite lets one program write at a time. A connection
 * waits only briefly for the lock (BUSY_WAIT_MS in store/connection.ts), blocking its thread;
 * past that, a call that writes is tried again here, asynchronously, so the app and the server
 * keep answering while they wait. It is tried again only while it has written nothing (its
 * connection's change count is unchanged), so no part of a call is ever written twice.
 */

const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 250;

function isBusy(answer: ApiResponse): boolean {
  return !answer.ok && answer.error.code === 'busy';
}

/**
 * The answer of `attempt`, tried again after a pause while it is refused as busy and
 * `untouched()` says it wrote nothing, until `waitMs` have passed. The first try runs at once;
 * an answer that needed no wait comes back as it came (synchronously when it was).
 */
export function retryWhileBusy(
  attempt: () => ApiResponse | Promise<ApiResponse>,
  untouched: () => boolean,
  waitMs: number,
): ApiResponse | Promise<ApiResponse> {
  const first = attempt();
  const settle = async (answer: ApiResponse): Promise<ApiResponse> => {
    const deadline = Date.now() + waitMs;
    let pause = FIRST_PAUSE_MS;
    while (isBusy(answer) && untouched() && Date.now() + pause < deadline) {
      await new Promise((resume) => setTimeout(resume, pause));
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
      answer = await attempt();
    }
    return answer;
  };
  if (first instanceof Promise) return first.then(settle);
  return isBusy(first) ? settle(first) : first;
}
