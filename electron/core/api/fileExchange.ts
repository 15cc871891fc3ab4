import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { PlanbenchError } from '../../../shared/contract/errors';
import { UploadId } from '../../../shared/contract/files';
import { FILE_UPLOAD_MAX_BYTES } from '../../../shared/contract/uploadLimit';
import type { FileAccess } from './files';
import { pathRefused } from './files';

/**
 * The files of a page's transport (the browser edition's server; any transport whose caller is
 * a page): uploads streamed to a private temporary folder and named by a random id, and files
 * the calls make kept there as downloads. A page names only these ids — never a path, which is
 * refused whatever it names — so it can read and write nothing but what it sent and what it was
 * given. An upload is counted as it streams: past the limit it stops, its partial file is
 * removed and the page is told the limit, in Chinese and English; nothing else has happened.
 * Files are kept for a while after their last use (a preview re-reads its upload when another
 * sheet is chosen), at most a few dozen and a few GiB at once (the least recently used go
 * first), and all are removed when the transport closes.
 */

export interface ExchangeLimits {
  /** The largest upload. */
  uploadBytes: number;
  /** How many files are kept at once (uploads and downloads); the least recently used go first. */
  files: number;
  /** How many bytes they may take on disk together (the newest file always stays). */
  totalBytes: number;
  idleMs: number;
}

export const EXCHANGE_LIMITS: Readonly<ExchangeLimits> = {
  uploadBytes: FILE_UPLOAD_MAX_BYTES,
  files: 32,
  totalBytes: 3 * FILE_UPLOAD_MAX_BYTES,
  idleMs: 2 * 60 * 60 * 1000,
};

interface Held {
  id: string;
  path: string;
  fileName: string;
  bytes: number;
  kind: 'upload' | 'download';
  lastUsed: number;
}

/** An upload over the limit: what the page is told. */
export function uploadTooLarge(fileName: string, limit: number): PlanbenchError {
  const size = sizeText(limit);
  return PlanbenchError.of(
    'invalid_value',
    `文件“${fileName}”超过 ${size} 的上传上限，未被接收，规划未作任何修改`,
    `"${fileName}" is larger than the ${size} upload limit; it was not accepted and the plan is unchanged`,
    { file: fileName },
  );
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}

/** A file name from a page: its last part only, without control characters, never empty. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters are removed so the name cannot break a message or a header.
  const clean = [...base]
    .filter((ch) => ch >= ' ' && ch !== '\u007f')
    .join('')
    .trim()
    .slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? '文件' : clean;
}

/**
 * Stream an upload into `dir` under a fresh random id, counting it as it comes: past `limit` (or
 * announced past it) it stops, the partial file is removed and the error says why. The file is
 * not yet kept by any exchange: FileExchange.adopt does that.
 */
export async function streamUpload(
  dir: string,
  body: Readable,
  name: string,
  limit: number,
  declared?: number,
): Promise<{ upload: string; fileName: string; bytes: number }> {
  const fileName = cleanName(name);
  if (declared !== undefined && declared > limit) throw uploadTooLarge(fileName, limit);
  const id = crypto.randomBytes(18).toString('base64url');
  const file = path.join(dir, id);
  const bytes = await new Promise<number>((resolve, reject) => {
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let count = 0;
    let settled = false;
    // On a refusal the body is left unread (not destroyed), so the transport can still answer.
    const fail = (error: PlanbenchError) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.pause();
      // The file may still be opening: it is removed once the stream has let go of it.
      const remove = () => {
        fs.rmSync(file, { force: true });
        reject(error);
      };
      if (out.closed) remove();
      else {
        out.once('close', remove);
        out.destroy();
      }
    };
    const cutOff = () =>
      fail(
        PlanbenchError.of('io_error', `文件“${fileName}”未完整收到`, `"${fileName}" was not received in full`, {
          file: fileName,
        }),
      );
    const onData = (chunk: Buffer) => {
      count += chunk.length;
      if (count > limit) return fail(uploadTooLarge(fileName, limit));
      if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    };
    body.on('data', onData);
    body.once('end', () => {
      if (settled) return;
      out.end((error?: Error | null) => {
        if (error) return cutOff();
        settled = true;
        resolve(count);
      });
    });
    body.once('error', cutOff);
    body.once('aborted', cutOff);
    out.once('error', () =>
      fail(
        PlanbenchError.of(
          'io_error',
          `无法保存上传的文件“${fileName}”（临时文件夹不可写或磁盘已满）`,
          `cannot keep the uploaded "${fileName}" (the temporary folder is not writable or the disk is full)`,
          { file: fileName },
        ),
      ),
    );
  });
  return { upload: id, fileName, bytes };
}

