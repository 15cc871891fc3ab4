import type { ApiErrorBody } from './errors';
import { PlanbenchError } from './errors';
import type { ApiInput, ApiName, ApiOutput } from './contract';
import { API_NAMES } from './contract';

/** What every transport returns for a call: the result, or an error body. */
export type ApiResponse = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/** Carries one call to the main side (IPC, HTTP) and brings back its response. */
export type ApiTransport = (name: ApiName, input: unknown) => Promise<ApiResponse>;

export type ApiClient = { [N in ApiName]: (input: ApiInput<N>) => Promise<ApiOutput<N>> };

/** A typed client over a transport: `api['sheet.rows']({ sheetId })`; failures throw PlanbenchError. */
export function createApiClient(transport: ApiTransport): ApiClient {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of API_NAMES) {
    client[name] = async (input: unknown) => {
      const response = await transport(name, input);
      if (!response.ok) throw new PlanbenchError(response.error);
      return response.result;
    };
  }
  return client as ApiClient;
}
