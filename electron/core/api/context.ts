import type { z } from 'zod';
import type { ApiResponse } from '../../../shared/contract/client';
import type { Actor } from '../store/actor';
import type { PlanStore } from '../store/planStore';
import type { FileAccess } from './files';
import type { ReadThreads } from './readThread';

/** Which front end a call came through; reported by app.info. */
export type Edition = 'electron' | 'browser' | 'cli';

/** What a call runs against: the plan the main side has open. */
export interface ApiContext {
  store: PlanStore;
  edition: Edition;
  /**
   * How this front end's transport resolves file references (files.ts): a page's transport
   * sets its own; absent, the CLI names paths and any other front end has no files.
   */
  files?: FileAccess;
  /** Who acts through this front end (store/actor.ts); absent, this process. */
  actor?: Actor;
  /**
   * How long a call that writes waits for another program holding the plan (writeWait.ts);
   * absent, a window's wait.
   */
  writeWaitMs?: number;
  /**
   * The read thread of a front end that keeps a plan open (readThread.ts): long reads run there,
   * off the thread that answers edits. Absent (the CLI, tests), they run in the call.
   */
  readThreads?: ReadThreads;
  /** Where a long call (an import) reports rows done of all, for a front end that shows it. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The plan service already holding this plan on this computer (planServices.ts): a command
   * line run sends its calls there, so the open windows see them at once and the plan has one
   * writer. Absent, calls run here on `store`.
   */
  service?: PlanService;
}

/** A running plan service a call can be sent to: it answers as the dispatcher would here. */
export interface PlanService {
  call(name: string, input: unknown): Promise<ApiResponse>;
}

type CallDefinition = { input: z.ZodType; output: z.ZodType };

/** The handlers of a group of calls: each gets the validated input and returns the output. */
export type HandlersFor<Calls extends Record<string, CallDefinition>> = {
  [Name in keyof Calls]: (
    context: ApiContext,
    input: z.output<Calls[Name]['input']>,
  ) => z.output<Calls[Name]['output']> | Promise<z.output<Calls[Name]['output']>>;
};
