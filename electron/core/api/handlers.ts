import type { apiContract } from '../../../shared/contract/contract';
import type { HandlersFor } from './context';
import { budgetsHandlers } from './handlers/budgets';
import { checksHandlers } from './handlers/checks';
import { coreHandlers } from './handlers/core';
import { documentsHandlers } from './handlers/documents';
import { editingHandlers } from './handlers/editing';
import { exchangeHandlers } from './handlers/exchange';
import { importingHandlers } from './handlers/importing';
import { printingHandlers } from './handlers/printing';
import { wordExportHandlers } from './handlers/wordExport';
import { supervisionHandlers } from './handlers/supervision';
import { versionsHandlers } from './handlers/versions';
import { commentsHandlers } from './handlers/comments';
import { planFilesHandlers } from './handlers/planFiles';
import { versionViewHandlers } from './handlers/versionView';

export type { ApiContext, Edition } from './context';

/** The one implementation of every call in the contract, grouped by domain under ./handlers. */
export const handlers: HandlersFor<typeof apiContract> = {
  ...coreHandlers,
  ...checksHandlers,
  ...editingHandlers,
  ...exchangeHandlers,
  ...importingHandlers,
  ...documentsHandlers,
  ...printingHandlers,
  ...wordExportHandlers,
  ...budgetsHandlers,
  ...supervisionHandlers,
  ...versionsHandlers,
  ...commentsHandlers,
  ...planFilesHandlers,
  ...versionViewHandlers,
};
