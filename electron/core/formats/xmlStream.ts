import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { PlanbenchError } from '../../../shared/contract/errors';
import { IMPORT_CAPS, thousands } from './caps';
import { badFile } from './fileErrors';

/**
 * Streaming XML for workbook parts. Bytes arrive in arbitrary chunks; a UTF-8 character can be
 * split between two of them. ExcelJS's streaming reader decodes each chunk on its own and turns
 * such a character into U+FFFD (exceljs #2063, #2084, #2316); here one TextDecoder in stream
 * mode carries the partial bytes over to the next chunk, so every Chinese character survives.
 *
 * The scanner is our own rather than a general SAX parser: a worksheet is millions of small
 * tags, and a scanner that finds them with indexOf and reads attributes in place is several
 * times faster (a 100,000-row sheet is 45 MB of XML). It still checks what a damaged part
 * shows — tags that do not nest, a part that ends inside a tag or before its root closes,
 * malformed attributes and entity references, text outside the root — and decodes the five
 * predefined entities, character references, CDATA and line endings as XML 1.0 says.
 */

export interface XmlHandlers {
  /** A start tag, by local name (prefix dropped: some writers use x:row). */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/**
 * The attributes of the start tag being reported, by qualified name as written. Valid only
 * during the open() call: the list is reused for the next tag, so the millions of cells of a
 * sheet cost no object each.
 */
export class XmlAttributes {
  count = 0;
  /** The tag ended with "/>". */
  selfClosing = false;
  readonly names: string[] = [];
  readonly values: string[] = [];

  get(name: string): string | undefined {
    for (let index = 0; index < this.count; index++) if (this.names[index] === name) return this.values[index];
    return undefined;
  }

