import path from 'node:path';
import type { ByteSource } from './byteSource';
import type { CompoundFile } from './cfb';
import { CFB_SIGNATURE, openCompoundFile } from './cfb';
import { badFile } from './fileErrors';
import type { ZipArchive } from './zip';
import { findEntry, openZip, readEntry } from './zip';

/**
 * What a file really is, decided from its bytes rather than its name: departments rename files,
 * save Word tables as .xlsx, mail legacy .xls and WPS .et, or send web pages saved as .xls. A file
 * that is not an .xlsx workbook, a legacy .xls/.et workbook (BIFF8 in a compound file, whatever its
 * name) or a CSV text is refused with what it is and how to convert it.
 */
export type Sniffed = { kind: 'xlsx'; zip: ZipArchive } | { kind: 'xls'; compound: CompoundFile } | { kind: 'csv' };

const SAVE_AS_XLSX_ZH = '请在 Excel 或 WPS 中打开它，选择“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”后再导入';
const SAVE_AS_XLSX_EN =
  'open it in Excel or WPS, choose File → Save As, pick "Excel Workbook (*.xlsx)", then import that file';
const TEXT_EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '']);

function refuse(file: string, whatZh: string, whatEn: string): Error {
  return badFile(file, `${whatZh}；${SAVE_AS_XLSX_ZH}`, `${whatEn}; ${SAVE_AS_XLSX_EN}`);
}

async function zipKind(source: ByteSource, zip: ZipArchive): Promise<Sniffed> {
  const file = source.name;
  if (
    findEntry(zip, 'xl/workbook.xml') ||
    (await contentTypesSay(
      zip,
      /spreadsheetml\.sheet\.main|ms-excel\.sheet\.macroEnabled\.main|spreadsheetml\.template\.main/,
    ))
  ) {
    return { kind: 'xlsx', zip };
  }
  if (findEntry(zip, 'xl/workbook.bin')) {
    throw refuse(
      file,
      '这是 Excel 二进制工作簿（.xlsb），规划工作台不读取此格式',
      'this is an Excel binary workbook (.xlsb), which Planbench does not read',
    );
  }
  if (findEntry(zip, 'word/document.xml')) {
    throw badFile(
      file,
      '这是 Word 文档（.docx），不是 Excel 工作簿；如需导入其中的表格，请把表格复制到 Excel 或 WPS 表格中，另存为 .xlsx 后再导入',
      'this is a Word document (.docx), not a workbook; to import a table from it, copy the table into Excel or WPS and save it as .xlsx',
    );
  }
  if (findEntry(zip, 'ppt/presentation.xml')) {
    throw badFile(file, '这是 PowerPoint 演示文稿，不是工作簿', 'this is a PowerPoint presentation, not a workbook');
  }
  const mimetype = findEntry(zip, 'mimetype');
  if (mimetype) {
    const type = (await readEntry(zip, mimetype, 1024)).toString('latin1');
    if (type.includes('opendocument.spreadsheet')) {
      throw refuse(file, '这是 OpenDocument 表格（.ods）', 'this is an OpenDocument spreadsheet (.ods)');
    }
    throw badFile(
      file,
      `这是 OpenDocument 文档（${type}），不是工作簿`,
      `this is an OpenDocument file (${type}), not a workbook`,
    );
  }
  throw badFile(file, '这是一个 zip 压缩包，但不是 Excel 工作簿', 'this is a zip archive, but not an Excel workbook');
}

async function contentTypesSay(zip: ZipArchive, pattern: RegExp): Promise<boolean> {
  const entry = findEntry(zip, '[Content_Types].xml');
  if (!entry) return false;
  return pattern.test((await readEntry(zip, entry)).toString('utf8'));
}

