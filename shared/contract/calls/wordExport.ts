import { z } from 'zod';
import { call, Id } from '../define';
import { MadeFile, SaveTo } from '../files';

/**
 * A sheet written as a Word attachment (.docx) to an official document, GB/T 9704 style: 附件N,
 * the title, the table with its header repeated on every page and no row split across pages,
 * page numbers "— N —". Which columns, rows and title come from the sheet's print setup, so the
 * Word attachment and the printed one show the same table.
 */

export const WordExportOptions = z
  .object({
    /** The N of "附件N"; "" prints "附件"; null prints no attachment line. */
    attachmentNumber: z.string().trim().max(10).nullable().default('1'),
    /** 'auto': portrait when the table is narrow enough for a portrait page, otherwise landscape. */
    orientation: z.enum(['auto', 'landscape', 'portrait']).default('auto'),
  })
  .strict();
export type WordExportOptions = z.output<typeof WordExportOptions>;

export const wordExportCalls = {
  'export.word': call(
    z
      .object({
        sheetId: Id,
        options: WordExportOptions.default({ attachmentNumber: '1', orientation: 'auto' }),
        /** The .docx to write (the CLI); absent: offered as a download. */
        saveTo: SaveTo.optional(),
      })
      .strict(),
    MadeFile.extend({
      rows: z.number().int(),
      orientation: z.enum(['landscape', 'portrait']),
      /** The table's body text size: 14 (四号) or 12 (小四). */
      fontSizePt: z.number(),
      warnings: z.array(z.string()),
    }).strict(),
    'A sheet as a Word (.docx) attachment table in the official-document layout.',
  ),
} as const;
