import fs from 'node:fs';
import WordExtractor from 'word-extractor';
import mammoth from 'mammoth';
import type { DocumentBlock, DocumentFormat, DocumentRead } from '../../../shared/import/taskBreakdown/blocks';
import { bufferSource } from '../formats/byteSource';
import { CFB_SIGNATURE, compoundFileNames } from '../formats/cfb';
import { decodeText } from '../formats/csv';
import { badFile, readFailure } from '../formats/fileErrors';
import { htmlBlocks } from './html';
import type { PdfRun } from './pdfText';
import { pageLines, pdfParagraphs } from './pdfText';
import { wordTextBlocks } from './wordText';

/**
 * Reading a policy document (实施方案, 工作方案…) into paragraphs and tables: .docx through mammoth,
 * Word 97–2003 .doc through word-extractor, a PDF's text layer through pdf.js, plain text in
 * UTF-8 or GBK. The container is recognised by its bytes, not its name. A document that is
 * damaged, encrypted, or has no text (a scan) is refused with a message naming the file; reading
 * never writes anything.
 */

/** Policy documents are a few MB; anything far larger is not one. */
export const DOCUMENT_MAX_BYTES = 64 * 1024 * 1024;

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PDF_SIGNATURE = Buffer.from('%PDF-');

function formatOf(bytes: Buffer): DocumentFormat | 'compound' {
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) return 'docx';
  if (bytes.subarray(0, 8).equals(CFB_SIGNATURE)) return 'compound';
  if (bytes.subarray(0, 1024).includes(PDF_SIGNATURE)) return 'pdf';
  return 'txt';
}

function numbered(blocks: readonly ({ kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] })[]) {
  return blocks.map((block, index): DocumentBlock => ({ ...block, place: { page: null, paragraph: index + 1 } }));
}

const encrypted = (file: string) =>
  badFile(
    file,
    '文档已加密（设有打开密码），请在 Word/WPS 中取消密码后另存再导入',
    'the document is encrypted (it has a password to open); remove the password in Word or WPS, save it and import again',
  );

const damaged = (file: string, what: string, detail: string) =>
  badFile(
    file,
    `文件已损坏或不是有效的${what}文档，无法读取`,
    `the file is damaged or not a valid ${what} document (${detail.slice(0, 200)})`,
  );

const tooLarge = (file: string) =>
  badFile(file, '文档超过 64 MiB，不像是一份政策文件', 'the document is over 64 MiB, too large for a policy document');

async function readDocx(file: string, bytes: Buffer): Promise<DocumentBlock[]> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch (error) {
    throw damaged(file, ' Word (.docx) ', error instanceof Error ? error.message : String(error));
  }
  return numbered(htmlBlocks(html));
}

async function readCompound(file: string, bytes: Buffer): Promise<{ format: DocumentFormat; blocks: DocumentBlock[] }> {
  const names = (await compoundFileNames(bufferSource(file, bytes))) ?? [];
  const lower = names.map((name) => name.toLowerCase());
  if (lower.includes('encryptedpackage') || lower.includes('encryptioninfo')) throw encrypted(file);
  if (!lower.includes('worddocument')) {
    throw badFile(
      file,
      '这不是 Word 文档（可能是 Excel 工作簿，请用“导入”读取表格）',
      'this is not a Word document (perhaps an Excel workbook: import it as a table)',
    );
  }
  let body: string;
  try {
    body = (await new WordExtractor().extract(bytes)).getBody({ filterUnicode: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/encrypt/i.test(message)) throw encrypted(file);
    throw damaged(file, ' Word 97–2003 (.doc) ', message);
  }
  return { format: 'doc', blocks: numbered(wordTextBlocks(body)) };
}

async function readPdf(file: string, bytes: Buffer): Promise<DocumentBlock[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js parses in a "fake worker" on this thread. It finds the worker's code on globalThis
  // when it is there; otherwise it imports it by a path next to its own file, which does not
  // exist inside the app's bundle. Importing it here lets the bundler include it.
  const holder = globalThis as { pdfjsWorker?: unknown };
  holder.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const loading = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 });
  let document: Awaited<typeof loading.promise>;
  try {
    document = await loading.promise;
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'PasswordException') throw encrypted(file);
    throw damaged(file, ' PDF ', error instanceof Error ? error.message : String(error));
  }
  try {
    const lines = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const runs: PdfRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        runs.push({
          text: item.str,
          x: item.transform[4] as number,
          y: item.transform[5] as number,
          width: item.width,
          height: item.height,
        });
      }
      lines.push(...pageLines(runs, number));
      page.cleanup();
    }
    return pdfParagraphs(lines).map((paragraph) => ({ kind: 'paragraph', ...paragraph }));
  } finally {
    await loading.destroy();
  }
}

function readText(bytes: Buffer): { encoding: string; blocks: DocumentBlock[] } {
  const { text, encoding } = decodeText(bytes);
  const paragraphs = text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const blocks = paragraphs.map((line) => {
    const cells = line.split('\t').map((cell) => cell.trim());
    return cells.length > 2 ? { kind: 'table' as const, rows: [cells] } : { kind: 'paragraph' as const, text: line };
  });
  // Consecutive tab-separated lines are one table.
  const merged: typeof blocks = [];
  for (const block of blocks) {
    const last = merged[merged.length - 1];
    if (block.kind === 'table' && last?.kind === 'table') last.rows.push(...block.rows);
    else merged.push(block);
  }
  return { encoding, blocks: numbered(merged) };
}

export async function readDocumentBytes(fileName: string, bytes: Buffer): Promise<DocumentRead> {
  if (bytes.length > DOCUMENT_MAX_BYTES) throw tooLarge(fileName);
  const kind = formatOf(bytes);
  let read: DocumentRead;
  if (kind === 'docx') read = { fileName, format: 'docx', encoding: null, blocks: await readDocx(fileName, bytes) };
  else if (kind === 'compound') read = { fileName, encoding: null, ...(await readCompound(fileName, bytes)) };
  else if (kind === 'pdf') read = { fileName, format: 'pdf', encoding: null, blocks: await readPdf(fileName, bytes) };
  else {
    if (bytes.subarray(0, 8192).includes(0)) {
      throw badFile(
        fileName,
        '无法识别的文件格式：请导入 .docx、.doc、.pdf 或 .txt 文档',
        'unrecognised file format: import a .docx, .doc, .pdf or .txt document',
      );
    }
    read = { fileName, format: 'txt', ...readText(bytes) };
  }
  const hasText = read.blocks.some((block) =>
    block.kind === 'paragraph' ? /\S/.test(block.text) : block.rows.some((row) => row.some((cell) => /\S/.test(cell))),
  );
  if (!hasText) {
    throw badFile(
      fileName,
      read.format === 'pdf'
        ? 'PDF 没有文字层（可能是扫描件或图片），请先用 OCR 转为文字，或导入 Word 原稿'
        : '文档中没有文字',
      read.format === 'pdf'
        ? 'the PDF has no text layer (a scan or images); run OCR first, or import the Word original'
        : 'the document contains no text',
    );
  }
  return read;
}

/** Read a document from disk (the file a path or an upload names). */
export async function readDocument(filePath: string, fileName: string): Promise<DocumentRead> {
  let bytes: Buffer;
  try {
    const size = (await fs.promises.stat(filePath)).size;
    if (size > DOCUMENT_MAX_BYTES) throw tooLarge(fileName);
    bytes = await fs.promises.readFile(filePath);
  } catch (error) {
    throw readFailure(fileName, error);
  }
  return readDocumentBytes(fileName, bytes);
}
