import type { ApiResponse } from '../../shared/api/client';
import { apiContract, isApiName } from '../../shared/api/contract';
import { PlanbenchError } from '../../shared/api/errors';
import type { ApiContext } from './handlers';
import { handlers } from './handlers';

/**
 * The single entry point of every transport (IPC, HTTP, CLI): look the call up, validate its
 * input against the contract, run its handler, and check the output against the contract too.
 * A rejected input never reaches a handler, so nothing is written.
 */
export function dispatch(context: ApiContext, name: string, rawInput: unknown): ApiResponse {
  if (!isApiName(name)) {
    return failure(
      PlanbenchError.of('unknown_call', `没有名为“${name}”的操作`, `there is no call named "${name}"`),
    );
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
  try {
    const handler = handlers[name] as (context: ApiContext, input: unknown) => unknown;
    const result = handler(context, parsed.data);
    return { ok: true, result: contract.output.parse(result) };
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): ApiResponse {
  if (error instanceof PlanbenchError) return { ok: false, error: error.body };
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: { code: 'internal', messageZh: `内部错误：${message}`, messageEn: `internal error: ${message}` },
  };
}
