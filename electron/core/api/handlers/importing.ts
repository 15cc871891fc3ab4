import type { importingCalls } from '../../../../shared/contract/calls/importing';
import { fileSource } from '../../formats/byteSource';
import { commitPreview } from '../../import/commit';
import { importFile, writerFor } from '../../import/importFile';
import { buildPreview } from '../../import/preview';
import { previewRows, toApiPreview } from '../../import/previewApi';
import { previewCache } from '../../import/previewCache';
import type { WorkbookRead } from '../../formats/workbook';
import { readWorkbook } from '../../formats/workbook';
import type { HandlersFor } from '../context';
import type { FileToRead } from '../files';
import { filesOf } from '../files';

/** Read one sheet of a file (streamed from disk), closing the file whatever happens. */
async function readFile(file: FileToRead, sheetName: string | undefined): Promise<WorkbookRead> {
  const source = await fileSource(file.path, file.fileName);
  try {
    return await readWorkbook(source, sheetName);
  } finally {
    await source.close();
  }
}

/**
 * Import, one pipeline for every front end (electron/core/import): read the file, find the header,
 * map the columns, parse every cell, commit all or nothing. The wizard previews (import.preview),
 * lets the user map and correct, then commits (import.commit); the preview lives here until it
 * is committed, cancelled, pushed out by newer ones or left idle for half an hour. The CLI takes
 * the same steps at once (import.run), which lets a large file be written while it is read.
 */
export const importingHandlers: HandlersFor<typeof importingCalls> = {
  'import.preview': async (context, input) => {
    let file: FileToRead;
    let read: WorkbookRead | null = null;
    if ('previewId' in input.file) {
      const earlier = previewCache.get(input.file.previewId);
      file = earlier.file;
      // The same sheet again (a new header, mapping or target): the file need not be read again.
      if (input.sheetName === undefined || input.sheetName === earlier.built.read.grid.name) read = earlier.built.read;
    } else {
      file = filesOf(context).read(input.file);
    }
    read ??= await readFile(file, input.sheetName);
    const built = buildPreview(context.store, read, {
      ...(input.sheetName !== undefined ? { sheetName: input.sheetName } : {}),
      target: input.target,
      ...(input.header ? { header: input.header } : {}),
      ...(input.mapping ? { mapping: input.mapping } : {}),
    });
    const entry = previewCache.put(file, built);
    return toApiPreview(built, entry.id, input.rowLimit);
  },

  'import.rows': (_context, { previewId, offset, limit, filter }) =>
    previewRows(previewCache.get(previewId).built, offset, limit, filter),

  'import.commit': ({ store }, { previewId, fixes }) => {
    const entry = previewCache.get(previewId);
    store.makeBackup('import');
    const result = commitPreview(store, entry.built, { fixes: fixes ?? [] });
    previewCache.drop(previewId);
    return result;
  },

  'import.run': async (context, input) => {
    const file = filesOf(context).read(input.file);
    context.store.makeBackup('import');
    const source = await fileSource(file.path, file.fileName);
    // A large file's rows are written by a thread of their own while the rest are still read
    // and parsed; it starts loading now, while the file's first bytes are read.
    const writer = writerFor(source);
    try {
      const { read, built, result } = await importFile(
        source,
        {
          ...(input.sheetName !== undefined ? { sheetName: input.sheetName } : {}),
          ...(input.header ? { header: input.header } : {}),
          target: () => input.target,
        },
        {
          openPlan: () => context.store,
          writer,
          onRead: () => void source.close(),
          ...(context.onProgress ? { onProgress: context.onProgress } : {}),
        },
      );
      return {
        ...result,
        sourceSheet: read.grid.name,
        format: read.format,
        encoding: read.encoding,
        setAside: built.setAside,
        notices: built.notices,
        problemCount: built.problemCount,
      };
    } finally {
      await writer?.abort(); // a no-op once the import is in; otherwise nothing of it stays
      await source.close();
    }
  },

  'import.cancel': (_context, { previewId }) => ({ dropped: previewCache.drop(previewId) }),
};
