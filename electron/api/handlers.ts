import type { apiContract } from '../../shared/api/contract';
import type { HandlersFor } from './context';
import { coreHandlers } from './handlers/core';
import { printingHandlers } from './handlers/printing';
import { checksHandlers } from './handlers/checks';
import { editingHandlers } from './handlers/editing';

export type { ApiContext, Edition } from './context';

/** The one implementation of every call in the contract, grouped by domain under ./handlers. */
export const handlers: HandlersFor<typeof apiContract> = {
  ...coreHandlers,
  ...printingHandlers,
  ...checksHandlers,
  ...editingHandlers,
};
