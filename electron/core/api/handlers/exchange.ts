import fs from 'node:fs';
import path from 'node:path';
import type { exchangeCalls } from '../../../../shared/contract/calls/exchange';
import { collectApply, collectPreview } from '../../exchange/apply';
import { packageFiles } from '../../exchange/package';
import { prepareSendOut, previewSendOut, recordSendOut } from '../../exchange/sendout';
import { sendOutStatus } from '../../exchange/status';
import { exportTarget, exportWorkbook } from '../../export/exportWorkbook';
import { ensureFolder, removeEmptyFolder, writeFilesAtomically } from '../../formats/fileWrites';
import { FileSink } from '../../formats/zipWriter';
import { IMPORT_CAPS, mib } from '../../formats/caps';
import { badFile, readFailure } from '../../formats/fileErrors';
import type { HandlersFor } from '../context';
import type { FileToRead } from '../files';
import { filesOf } from '../files';

/** A returned workbook's bytes (a fill-in form is small: it is read whole). */
function returnedBytes(file: FileToRead): Buffer {
  try {
    if (fs.statSync(file.path).size > IMPORT_CAPS.returnedWorkbookBytes) {
      throw badFile(
        file.fileName,
        `文件大于 ${mib(IMPORT_CAPS.returnedWorkbookBytes)}，不是交回的填报表`,
        `the file is larger than ${mib(IMPORT_CAPS.returnedWorkbookBytes)}; it is not a returned fill-in workbook`,
      );
    }
    return fs.readFileSync(file.path);
  } catch (error) {
    throw readFailure(file.fileName, error);
  }
}

/**
 * Export, send-out and collect-back. Files are references the front end's transport resolves
 * (../files.ts): what is made goes to the path the CLI named, or waits as a page's download.
 */
export const exchangeHandlers: HandlersFor<typeof exchangeCalls> = {
  'export.sheet': async (context, { sheetId, options, saveTo }) => {
    const { store } = context;
    const { sheetIds, fileName } = exportTarget(store, sheetId);
    const out = filesOf(context).make(saveTo, fileName);
    // Streamed to the file under a temporary name, renamed into place once complete.
    const sink = new FileSink(out.path);
    let sheets;
    try {
      sheets = await exportWorkbook(store, sheetIds, options, sink);
    } catch (error) {
      sink.discard();
      throw error;
    }
    return { ...out.made(fs.statSync(out.path).size), sheets: sheets.map(({ name, rows }) => ({ name, rows })) };
  },

  'sendout.preview': ({ store }, input) => previewSendOut(store, input),

  'sendout.create': async (context, input) => {
    const { store } = context;
    const files = filesOf(context);
    const folder = files.folder(input.saveTo);
    const prepared = await prepareSendOut(store, input);
    const zip = input.package === 'zip' ? await packageFiles(prepared.batch, prepared.files) : null;
    const outputs = zip ? [{ fileName: zip.fileName, bytes: zip.bytes }] : prepared.files;
    const targets = outputs.map((file) =>
      files.make(folder === null ? undefined : { path: path.join(folder, file.fileName) }, file.fileName),
    );
    // The files first, all or none; the plan records the batch only once they are all in place,
    // so a folder that cannot be written leaves the plan exactly as it was — and files of a
    // batch the plan does not know, which could never be collected back, are removed again.
    const { created } = folder === null ? { created: false } : ensureFolder(folder);
    let removeWritten: () => void = () => undefined;
    try {
      removeWritten = writeFilesAtomically(
        outputs.map((file, index) => ({ file: targets[index]!.path, bytes: file.bytes })),
      );
      recordSendOut(store, prepared);
    } catch (error) {
      removeWritten();
      if (created && folder !== null) removeEmptyFolder(folder);
      throw error;
    }
    const made = targets.map((target, index) => target.made(outputs[index]!.bytes.length));
    return {
      batchId: prepared.batch.id,
      createdAt: prepared.batch.createdAt,
      files: prepared.files.map((file, index) => ({
        department: file.department,
        fileName: file.fileName,
        rows: file.rows,
        bytes: file.bytes.length,
        file: zip ? null : made[index]!,
      })),
      zip: zip ? made[0]! : null,
    };
  },

  'sendout.status': ({ store }, { sheetId }) => {
    if (sheetId !== undefined) store.assertSheet(sheetId);
    return sendOutStatus(store, sheetId);
  },

  'collect.preview': async (context, { file }) => {
    const returned = filesOf(context).read(file);
    return collectPreview(context.store, returned.fileName, returnedBytes(returned));
  },

  'collect.apply': ({ store }, { previewId, accept }) => {
    // Accepting nothing writes nothing: no backup needed.
    if (accept !== 'none') store.makeBackup('collect');
    return collectApply(store, previewId, accept);
  },
};
