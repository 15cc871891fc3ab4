import fs from 'node:fs';
import path from 'node:path';
import { diskFullError, PlanbenchError } from '../../../shared/contract/errors';

/**
 * Writing the files a command produces (exported workbooks, send-out files, PDFs): each is
 * written under a temporary name next to its target and renamed into place only when complete,
 * so a failure never leaves half a file under the name the user asked for, and never leaves the
 * temporary file behind either. A failure becomes a message that names the cause people can act
 * on: a full disk, no permission, a read-only medium, a folder that does not exist.
 */

/** The temporary name a file is written under before it is renamed into place. */
export function temporaryPath(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

/** Remove a file if it is there; a failure to remove it must not hide the error being reported. */
export function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing more can be done; the original failure is what the user needs to see.
  }
}

/** A failed write (or folder creation, or rename) as a message for people. */
export function writeFailure(file: string, error: unknown): PlanbenchError {
  if (error instanceof PlanbenchError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return diskFullError(file);
    case 'EACCES':
    case 'EPERM':
      return PlanbenchError.of(
        'io_error',
        `没有权限写入“${file}”（文件或文件夹只允许读取）`,
        `no permission to write "${file}" (the file or its folder is read-only to you)`,
        { file },
      );
    case 'EROFS':
      return PlanbenchError.of(
        'io_error',
        `无法写入“${file}”：所在磁盘或光盘是只读的`,
        `cannot write "${file}": the disk or medium is read-only`,
        { file },
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return PlanbenchError.of(
        'io_error',
        `无法写入“${file}”：所在文件夹不存在`,
        `cannot write "${file}": its folder does not exist`,
        { file },
      );
    case 'EISDIR':
      return PlanbenchError.of(
        'io_error',
        `无法写入“${file}”：已有同名文件夹`,
        `cannot write "${file}": a folder of that name exists`,
        { file },
      );
    case 'EBUSY':
    case 'ETXTBSY':
      return PlanbenchError.of(
        'io_error',
        `无法写入“${file}”：文件被其他程序占用（可能正在 Excel/WPS 中打开），请关闭后重试`,
        `cannot write "${file}": it is locked by another program (perhaps open in Excel or WPS); close it and try again`,
        { file },
      );
    default:
      return PlanbenchError.of(
        'io_error',
        `写入“${file}”时出错：${detail}`,
        `error while writing "${file}": ${detail}`,
        { file },
      );
  }
}

export interface FileToWrite {
  file: string;
  bytes: Buffer;
}

/**
 * Write several files all or nothing: every one is written in full under its temporary name
 * first; only when all are written are they renamed into place. On failure every temporary
 * file (and any file already renamed) is removed and the failure is thrown as a message.
 * Returns a function that removes the written files again, for a caller whose next step fails.
 */
export function writeFilesAtomically(files: readonly FileToWrite[]): () => void {
  const temporaries: string[] = [];
  const placed: string[] = [];
  const undo = () => {
    for (const file of [...temporaries, ...placed]) removeQuietly(file);
  };
  let current = files[0]?.file ?? '';
  try {
    for (const { file, bytes } of files) {
      current = file;
      const temporary = temporaryPath(file);
      temporaries.push(temporary);
      fs.writeFileSync(temporary, bytes);
    }
    for (const { file } of files) {
      current = file;
      fs.renameSync(temporaryPath(file), file);
      temporaries.shift();
      placed.push(file);
    }
  } catch (error) {
    undo();
    throw writeFailure(current, error);
  }
  return () => {
    for (const file of placed) removeQuietly(file);
  };
}

/** Create a folder to write into, and say whether it was created (so a failure can remove it). */
export function ensureFolder(folder: string): { created: boolean } {
  try {
    if (fs.existsSync(folder)) {
      if (!fs.statSync(folder).isDirectory())
        throw PlanbenchError.of('io_error', `“${folder}”不是文件夹`, `"${folder}" is not a folder`, { file: folder });
      return { created: false };
    }
    fs.mkdirSync(folder, { recursive: true });
    return { created: true };
  } catch (error) {
    throw writeFailure(folder, error);
  }
}

/** Remove a folder this command created, if it is still empty. */
export function removeEmptyFolder(folder: string): void {
  try {
    fs.rmdirSync(folder);
  } catch {
    // Not empty or already gone: leave it.
  }
}

/** The folder a file is to be written into must exist (checked before any work is done). */
export function assertFolderExists(file: string): void {
  const folder = path.dirname(file);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
    throw writeFailure(file, Object.assign(new Error('no folder'), { code: 'ENOENT' }));
}
