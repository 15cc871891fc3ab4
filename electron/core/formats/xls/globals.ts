import type { FormatKind } from '../numberFormats';
import { builtinFormatKind, customFormatKind } from '../numberFormats';
import { XLS_CAPS } from './caps';
import type { Decode } from './records';
import { BiffDamage, codepageDecoder, ContinuedReader, RECORD, RecordReader, stringAt } from './records';

/**
 * The workbook globals substream of a BIFF8 stream: what every sheet shares. Read here: the
 * sheets (BOUNDSHEET: name, position, hidden or very hidden, worksheet or not), the shared strings
 * (SST and its CONTINUE records), number formats (FORMAT) and cell formats (XF) — which decide
 * that a number is a date or a percentage — and the 1904 date system (DATEMODE).
 *
 * BIFF5 (Excel 5.0/95, and what some old web systems still export) differs only in its strings:
 * 8-bit, in the code page of its CODEPAGE record (936, GBK, for Chinese Excel), without the option
 * byte, and with no shared string table. Its number, formula, format and sheet records are laid
 * out as in BIFF8, so both are read here.
 *
 * Refused, with the reason as a `BiffRefusal`: encrypted files (FILEPASS) and BIFF4 or older.
 */

export interface XlsSheetEntry {
  name: string;
  hidden: boolean;
  /** Where the sheet's BOF record is in the stream. */
  offset: number;
}

export interface XlsGlobals {
  /** 8 for Excel 97 and later; 5 for Excel 5.0/95. */
  biff: 5 | 8;
  /** BIFF5's 8-bit strings as text (unused for BIFF8, whose strings are Unicode). */
  decode: Decode;
  date1904: boolean;
  sheets: XlsSheetEntry[];
  strings: string[];
  /** What each XF (the ixfe of a cell record, an index into all XF records) does to a number. */
  formatKinds: FormatKind[];
  /** Whether each XF locks its cells (for protected sheets). */
  locked: boolean[];
}

/** A file this reader will not read, for a reason other than damage. */
export class BiffRefusal extends Error {
  constructor(
    readonly reason: 'encrypted' | 'biff4' | 'notWorkbook',
    message: string,
  ) {
    super(message);
  }
}

const SHEET_TYPE_WORKSHEET = 0;

/** Check a BOF record's version; returns its substream type and BIFF version. */
export function bofOf(record: { type: number; data: Buffer } | null): { type: number; biff: 5 | 8 } {
  if (!record) throw new BiffDamage('the stream is empty');
  if (record.type === RECORD.BOF_BIFF2 || record.type === RECORD.BOF_BIFF3 || record.type === RECORD.BOF_BIFF4) {
    throw new BiffRefusal('biff4', `BIFF2-4 BOF 0x${record.type.toString(16)}`);
  }
  if (record.type !== RECORD.BOF || record.data.length < 4)
    throw new BiffDamage(`the stream starts with record 0x${record.type.toString(16)}, not BOF`);
  const version = record.data.readUInt16LE(0);
  if (version !== 0x0600 && version !== 0x0500) throw new BiffRefusal('biff4', `BOF version 0x${version.toString(16)}`);
  return { type: record.data.readUInt16LE(2), biff: version === 0x0600 ? 8 : 5 };
}

/**
 * A cell's or a record's own string at `at`: BIFF8's XLUnicodeString (count, option byte,
 * characters), or BIFF5's count and bytes in the workbook's code page.
 */
export function stringOf(
  globals: Pick<XlsGlobals, 'biff' | 'decode'>,
  data: Buffer,
  at: number,
  countBytes: 1 | 2 = 2,
): string {
  if (globals.biff === 8) return stringAt(data, at, countBytes);
  if (at + countBytes > data.length) throw new BiffDamage('a string runs past the end of its record');
  const count = countBytes === 1 ? data[at]! : data.readUInt16LE(at);
  const start = at + countBytes;
  if (start + count > data.length) throw new BiffDamage('a string runs past the end of its record');
  return globals.decode(data.subarray(start, start + count));
}

export function readGlobals(stream: Buffer): XlsGlobals {
  const reader = new RecordReader(stream, 0);
  const { type, biff } = bofOf(reader.next());
  if (type !== 0x0005)
    throw new BiffRefusal('notWorkbook', `the first substream is of type 0x${type.toString(16)}, not workbook globals`);
  const globals: XlsGlobals = {
    biff,
    decode: codepageDecoder(null),
    date1904: false,
    sheets: [],
    strings: [],
    formatKinds: [],
    locked: [],
  };
  const customFormats = new Map<number, FormatKind>();
  const xfFormats: number[] = [];
  for (let record = reader.next(); ; record = reader.next()) {
    if (!record) throw new BiffDamage('the workbook globals end without an EOF record');
    if (reader.count > XLS_CAPS.records) throw new BiffDamage(`more than ${XLS_CAPS.records} records`);
    const data = record.data;
    switch (record.type) {
      case RECORD.EOF:
        globals.formatKinds = xfFormats.map((id) => customFormats.get(id) ?? builtinFormatKind(id));
        return globals;
      case RECORD.FILEPASS:
        throw new BiffRefusal('encrypted', 'FILEPASS');
      case RECORD.CODEPAGE:
        if (data.length >= 2) globals.decode = codepageDecoder(data.readUInt16LE(0));
        break;
      case RECORD.DATEMODE:
        globals.date1904 = data.length >= 2 && data.readUInt16LE(0) === 1;
        break;
      case RECORD.FORMAT:
        if (data.length >= 4)
          customFormats.set(data.readUInt16LE(0), customFormatKind(stringOf(globals, data, 2, biff === 8 ? 2 : 1)));
        break;
      case RECORD.XF:
        if (data.length >= 6) {
          xfFormats.push(data.readUInt16LE(2));
          globals.locked.push((data.readUInt16LE(4) & 0x0001) === 1);
        }
        break;
      case RECORD.BOUNDSHEET: {
        if (data.length < 8) throw new BiffDamage('a BOUNDSHEET record is too short');
        if (globals.sheets.length >= XLS_CAPS.sheets) throw new BiffDamage(`more than ${XLS_CAPS.sheets} sheets`);
        // Chart, macro and VBA sheets have nothing to import.
        if (data[5] !== SHEET_TYPE_WORKSHEET) break;
        globals.sheets.push({
          name: stringOf(globals, data, 6, 1),
          hidden: (data[4]! & 0x03) !== 0,
          offset: data.readUInt32LE(0),
        });
        break;
      }
      case RECORD.SST:
        globals.strings = sharedStrings([data, ...reader.continues()]);
        break;
    }
  }
}

/** The shared string table: a count, then strings that may be split by CONTINUE records anywhere. */
export function sharedStrings(segments: Buffer[]): string[] {
  const reader = new ContinuedReader(segments);
  reader.skip(4); // total references to the table, not needed
  const unique = reader.uint32();
  // The count is the file's word: strings are added only as they are read, never allocated ahead.
  const strings: string[] = [];
  while (strings.length < unique && reader.remaining() > 0) strings.push(reader.richString());
  return strings;
}
