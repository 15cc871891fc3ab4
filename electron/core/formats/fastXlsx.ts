import { IMPORT_CAPS } from './caps';
import {
  checkPending,
  endsName,
  isSpace,
  MORE,
  NotPlainXml,
  readAttributes,
  textContent,
  tooDeep,
  XmlAttributes,
} from './xmlStream';

/**
 * The two large parts of a workbook — a worksheet's rows and the shared strings — read fast.
 *
 * A 100,000-row sheet is some 45 MB of XML and 3 million tags, nearly all of them <row>, <c>,
 * <v> and <si>/<t> in the plain shape Excel, WPS, LibreOffice and ExcelJS write. This reader
 * takes each cell or string item as one piece, with indexOf, and hands the builder its values
 * directly — no event per tag, no object per attribute list — which is several times faster
 * than going through the general scanner (xmlStream.ts).
 *
 * It accepts only that plain shape: no namespace prefix on the elements it reads (extensions
 * such as <x14:…> are skipped), no comments, CDATA or DOCTYPE, nothing inside <sheetData> but rows of cells, nothing inside a cell but <v>, <f> and
 * <is>. Anything else — including XML it cannot vouch for, such as a closing tag that does not
 * match — throws NotPlainXml, and the caller reads the part again with the general scanner,
 * which handles all of XML and reports damage precisely. Within what it accepts, the result is
 * exactly what the general scanner's handlers build (the same builder does the work).
 */

/** What a worksheet's content turns into (SheetGridBuilder in xlsx.ts). */
export interface SheetSink {
  startRow(r: string | undefined, hidden: string | undefined): void;
  endRow(): void;
  /**
   * One whole cell: its column (0-based, from its r attribute; -1 when it has none), type (t),
   * style (s), the texts of its <v> and <f> (null: none) and its inline string (raw). A <v>
   * holding only digits may come as `integer` instead (-1 otherwise), with `value` null.
   */
  cell(
    column: number,
    type: string | undefined,
    style: number,
    value: string | null,
    formula: string | null,
    inline: string | null,
    integer: number,
  ): void;
  column(min: string | undefined, max: string | undefined, hidden: string | undefined): void;
  merge(ref: string | undefined): void;
}

/** The elements these readers interpret, by local name. */
const INTERPRETED = new Set([
  'worksheet',
  'sheetData',
  'row',
  'c',
  'cols',
  'col',
  'mergeCells',
  'mergeCell',
  'sst',
  'si',
]);

/** Skips what the plain shape does not interpret, checking only that elements nest. */
abstract class PlainScanner {
  protected buffer = '';
  protected readonly attributes = new XmlAttributes();
  /** Open elements outside the pieces the subclass reads whole. */
  protected readonly stack: string[] = [];
  private rootSeen = false;
  private rootClosed = false;

