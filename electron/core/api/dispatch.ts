import type { ApiResponse } from '../../../shared/contract/client';
import type { ApiName } from '../../../shared/contract/contract';
import { apiContract, isApiName } from '../../../shared/contract/contract';
import { callWritesPlan } from '../../../shared/contract/access';
import { ChangeEnvelope } from '../../../shared/contract/changes';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { Actor } from '../store/actor';
import { actingAs, currentActor } from '../store/actor';
import { mapStoreError, readOnlyError } from '../store/storeErrors';
import type { ChecksLater } from './changes';
import { trackChanges } from './changes';
import { LONG_READS, ReadThreadUnavailable } from './readThread';
import type { ApiContext } from './handlers';
import { handlers } from './handlers';
import type { Attempt } from './writeWait';
import { retryWhileBusy, WRITE_WAIT_MS } from './writeWait';

/**
 * The single entry point of every transport (IPC, HTTP, CLI): look the call up, validate its
 * input against the contract, run its handler, and check the output against the contract too.
 * A rejected input never reaches a handler, so nothing is written.
 *
 * Most handlers are synchronous (SQLite is), and then so is the response; a handler that must
 * wait (printing a PDF in a browser) returns a promise, and so does the response. Transports
 * simply await what they get.
 */
export function dispatch(
  context: ApiContext,
  name: string,
  rawInput: unknown,
  /** A transport that sends answers in two parts gets the checks' run here, to send after the answer. */
  checksLater?: ChecksLater,
  /** Who calls, when the transport knows (a window of the browser edition); else the context's actor. */
  caller?: Actor,
): ApiResponse | Promise<ApiResponse> {
  if (!isApiName(name)) {
    return failure(PlanbenchError.of('unknown_call', `没有名为“${name}”的操作`, `there is no call named "${name}"`));
  }
  const contract = apiContract[name];
  const parsed = contract.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        messageZh: `操作“${name}”的输入无效`,
        messageEn: `invalid input for "${name}"`,
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      },
    };
  }
  // A plan service holds the plan: the call runs there, validated again (serviceEndpoint.ts).
  if (context.service) return context.service.call(name, rawInput ?? {});
  const { store } = context;
  const writes = callWritesPlan(name);
  if (store.readOnly && writes) return failure(readOnlyError(store.file, store.readOnly, store.holderElsewhere));
  // Everything the call logs, now or after an await, is its caller's (store/actor.ts).
  const actor = caller ?? context.actor ?? currentActor();
  const run = () => actingAs(actor, () => runCall(context, name, parsed.data, checksLater));
  if (!writes) {
    // A long read goes to the plan's read thread (readThread.ts), and runs here if it cannot.
    const thread = LONG_READS.has(name) ? (context.readThreads?.for(store) ?? null) : null;
    if (!thread) return run();
    return thread.call(name, rawInput ?? {}).catch((error: unknown) => {
      if (error instanceof ReadThreadUnavailable) return run();
      throw error;
    });
  }
  // Another program may hold the plan for writing: the call waits for it (writeWait.ts). What
  // this connection wrote is counted around each try: a synchronous try is alone on it; while
  // an asynchronous one runs, other calls may write too, which only makes it look touched.
  const attempt = (): Attempt | Promise<Attempt> => {
    const writtenBefore = store.writesByThisConnection();
    const tried = (answer: ApiResponse): Attempt => ({
      answer,
      wroteNothing: store.writesByThisConnection() === writtenBefore,
    });
    const answer = run();
    return answer instanceof Promise ? answer.then(tried) : tried(answer);
  };
  return retryWhileBusy(
    attempt,
    context.writeWaitMs ?? (context.edition === 'cli' ? WRITE_WAIT_MS.cli : WRITE_WAIT_MS.app),
  );
}

/** One run of a call whose input is valid: its handler, its output checked, what it changed. */
function runCall(
  context: ApiContext,
  name: ApiName,
  input: unknown,
  checksLater?: ChecksLater,
): ApiResponse | Promise<ApiResponse> {
  const { store } = context;
  const contract = apiContract[name];
  // A call that writes says, beside its result, what it changed (changes.ts).
  const tracker = callWritesPlan(name)
    ? trackChanges(store, name, input, checksLater, context.readThreads?.running(store))
    : null;
  const checked = (output: unknown): ApiResponse | Promise<ApiResponse> => {
    const result = contract.output.parse(output);
    if (!tracker) return { ok: true, result };
    const answer = (changes: ChangeEnvelope): ApiResponse => ({
      ok: true,
      result,
      changes: ChangeEnvelope.parse(changes),
    });
    // The checks may come from the read thread: the envelope then waits for them (changes.ts).
    const changes = tracker.finish();
    return changes instanceof Promise ? changes.then(answer) : answer(changes);
  };
  const failed = (error: unknown): ApiResponse => failure(mapStoreError(error, store.file) ?? error);
  try {
    const handler = handlers[name] as (context: ApiContext, input: unknown) => unknown;
    const result = handler(context, input);
    if (result instanceof Promise) {
      return result.then(checked).catch(failed);
    }
    return checked(result);
  } catch (error) {
    return failed(error);
  }
}

/** A failure as every transport carries it; the plan file's own failures are already named (storeErrors.ts). */
export function failure(error: unknown): ApiResponse {
  if (error instanceof PlanbenchError) return { ok: false, error: error.body };
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: { code: 'internal', messageZh: `内部错误：${message}`, messageEn: `internal error: ${message}` },
  };
}
