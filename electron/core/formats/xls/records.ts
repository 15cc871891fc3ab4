/**
 * The record layer of a BIFF8 stream ([MS-XLS] 2.1.4): records of a 2-byte type and a 2-byte
 * length, CONTINUE records that carry on a record too long for one, and the string and number
 * encodings the cell records use. Pure functions over a Buffer; the workbook and sheet readers
 * (globals.ts, sheet.ts) give the records their meaning.
 */

export const RECORD = {
  FORMULA: 0x0006,
  EOF: 0x000a,
  PROTECT: 0x0012,
  DATEMODE: 0x0022,
  FILEPASS: 0x002f,
  CONTINUE: 0x003c,
  CODEPAGE: 0x0042,
  COLINFO: 0x007d,
  BOUNDSHEET: 0x0085,
  MULRK: 0x00bd,
  MULBLANK: 0x00be,
  RSTRING: 0x00d6,
  XF: 0x00e0,
  MERGEDCELLS: 0x00e5,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  BLANK: 0x0201,
  NUMBER: 0x0203,
  LABEL: 0x0204,
  BOOLERR: 0x0205,
  STRING: 0x0207,
  ROW: 0x0208,
  RK: 0x027e,
  FORMAT: 0x041e,
  BOF: 0x0809,
  /** BOF of BIFF2, BIFF3 and BIFF4 files. */
  BOF_BIFF2: 0x0009,
  BOF_BIFF3: 0x0209,
  BOF_BIFF4: 0x0409,
} as const;

/** Damage found while reading records: the readers turn it into a message naming the file (and cell). */
export class BiffDamage extends Error {
  constructor(
    message: string,
    /** 1-based row and 0-based column of the cell record, where the damage is in one. */
    readonly cell?: { row: number; column: number },
  ) {
    super(message);
  }
}

export interface BiffRecord {
  type: number;
  /** Where the record starts in the stream. */
  offset: number;
  /** The record's data: a view of the stream, not a copy. */
  data: Buffer;
}

/** Walks the records of a stream from a position, counting them against a cap. */
export class RecordReader {
  private position: number;
  /** Records read so far, for the caller's cap. */
  count = 0;

  constructor(
    private readonly stream: Buffer,
    start: number,
  ) {
    this.position = start;
  }

  /** The next record; null at the end of the stream. A record cut off by the stream's end is damage. */
  next(): BiffRecord | null {
    const stream = this.stream;
    if (this.position + 4 > stream.length) {
      if (this.position < stream.length && stream.subarray(this.position).some((byte) => byte !== 0)) {
        throw new BiffDamage(`a record header at byte ${this.position} is cut off`);
      }
      return null;
    }
    const offset = this.position;
    const type = stream.readUInt16LE(offset);
    const length = stream.readUInt16LE(offset + 2);
    if (offset + 4 + length > stream.length)
      throw new BiffDamage(`record 0x${type.toString(16)} at byte ${offset} runs past the end of the stream`);
    this.position = offset + 4 + length;
    this.count++;
    return { type, offset, data: stream.subarray(offset + 4, offset + 4 + length) };
  }

  /** The data of the CONTINUE records that directly follow, consumed. */
  continues(): Buffer[] {
    const parts: Buffer[] = [];
    while (this.position + 4 <= this.stream.length && this.stream.readUInt16LE(this.position) === RECORD.CONTINUE) {
      parts.push(this.next()!.data);
    }
    return parts;
  }
}

/**
 * Reads across a record and its CONTINUE records as one sequence of bytes, except for the
 * characters of a string: where a string's characters are split by a CONTINUE, the continuation
 * starts with a fresh option byte saying whether the rest is compressed (8-bit) or UTF-16 —
 * which may differ from the first part ([MS-XLS] 2.5.293, 2.1.7.20.4).
 */
export class ContinuedReader {
  private segment = 0;
  private at = 0;

  constructor(private readonly segments: readonly Buffer[]) {}

  /** Bytes left in all segments. */
  remaining(): number {
    let left = (this.segments[this.segment]?.length ?? 0) - this.at;
    for (let index = this.segment + 1; index < this.segments.length; index++) left += this.segments[index]!.length;
    return left;
  }

  /** Move into the next segment when the current one is used up; false at the very end. */
  private ready(): boolean {
    while (this.segment < this.segments.length && this.at >= this.segments[this.segment]!.length) {
      this.segment++;
      this.at = 0;
    }
    return this.segment < this.segments.length;
  }

  byte(): number {
    if (!this.ready()) throw new BiffDamage('a string runs past the end of its record');
    return this.segments[this.segment]![this.at++]!;
  }

