import path from 'node:path';
import type { FileRef, MadeFile, SaveTo } from '../../../shared/contract/files';
import { PlanbenchError } from '../../../shared/contract/errors';

/**
 * How a front end's transport resolves the file references of the API (shared/api/files.ts).
 * Handlers never see where a file came from: they get a local path to read, or a place to write
 * and a way to report what they wrote. The CLI resolves paths (localFilesIn below); a page's
 * transport (the browser edition, the desktop app) resolves only its own uploads and offers what
 * is made as downloads (fileExchange.ts), so a page can never read or write a path it names.
 */

/** A file a call reads: where it is on this computer, and the name the user knows it by. */
export interface FileToRead {
  path: string;
  fileName: string;
}

/** Where a file a call makes goes. The handler writes `path` in full, then calls `made`. */
export interface FileToMake {
  path: string;
  fileName: string;
  /** The file is written (`bytes` long): what the call reports about it. */
  made(bytes: number): MadeFile;
}

export interface FileAccess {
  read(ref: FileRef): FileToRead;
  /** A file named `fileName` (a download's name); `saveTo` a path where the caller chose one. */
  make(saveTo: SaveTo | undefined, fileName: string): FileToMake;
  /** The folder a call making several files writes them into (send-out), or null for downloads. */
  folder(saveTo: SaveTo | undefined): string | null;
}

/**
 * The CLI: the user names paths on their own computer; there are no uploads or downloads. A
 * relative path is the command line's: resolved against its working folder (`cwd`), also when the
 * command runs in the plan service it reached (serviceEndpoint.ts).
 */
export function localFilesIn(cwd = process.cwd()): FileAccess {
  return {
    read(ref) {
      if (!('path' in ref)) throw noUploads();
      const file = path.resolve(cwd, ref.path);
      return { path: file, fileName: path.basename(file) };
    },
    make(saveTo, fileName) {
      if (!saveTo) throw noDownloads(fileName);
      const file = path.resolve(cwd, saveTo.path);
      return {
        path: file,
        fileName: path.basename(file),
        made: (bytes) => ({ fileName: path.basename(file), bytes, path: file, download: null }),
      };
    },
    folder(saveTo) {
      if (!saveTo) throw noDownloads('');
      return path.resolve(cwd, saveTo.path);
    },
  };
}

/** A front end without a file transport: every reference is refused. */
const noFiles: FileAccess = {
  read: () => {
    throw noUploads();
  },
  make: (_saveTo, fileName) => {
    throw noDownloads(fileName);
  },
  folder: () => {
    throw noDownloads('');
  },
};

/** The files of a call's front end: its own transport's, or the CLI's paths. */
export function filesOf(context: { edition: string; files?: FileAccess }): FileAccess {
  return context.files ?? (context.edition === 'cli' ? localFilesIn() : noFiles);
}

function noUploads(): PlanbenchError {
  return PlanbenchError.of(
    'invalid_input',
    '此处没有上传的文件；请给出文件路径',
    'there are no uploaded files here; give the file’s path',
  );
}

function noDownloads(fileName: string): PlanbenchError {
  return PlanbenchError.of(
    'invalid_input',
    `须给出保存${fileName ? `“${fileName}”` : '文件'}的路径`,
    `a path to save ${fileName ? `"${fileName}"` : 'the file'} to is needed`,
  );
}

/** A page named a path: refused, whatever it names (a page may only upload and download). */
export function pathRefused(): PlanbenchError {
  return PlanbenchError.of(
    'invalid_input',
    '页面不能指定本机文件路径：请上传文件；生成的文件以下载方式提供',
    'a page cannot name a file path on this computer: upload the file; files made are offered as downloads',
  );
}
