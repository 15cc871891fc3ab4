import type { ApiResponse } from '../../../shared/contract/client';

export { WRITE_WAIT_MS } from '../store/connection';

/**
 * Writers that wait, then succeed. A plan is shared — two windows, a colleague's copy on a shared
 * folder, a command-line import — and SQLite lets one program write at a time. A connection
 * waits only briefly for the lock (BUSY_WAIT_MS in store/connection.ts), blocking its thread;
 * past that, a call that writes is tried again here, asynchronously, so the app and the server
 * keep answering while they wait. It is tried again only while it has written nothing (its
 * connection's change count is the same after the try as before it), so no part of a call is
 * ever written twice.
 */

const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 250;

/** One try of a call: its answer, and whether it wrote anything to the plan before it ended. */
export interface Attempt {
  answer: ApiResponse;
  wroteNothing: boolean;
}

function mayRetry({ answer, wroteNothing }: Attempt): boolean {
  return !answer.ok && answer.error.code === 'busy' && wroteNothing;
}

/**
 * The answer of `attempt`, tried again after a pause while it is refused as busy having written
 * nothing, until `waitMs` have passed. The first try runs at once; an answer that needed no wait
 * comes back as it came (synchronously when it was).
 */
export function retryWhileBusy(
  attempt: () => Attempt | Promise<Attempt>,
  waitMs: number,
): ApiResponse | Promise<ApiResponse> {
  const first = attempt();
  const settle = async (tried: Attempt): Promise<ApiResponse> => {
    const deadline = Date.now() + waitMs;
    let pause = FIRST_PAUSE_MS;
    while (mayRetry(tried) && Date.now() + pause < deadline) {
      await new Promise((resume) => setTimeout(resume, pause));
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
      tried = await attempt();
    }
    return tried.answer;
  };
  if (first instanceof Promise) return first.then(settle);
  return mayRetry(first) ? settle(first) : first.answer;
}
