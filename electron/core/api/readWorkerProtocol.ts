import type { ApiResponse } from '../../../shared/contract/client';
import type { ApiName } from '../../../shared/contract/contract';

/** What the main thread asks the read thread (readThread.ts → readWorker.ts): one long read. */
export interface ToReadWorker {
  id: number;
  name: ApiName;
  input: unknown;
}

/** The read thread's answer to one call, as the dispatcher gives it. */
export interface FromReadWorker {
  id: number;
  name: ApiName;
  answer: ApiResponse;
}
