import { createApiClient } from '../../../shared/contract/client';
import { takePrefetched } from '../app/firstScreen';
import { transport } from './transport';

/** The renderer's only way to the main side: the shared API contract. */
export const api = createApiClient((name, input) => takePrefetched(name, input) ?? transport(name, input));
