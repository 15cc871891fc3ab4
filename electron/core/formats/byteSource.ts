import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { changedWhileReading, readFailure } from './fileErrors';

/**
 * The bytes of an imported file, read by position. Every front end's file reaches the import as
 * a file on disk (a path the CLI names, or a page's upload kept in a temporary file), so a 100 MB
 * workbook is streamed from disk, never loaded whole; tests also read bytes held in memory.
 */
export interface ByteSource {
  /** The file's name as the user knows it, for messages. */
  readonly name: string;
  readonly size: number;
  /** Exactly `length` bytes at `position`; a short read means the file changed under us. */
  read(position: number, length: number): Promise<Buffer>;
  /** The bytes [start, end) as a stream of chunks. */
  stream(start: number, end: number): Readable;
  /** Fails when the file is no longer what was opened (size or modification time changed). */
  assertUnchanged(): Promise<void>;
  close(): Promise<void>;
}

const STREAM_CHUNK = 256 * 1024;

export function bufferSource(name: string, bytes: Buffer): ByteSource {
  return {
    name,
    size: bytes.length,
    read: async (position, length) => {
      if (position < 0 || position + length > bytes.length) throw changedWhileReading(name);
      return bytes.subarray(position, position + length);
    },
    stream: (start, end) => {
      // Chunks of a view, not copies: a workbook already in memory is not duplicated.
      function* chunks(): Generator<Buffer> {
        for (let offset = start; offset < end; offset += STREAM_CHUNK) {
          yield bytes.subarray(offset, Math.min(end, offset + STREAM_CHUNK));
        }
      }
      return Readable.from(chunks(), { objectMode: false });
    },
    assertUnchanged: async () => {},
    close: async () => {},
  };
}

/**
 * Open a file for import; a missing, locked or unreadable file is refused with its name —
 * `name` when the file is known by another (an upload kept under an id), else its own.
 */
export async function fileSource(file: string, name: string = path.basename(file)): Promise<ByteSource> {
  let handle: fs.promises.FileHandle;
  let stat: fs.Stats;
  try {
    handle = await fs.promises.open(file, 'r');
    stat = await handle.stat();
  } catch (error) {
    throw readFailure(name, error);
  }
  if (stat.isDirectory()) {
    await handle.close();
    throw readFailure(name, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  }
  const size = stat.size;
  return {
    name,
    size,
    read: async (position, length) => {
      const buffer = Buffer.alloc(length);
      let done = 0;
      try {
        while (done < length) {
          const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
          if (bytesRead === 0) throw changedWhileReading(name);
          done += bytesRead;
        }
      } catch (error) {
        throw readFailure(name, error);
      }
      return buffer;
    },
    stream: (start, end) => {
      // Read through the already-open handle: a file renamed or deleted after opening is still
      // read consistently; one truncated meanwhile ends early, which the zip layer detects.
      // Positional reads on the one handle (fs streams over a FileHandle close it when destroyed).
      async function* chunks(): AsyncGenerator<Buffer> {
        for (let offset = start; offset < end; offset += STREAM_CHUNK) {
          const length = Math.min(STREAM_CHUNK, end - offset);
          const buffer = Buffer.allocUnsafe(length);
          let bytesRead: number;
          try {
            ({ bytesRead } = await handle.read(buffer, 0, length, offset));
          } catch (error) {
            throw readFailure(name, error);
          }
          // A short read: the file was truncated after it was opened. The caller sees the end
          // of the data early and reports the file as incomplete.
          if (bytesRead === 0) return;
          yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
          if (bytesRead < length) return;
        }
      }
      return Readable.from(chunks(), { objectMode: false });
    },
    assertUnchanged: async () => {
      let now: fs.Stats;
      try {
        now = await handle.stat();
      } catch (error) {
        throw readFailure(name, error);
      }
      if (now.size !== stat.size || now.mtimeMs !== stat.mtimeMs) throw changedWhileReading(name);
    },
    close: async () => {
      await handle.close().catch(() => {});
    },
  };
}
