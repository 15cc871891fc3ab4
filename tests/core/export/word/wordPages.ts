import { execFileSync } from 'node:child_process';
import { fileSource } from '../../../../electron/core/formats/byteSource';
import { findEntry, openZip, readEntry } from '../../../../electron/core/formats/zip';

/**
 * Reading a Word attachment back, independently of how it was made: its parts through the
 * product's zip reader, and the PDF LibreOffice made of it through poppler (pdfinfo, pdftotext
 * -bbox), cut into the table's columns by the column widths the .docx itself declares.
 */

export async function docxPart(file: string, part: string): Promise<string> {
  const zip = await openZip(await fileSource(file));
  const entry = findEntry(zip, part);
  if (!entry) throw new Error(`${file} has no ${part}`);
  return (await readEntry(zip, entry)).toString('utf8');
}

/** Whitespace dropped: pdftotext breaks lines where cells wrap. */
export const squash = (text: string) => text.replace(/\s+/g, '');

export function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), width: Number(size?.[1]), height: Number(size?.[2]) };
}

const PT_PER_TWIP = 1 / 20;
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

interface Word {
  x: number;
  y: number;
  text: string;
}

export interface PdfPage {
  /** Every word on the page in reading order (lines top to bottom). */
  text: string;
  /**
   * Per table column (from the .docx's w:gridCol widths and left margin): its words top to
   * bottom, from the header row (the first word equal to `firstHeader`) to the text area's foot.
   */
  columns: string[];
  /** Per table column: its words, each on its own. */
  columnWords: string[][];
}

/** The pages of the PDF, each cut into the table's columns as the .docx declares them. */
export async function pdfPages(pdf: string, docx: string, firstHeader: string): Promise<PdfPage[]> {
  const document = await docxPart(docx, 'word/document.xml');
  const twipsOf = (pattern: RegExp) => Number(pattern.exec(document)?.[1]) * PT_PER_TWIP;
  const left = twipsOf(/<w:pgMar [^>]*w:left="(\d+)"/);
  const foot = twipsOf(/<w:pgSz [^>]*w:h="(\d+)"/) - twipsOf(/<w:pgMar [^>]*w:bottom="(\d+)"/);
  const edges = [left];
  for (const match of document.matchAll(/<w:gridCol w:w="(\d+)"/g))
    edges.push(edges.at(-1)! + Number(match[1]) * PT_PER_TWIP);
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const words: Word[] = [
        ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
      ].map((match) => ({
        x: (Number(match[1]) + Number(match[3])) / 2,
        y: Number(match[2]),
        text: unescapeXml(match[4]!),
      }));
      const byPosition = (a: Word, b: Word) => a.y - b.y || a.x - b.x;
      const top = Math.min(...words.filter((word) => word.text === firstHeader).map((word) => word.y));
      const columnWords = edges.slice(1).map((right, index) =>
        words
          .filter((word) => word.x >= edges[index]! && word.x < right && word.y >= top - 1 && word.y < foot)
          .sort(byPosition)
          .map((word) => word.text),
      );
      return {
        text: [...words]
          .sort(byPosition)
          .map((word) => word.text)
          .join(' '),
        columns: columnWords.map((column) => column.join('')),
        columnWords,
      };
    });
}
