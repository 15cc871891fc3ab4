import { badFile } from '../fileErrors';
import type { CompoundFile } from '../cfb';
import { CompoundFileError } from '../cfb';
import { columnLetter } from '../../../../shared/import/importGrid';
import { mib } from '../caps';
import { XLS_CAPS } from './caps';
import type { XlsGlobals, XlsSheetEntry } from './globals';
import { BiffRefusal, readGlobals } from './globals';
import { BiffDamage } from './records';
import type { XlsSheetRead } from './sheet';
import { readXlsSheetStream } from './sheet';

/**
 * A legacy Excel 97–2003 workbook (.xls) or a WPS .et file — both BIFF8 in an OLE2 compound file —
 * read into the same grid as an .xlsx sheet, so everything after reading (header detection,
 * preview, commit, update by key, collecting returns) treats it alike. The "Workbook" stream is
 * read whole (capped), its globals once; each sheet is read on demand.
 *
 * Why a reader of our own (evaluated 2026-12): `cfb` 1.2.2 reads only the compound-file container,
 * which cfb.ts already did, so the BIFF8 records would be ours either way. The only JavaScript
 * BIFF8 parser is SheetJS, frozen on the public registry at 0.18.5 (known advisories); `@e965/xlsx`
 * 0.20.3 is a third party's automated republish of the tarballs SheetJS now serves only from its own
 * site: not the project's release channel, and fixes arrive only if both keep going, so we do not
 * count it as maintained. Measured too, on
 * the same LibreOffice-written .xls, two cores under load: 88 projects 6–33 ms here vs 0.9–1.2 s
 * (mostly loading the library); 60,000 rows × 14 columns (24 MB) 1.8–4.0 s and 180 MiB peak RSS
 * here vs 32–37 s and 570 MiB with @e965/xlsx — and here the grid equals the .xlsx reader's on
 * the source workbook in every one of the 60,001 rows. The records we rely on are tested one by one in
 * tests/core/formats/xlsReader.test.ts.
 */

export interface XlsWorkbook {
  fileName: string;
  /** BIFF8 does not name the program that saved it in a form worth showing. */
  application: null;
  date1904: boolean;
  sheets: XlsSheetEntry[];
  globals: XlsGlobals;
  stream: Buffer;
}

const SAVE_AS_ZH = '请在 Excel 或 WPS 中打开它，选择“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”后再导入';
const SAVE_AS_EN =
  'open it in Excel or WPS, choose File → Save As, pick "Excel Workbook (*.xlsx)", then import that file';

function damagedFile(
  fileName: string,
  detail: string,
  where: { sheet?: string; row?: number; column?: string } = {},
): Error {
  return badFile(
    fileName,
    `文件不完整或已损坏（.xls 结构无效：${detail}）`,
    `the file is incomplete or damaged (invalid .xls structure: ${detail})`,
    where,
  );
}

/** The refusals and damage of the layers below, as messages naming the file (and sheet and cell). */
function explain(fileName: string, error: unknown, sheet?: string): unknown {
  if (error instanceof BiffDamage) {
    return damagedFile(fileName, error.message, {
      ...(sheet !== undefined ? { sheet } : {}),
      ...(error.cell ? { row: error.cell.row, column: columnLetter(error.cell.column) } : {}),
    });
  }
  if (error instanceof CompoundFileError) {
    if (error.reason === 'tooLarge') {
      return badFile(
        fileName,
        `工作簿的数据超过 ${mib(XLS_CAPS.streamBytes)} 的上限；请拆分成多个文件后分别导入`,
        `the workbook's data exceeds the limit of ${mib(XLS_CAPS.streamBytes)}; split it into several files and import them one by one`,
      );
    }
    return damagedFile(fileName, error.message);
  }
  if (error instanceof BiffRefusal) {
    switch (error.reason) {
      case 'encrypted':
        return badFile(
          fileName,
          '文件已加密（设置了打开密码；.xls 设置“保护工作簿”时 Excel 也会加密），无法读取；请在 Excel 或 WPS 中打开，取消密码或“保护工作簿”后另存为 .xlsx 再导入',
          'the file is encrypted (it has a password to open, or — in an .xls — a protected workbook structure, which Excel saves encrypted) and cannot be read; open it in Excel or WPS, remove the password or the workbook protection, save it as .xlsx and import that file',
        );
      case 'biff4':
        return badFile(
          fileName,
          `这是 Excel 4.0 或更早版本的工作簿，规划工作台只读取 Excel 5.0/95 及以后的格式；${SAVE_AS_ZH}`,
          `this is an Excel 4.0 (or older) workbook; Planbench reads Excel 5.0/95 and later formats; ${SAVE_AS_EN}`,
        );
      case 'notWorkbook':
        return damagedFile(fileName, error.message);
    }
  }
  return error;
}

export async function openXls(compound: CompoundFile): Promise<XlsWorkbook> {
  const fileName = compound.source.name;
  try {
    // "Workbook" is BIFF8; a file with only "Book" is Excel 5.0/95 (BIFF5).
    const stream =
      (await compound.readStream('Workbook', XLS_CAPS.streamBytes)) ??
      (await compound.readStream('Book', XLS_CAPS.streamBytes));
    if (!stream) throw new BiffDamage('there is no Workbook stream');
    const globals = readGlobals(stream);
    for (const sheet of globals.sheets) {
      if (sheet.offset >= stream.length)
        throw new BiffDamage(`sheet "${sheet.name}" starts past the end of the stream`);
    }
    return { fileName, application: null, date1904: globals.date1904, sheets: globals.sheets, globals, stream };
  } catch (error) {
    throw explain(fileName, error);
  }
}

/** One sheet as a grid; `keepStyles` also keeps each cell's XF (for the protection of returned files). */
export function readXlsSheet(book: XlsWorkbook, sheet: XlsSheetEntry, keepStyles = false): XlsSheetRead {
  try {
    return readXlsSheetStream(book.stream, book.globals, sheet, book.fileName, keepStyles);
  } catch (error) {
    throw explain(book.fileName, error, sheet.name);
  }
}