function fileSize(file: string): number | null {
  try {
    const stat = fs.lstatSync(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

export class FileExchange implements FileAccess {
  /** The private folder the files are kept in (removed by close()). */
  readonly dir: string;
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly limits: Readonly<ExchangeLimits> = EXCHANGE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-files-'));
  }

  get uploadLimit(): number {
    return this.limits.uploadBytes;
  }

  /**
   * Receive an upload as it streams in. `declared` is the length the page announced, when it
   * did: a body announced larger than the limit is refused before a byte is written.
   */
  async receive(
    body: Readable,
    name: string,
    declared?: number,
  ): Promise<{ upload: string; fileName: string; bytes: number }> {
    const received = await streamUpload(this.dir, body, name, this.limits.uploadBytes, declared);
    return this.adopt(received);
  }

  /**
   * Keep an upload that another process of this transport streamed into this exchange's folder
   * with streamUpload (the desktop app's main process, for its plan service): named by a fresh
   * id, directly in the folder, of the size it said. Anything else is refused.
   */
  adopt(received: { upload: string; fileName: string; bytes: number }): {
    upload: string;
    fileName: string;
    bytes: number;
  } {
    const file = path.join(this.dir, received.upload);
    const size = UploadId.safeParse(received.upload).success && !this.held.has(received.upload) ? fileSize(file) : null;
    if (size === null || size !== received.bytes || received.bytes > this.limits.uploadBytes) {
      throw PlanbenchError.of('io_error', '上传的文件未完整收到', 'the upload was not received in full');
    }
    const fileName = cleanName(received.fileName);
    this.keep({ id: received.upload, path: file, fileName, bytes: size, kind: 'upload', lastUsed: this.now() });
    return { upload: received.upload, fileName, bytes: size };
  }

  /** A download by id: its file and name, or null when there is none (or it expired). */
  download(id: string): { path: string; fileName: string; bytes: number } | null {
    this.expire();
    const held = this.held.get(id);
    if (!held || held.kind !== 'download') return null;
    held.lastUsed = this.now();
    return { path: held.path, fileName: held.fileName, bytes: held.bytes };
  }

  read: FileAccess['read'] = (ref) => {
    if (!('upload' in ref)) throw pathRefused();
    this.expire();
    const held = this.held.get(ref.upload);
    if (!held || held.kind !== 'upload') {
      throw PlanbenchError.of(
        'not_found',
        '上传的文件已过期或不存在，请重新选择文件',
        'the uploaded file has expired or does not exist; choose the file again',
      );
    }
    held.lastUsed = this.now();
    return { path: held.path, fileName: held.fileName };
  };

  make: FileAccess['make'] = (saveTo, name) => {
    if (saveTo) throw pathRefused();
    const id = crypto.randomBytes(18).toString('base64url');
    const file = path.join(this.dir, id);
    const fileName = cleanName(name);
    return {
      path: file,
      fileName,
      made: (bytes) => {
        this.keep({ id, path: file, fileName, bytes, kind: 'download', lastUsed: this.now() });
        return { fileName, bytes, path: null, download: id };
      },
    };
  };

  folder: FileAccess['folder'] = (saveTo) => {
    if (saveTo) throw pathRefused();
    return null;
  };

  /** Remove every file (the transport is closing). */
  close(): void {
    this.held.clear();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private keep(entry: Held): void {
    this.expire();
    this.held.set(entry.id, entry);
    const total = () => [...this.held.values()].reduce((sum, held) => sum + held.bytes, 0);
    while (this.held.size > 1 && (this.held.size > this.limits.files || total() > this.limits.totalBytes)) {
      const oldest = [...this.held.values()]
        .filter((held) => held.id !== entry.id)
        .sort((a, b) => a.lastUsed - b.lastUsed)[0]!;
      this.forget(oldest.id);
    }
  }

  private expire(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const entry of [...this.held.values()]) if (entry.lastUsed < cutoff) this.forget(entry.id);
  }

  private forget(id: string): void {
    const entry = this.held.get(id);
    if (!entry) return;
    this.held.delete(id);
    fs.rmSync(entry.path, { force: true });
  }
}
