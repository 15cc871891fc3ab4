import fs from 'node:fs';
import zlib from 'node:zlib';
import { removeQuietly, temporaryPath, writeFailure } from './fileWrites';

/**
 * A streaming zip writer for the workbooks we write. Each entry is deflated as it is produced,
 * so a 100,000-row sheet never exists whole in memory, neither as XML nor compressed. Entries
 * use a data descriptor (general-purpose flag bit 3): the local header is written before the
 * entry's size and CRC are known, as Excel's own writer and ExcelJS's streaming writer do; every
 * reader we target (Excel, WPS, LibreOffice, ExcelJS, our importer) accepts it.
 *
 * Kept rather than replaced by yazl (issue 14: a maintained library unless it loses more than
 * 5%), by the figures of `npm run bench` section 8 (bench/zip.ts), 2026-12-04: the parts of the
 * 100,000-row workbook (66 MiB of XML in 64 KiB pieces of text) deflated at level 6 into a file,
 * medians of 5 alternating runs on the shared 2-core machine: ours 1.55 s (CPU 0.94 s); yazl
 * 3.3.1 1.94 s (CPU 1.05 s), 1.24× ours (CPU 1.11×); both files 7.4 MiB. yazl computes the
 * CRC-32 in JavaScript where we use zlib's.
 */

/** Where the zip's bytes go: a file, or memory. `write` resolves when the sink can take more. */
export interface ByteSink {
  write(chunk: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** A sink that keeps every chunk in memory: a small workbook (a department's fill-in form) or a zip of them. */
export class MemorySink implements ByteSink {
  private readonly chunks: Buffer[] = [];

  async write(chunk: Buffer): Promise<void> {
    this.chunks.push(chunk);
  }

  async close(): Promise<void> {}

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * A sink that writes a file under a temporary name and renames it into place when complete, so
 * an interrupted export never leaves half a workbook under the name the user asked for. A failed
 * write (a full disk, a lost network drive) rejects as a message naming the file.
 */
export class FileSink implements ByteSink {
  private readonly temporary: string;
  private readonly stream: fs.WriteStream;
  private failure: Error | null = null;

  constructor(private readonly file: string) {
    this.temporary = temporaryPath(file);
    this.stream = fs.createWriteStream(this.temporary);
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  async write(chunk: Buffer): Promise<void> {
    this.throwIfFailed();
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const drained = () => {
          this.stream.off('error', failed);
          resolve();
        };
        const failed = (error: Error) => {
          this.stream.off('drain', drained);
          reject(writeFailure(this.file, error));
        };
        this.stream.once('drain', drained);
        this.stream.once('error', failed);
      });
    }
  }

  async close(): Promise<void> {
    this.throwIfFailed();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(writeFailure(this.file, error)) : resolve()));
    });
    this.throwIfFailed();
    try {
      fs.renameSync(this.temporary, this.file);
    } catch (error) {
      throw writeFailure(this.file, error);
    }
  }

  /** Remove the temporary file after a failure. */
  discard(): void {
    this.stream.destroy();
    removeQuietly(this.temporary);
  }

  private throwIfFailed(): void {
    if (this.failure) throw writeFailure(this.file, this.failure);
  }
}

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const LOCAL_SIGNATURE = 0x04034b50;
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const DEFLATE = 8;
const VERSION = 20;
/** Text is buffered to this size before it is handed to the compressor. */
const TEXT_BUFFER = 256 * 1024;
/** 1980-01-01 00:00 in MS-DOS format; a fixed stamp keeps the same content byte-identical. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** One entry being written: text goes in, deflated bytes go to the zip as they come out. */
export class ZipEntryWriter {
  private readonly deflate: zlib.DeflateRaw;
  private pending: string[] = [];
  private pendingLength = 0;
  private crc = 0;
  private size = 0;
  private compressedSize = 0;
  private readonly flushed: Promise<void>;

  constructor(
    private readonly zip: ZipWriter,
    private readonly record: CentralRecord,
    level: number,
  ) {
    this.deflate = zlib.createDeflateRaw({ level, memLevel: 9 });
    this.deflate.on('data', (chunk: Buffer) => {
      this.compressedSize += chunk.length;
      this.zip.enqueue(chunk);
    });
    this.flushed = new Promise((resolve, reject) => {
      this.deflate.once('end', resolve);
      this.deflate.once('error', reject);
    });
  }

