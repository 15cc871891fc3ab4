import { columnIndex } from '../../../shared/import/importGrid';
import type { SheetEntry, XlsxWorkbook } from './xlsx';
import { parsePart, relationships, unescapeOoxml } from './xlsx';
import { findEntry } from './zip';

/**
 * The comments (批注) of a worksheet in an .xlsx, as Excel, WPS, LibreOffice and ExcelJS write
 * them (ECMA-376 §18.7): the sheet's relationship of type …/comments names the part; each
 * <comment ref=…> has an author from the <authors> list and rich text. A note that Excel heads
 * with its author's name in bold ("张三:" and a line break) is read without that heading: the
 * author is kept apart. Threaded comments (Excel 365) are also written as a plain comment of this
 * kind, which is what is read.
 */

export interface GridComment {
  /** 1-based row and 0-based column of the commented cell. */
  row: number;
  column: number;
  text: string;
  /** The author as the file names them ('' when it does not). */
  author: string;
}

const COMMENTS_TYPE = /\/comments$/;

/** "C12" → [12, 2]; null when the reference is not a cell. */
function parseRef(ref: string): [number, number] | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!match) return null;
  return [Number(match[2]), columnIndex(match[1]!)];
}

/**
 * The note's text and author, without the heading Excel puts first: the author's name and a
 * colon (in bold), the text from the next line. LibreOffice keeps the heading's line but drops
 * the bold and writes a blank author: the heading then names the author. A first line naming
 * someone else than the file's author is part of the text.
 */
function withoutHeading(whole: string, author: string): GridCommentText {
  const heading = /^([^\n]{1,60})[:：]\r?\n/.exec(whole);
  const named = heading?.[1]!.trim() ?? '';
  if (!heading || named === '' || (author !== '' && named !== author)) return { text: whole, author };
  return { text: whole.slice(heading[0].length), author: named };
}

interface GridCommentText {
  text: string;
  author: string;
}

export async function readXlsxComments(book: XlsxWorkbook, sheet: SheetEntry): Promise<GridComment[]> {
  const rels = await relationships(book.zip, sheet.part);
  const part = [...rels.values()].find((rel) => COMMENTS_TYPE.test(rel.type))?.target;
  const entry = part ? findEntry(book.zip, part) : undefined;
  if (!entry) return [];
  const authors: string[] = [];
  const comments: GridComment[] = [];
  let inAuthor = false;
  let authorText = '';
  let current: { place: [number, number] | null; author: string; runs: { text: string }[] } | null = null;
  let run: { text: string } | null = null;
  let inText = false;
  let phonetic = 0;
  await parsePart(
    book.zip,
    entry,
    (name, attributes) => {
      if (name === 'author') {
        inAuthor = true;
        authorText = '';
      } else if (name === 'comment') {
        current = {
          place: parseRef(attributes.ref ?? ''),
          author: authors[Number(attributes.authorId ?? -1)] ?? '',
          runs: [],
        };
      } else if (current && name === 'rPh') phonetic++;
      else if (current && name === 'r') current.runs.push((run = { text: '' }));
      else if (current && name === 't' && phonetic === 0) {
        inText = true;
        // A <t> outside any run (plain text) is a run of its own.
        if (!run) current.runs.push((run = { text: '' }));
      }
    },
    (text) => {
      if (inAuthor) authorText += text;
      else if (inText && run) run.text += text;
    },
    (name) => {
      if (name === 'author') {
        inAuthor = false;
        authors.push(unescapeOoxml(authorText));
      } else if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'r') run = null;
      else if (name === 'comment' && current) {
        const done: { place: [number, number] | null; author: string; runs: { text: string }[] } = current;
        current = null;
        run = null;
        const whole = unescapeOoxml(done.runs.map((part) => part.text).join(''));
        const { text, author } = withoutHeading(whole, done.author.trim());
        if (done.place && text.trim() !== '')
          comments.push({ row: done.place[0], column: done.place[1], text: text.trim(), author });
      }
    },
  );
  return comments.sort((a, b) => a.row - b.row || a.column - b.column);
}
