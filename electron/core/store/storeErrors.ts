import type { PlanHolderInfo } from './planHolder';
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

/**
 * Why a plan is open read-only: its file or folder cannot be written, another computer holds it
 * (planHolder.ts), or it is a read thread's second connection.
 */
export type ReadOnlyReason = 'file' | 'folder' | 'elsewhere' | 'lost' | 'lock' | 'reader';

const REASON_ZH: Record<ReadOnlyReason, string> = {
  file: '文件不可写',
  folder: '所在文件夹不可写',
  elsewhere: '另一台电脑正在编辑此规划',
  lost: '另一台电脑已接管此规划',
  lock: '无法在规划所在文件夹写入锁文件',
  reader: '后台只读连接',
};
const REASON_EN: Record<ReadOnlyReason, string> = {
  file: 'the file cannot be written',
  folder: 'its folder cannot be written',
  elsewhere: 'another computer is editing this plan',
  lost: 'another computer took this plan over',
  lock: 'no lock file can be written beside the plan',
  reader: 'a background read-only connection',
};

/** "张三在电脑“PC-01”上（自 12月5日 09:12 起）", or what of it the lock file could tell. */
function holderText(holder: PlanHolderInfo | null | undefined): { zh: string; en: string } {
  if (!holder) return { zh: '另一台电脑上的用户', en: 'someone on another computer' };
  const since = new Date(holder.since);
  const known = !Number.isNaN(since.getTime());
  const time = known
    ? `${since.getMonth() + 1}月${since.getDate()}日 ${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')}`
    : '';
  const user = holder.user || '他人';
  return {
    zh: `${user}${/[\x21-\x7e]$/.test(user) ? ' ' : ''}在电脑“${holder.host}”上${known ? `（自 ${time} 起）` : ''}`,
    en: `${holder.user || 'someone'} on the computer "${holder.host}"${known ? ` (since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : ''}`,
  };
}

/** What a read-only plan says about why, for the reasons that need more than a few words. */
function whyReadOnly(
  reason: 'elsewhere' | 'lost' | 'lock',
  holder: PlanHolderInfo | null | undefined,
): { noteZh: string; noteEn: string; refusalZh: string; refusalEn: string } {
  const who = holderText(holder);
  if (reason === 'elsewhere')
    return {
      noteZh: `只读打开：此规划正由${who.zh}编辑，对方关闭后即可修改`,
      noteEn: `opened read-only: ${who.en} is editing this plan; it can be changed once they close it`,
      refusalZh: `此规划正由${who.zh}打开编辑。为防止两台电脑同时写入而损坏文件，这里只能只读打开，不能修改；文件未作任何改动。请等对方关闭规划后再修改，或另存一份副本修改副本`,
      refusalEn: `this plan is being edited by ${who.en}. Two computers writing one plan can damage it, so it is open read-only here and cannot be changed; the file was not changed — change it once they have closed it, or save a copy and edit that`,
    };
  if (reason === 'lost')
    return {
      noteZh: `只读：本机休眠或断网太久，${who.zh}已接管此规划；此前保存的修改完好，此后的修改不会保存`,
      noteEn: `read-only: this computer was asleep or offline too long and ${who.en} took the plan over; what was saved before is intact, nothing more is saved`,
      refusalZh: `本机休眠或断网太久，${who.zh}已接管此规划：这次修改没有保存，此前保存的修改完好。请等对方关闭规划后重新打开`,
      refusalEn: `this computer was asleep or offline too long and ${who.en} took the plan over: this change was not saved; what was saved before is intact — open the plan again once they have closed it`,
    };
  return {
    noteZh: '只读打开：无法在规划所在文件夹写入锁文件，不能确认没有其他电脑同时写入',
    noteEn:
      'opened read-only: no lock file can be written beside the plan, so other computers could not be kept from writing it at the same time',
    refusalZh:
      '无法在规划所在文件夹写入锁文件，不能确认没有其他电脑同时写入，所以规划只读打开，不能修改；文件未作任何改动。请检查该文件夹的写入权限',
    refusalEn:
      'no lock file can be written beside the plan, so other computers could not be kept from writing it at the same time: it is open read-only and cannot be changed; the file was not changed — check that the folder can be written',
  };
}

export function readOnlyError(file?: string, reason?: ReadOnlyReason, holder?: PlanHolderInfo | null): PlanbenchError {
  const where = file ? { file } : undefined;
  if (reason === 'elsewhere' || reason === 'lost' || reason === 'lock') {
    const why = whyReadOnly(reason, holder);
    return PlanbenchError.of('read_only', why.refusalZh, why.refusalEn, where);
  }
  const whyZh = reason ? `（${REASON_ZH[reason]}）` : '';
  const whyEn = reason ? ` (${REASON_EN[reason]})` : '';
  return PlanbenchError.of(
    'read_only',
    `规划以只读方式打开${whyZh}，不能修改；文件未作任何改动。如需修改，请把它复制到可写的文件夹再打开`,
    `the plan is open read-only${whyEn} and cannot be changed; the file was not changed — to edit it, copy it to a writable folder and open the copy`,
    where,
  );
}

/** The one-line note read-only front ends show (CLI stderr, the window's banner). */
export function readOnlyNote(reason: ReadOnlyReason, holder?: PlanHolderInfo | null): string {
  if (reason === 'elsewhere' || reason === 'lost' || reason === 'lock') {
    const why = whyReadOnly(reason, holder);
    return `${why.noteZh} / ${why.noteEn}`;
  }
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