  write(text: string): void {
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.stack.length > 0 || !this.rootSeen || this.busy()) throw new NotPlainXml();
  }

  /** A piece the subclass reads whole, at `lt`: its end, MORE, or null when it is not one. */
  protected abstract piece(s: string, lt: number): number | null;

  /** True while inside a construct that spans pieces (a row). */
  protected abstract busy(): boolean;

  /** An element outside the pieces opened (name as written, attributes read). */
  protected abstract opened(name: string): void;

  private scan(final: boolean): void {
    const s = this.buffer;
    const n = s.length;
    let at = 0;
    while (at < n) {
      const lt = s.indexOf('<', at);
      if (lt < 0) {
        if (this.stack.length === 0 && s.slice(at).trim() !== '') throw new NotPlainXml();
        // Text outside the pieces is not read, and no tag starts in it: drop it (keeping it
        // would make a long run of it — megabytes of spaces — cost quadratic time).
        at = n;
        break;
      }
      if (lt > at && this.stack.length === 0 && !this.busy() && s.slice(at, lt).trim() !== '') throw new NotPlainXml();
      if (lt + 1 >= n) break;
      let end = this.piece(s, lt);
      if (end === null) {
        const next = s.charCodeAt(lt + 1);
        if (this.busy()) throw new NotPlainXml();
        if (next === 47 /* / */) end = this.closeTag(s, lt);
        else if (next === 63 /* ? */) {
          if (this.rootSeen) throw new NotPlainXml();
          const close = s.indexOf('?>', lt + 2);
          end = close < 0 ? MORE : close + 2;
        } else if (next === 33 /* ! */) throw new NotPlainXml();
        else end = this.openTag(s, lt);
      }
      if (end === MORE) break;
      at = end;
    }
    if (final && at < n && s.slice(at).trim() !== '') throw new NotPlainXml();
    this.buffer = at >= n ? '' : s.slice(at);
    checkPending(this.buffer.length);
  }

  private openTag(s: string, lt: number): number {
    const n = s.length;
    let p = lt + 1;
    while (p < n && !endsName(s.charCodeAt(p))) p++;
    if (p >= n) return MORE;
    const name = s.slice(lt + 1, p);
    if (name === '') throw new NotPlainXml();
    // Extensions (<x14:…>, <mc:AlternateContent>) are skipped like any other element; a prefixed
    // element this reader would have to interpret (WPS's <x:row>) is left to the general one.
    const colon = name.indexOf(':');
    if (colon >= 0 && INTERPRETED.has(name.slice(colon + 1))) throw new NotPlainXml();
    p = readAttributes(s, p, this.attributes, name);
    if (p === MORE) return MORE;
    if (this.stack.length === 0) {
      if (this.rootClosed) throw new NotPlainXml();
      this.rootSeen = true;
    }
    this.opened(name);
    if (!this.attributes.selfClosing) {
      if (this.stack.length >= IMPORT_CAPS.xmlDepth) throw tooDeep();
      this.stack.push(name);
    } else if (this.stack.length === 0) this.rootClosed = true;
    return p;
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return MORE;
    if (this.stack.pop() !== s.slice(lt + 2, gt).trimEnd()) throw new NotPlainXml();
    if (this.stack.length === 0) this.rootClosed = true;
    return gt + 1;
  }
}

/** The position after "</name>" at `at` (spaces allowed before ">"), or -1 when it is not there. */
function closingTagEnd(s: string, at: number, name: string): number {
  if (s.charCodeAt(at) !== 60 || s.charCodeAt(at + 1) !== 47 || !s.startsWith(name, at + 2)) return -1;
  let p = at + 2 + name.length;
  while (p < s.length && isSpace(s.charCodeAt(p))) p++;
  return s.charCodeAt(p) === 62 ? p + 1 : -1;
}

/** Is `<name` at `lt` followed by the end of the name? */
function startsTag(s: string, lt: number, name: string): boolean {
  if (!s.startsWith(name, lt + 1)) return false;
  const after = lt + 1 + name.length;
  return after < s.length && endsName(s.charCodeAt(after)) && s.charCodeAt(after) !== 61;
}

/**
 * A simple element's text: `<name …>text</name>` or `<name …/>`, from just after its name.
 * Returns the end and the text (null when empty), MORE, or throws NotPlainXml.
 */
function simpleElement(
  s: string,
  p: number,
  name: string,
  attributes: XmlAttributes,
  out: { text: string | null },
): number {
  p = readAttributes(s, p, attributes, name);
  if (p === MORE) return MORE;
  out.text = null;
  if (attributes.selfClosing) return p;
  const close = s.indexOf('<', p);
  if (close < 0) return MORE;
  const end = closingTagEnd(s, close, name);
  if (end < 0) {
    if (s.length - close < name.length + 3) return MORE;
    throw new NotPlainXml();
  }
  if (close > p) out.text = textContent(s.slice(p, close));
  return end;
}

/**
 * A string item (<si> of the shared strings, <is> of a cell) from its "<": the text of its <t>
 * elements outside phonetic runs (<rPh>), joined; rich-text runs (<r>, <rPr>) pass through.
 */
