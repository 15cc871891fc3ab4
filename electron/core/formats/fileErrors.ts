import type { ErrorWhere } from '../../../shared/contract/errors';
import { PlanbenchError } from '../../../shared/contract/errors';

/**
 * Refusals of an imported file. Every message says, in Chinese first and English too, what is
 * wrong with the file and what the user can do, and names the file (and sheet/row/column where
 * known) in `where`. Nothing is written to the plan before a file has been read in full, so every
 * refusal leaves the plan as it was.
 */

/** The file's content cannot be imported as it is (wrong format, damaged, too large, empty). */
export function badFile(file: string, zh: string, en: string, where: Omit<ErrorWhere, 'file'> = {}): PlanbenchError {
  return PlanbenchError.of('invalid_value', `无法导入“${file}”：${zh}`, `cannot import "${file}": ${en}`, {
    file,
    ...where,
  });
}

/** Reading the file failed (gone, locked, unreadable, changed while being read). */
export function readFailure(file: string, error: unknown): PlanbenchError {
  if (error instanceof PlanbenchError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOENT':
      return PlanbenchError.of(
        'not_found',
        `找不到文件“${file}”（可能已被移走或删除）`,
        `the file "${file}" does not exist (it may have been moved or deleted)`,
        { file },
      );
    case 'EACCES':
    case 'EPERM':
      return PlanbenchError.of('io_error', `没有权限读取文件“${file}”`, `no permission to read "${file}"`, { file });
    case 'EBUSY':
    case 'ETXTBSY':
      return PlanbenchError.of(
        'io_error',
        `文件“${file}”被其他程序占用（可能正在 Excel/WPS 中打开），请关闭后重试`,
        `"${file}" is locked by another program (perhaps open in Excel or WPS); close it and try again`,
        { file },
      );
    case 'EISDIR':
      return PlanbenchError.of('invalid_value', `“${file}”是文件夹，不是文件`, `"${file}" is a folder, not a file`, {
        file,
      });
    default:
      return PlanbenchError.of(
        'io_error',
        `读取文件“${file}”时出错：${detail}`,
        `error while reading "${file}": ${detail}`,
        { file },
      );
  }
}

/** The file's size or content changed between two reads: it was being written or replaced. */
export function changedWhileReading(file: string): PlanbenchError {
  return PlanbenchError.of(
    'io_error',
    `文件“${file}”在读取过程中被修改、截断或替换，请等文件保存完毕后重试；规划未作任何改动`,
    `"${file}" changed, shrank or was replaced while being read; wait until it is fully saved and try again — the plan was not changed`,
    { file },
  );
}