  toObject(): Record<string, string> {
    const object: Record<string, string> = {};
    for (let index = 0; index < this.count; index++) object[this.names[index]!] = this.values[index]!;
    return object;
  }
}

/** Handlers for the large parts (worksheets, shared strings): attributes as a reused list. */
export interface XmlScanHandlers {
  open(name: string, attributes: XmlAttributes): void;
  close(name: string): void;
  text(text: string): void;
}

/** Malformed XML; the reader turns it into a "the file is damaged" message naming the part. */
export class XmlError extends Error {}

/**
 * Well-formed XML past a limit no workbook comes near (nesting, one endless text or tag): a
 * hostile file. The reader refuses it naming the part; both scanners enforce the same limits.
 */
export class XmlLimit extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export function tooDeep(): XmlLimit {
  return new XmlLimit(
    `元素嵌套超过 ${IMPORT_CAPS.xmlDepth} 层`,
    `its elements nest more than ${IMPORT_CAPS.xmlDepth} deep`,
  );
}

/** Throws when the text held back waiting for the end of one token is past the limit. */
export function checkPending(length: number): void {
  if (length > IMPORT_CAPS.xmlPendingChars) {
    throw new XmlLimit(
      `其中一段文字或一个标记超过 ${thousands(IMPORT_CAPS.xmlPendingChars)} 个字符`,
      `one text or tag in it runs past ${thousands(IMPORT_CAPS.xmlPendingChars)} characters`,
    );
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Bytes to text, chunk by chunk. OOXML parts are UTF-8 unless a byte-order mark says UTF-16.
 * A UTF-8 chunk of plain ASCII (most of a worksheet's markup) that starts on a character
 * boundary is copied as Latin-1, which is the same text and several times faster to make; other
 * chunks go through one TextDecoder in stream mode, which carries a character split between
 * chunks over to the next.
 */
class ChunkDecoder {
  private decoder: TextDecoder | null = null;
  private utf8 = true;
  /** The bytes so far end on a character boundary (the decoder holds nothing back). */
  private atBoundary = true;
  private first = true;

  decode(chunk: Buffer): string {
    if (!this.decoder) {
      this.utf8 = !((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
      this.decoder = new TextDecoder(this.utf8 ? 'utf-8' : chunk[0] === 0xff ? 'utf-16le' : 'utf-16be', {
        ignoreBOM: this.utf8,
      });
    }
    let text: string;
    if (this.utf8 && this.atBoundary && isAscii(chunk)) text = chunk.toString('latin1');
    else text = this.decoder.decode(chunk, { stream: true });
    if (this.utf8) this.atBoundary = chunk.length > 0 ? chunk[chunk.length - 1]! < 0x80 : this.atBoundary;
    if (this.first && text.length > 0) {
      this.first = false;
      // The byte-order mark is not part of the text (a UTF-16 decoder drops it itself).
      if (this.utf8 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }

  end(): string {
    return this.decoder ? this.decoder.decode() : '';
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with entity and character references replaced; a stray "&" is malformed XML. */
function decodeEntities(raw: string): string {
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
    const semicolon = raw.indexOf(';', amp + 1);
    if (semicolon < 0 || semicolon - amp > 12)
      throw new XmlError(`unterminated entity reference near "${raw.slice(amp, amp + 12)}"`);
    const name = raw.slice(amp + 1, semicolon);
    let value: string | undefined;
    if (name.charCodeAt(0) === 35 /* # */) {
      const code =
        name.charCodeAt(1) === 120 /* x */
          ? parseInt(name.slice(2), 16)
          : /^\d+$/.test(name.slice(1))
            ? Number(name.slice(1))
            : Number.NaN;
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || !/^#(x[0-9A-Fa-f]+|\d+)$/.test(name)) {
        throw new XmlError(`invalid character reference &${name};`);
      }
      value = String.fromCodePoint(code);
    } else {
      value = PREDEFINED[name];
      if (value === undefined) throw new XmlError(`undefined entity &${name};`);
    }
    out += raw.slice(from, amp) + value;
    from = semicolon + 1;
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/** Text content: line endings normalised to \n (XML 1.0 §2.11), then references decoded. */
export function textContent(raw: string): string {
  const normalised = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return normalised.includes('&') ? decodeEntities(normalised) : normalised;
}

/** An attribute value: whitespace characters become spaces (XML 1.0 §3.3.3), references decoded. */
function attributeValue(raw: string): string {
  let plain = true;
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    if (code === 38 /* & */ || code === 60 /* < */ || code < 32) {
      plain = false;
      break;
    }
  }
  if (plain) return raw;
  if (raw.includes('<')) throw new XmlError('"<" in an attribute value');
  const normalised = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return normalised.includes('&') ? decodeEntities(normalised) : normalised;
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** Ends a name: whitespace, "/", ">", "=". */
export function endsName(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 10 || code === 9 || code === 13 || code === 61;
}

/** Where a tag could not be finished because the input stopped: wait for more. */
export const MORE = -1;

class XmlScanner {
  private buffer = '';
  /** Where in `buffer` to look for the next "<" (text already searched is not searched again). */
  private searchFrom = 0;
  /** The open elements' names as written, and as the handlers see them (no prefix). */
  private readonly open: string[] = [];
  private readonly openLocal: string[] = [];
  private rootClosed = false;
  private rootSeen = false;
  private readonly handlers: XmlScanHandlers;
  private readonly attributes = new XmlAttributes();

  constructor(handlers: XmlScanHandlers) {
    this.handlers = handlers;
  }

  write(chunk: string): void {
    this.buffer = this.buffer.length === 0 ? chunk : this.buffer + chunk;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    if (this.buffer.trim() !== '') throw new XmlError('the part ends inside a tag');
    if (this.open.length > 0) throw new XmlError(`unclosed tag <${this.open[this.open.length - 1]}>`);
    if (!this.rootSeen) throw new XmlError('no root element');
  }

  private scan(final: boolean): void {
    const s = this.buffer;
    const n = s.length;
    let at = 0;
    while (at < n) {
      const lt = s.indexOf('<', at > this.searchFrom ? at : this.searchFrom);
      if (lt < 0) {
        if (!final) {
          // Text runs on into the next chunk: keep it, and do not search it again.
          this.searchFrom = n;
          break;
        }
        this.emitText(s, at, n);
        at = n;
        break;
      }
      if (lt > at) this.emitText(s, at, lt);
      at = lt;
      const next = lt + 1 < n ? s.charCodeAt(lt + 1) : -1;
      let end: number;
      if (next === 47 /* / */) end = this.closeTag(s, lt);
      else if (next === 63 /* ? */) end = skipTo(s, lt + 2, '?>');
      else if (next === 33 /* ! */) end = this.special(s, lt);
      else if (next === -1) end = MORE;
      else end = this.openTag(s, lt);
      if (end === MORE) break;
      at = end;
      this.searchFrom = 0;
    }
    if (at < n && final) throw new XmlError('the part ends inside a tag');
    if (at > 0) {
      this.buffer = at >= n ? '' : s.slice(at);
      this.searchFrom = Math.max(0, this.searchFrom - at);
    }
    checkPending(this.buffer.length);
  }

  private emitText(s: string, from: number, to: number): void {
    const raw = s.slice(from, to);
    if (this.open.length === 0) {
      if (raw.trim() !== '') throw new XmlError('text outside the root element');
      return;
    }
    this.handlers.text(textContent(raw));
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return MORE;
    const depth = this.open.length - 1;
    const expected = depth >= 0 ? this.open[depth]! : undefined;
    // Compared in place: no string is made for the millions of </c> and </v> of a sheet.
    let end = lt + 2 + (expected?.length ?? 0);
    if (expected === undefined || !s.startsWith(expected, lt + 2)) end = -1;
    else while (end < gt && isSpace(s.charCodeAt(end))) end++;
    if (end !== gt) {
      const name = s.slice(lt + 2, gt).trim();
      throw new XmlError(
        expected === undefined
          ? `unexpected closing tag </${name}>`
          : `closing tag </${name}> does not match <${expected}>`,
      );
    }
    this.open.length = depth;
    const local = this.openLocal[depth]!;
    this.openLocal.length = depth;
    if (depth === 0) this.rootClosed = true;
    this.handlers.close(local);
    return gt + 1;
  }

  /** <!-- comments -->, <![CDATA[ text ]]> and a <!DOCTYPE …> (skipped). */
  private special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) return skipTo(s, lt + 4, '-->');
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return MORE;
      if (this.open.length === 0) throw new XmlError('CDATA outside the root element');
      const raw = s.slice(lt + 9, end);
      this.handlers.text(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
      return end + 3;
    }
    if (s.length - lt < 9) return MORE;
    if (!s.startsWith('<!DOCTYPE', lt) || this.rootSeen) throw new XmlError('malformed markup declaration');
    // An internal subset [ … ] may itself contain ">".
    let depth = 0;
    for (let index = lt + 9; index < s.length; index++) {
      const code = s.charCodeAt(index);
      if (code === 91 /* [ */) depth++;
      else if (code === 93 /* ] */) depth--;
      else if (code === 62 /* > */ && depth <= 0) return index + 1;
    }
    return MORE;
  }

  private openTag(s: string, lt: number): number {
    const n = s.length;
    let p = lt + 1;
    while (p < n && !endsName(s.charCodeAt(p))) p++;
    if (p >= n) return MORE;
    if (p === lt + 1) throw new XmlError('a "<" that starts no tag');
    const name = s.slice(lt + 1, p);
    const attributes = this.attributes;
    p = readAttributes(s, p, attributes, name);
    if (p === MORE) return MORE;
    if (this.open.length === 0) {
      if (this.rootClosed) throw new XmlError('more than one root element');
      this.rootSeen = true;
    }
    const local = localName(name);
    this.handlers.open(local, attributes);
    if (attributes.selfClosing) {
      if (this.open.length === 0) this.rootClosed = true;
      this.handlers.close(local);
    } else {
      if (this.open.length >= IMPORT_CAPS.xmlDepth) throw tooDeep();
      this.open.push(name);
      this.openLocal.push(local);
    }
    return p;
  }
}

/**
 * Read the attributes of a start tag from `p` (just after its name) into `attributes`, up to and
 * including its ">" or "/>". Returns the position after the tag, or MORE when the input stops
 * inside it; malformed attributes are an XmlError.
 */
export function readAttributes(s: string, p: number, attributes: XmlAttributes, tag: string): number {
  const n = s.length;
  attributes.count = 0;
  attributes.selfClosing = false;
  for (;;) {
    while (p < n && isSpace(s.charCodeAt(p))) p++;
    if (p >= n) return MORE;
    const code = s.charCodeAt(p);
    if (code === 62 /* > */) return p + 1;
    if (code === 47 /* / */) {
      if (p + 1 >= n) return MORE;
      if (s.charCodeAt(p + 1) !== 62) throw new XmlError(`malformed tag <${tag}>`);
      attributes.selfClosing = true;
      return p + 2;
    }
    const nameStart = p;
    while (p < n && !endsName(s.charCodeAt(p))) p++;
    const attribute = s.slice(nameStart, p);
    while (p < n && isSpace(s.charCodeAt(p))) p++;
    if (p >= n) return MORE;
    if (attribute === '' || s.charCodeAt(p) !== 61 /* = */) throw new XmlError(`malformed attribute in <${tag}>`);
    p++;
    while (p < n && isSpace(s.charCodeAt(p))) p++;
    if (p >= n) return MORE;
    const quote = s.charCodeAt(p);
    if (quote !== 34 && quote !== 39) throw new XmlError(`unquoted attribute value in <${tag}>`);
    const close = s.indexOf(quote === 34 ? '"' : "'", p + 1);
    if (close < 0) return MORE;
    attributes.names[attributes.count] = attribute;
    attributes.values[attributes.count] = attributeValue(s.slice(p + 1, close));
    attributes.count++;
    p = close + 1;
    if (p < n && !isSpace(s.charCodeAt(p)) && s.charCodeAt(p) !== 62 && s.charCodeAt(p) !== 47) {
      throw new XmlError(`attributes of <${tag}> are not separated`);
    }
  }
}

/** The end of a construct closed by `terminator` (after it), or MORE. */
function skipTo(s: string, from: number, terminator: string): number {
  const end = s.indexOf(terminator, from);
  return end < 0 ? MORE : end + terminator.length;
}

/** Parse a part, reporting each start tag's attributes as an object. */
export async function parseXml(
  chunks: AsyncIterable<Buffer>,
  handlers: XmlHandlers,
  where: { file: string; part: string },
): Promise<void> {
  await scanXml(
    chunks,
    {
      open: (name, attributes) => handlers.open(name, attributes.toObject()),
      close: handlers.close,
      text: handlers.text,
    },
    where,
  );
}

/** Parse a part, reporting each start tag's attributes as a reused list (the fast form). */
export async function scanXml(
  chunks: AsyncIterable<Buffer>,
  handlers: XmlScanHandlers,
  where: { file: string; part: string },
): Promise<void> {
  await feedXml(chunks, new XmlScanner(handlers), where);
}

/**
 * A reader that declines input outside the plain shape it handles (see fastXlsx.ts); the caller
 * then reads the part again with the general scanner.
 */
export class NotPlainXml extends Error {}

/**
 * Decode a part's bytes and feed the text to a scanner; malformed XML becomes "the file is
 * damaged" naming the part. NotPlainXml passes through for the caller to fall back.
 */
export async function feedXml(
  chunks: AsyncIterable<Buffer>,
  scanner: { write(text: string): void; end(): void },
  where: { file: string; part: string },
): Promise<void> {
  const decoder = new ChunkDecoder();
  try {
    for await (const chunk of chunks) scanner.write(decoder.decode(chunk));
    scanner.write(decoder.end());
    scanner.end();
  } catch (error) {
    if (error instanceof PlanbenchError || error instanceof NotPlainXml) throw error;
    if (error instanceof XmlLimit) {
      throw badFile(
        where.file,
        `${where.part} 的内容异常：${error.zh}；正常的工作簿不会这样写，疑似恶意或损坏的文件，已停止读取`,
        `${where.part} is abnormal: ${error.en}; no real workbook is written like that (a malicious or damaged file), so reading stopped`,
      );
    }
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw badFile(
      where.file,
      `文件已损坏：${where.part} 不是有效的 XML（${detail}）`,
      `the file is damaged: ${where.part} is not valid XML (${detail})`,
    );
  }
}
