import fs from 'node:fs';
import path from 'node:path';
import { PlanbenchError } from '../../../shared/contract/errors';
import { CURRENT_SCHEMA_VERSION, PLAN_APPLICATION_ID } from './schema';
import type { ReadOnlyReason } from './storeErrors';
import { damagedPlanError } from './storeErrors';

/**
 * A plan file looked at from the outside, before SQLite opens it: whether it is a plan at all,
 * whether its bytes are whole, which schema version wrote it, and whether it may be written.
 * Everything here reads the file's first 100 bytes (SQLite's database header) and its size, so a
 * file that is refused — a text file, an .xlsx renamed .planbench, a truncated copy, a plan from
 * a newer version — is refused without SQLite ever touching it: its bytes stay identical and no
 * -wal or -shm file appears beside it.
 */

export interface PlanFileFacts {
  /** PRAGMA user_version as the file's header has it. */
  schemaVersion: number;
  /** Why the plan must be opened read-only, or null when it can be written. */
  readOnly: ReadOnlyReason | null;
  /**
   * A non-empty -wal lies beside the file: changes not yet folded into it (a session that is
   * still running, or one that stopped without closing). The header then may be out of date,
   * so only SQLite, reading the WAL too, can say what the plan holds.
   */
  walPending: boolean;
  /**
   * A -wal lies beside the file, even an empty one: another program (another user's session)
   * may have the plan open and be writing it, so a read-only open must take part in SQLite's
   * locking rather than read the file as if nothing could change it.
   */
  walPresent: boolean;
}

const HEADER_BYTES = 100;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function inspectPlanFile(file: string): PlanFileFacts {
  const { header, size } = readHeader(file);
  if (size === 0) throw damagedPlanError(file, '（文件是空的，0 字节）', ' (the file is empty, 0 bytes)');
  if (!startsWith(header, SQLITE_MAGIC)) {
    // A few bytes of the magic and then nothing: a plan cut off at its very start.
    if (size < SQLITE_MAGIC.length && SQLITE_MAGIC.subarray(0, size).equals(header.subarray(0, size))) {
      throw damagedPlanError(file, '（文件被截断）', ' (the file is truncated)');
    }
    throw notAPlan(file, header);
  }
  const walSize = fileSize(`${file}-wal`);
  const walPending = walSize > 0;
  const facts: PlanFileFacts = {
    schemaVersion: 0,
    readOnly: readOnlyReason(file),
    walPending,
    walPresent: walSize >= 0,
  };
  if (walPending) return facts;

  if (size < HEADER_BYTES) throw damagedPlanError(file, '（文件被截断）', ' (the file is truncated)');
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
    throw damagedPlanError(file, '（文件头无效）', ' (its header is invalid)');
  // The in-header page count is valid when its "version valid for" matches the change counter.
  const pages = header.readUInt32BE(28);
  const headerSizeValid = pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  if (size % pageSize !== 0 || (headerSizeValid && pages * pageSize > size)) {
    throw damagedPlanError(file, '（文件被截断，缺少部分内容）', ' (the file is truncated: part of it is missing)');
  }
  if (header.readUInt32BE(68) !== PLAN_APPLICATION_ID) throw notAPlan(file, header);
  facts.schemaVersion = header.readInt32BE(60);
  assertNotNewer(file, facts.schemaVersion);
  return facts;
}

/** A plan from a newer Planbench is refused untouched: this version cannot know what it holds. */
export function assertNotNewer(file: string, version: number): void {
  if (version <= CURRENT_SCHEMA_VERSION) return;
  throw PlanbenchError.of(
    'newer_version',
    `此规划文件由较新版本的规划工作台创建（文件版本 ${version}，本程序支持到 ${CURRENT_SCHEMA_VERSION}），请升级后再打开；文件未作任何改动`,
    `this plan was written by a newer Planbench (schema ${version}; this version reads up to ${CURRENT_SCHEMA_VERSION}); upgrade to open it — the file was not changed`,
    { file },
  );
}

export function notAPlan(file: string, header?: Buffer): PlanbenchError {
  let whatZh = '';
  let whatEn = '';
  if (header && startsWith(header, ZIP_MAGIC)) {
    whatZh = '这是一个 Excel 工作簿（.xlsx）或压缩文件，要把其中的数据放进规划请用“导入”；';
    whatEn = ' It is an Excel workbook (.xlsx) or a zip file: to bring its data into a plan, import it.';
  } else if (header && startsWith(header, OLE_MAGIC)) {
    whatZh = '这是一个旧版 Office 文件（如 .xls、.et、.doc），要把其中的数据放进规划请用“导入”；';
    whatEn = ' It is an older Office file (.xls, .et, .doc…): to bring its data into a plan, import it.';
  } else if (header && startsWith(header, SQLITE_MAGIC)) {
    whatZh = '这是一个 SQLite 数据库，但不是规划文件；';
    whatEn = ' It is an SQLite database, but not a plan.';
  }
  return PlanbenchError.of(
    'not_a_plan',
    `该文件不是规划工作台的规划文件。${whatZh}文件未作任何改动`,
    `this file is not a Planbench plan.${whatEn} The file was not changed`,
    { file },
  );
}

function readHeader(file: string): { header: Buffer; size: number } {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const header = Buffer.alloc(HEADER_BYTES);
      const read = fs.readSync(fd, header, 0, HEADER_BYTES, 0);
      return { header: header.subarray(0, read), size: fs.fstatSync(fd).size };
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw PlanbenchError.of('not_found', '找不到规划文件', 'the plan file does not exist', { file });
    }
    const message = (error as Error).message;
    throw PlanbenchError.of('io_error', `无法读取文件：${message}`, `cannot read the file: ${message}`, { file });
  }
}

/**
 * SQLite writes beside the plan (its -wal and -shm files) as well as into it, so a plan is
 * writable only when both the file and its folder are. access() is asked rather than the mode
 * bits read, so a read-only mount, an immutable file and ACLs count as well.
 */
function readOnlyReason(file: string): ReadOnlyReason | null {
  if (!canWrite(file)) return 'file';
  if (!canWrite(path.dirname(file))) return 'folder';
  return null;
}

function canWrite(target: string): boolean {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The file's size, or -1 when there is no such file. */
function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return -1;
  }
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}
