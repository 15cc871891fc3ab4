import type { ApiErrorBody } from './errors';
import { PlanbenchError } from './errors';
import type { ChangeEnvelope } from './changes';
import type { ApiInput, ApiName, ApiOutput } from './contract';

/**
 * What every transport returns for a call: the result, or an error body. A call that writes the
 * plan also says what it changed (shared/api/changes.ts).
 */
export type ApiResponse = { ok: true; result: unknown; changes?: ChangeEnvelope } | { ok: false; error: ApiErrorBody };

/** Carries one call to the main side (IPC, HTTP) and brings back its response. */
export type ApiTransport = (name: ApiName, input: unknown) => Promise<ApiResponse>;

export type ApiClient = { [N in ApiName]: (input: ApiInput<N>) => Promise<ApiOutput<N>> };

/**
 * A typed client over a transport: `api['sheet.rows']({ sheetId })`; failures throw PlanbenchError.
 * The names are checked by the types, not by a list at run time, so the renderer's bundle does not
 * carry the contract's schemas (the main side validates every call anyway).
 */
export function createApiClient(transport: ApiTransport): ApiClient {
  const methods = new Map<string, (input: unknown) => Promise<unknown>>();
  const method = (name: ApiName) => async (input: unknown) => {
    const response = await transport(name, input);
    if (!response.ok) throw new PlanbenchError(response.error);
    return response.result;
  };
  return new Proxy({} as ApiClient, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      let call = methods.get(name);
      if (!call) methods.set(name, (call = method(name as ApiName)));
      return call;
    },
  });
}