function stringItem(
  s: string,
  lt: number,
  name: string,
  attributes: XmlAttributes,
  out: { text: string | null },
): number {
  let p = readAttributes(s, lt + 1 + name.length, attributes, name);
  if (p === MORE) return MORE;
  let text = '';
  out.text = '';
  if (attributes.selfClosing) return p;
  // The elements open inside the item; text counts inside a <t> that is not in a <rPh>.
  const open: string[] = [];
  let phonetic = 0;
  for (;;) {
    const q = s.indexOf('<', p);
    if (q < 0) return MORE;
    if (q > p && open.length > 0 && open[open.length - 1] === 't' && phonetic === 0) text += textContent(s.slice(p, q));
    if (q + 1 >= s.length) return MORE;
    if (s.charCodeAt(q + 1) === 47 /* / */) {
      const gt = s.indexOf('>', q + 2);
      if (gt < 0) return MORE;
      const closing = s.slice(q + 2, gt).trimEnd();
      if (open.length === 0) {
        if (closing !== name) throw new NotPlainXml();
        out.text = text;
        return gt + 1;
      }
      if (open.pop() !== closing) throw new NotPlainXml();
      if (closing === 'rPh') phonetic--;
      p = gt + 1;
      continue;
    }
    let e = q + 1;
    while (e < s.length && !endsName(s.charCodeAt(e))) e++;
    if (e >= s.length) return MORE;
    const child = s.slice(q + 1, e);
    if (child === '' || child.includes(':') || child.charCodeAt(0) === 33 || child.charCodeAt(0) === 63)
      throw new NotPlainXml();
    const after = readAttributes(s, e, attributes, child);
    if (after === MORE) return MORE;
    if (!attributes.selfClosing) {
      if (open.length >= IMPORT_CAPS.xmlDepth) throw tooDeep();
      open.push(child);
      if (child === 'rPh') phonetic++;
    }
    p = after;
  }
}

/** A worksheet: rows of cells read whole; columns and merges from their elements. */
export class FastSheetScanner extends PlainScanner {
  private inRow = false;
  private readonly sink: SheetSink;
  private readonly value = { text: null as string | null };
  private readonly formula = { text: null as string | null };
  private readonly inline = { text: null as string | null };

  constructor(sink: SheetSink) {
    super();
    this.sink = sink;
  }

  protected busy(): boolean {
    return this.inRow;
  }

  protected opened(name: string): void {
    const attributes = this.attributes;
    if (this.stack.length > 0 && this.stack[this.stack.length - 1] === 'sheetData') {
      // Only rows belong in sheetData.
      if (name !== 'row') throw new NotPlainXml();
      this.sink.startRow(attributes.get('r'), attributes.get('hidden'));
      if (attributes.selfClosing) this.sink.endRow();
      else {
        this.inRow = true;
        this.stack.push('row'); // popped at </row>, read as a piece
      }
      // The caller pushes names of non-self-closing elements; a row is tracked here instead.
      attributes.selfClosing = true;
      return;
    }
    if (name === 'col') this.sink.column(attributes.get('min'), attributes.get('max'), attributes.get('hidden'));
    else if (name === 'mergeCell') this.sink.merge(attributes.get('ref'));
  }

  protected piece(s: string, lt: number): number | null {
    if (!this.inRow) return null;
    if (s.charCodeAt(lt + 1) === 47 /* / */) {
      const end = closingTagEnd(s, lt, 'row');
      if (end < 0) {
        if (s.length - lt < 7) return MORE;
        throw new NotPlainXml();
      }
      this.sink.endRow();
      this.inRow = false;
      this.stack.pop();
      return end;
    }
    if (!startsTag(s, lt, 'c')) {
      if (s.length - lt < 3) return MORE;
      throw new NotPlainXml();
    }
    return this.cell(s, lt);
  }

