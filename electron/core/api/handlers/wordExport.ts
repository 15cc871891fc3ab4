import type { wordExportCalls } from '../../../../shared/contract/calls/wordExport';
import { exportSheetToDocx } from '../../export/word/exportWord';
import { sheetFileName } from '../../print/printSheet';
import { writeFilesAtomically } from '../../formats/fileWrites';
import type { HandlersFor } from '../context';
import { filesOf } from '../files';

/** A sheet as a Word attachment, written where the CLI says or offered as a download. */
export const wordExportHandlers: HandlersFor<typeof wordExportCalls> = {
  'export.word': async (context, { sheetId, options, saveTo }) => {
    const out = filesOf(context).make(saveTo, sheetFileName(context.store.getSheet(sheetId).name, 'docx'));
    const docx = await exportSheetToDocx(context.store, sheetId, options);
    writeFilesAtomically([{ file: out.path, bytes: docx.bytes }]);
    return {
      ...out.made(docx.bytes.byteLength),
      rows: docx.rows,
      orientation: docx.orientation,
      fontSizePt: docx.fontSizePt,
      warnings: docx.warnings,
    };
  },
};
