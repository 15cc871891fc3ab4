import type { ApiInput, ApiName, ApiOutput } from '../shared/contract/contract';
import { PlanbenchError } from '../shared/contract/errors';
import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';

/** One call through the dispatcher every front end uses; a refusal is thrown as PlanbenchError. */
export async function callApi<N extends ApiName>(
  context: ApiContext,
  name: N,
  input: ApiInput<N>,
): Promise<ApiOutput<N>> {
  const response = await dispatch(context, name, input);
  if (!response.ok) throw new PlanbenchError(response.error);
  return response.result as ApiOutput<N>;
}