  /** One <c> element, whole, or MORE when it is not all in the buffer yet. */
  private cell(s: string, lt: number): number {
    const attributes = this.attributes;
    let p = this.cellAttributes(s, lt + 2);
    if (p === MORE) return MORE;
    const column = this.column;
    const type = this.type;
    const style = this.style;
    let value: string | null = null;
    let integer = -1;
    let formula: string | null = null;
    let inline: string | null = null;
    if (!this.selfClosing) {
      for (;;) {
        const q = s.indexOf('<', p);
        if (q < 0 || q + 2 >= s.length) return MORE;
        const next = s.charCodeAt(q + 1);
        let end: number;
        if (next === 47 /* / */) {
          end = closingTagEnd(s, q, 'c');
          if (end < 0) {
            if (s.length - q < 4) return MORE;
            throw new NotPlainXml();
          }
          p = end;
          break;
        }
        if (next === 118 /* v */ && s.charCodeAt(q + 2) === 62 /* > */) {
          // <v>text</v>, the bulk of a sheet: checked character by character.
          const close = s.indexOf('<', q + 3);
          if (close < 0 || close + 3 >= s.length) return MORE;
          if (s.charCodeAt(close + 1) !== 47 || s.charCodeAt(close + 2) !== 118 || s.charCodeAt(close + 3) !== 62)
            throw new NotPlainXml();
          // A shared string's index or a whole number is read in place, without a string made
          // for it; anything else is kept as text.
          const digits =
            value === null && integer < 0 && (type === 's' || type === undefined || type === 'n')
              ? wholeNumber(s, q + 3, close)
              : -1;
          if (digits >= 0) integer = digits;
          else if (close > q + 3) {
            if (integer >= 0) {
              value = String(integer);
              integer = -1;
            }
            const text = textContent(s.slice(q + 3, close));
            value = value === null ? text : value + text;
          }
          end = close + 4;
        } else if (next === 118 /* v */ && startsTag(s, q, 'v')) {
          end = simpleElement(s, q + 2, 'v', attributes, this.value);
          if (end !== MORE && this.value.text !== null) {
            if (integer >= 0) {
              value = String(integer);
              integer = -1;
            }
            value = value === null ? this.value.text : value + this.value.text;
          }
        } else if (next === 102 /* f */ && startsTag(s, q, 'f')) {
          end = simpleElement(s, q + 2, 'f', attributes, this.formula);
          if (end !== MORE && this.formula.text !== null)
            formula = formula === null ? this.formula.text : formula + this.formula.text;
        } else if (next === 105 /* i */ && startsTag(s, q, 'is')) {
          end = stringItem(s, q, 'is', attributes, this.inline);
          if (end !== MORE) inline = inline === null ? this.inline.text : inline + this.inline.text;
        } else throw new NotPlainXml();
        if (end === MORE) return MORE;
        p = end;
      }
    }
    this.sink.cell(column, type, style, value, formula, inline, integer);
    return p;
  }

  // The attributes of the cell being read, set by cellAttributes().
  private column = -1;
  private type: string | undefined;
  private style = 0;
  private selfClosing = false;