  /** Add text; it is compressed in blocks, and the caller waits only when the sink is behind. */
  async text(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= TEXT_BUFFER) await this.drainText();
  }

  /** Add bytes as they are (e.g. a whole workbook inside a zip of workbooks). */
  async bytes(bytes: Buffer): Promise<void> {
    await this.drainText();
    await this.compress(bytes);
  }

  private async drainText(): Promise<void> {
    if (this.pendingLength === 0) return;
    const bytes = Buffer.from(this.pending.length === 1 ? this.pending[0]! : this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    await this.compress(bytes);
  }

  private async compress(bytes: Buffer): Promise<void> {
    this.crc = zlib.crc32(bytes, this.crc);
    this.size += bytes.length;
    if (!this.deflate.write(bytes)) await new Promise<void>((resolve) => this.deflate.once('drain', resolve));
    await this.zip.settle();
  }

  async close(): Promise<void> {
    await this.drainText();
    this.deflate.end();
    await this.flushed;
    this.record.crc = this.crc;
    this.record.size = this.size;
    this.record.compressedSize = this.compressedSize;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DESCRIPTOR_SIGNATURE, 0);
    descriptor.writeUInt32LE(this.crc >>> 0, 4);
    descriptor.writeUInt32LE(this.compressedSize, 8);
    descriptor.writeUInt32LE(this.size, 12);
    this.zip.enqueue(descriptor);
    await this.zip.settle();
    this.zip.entryClosed();
  }
}

export class ZipWriter {
  private readonly records: CentralRecord[] = [];
  private offset = 0;
  private open: ZipEntryWriter | null = null;
  /** Writes to the sink happen in order; this is the last one still in flight. */
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  /** The sink's first failure: later writes are skipped and the next wait throws it. */
  private failure: unknown = null;

  constructor(
    private readonly sink: ByteSink,
    private readonly level = 6,
  ) {}

  /** Hand bytes to the sink in order (called synchronously by the compressor). */
  enqueue(chunk: Buffer): void {
    this.offset += chunk.length;
    this.queued += chunk.length;
    // The chain itself never rejects (a rejection nobody awaits would end the process); the
    // failure is kept and thrown by the next settle() or finish().
    this.tail = this.tail
      .then(async () => {
        if (this.failure === null) await this.sink.write(chunk);
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.queued -= chunk.length;
      });
  }

  /** Wait while more than a few megabytes are queued for the sink (back-pressure). */
  async settle(): Promise<void> {
    if (this.queued > 4 * 1024 * 1024) await this.tail;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  entryClosed(): void {
    this.open = null;
  }

  /** Start an entry; only one is open at a time, as in any streamed zip. */
  entry(name: string): ZipEntryWriter {
    if (this.open) throw new Error(`zip entry still open while starting ${name}`);
    const nameBytes = Buffer.from(name, 'utf8');
    const record: CentralRecord = { name: nameBytes, crc: 0, compressedSize: 0, size: 0, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_SIGNATURE, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    // CRC and sizes are zero here and follow the data in the descriptor.
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    this.enqueue(Buffer.concat([header, nameBytes]));
    this.records.push(record);
    this.open = new ZipEntryWriter(this, record, this.level);
    return this.open;
  }

  /** A whole small entry at once. */
  async file(name: string, content: string | Buffer): Promise<void> {
    const entry = this.entry(name);
    if (typeof content === 'string') await entry.text(content);
    else await entry.bytes(content);
    await entry.close();
  }

  /** Write the central directory and close the sink. */
  async finish(): Promise<void> {
    if (this.open) throw new Error('zip entry still open at finish');
    if (this.records.length > 0xffff || this.offset > 0xffffffff) {
      throw new Error('workbook too large for a zip without ZIP64');
    }
    const directoryOffset = this.offset;
    let directorySize = 0;
    for (const record of this.records) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_SIGNATURE, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(VERSION, 6);
      header.writeUInt16LE(FLAGS, 8);
      header.writeUInt16LE(DEFLATE, 10);
      header.writeUInt16LE(DOS_TIME, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(record.crc >>> 0, 16);
      header.writeUInt32LE(record.compressedSize, 20);
      header.writeUInt32LE(record.size, 24);
      header.writeUInt16LE(record.name.length, 28);
      header.writeUInt32LE(record.offset, 42);
      const chunk = Buffer.concat([header, record.name]);
      directorySize += chunk.length;
      this.enqueue(chunk);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_SIGNATURE, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(directoryOffset, 16);
    this.enqueue(end);
    await this.tail;
    this.throwIfFailed();
    await this.sink.close();
  }
}
