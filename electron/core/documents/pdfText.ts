import type { BlockPlace } from '../../../shared/import/taskBreakdown/blocks';

/**
 * The paragraphs of a PDF's text layer. pdf.js gives positioned runs of text; runs on one
 * baseline make a line, and lines make a paragraph until one of them starts a new one: a line
 * indented past the page's left margin (a first-line indent), a line after one that stopped well
 * short of the right margin after a stop (a paragraph's last line), or a line that starts with a heading or
 * item number (一、 （一） 1． （1） ①). A paragraph keeps the page it starts on. Tables come out as
 * their cells' lines: a PDF has no table structure to read back.
 */

export interface PdfRun {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfParagraph {
  text: string;
  place: BlockPlace;
}

interface Line {
  text: string;
  left: number;
  right: number;
  page: number;
}

/** A heading or item number at the start of a line: it always starts a paragraph. */
const STARTS_ITEM =
  /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,3}\s*[.．、](?!\d)|[（(]\d{1,3}[）)]|[①-⑳]|附件)/;

/** Lines of one page from its runs, top to bottom. */
export function pageLines(runs: readonly PdfRun[], page: number): Line[] {
  const sorted = runs.filter((run) => run.text !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; height: number; runs: PdfRun[] }[] = [];
  for (const run of sorted) {
    const line = lines.find((candidate) => Math.abs(candidate.y - run.y) <= Math.max(2, candidate.height * 0.4));
    if (line) line.runs.push(run);
    else lines.push({ y: run.y, height: run.height || 10, runs: [run] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((line) => {
      const runsInOrder = line.runs.sort((a, b) => a.x - b.x);
      const text = runsInOrder.map((run) => run.text).join('');
      return {
        text: tidyPdfText(text),
        left: runsInOrder[0]!.x,
        right: Math.max(...runsInOrder.map((run) => run.x + run.width)),
        page,
      };
    })
    .filter((line) => line.text !== '');
}

/**
 * PDF writers space out runs of Latin digits from Chinese ("2023 年"): the space is layout, not
 * text, so it goes between a Chinese character and a digit or Latin letter, and between Chinese
 * characters.
 */
export function tidyPdfText(text: string): string {
  const cjk = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
  return text
    .replace(new RegExp(`(${cjk})\\s+(?=[0-9A-Za-z%]|${cjk})`, 'g'), '$1')
    .replace(new RegExp(`([0-9A-Za-z%.])\\s+(?=${cjk})`, 'g'), '$1')
    .trim();
}

/** Page furniture: a page number line ("- 3 -", "第 3 页 共 9 页", "3"). */
const PAGE_NUMBER = /^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,4})$/;

export function pdfParagraphs(lines: readonly Line[]): PdfParagraph[] {
  const body = lines.filter((line) => !PAGE_NUMBER.test(line.text));
  if (body.length === 0) return [];
  const margin = Math.min(...body.map((line) => line.left));
  const rightEdge = Math.max(...body.map((line) => line.right));
  const width = Math.max(1, rightEdge - margin);
  const paragraphs: PdfParagraph[] = [];
  let current: { text: string; page: number } | null = null;
  let previous: Line | null = null;
  for (const line of body) {
    const indented = line.left - margin > width * 0.03;
    // A line that stops short ends its paragraph only after a stop: "…力争达到" may stop short
    // because "20%;" did not fit, and the paragraph goes on.
    const previousShort =
      previous !== null && rightEdge - previous.right > width * 0.06 && /[。；;：:！？!?）)”"]$/.test(previous.text);
    if (!current || indented || previousShort || STARTS_ITEM.test(line.text)) {
      if (current)
        paragraphs.push({ text: current.text, place: { page: current.page, paragraph: paragraphs.length + 1 } });
      current = { text: line.text, page: line.page };
    } else {
      current.text = tidyPdfText(`${current.text}${line.text}`);
    }
    previous = line;
  }
  if (current) paragraphs.push({ text: current.text, place: { page: current.page, paragraph: paragraphs.length + 1 } });
  return paragraphs;
}
