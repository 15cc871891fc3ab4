import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { PlanbenchError } from '../../../shared/contract/errors';
import { processAlive } from './planHolder';

/**
 * A plan another computer is writing, read from a private copy. SQLite's WAL index (the -shm
 * beside the plan) is shared memory on the writing computer; a connection from this computer
 * would map the same file without seeing that memory, and may even write the index while
 * recovering it. So nothing here touches the plan's -shm: the plan and its -wal are copied to a
 * private folder and opened there, as of the moment of the copy (see copyConsistently).
 */
export interface PlanSnapshot {
  db: SqliteDatabase;
  /** Removes the private copy; the plan itself was never touched. */
  dispose(): void;
}

const WAL_HEADER_BYTES = 32;
const ATTEMPTS = 5;

const FOLDER_PREFIX = 'planbench-view-';

export function openSnapshot(file: string): PlanSnapshot {
  sweepLeftCopies();
  // Named with this process's id, so a copy left by a process that ended can be told and removed.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `${FOLDER_PREFIX}${process.pid}-`));
  const dispose = () => fs.rmSync(folder, { recursive: true, force: true });
  try {
    const copy = path.join(folder, 'plan.planbench');
    copyConsistently(file, copy);
    const db = new Database(copy, { readonly: true, fileMustExist: true });
    return {
      db,
      dispose: () => {
        if (db.open) db.close();
        dispose();
      },
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * The -wal's header names the generation of its frames; a checkpoint that restarts the -wal
 * changes it. When it is the same before the copy of the file, in the copied -wal, and after
 * both copies, no restart happened in between, and the copied frames complete the copied file.
 */
function copyConsistently(file: string, copy: string): void {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = walHeader(`${file}-wal`);
    fs.copyFileSync(file, copy);
    fs.rmSync(`${copy}-wal`, { force: true });
    if (before !== null) {
      try {
        fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
      } catch (error) {
        // The writer closed the plan and folded its -wal in while we copied: copy it all again.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
    }
    const after = walHeader(`${file}-wal`);
    const copied = before === null ? null : walHeader(`${copy}-wal`);
    if (before === null ? after === null : sameHeader(before, after) && sameHeader(before, copied)) return;
  }
  throw PlanbenchError.of(
    'busy',
    '另一台电脑正在大量写入此规划，暂时无法读取一致的内容，请稍后再打开',
    'another computer is writing this plan heavily and a consistent copy could not be read; open it again shortly',
    { file },
  );
}

function sameHeader(a: Buffer, b: Buffer | null): boolean {
  return b !== null && a.equals(b);
}

/** Copies left by processes that ended without closing their plan (a crash, a kill) are removed. */
function sweepLeftCopies(): void {
  let names: string[];
  try {
    names = fs.readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(FOLDER_PREFIX) ? Number(/^(\d+)-/.exec(name.slice(FOLDER_PREFIX.length))?.[1]) : 0;
    if (!pid || processAlive(pid)) continue;
    try {
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    } catch {
      // In use or not ours: left for another time.
    }
  }
}

function walHeader(wal: string): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(wal, 'r');
  } catch {
    return null;
  }
  try {
    const header = Buffer.alloc(WAL_HEADER_BYTES);
    const read = fs.readSync(fd, header, 0, WAL_HEADER_BYTES, 0);
    return header.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}
