import type { exchangeCalls } from '../../../../shared/contract/calls/exchange';
import { PlanbenchError } from '../../../../shared/contract/errors';
import { collectApply, collectPreview } from '../../exchange/apply';
import { packageFiles } from '../../exchange/package';
import { createSendOut, previewSendOut } from '../../exchange/sendout';
import { sendOutStatus } from '../../exchange/status';
import { exportTarget, exportWorkbook } from '../../export/exportWorkbook';
import { MemorySink } from '../../formats/zipWriter';
import type { HandlersFor } from '../context';

/** Base64 from the renderer: refused with a clear message when it is not base64 at all. */
function decodeBase64(text: string, fileName: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw PlanbenchError.of('invalid_input', `“${fileName}”的内容不是有效的 base64 编码`, `the content of "${fileName}" is not valid base64`, { file: fileName });
  }
  return Buffer.from(compact, 'base64');
}

/** Export, send-out and collect-back: the workbooks travel as base64, never as paths. */
export const exchangeHandlers: HandlersFor<typeof exchangeCalls> = {
  'export.sheet': async ({ store }, { sheetId, options }) => {
    const { sheetIds, fileName } = exportTarget(store, sheetId);
    const sink = new MemorySink();
    const sheets = await exportWorkbook(store, sheetIds, options, sink);
    const bytes = sink.bytes();
    return { fileName, contentBase64: bytes.toString('base64'), bytes: bytes.length, sheets: sheets.map(({ name, rows }) => ({ name, rows })) };
  },

  'sendout.preview': ({ store }, input) => previewSendOut(store, input),

  'sendout.create': async ({ store }, input) => {
    const { batch, files } = await createSendOut(store, input);
    const zip = input.package === 'zip' ? await packageFiles(batch, files) : null;
    return {
      batchId: batch.id,
      createdAt: batch.createdAt,
      files: files.map((file) => ({
        department: file.department,
        fileName: file.fileName,
        rows: file.rows,
        bytes: file.bytes.length,
        contentBase64: zip ? null : file.bytes.toString('base64'),
      })),
      zip: zip ? { fileName: zip.fileName, contentBase64: zip.bytes.toString('base64'), bytes: zip.bytes.length } : null,
    };
  },

  'sendout.status': ({ store }, { sheetId }) => {
    if (sheetId !== undefined) store.assertSheet(sheetId);
    return sendOutStatus(store, sheetId);
  },

  'collect.preview': ({ store }, { fileName, contentBase64 }) => collectPreview(store, fileName, decodeBase64(contentBase64, fileName)),

  'collect.apply': ({ store }, { previewId, accept }) => collectApply(store, previewId, accept),
};
