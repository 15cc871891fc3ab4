import type { importingCalls } from '../../../../shared/contract/calls/importing';
import { IMPORT_UPLOAD_MAX_BYTES } from '../../../../shared/contract/calls/importing';
import { bufferSource } from '../../formats/byteSource';
import { mib } from '../../formats/caps';
import { commitPreview } from '../../import/commit';
import { badFile } from '../../formats/fileErrors';
import { buildPreview } from '../../import/preview';
import { previewRows, toApiPreview } from '../../import/previewApi';
import { previewCache } from '../../import/previewCache';
import type { WorkbookRead } from '../../formats/workbook';
import { readWorkbook } from '../../formats/workbook';
import type { HandlersFor } from '../context';

/**
 * Import: the renderer sends a file's bytes and gets a preview id; the preview lives here until it
 * is committed, cancelled, pushed out by newer ones or left idle for half an hour.
 */
export const importingHandlers: HandlersFor<typeof importingCalls> = {
  'import.preview': async ({ store }, input) => {
    let fileName: string;
    let bytes: Buffer;
    let read: WorkbookRead | null = null;
    if ('previewId' in input.file) {
      const earlier = previewCache.get(input.file.previewId);
      fileName = earlier.fileName;
      bytes = earlier.bytes;
      // The same sheet again (a new header, mapping or target): the file need not be read again.
      if (input.sheetName === undefined || input.sheetName === earlier.built.read.grid.name) read = earlier.built.read;
    } else {
      fileName = input.file.fileName;
      bytes = Buffer.from(input.file.contentBase64, 'base64');
      if (bytes.length > IMPORT_UPLOAD_MAX_BYTES) {
        throw badFile(fileName, `文件大于 ${mib(IMPORT_UPLOAD_MAX_BYTES)} 的上限；请用命令行 planbench import 导入`, `the file is larger than the ${mib(IMPORT_UPLOAD_MAX_BYTES)} limit; import it with the planbench import command`);
      }
    }
    read ??= await readWorkbook(bufferSource(fileName, bytes), input.sheetName);
    const built = buildPreview(store, read, {
      ...(input.sheetName !== undefined ? { sheetName: input.sheetName } : {}),
      target: input.target,
      ...(input.header ? { header: input.header } : {}),
      ...(input.mapping ? { mapping: input.mapping } : {}),
    });
    const entry = previewCache.put(fileName, bytes, built);
    return toApiPreview(built, entry.id, input.rowLimit);
  },

  'import.rows': (_context, { previewId, offset, limit, filter }) => previewRows(previewCache.get(previewId).built, offset, limit, filter),

  'import.commit': ({ store }, { previewId, fixes }) => {
    const entry = previewCache.get(previewId);
    const result = commitPreview(store, entry.built, { fixes: fixes ?? [] });
    previewCache.drop(previewId);
    return result;
  },

  'import.cancel': (_context, { previewId }) => ({ dropped: previewCache.drop(previewId) }),
};
