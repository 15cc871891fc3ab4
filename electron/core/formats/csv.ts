import { TextDecoder } from 'node:util';
import type { Grid, GridRow } from '../../../shared/import/importGrid';
import { columnLetter } from '../../../shared/import/importGrid';
import type { ByteSource } from './byteSource';
import { IMPORT_CAPS, thousands } from './caps';
import { badFile } from './fileErrors';
import { tooManyRows } from './sheetLimits';

/**
 * CSV and tab-separated text as Chinese offices produce it: UTF-8 with or without a byte-order
 * mark, UTF-16 ("Unicode text" from Excel), and GB18030/GBK, which Chinese Excel and WPS write
 * for "CSV (逗号分隔)". The encoding is detected (a BOM, else strict UTF-8, else GB18030), the
 * delimiter too (comma, tab or semicolon); quoted fields may hold delimiters, quotes and line
 * breaks (RFC 4180). The file is decoded and parsed as a stream.
 */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export const CSV_ENCODING_LABELS: Readonly<Record<CsvEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030/GBK',
};

const SNIFF_BYTES = 64 * 1024;
/** Far beyond Excel's 32,767 characters per cell: only an unclosed quote makes a field this long. */
const MAX_FIELD_CHARS = 1_000_000;

function bomEncoding(head: Buffer): CsvEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

function decoder(encoding: CsvEncoding, fatal: boolean): TextDecoder {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  return new TextDecoder(label, { fatal });
}

/**
 * A whole text file decoded the way CSV files are: its byte-order mark, else strict UTF-8, else
 * GB18030 (which covers GBK and GB2312) — what Notepad, WPS and older Chinese systems write.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  const encoding = bomEncoding(bytes) ?? 'utf-8';
  try {
    return {
      text: decoder(encoding, true)
        .decode(bytes)
        .replace(/^\uFEFF/, ''),
      encoding: CSV_ENCODING_LABELS[encoding],
    };
  } catch {
    return { text: decoder('gb18030', false).decode(bytes), encoding: CSV_ENCODING_LABELS.gb18030 };
  }
}

/** Invalid UTF-8 anywhere in the file, not only in its head. */
class NotUtf8 extends Error {}

/** Picks the delimiter that splits the first lines into the same, largest number of fields. */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 20);
  let best = ',';
  let bestScore = 0;
  for (const delimiter of [',', '\t', ';']) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const frequency = new Map<number, number>();
    for (const count of counts) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    const [count, lineCount] = [...frequency.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = lineCount * 1000 + count;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) count++;
  }
  return count;
}

/** An RFC 4180 record splitter that is fed text in arbitrary pieces. */
class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  /** A quote inside a quoted field: either the end of the field or the first of "". */
  private quotePending = false;
  private lastWasCr = false;

  constructor(
    private readonly delimiter: string,
    private readonly onRecord: (fields: string[]) => void,
    private readonly onRunaway: () => never,
  ) {}

  write(text: string): void {
    let field = this.field;
    for (let index = 0; index < text.length; index++) {
      const char = text[index]!;
      if (this.quotePending) {
        this.quotePending = false;
        if (char === '"') {
          field += '"';
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (char === '"') this.quotePending = true;
        else field += char;
        // A quote never closed swallows the rest of the file into one field: stop, and say so.
        if (field.length > MAX_FIELD_CHARS) this.onRunaway();
        continue;
      }
      if (char === '\n' && this.lastWasCr) {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = char === '\r';
      if (char === '"' && field === '') {
        this.inQuotes = true;
      } else if (char === this.delimiter) {
        this.record.push(field);
        field = '';
      } else if (char === '\n' || char === '\r') {
        this.record.push(field);
        field = '';
        this.emit();
      } else {
        field += char;
      }
    }
    this.field = field;
  }

  end(): void {
    if (this.field !== '' || this.record.length > 0) {
      this.record.push(this.field);
      this.field = '';
      this.emit();
    }
  }

  private emit(): void {
    const record = this.record;
    this.record = [];
    this.onRecord(record);
  }
}

export interface CsvRead {
  grid: Grid;
  encoding: CsvEncoding;
  delimiter: string;
}

export async function readCsv(source: ByteSource): Promise<CsvRead> {
  const head = await source.read(0, Math.min(source.size, SNIFF_BYTES));
  const bom = bomEncoding(head);
  if (bom) return parseAs(source, bom, false);
  try {
    return await parseAs(source, 'utf-8', true);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    return parseAs(source, 'gb18030', false);
  }
}

async function parseAs(source: ByteSource, encoding: CsvEncoding, strictUtf8: boolean): Promise<CsvRead> {
  const file = source.name;
  const sheet = source.name.replace(/\.[^.]+$/, '') || 'CSV';
  const text = decoder(encoding, strictUtf8);
  const rows: GridRow[] = [];
  let columnCount = 0;
  let recordNumber = 0;
  let parser: CsvParser | null = null;
  let delimiter = ',';
  const feed = (decoded: string): void => {
    if (!parser) {
      delimiter = detectDelimiter(decoded.replace(/^\uFEFF/, ''));
      parser = new CsvParser(
        delimiter,
        (fields) => {
          recordNumber++;
          if (fields.every((field) => field.trim() === '')) return;
          if (fields.length > IMPORT_CAPS.columns) {
            throw badFile(
              file,
              `第 ${recordNumber} 行有 ${thousands(fields.length)} 列，超过 ${thousands(IMPORT_CAPS.columns)} 列的上限`,
              `row ${recordNumber} has ${thousands(fields.length)} columns, more than the limit of ${thousands(IMPORT_CAPS.columns)}`,
              { row: recordNumber, column: columnLetter(IMPORT_CAPS.columns) },
            );
          }
          rows.push({ r: recordNumber, cells: fields.map((field) => (field === '' ? null : field)) });
          if (rows.length > IMPORT_CAPS.rows) throw tooManyRows(file, sheet);
          if (fields.length > columnCount) columnCount = fields.length;
        },
        () => {
          throw badFile(
            file,
            `第 ${recordNumber + 1} 行起有一个引号没有闭合，其后的内容都被读成了同一个单元格；请检查该行的引号`,
            `a quote opened at row ${recordNumber + 1} is never closed, so everything after it reads as one cell; check the quotes on that row`,
            { row: recordNumber + 1 },
          );
        },
      );
      decoded = decoded.replace(/^\uFEFF/, '');
    }
    parser.write(decoded);
  };
  // The delimiter is chosen from the first 64 KiB, decoded on its own, before parsing starts.
  let pending = '';
  let decidedHead = false;
  for await (const chunk of source.stream(0, source.size)) {
    let decoded: string;
    try {
      decoded = text.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new NotUtf8();
    }
    if (!decidedHead) {
      pending += decoded;
      if (pending.length < SNIFF_BYTES / 2) continue;
      decidedHead = true;
      decoded = pending;
      pending = '';
    }
    feed(decoded);
  }
  let rest: string;
  try {
    rest = text.decode();
  } catch {
    throw new NotUtf8();
  }
  feed((decidedHead ? '' : pending) + rest);
  (parser as CsvParser | null)?.end();
  await source.assertUnchanged();
  return {
    grid: { name: sheet, rows, merges: [], hiddenColumns: [], columnCount },
    encoding,
    delimiter,
  };
}