  uint16(): number {
    return this.byte() | (this.byte() << 8);
  }

  uint32(): number {
    return (this.uint16() + this.uint16() * 0x10000) >>> 0;
  }

  skip(count: number): void {
    let left = count;
    while (left > 0) {
      if (!this.ready()) throw new BiffDamage('a string runs past the end of its record');
      const take = Math.min(left, this.segments[this.segment]!.length - this.at);
      this.at += take;
      left -= take;
    }
  }

  /** `count` characters, the first part compressed or UTF-16 as `wide` says, each continuation as its own option byte says. */
  chars(count: number, wide: boolean): string {
    let text = '';
    let left = count;
    let utf16 = wide;
    let segment = this.segments[this.segment];
    while (left > 0) {
      if (!segment || this.at >= segment.length) {
        this.segment++;
        this.at = 0;
        segment = this.segments[this.segment];
        if (!segment) throw new BiffDamage('a string runs past the end of its record');
        utf16 = (this.byte() & 0x01) === 1;
      }
      const available = segment.length - this.at;
      const take = Math.min(left, utf16 ? available >> 1 : available);
      if (take === 0) {
        if (available === 0) continue; // a continuation holding only its option byte
        throw new BiffDamage('a UTF-16 character is split between two records');
      }
      const end = this.at + (utf16 ? take * 2 : take);
      text += segment.toString(utf16 ? 'utf16le' : 'latin1', this.at, end);
      this.at = end;
      left -= take;
    }
    return text;
  }

  /**
   * A string as cells, SST and formats hold it ([MS-XLS] 2.5.294 XLUnicodeString and 2.5.293
   * XLUnicodeRichExtendedString): a character count (1 or 2 bytes), option flags, the optional
   * counts of rich-text runs and phonetic data, the characters, then the runs and phonetic data,
   * which are skipped.
   */
  richString(countBytes: 1 | 2 = 2): string {
    const count = countBytes === 1 ? this.byte() : this.uint16();
    const flags = this.byte();
    const runs = flags & 0x08 ? this.uint16() : 0;
    const phonetic = flags & 0x04 ? this.uint32() : 0;
    const text = this.chars(count, (flags & 0x01) === 1);
    if (phonetic > this.remaining())
      throw new BiffDamage('a string says it has more phonetic data than its record holds');
    this.skip(runs * 4 + phonetic);
    return text;
  }
}

/** A string that fits within one record's data from `at`. */
export function stringAt(data: Buffer, at: number, countBytes: 1 | 2 = 2): string {
  return new ContinuedReader([data.subarray(at)]).richString(countBytes);
}

/** Turns the 8-bit strings of BIFF5 (Excel 5.0/95) into text, in the workbook's code page. */
export type Decode = (bytes: Buffer) => string;

/**
 * The decoder for a CODEPAGE record's value: 936 GBK (Chinese Excel 95), 950 Big5, 932 Shift_JIS,
 * 949 EUC-KR, 874 and 1250–1258 the Windows code pages, 10000/32768 Mac Roman, 1200 UTF-16.
 * Anything else, or no CODEPAGE record, is Windows-1252, Excel's default.
 */
export function codepageDecoder(codepage: number | null): Decode {
  const labels: Record<number, string> = {
    936: 'gbk',
    950: 'big5',
    932: 'shift_jis',
    949: 'euc-kr',
    10000: 'macintosh',
    32768: 'macintosh',
    1200: 'utf-16le',
  };
  let label = codepage !== null ? labels[codepage] : undefined;
  if (!label && codepage !== null && (codepage === 874 || (codepage >= 1250 && codepage <= 1258)))
    label = `windows-${codepage}`;
  const decoder = new TextDecoder(label ?? 'windows-1252');
  return (bytes) => decoder.decode(bytes);
}

const RK_SCRATCH = Buffer.alloc(8);

/**
 * An RK number ([MS-XLS] 2.5.217): bit 1 says a 30-bit signed integer, else the top 30 bits of
 * an IEEE double (its low 34 bits zero); bit 0 says the value is 100 times too large.
 */
export function rkNumber(rk: number): number {
  let value: number;
  if (rk & 0x02) {
    value = rk >> 2; // rk is a signed 32-bit integer: >> keeps the sign
  } else {
    RK_SCRATCH.writeUInt32LE(0, 0);
    RK_SCRATCH.writeUInt32LE((rk & ~0x03) >>> 0, 4);
    value = RK_SCRATCH.readDoubleLE(0);
  }
  return rk & 0x01 ? value / 100 : value;
}

/** Error values of BOOLERR and cached formula results ([MS-XLS] 2.5.10 BErr). */
export const ERROR_TEXT: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};
