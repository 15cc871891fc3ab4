import type { documentsCalls } from '../../../../shared/contract/calls/documents';
import { acceptedRow, commitBreakdown } from '../../documents/breakdownSheet';
import { buildDocumentPreview, dropPreview, takePreview } from '../../documents/documentPreview';
import { readDocument } from '../../documents/readDocument';
import type { HandlersFor } from '../context';
import { filesOf } from '../files';

/**
 * From a policy document to a 任务分解 sheet (electron/core/documents): read the document and
 * propose its rows (documents.preview, nothing written), then create the sheet from the rows the
 * user accepted as one change-log action (documents.commit).
 */
export const documentsHandlers: HandlersFor<typeof documentsCalls> = {
  'documents.preview': async (context, { file }) => {
    const toRead = filesOf(context).read(file);
    const read = await readDocument(toRead.path, toRead.fileName);
    return buildDocumentPreview(context.store, read);
  },

  'documents.commit': ({ store }, { previewId, name, rows }) => {
    const preview = takePreview(store, previewId);
    store.makeBackup('import');
    const result = commitBreakdown(store, preview, rows ?? preview.rows.map(acceptedRow), name);
    dropPreview(previewId);
    return result;
  },

  'documents.cancel': (_context, { previewId }) => ({ dropped: dropPreview(previewId) }),
};
