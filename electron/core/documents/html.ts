/**
 * The paragraphs and tables of the HTML mammoth makes of a .docx. Mammoth's HTML is regular (p,
 * h1–h6, li, table/tr/td/th, inline tags), so a small tokenizer suffices: block elements outside
 * tables are paragraphs; a table is its rows of cells, each cell's paragraphs joined by line
 * breaks; a table nested in a cell reads as that cell's text.
 *
 * Word's automatic numbering is not in the text: mammoth makes it <ol><li>, and a list that
 * goes on after a heading starts a new <ol> at 1 again (its start number is lost). Items of
 * outer lists are therefore numbered 1．2．3． on through the document, items of lists inside
 * them （1）（2）…, and such a paragraph says its number was inferred (autoNumbered).
 */

export type HtmlBlock = { kind: 'paragraph'; text: string; autoNumbered?: true } | { kind: 'table'; rows: string[][] };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);

interface TableState {
  rows: string[][];
  row: string[] | null;
  cell: string[] | null;
}

const ALREADY_NUMBERED = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、]|[①-⑳])/;

export function htmlBlocks(html: string): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  const tables: TableState[] = [];
  /** Open lists: ordered or not. */
  const lists: boolean[] = [];
  /** Items counted so far per depth of ordered list (outer lists count on through the document). */
  const counters: number[] = [];
  let pendingNumber: string | null = null;
  let text = '';
  const flush = (): void => {
    const value = text.replace(/[ \t\r\n]+/g, (space) => (space.includes('\n') ? '\n' : ' ')).trim();
    text = '';
    const number = pendingNumber;
    pendingNumber = null;
    if (value === '') return;
    const table = tables[tables.length - 1];
    if (table?.cell) table.cell.push(value);
    else if (!table) {
      if (number !== null && !ALREADY_NUMBERED.test(value))
        blocks.push({ kind: 'paragraph', text: `${number}${value}`, autoNumbered: true });
      else blocks.push({ kind: 'paragraph', text: value });
    }
  };
  const tokens = /<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>|([^<]+)/g;
  for (let match = tokens.exec(html); match; match = tokens.exec(html)) {
    if (match[4] !== undefined) {
      text += decodeEntities(match[4]);
      continue;
    }
    const closing = match[1] === '/';
    const tag = match[2]!.toLowerCase();
    if (tag === 'br') {
      text += '\n';
    } else if (tag === 'ol' || tag === 'ul') {
      flush();
      if (closing) {
        if (lists.pop()) counters.length = Math.max(1, lists.filter(Boolean).length + 1);
      } else lists.push(tag === 'ol');
    } else if (BLOCK_TAGS.has(tag)) {
      flush();
      if (tag === 'li' && !closing && lists[lists.length - 1]) {
        const depth = lists.filter(Boolean).length - 1;
        counters.length = depth + 1;
        counters[depth] = (counters[depth] ?? 0) + 1;
        pendingNumber = depth === 0 ? `${counters[depth]}．` : `（${counters[depth]}）`;
      }
    } else if (tag === 'table') {
      flush();
      if (!closing) {
        tables.push({ rows: [], row: null, cell: null });
        continue;
      }
      const done = tables.pop();
      if (!done) continue;
      const outer = tables[tables.length - 1];
      if (outer?.cell) outer.cell.push(done.rows.map((row) => row.join(' ')).join('\n'));
      else if (!outer && done.rows.length > 0) blocks.push({ kind: 'table', rows: done.rows });
    } else if (tag === 'tr') {
      flush();
      const table = tables[tables.length - 1];
      if (!table) continue;
      if (closing) {
        if (table.row) table.rows.push(table.row);
        table.row = null;
      } else table.row = [];
    } else if (tag === 'td' || tag === 'th') {
      flush();
      const table = tables[tables.length - 1];
      if (!table) continue;
      if (closing) {
        table.row ??= [];
        if (table.cell) table.row.push(table.cell.join('\n'));
        table.cell = null;
      } else table.cell = [];
    }
  }
  flush();
  return blocks;
}