  /**
   * The attributes of a <c> tag from `p`, read in place: r as a column number, t, s as a number;
   * others skipped. Returns the position after the tag, or MORE. A reference or style that is
   * not plain letters and digits, or a value with an entity, is left to the general reader.
   */
  private cellAttributes(s: string, p: number): number {
    const n = s.length;
    this.column = -1;
    this.type = undefined;
    this.style = 0;
    this.selfClosing = false;
    // The usual first attribute, ` r="AB12"`, read without the general loop.
    if (
      s.charCodeAt(p) === 32 &&
      s.charCodeAt(p + 1) === 114 &&
      s.charCodeAt(p + 2) === 61 &&
      s.charCodeAt(p + 3) === 34
    ) {
      let index = 0;
      let at = p + 4;
      for (let letter = s.charCodeAt(at) | 32; letter >= 97 && letter <= 122; letter = s.charCodeAt(++at) | 32)
        index = index * 26 + (letter - 96);
      const letters = at - (p + 4);
      let code = s.charCodeAt(at);
      while (code >= 48 && code <= 57) code = s.charCodeAt(++at);
      if (code === 34 && letters > 0) {
        this.column = index - 1;
        p = at + 1;
      } else if (at >= n) return MORE;
    }
    for (;;) {
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) return MORE;
      const code = s.charCodeAt(p);
      if (code === 62 /* > */) return p + 1;
      if (code === 47 /* / */) {
        if (p + 1 >= n) return MORE;
        if (s.charCodeAt(p + 1) !== 62) throw new NotPlainXml();
        this.selfClosing = true;
        return p + 2;
      }
      const nameStart = p;
      while (p < n && !endsName(s.charCodeAt(p))) p++;
      const nameLength = p - nameStart;
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p + 1 >= n) return MORE;
      if (nameLength === 0 || s.charCodeAt(p) !== 61 /* = */) throw new NotPlainXml();
      p++;
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) return MORE;
      const quote = s.charCodeAt(p);
      if (quote !== 34 && quote !== 39) throw new NotPlainXml();
      const start = p + 1;
      const close = s.indexOf(quote === 34 ? '"' : "'", start);
      if (close < 0) return MORE;
      p = close + 1;
      if (nameLength !== 1) {
        if (s.lastIndexOf('&', close) >= start || s.lastIndexOf('<', close) >= start) throw new NotPlainXml();
        continue;
      }
      const name = s.charCodeAt(nameStart);
      if (name === 114 /* r */) {
        // Letters then digits ("AB12"): the letters give the column.
        let index = 0;
        let at = start;
        for (; at < close; at++) {
          const letter = s.charCodeAt(at) | 32;
          if (letter < 97 || letter > 122) break;
          index = index * 26 + (letter - 96);
        }
        for (let digit = at; digit < close; digit++) {
          const code = s.charCodeAt(digit);
          if (code < 48 || code > 57) throw new NotPlainXml();
        }
        this.column = at === start ? -1 : index - 1;
      } else if (name === 116 /* t */) {
        this.type = cellType(s, start, close);
      } else if (name === 115 /* s */) {
        let style = 0;
        for (let at = start; at < close; at++) {
          const code = s.charCodeAt(at);
          if (code < 48 || code > 57) throw new NotPlainXml();
          style = style * 10 + (code - 48);
        }
        this.style = style;
      } else if (s.lastIndexOf('&', close) >= start || s.lastIndexOf('<', close) >= start) {
        throw new NotPlainXml();
      }
    }
  }
}

/** The whole number written in s[start, end) when it is digits only (at most 15), else -1. */
function wholeNumber(s: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let number = 0;
  for (let at = start; at < end; at++) {
    const code = s.charCodeAt(at);
    if (code < 48 || code > 57) return -1;
    number = number * 10 + (code - 48);
  }
  return number;
}

/** A cell's t attribute, as one of the shared constant strings when it is a known type. */
function cellType(s: string, start: number, end: number): string {
  const first = s.charCodeAt(start);
  switch (end - start) {
    case 1:
      if (first === 115) return 's';
      if (first === 110) return 'n';
      if (first === 98) return 'b';
      if (first === 101) return 'e';
      if (first === 100) return 'd';
      break;
    case 3:
      if (s.startsWith('str', start)) return 'str';
      break;
    case 9:
      if (s.startsWith('inlineStr', start)) return 'inlineStr';
      break;
  }
  const text = s.slice(start, end);
  if (text.includes('&') || text.includes('<')) throw new NotPlainXml();
  return text;
}

/** The shared strings: each <si> read whole. */
export class FastStringsScanner extends PlainScanner {
  private readonly item = { text: null as string | null };
  private readonly add: (raw: string) => void;

  constructor(add: (raw: string) => void) {
    super();
    this.add = add;
  }

  protected busy(): boolean {
    return false;
  }

  protected opened(name: string): void {
    // Items are read as pieces; anything else that opens inside the root (extLst) is skipped,
    // but a <si> nested somewhere unexpected is not plain.
    if (name === 'si') throw new NotPlainXml();
  }

  protected piece(s: string, lt: number): number | null {
    if (this.stack.length !== 1 || this.stack[0] !== 'sst' || !startsTag(s, lt, 'si')) {
      if (s.length - lt < 4) return MORE;
      return null;
    }
    const end = stringItem(s, lt, 'si', this.attributes, this.item);
    if (end !== MORE) this.add(this.item.text ?? '');
    return end;
  }
}