async function compoundKind(source: ByteSource): Promise<Sniffed> {
  const file = source.name;
  const compound = await openCompoundFile(source);
  if (!compound) {
    throw badFile(
      file,
      '文件不完整或已损坏（Office 97-2003 复合文档结构无效）',
      'the file is incomplete or damaged (invalid Office 97-2003 compound file structure)',
    );
  }
  // MS-CFB compares names case-insensitively; writers differ in case ("Workbook", "WORKBOOK").
  const names = new Set(compound.entries.map((entry) => entry.name.toLowerCase()));
  if (names.has('encryptedpackage') || names.has('encryptioninfo')) {
    throw badFile(
      file,
      '工作簿受密码保护（已加密），无法读取；请在 Excel 或 WPS 中用密码打开，取消“用密码进行加密”后另存为 .xlsx 再导入',
      'the workbook is password-protected (encrypted) and cannot be read; open it with its password in Excel or WPS, remove the password, save it as .xlsx and import that file',
    );
  }
  // Excel 97-2003 .xls and WPS .et alike (xls/xlsWorkbook.ts refuses Excel 5.0/95's "Book").
  if (names.has('workbook') || names.has('book')) return { kind: 'xls', compound };
  if (names.has('worddocument')) {
    throw badFile(
      file,
      '这是 Word 97-2003 文档（.doc），不是工作簿；请把其中的表格复制到 Excel 或 WPS 中另存为 .xlsx',
      'this is a Word 97-2003 document (.doc), not a workbook; copy its table into Excel or WPS and save it as .xlsx',
    );
  }
  throw refuse(
    file,
    '这是 Office 97-2003 格式的文件，但不是工作簿',
    'this is an Office 97-2003 file, but not a workbook',
  );
}

/** Decide what the file is from its first bytes (and, for zips and compound files, its directory). */
export async function sniff(source: ByteSource): Promise<Sniffed> {
  const file = source.name;
  if (source.size === 0) throw badFile(file, '文件是空的（0 字节）', 'the file is empty (0 bytes)');
  const head = await source.read(0, Math.min(source.size, 4096));
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) {
    return zipKind(source, await openZip(source));
  }
  if (head.subarray(0, 8).equals(CFB_SIGNATURE)) return compoundKind(source);
  const extension = path.extname(file).toLowerCase();
  const start = head
    .toString('latin1', 0, 512)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (start.startsWith('%pdf'))
    throw badFile(
      file,
      '这是 PDF 文件，不是工作簿；请向发送方索取 Excel 原文件',
      'this is a PDF, not a workbook; ask the sender for the Excel file',
    );
  if (start.startsWith('{\\rtf'))
    throw refuse(file, '这是 RTF 文档，不是工作簿', 'this is an RTF document, not a workbook');
  if (/^(<!doctype html|<html|<table|<meta)/.test(start) || (start.startsWith('<?xml') && start.includes('<html'))) {
    throw refuse(
      file,
      '这是以 .xls 等名称保存的网页（HTML 表格），不是真正的工作簿',
      'this is a web page (an HTML table) saved under a workbook name, not a real workbook',
    );
  }
  if (
    start.startsWith('<?xml') &&
    /urn:schemas-microsoft-com:office:spreadsheet|<workbook/.test(head.toString('utf8'))
  ) {
    throw refuse(file, '这是 Excel 2003 XML 表格（旧格式）', 'this is an Excel 2003 XML spreadsheet (a legacy format)');
  }
  // A bare BIFF2–4 stream (Excel 2.x–4.0, before compound files): BOF 0x0009, 0x0209 or 0x0409.
  if (
    head[0] === 0x09 &&
    (head[1] === 0x00 || head[1] === 0x02 || head[1] === 0x04) &&
    (head[2] === 4 || head[2] === 6) &&
    head[3] === 0
  ) {
    throw refuse(
      file,
      '这是 Excel 2.x–4.0 工作表（很旧的格式）',
      'this is an Excel 2.x–4.0 worksheet (a very old format)',
    );
  }
  if (head[0] === 0x50 && head[1] === 0x4b) {
    throw badFile(
      file,
      '文件不完整或已损坏（zip 结构无效）',
      'the file is incomplete or damaged (invalid zip structure)',
    );
  }
  if (!looksLikeText(head)) {
    throw badFile(
      file,
      '无法识别的文件格式（不是 .xlsx 工作簿，也不是 CSV 文本）',
      'unrecognised file format (neither an .xlsx workbook nor CSV text)',
    );
  }
  if (!TEXT_EXTENSIONS.has(extension)) {
    throw badFile(
      file,
      `文件名是 ${extension}，但内容是纯文本，不是 Excel 工作簿；如果它是 CSV 数据，请把扩展名改为 .csv 后再导入`,
      `the name says ${extension}, but the content is plain text, not an Excel workbook; if it is CSV data, rename it to .csv and import it again`,
    );
  }
  return { kind: 'csv' };
}

/** Text has no NUL bytes except as UTF-16 (which then has a byte-order mark) and few controls. */
function looksLikeText(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) controls++;
  }
  return controls <= head.length / 100;
}
