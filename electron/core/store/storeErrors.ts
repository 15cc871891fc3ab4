import { PlanbenchError } from '../../../shared/contract/errors';

/**
 * What SQLite says when the plan file itself fails — the disk is full, the bytes are broken, the
 * file may not be written — as the errors every front end shows: Chinese first, English too,
 * naming the file. The one place these are worded; the store uses it where it opens a plan and
 * the dispatcher (and the CLI) for anything that fails later, so no such failure ever reaches a
 * person as "内部错误" and a stack trace.
 *
 * Every write of the store is one transaction, and SQLite rolls a failed one back: when one of
 * these errors arrives, nothing of the failed change is in the file and what was saved before
 * is intact. The messages say so, because that is what a person needs to know next.
 */

/** better-sqlite3's SqliteError (and SQLite's codes as it names them: SQLITE_FULL, SQLITE_IOERR_WRITE…). */
function sqliteCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** Extended I/O codes that mean a write did not reach the disk (space, quota, a device failing). */
const WRITE_FAILURES = new Set([
  'SQLITE_IOERR_WRITE',
  'SQLITE_IOERR_FSYNC',
  'SQLITE_IOERR_DIR_FSYNC',
  'SQLITE_IOERR_TRUNCATE',
  'SQLITE_IOERR_SHMSIZE',
  'SQLITE_IOERR_SHMMAP',
]);

export function diskFullError(file?: string): PlanbenchError {
  return PlanbenchError.of(
    'disk_full',
    '磁盘已满：本次修改没有保存（已整体撤回），此前保存的内容完好；请腾出磁盘空间后重试',
    'the disk is full: this change was not saved (it was rolled back as a whole); everything saved before is intact — free some space and try again',
    file ? { file } : undefined,
  );
}

export function damagedPlanError(file: string | undefined, detailZh = '', detailEn = ''): PlanbenchError {
  return PlanbenchError.of(
    'damaged',
    `规划文件已损坏${detailZh}，可从备份恢复；文件未作任何改动`,
    `the plan file is damaged${detailEn}; restore it from a backup — the file was not changed`,
    file ? { file } : undefined,
  );
}

/**
 * Another program holds the plan for writing. The dispatcher waits for it (writeWait.ts); this is
 * what a writer hears when the wait ran out — with nothing of its change saved.
 */
export function busyError(file?: string): PlanbenchError {
  return PlanbenchError.of(
    'busy',
    '另一程序正在写入此计划（另一窗口、同事的规划工作台或命令行导入），等候超时：本次修改没有保存，此前保存的内容完好，请稍后重试',
    'another program is writing this plan (another window, a colleague’s Planbench or a command-line import) and did not finish in time: this change was not saved, everything saved before is intact — try again shortly',
    file ? { file } : undefined,
  );
}

/** Why a plan was opened read-only, in the words the note and the refusal use. */
/** Why a plan is open read-only: its file or folder cannot be written, or it is a read thread's second connection. */
export type ReadOnlyReason = 'file' | 'folder' | 'reader';

const REASON_ZH: Record<ReadOnlyReason, string> = {
  file: '文件不可写',
  folder: '所在文件夹不可写',
  reader: '后台只读连接',
};
const REASON_EN: Record<ReadOnlyReason, string> = {
  file: 'the file cannot be written',
  folder: 'its folder cannot be written',
  reader: 'a background read-only connection',
};

export function readOnlyError(file?: string, reason?: ReadOnlyReason): PlanbenchError {
  const whyZh = reason ? `（${REASON_ZH[reason]}）` : '';
  const whyEn = reason ? ` (${REASON_EN[reason]})` : '';
  return PlanbenchError.of(
    'read_only',
    `规划以只读方式打开${whyZh}，不能修改；文件未作任何改动。如需修改，请把它复制到可写的文件夹再打开`,
    `the plan is open read-only${whyEn} and cannot be changed; the file was not changed — to edit it, copy it to a writable folder and open the copy`,
    file ? { file } : undefined,
  );
}

/** The one-line note read-only front ends show (CLI stderr, window title). */
export function readOnlyNote(reason: ReadOnlyReason): string {
  return `只读打开 / opened read-only（${REASON_ZH[reason]} / ${REASON_EN[reason]}）`;
}

/**
 * The PlanbenchError for a failure of the plan file, or null when `error` is something else
 * (a PlanbenchError already, or a fault of the program, which stays an internal error).
 */
export function mapStoreError(error: unknown, file?: string): PlanbenchError | null {
  const code = sqliteCode(error);
  if (code === null) return null;
  const where = file ? { file } : undefined;
  if (code === 'SQLITE_FULL') return diskFullError(file);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return damagedPlanError(file);
  if (code.startsWith('SQLITE_READONLY')) return readOnlyError(file);
  if (WRITE_FAILURES.has(code)) {
    return PlanbenchError.of(
      'io_error',
      '无法写入规划文件（磁盘已满或存储设备出错）：本次修改没有保存，此前保存的内容完好',
      'the plan could not be written (the disk is full or the storage failed): this change was not saved; everything saved before is intact',
      where,
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return PlanbenchError.of(
      'io_error',
      '读写规划文件时出错（存储设备或网络故障），请检查文件所在的磁盘后重试',
      'reading or writing the plan failed (a storage or network fault); check the disk the plan is on and try again',
      where,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return busyError(file);
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return PlanbenchError.of('io_error', '无法打开规划文件', 'the plan file cannot be opened', where);
  }
  return null;
}
