import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { PlanbenchError } from '../../../shared/contract/errors';

/**
 * A plan another computer is writing, read from a private copy. SQLite's WAL index (the -shm
 * beside the plan) is shared memory on the writing computer; a connection from this computer
 * would map the same file without seeing that memory, and may even write the index while
 * recovering it. So nothing here touches the plan's -shm: the plan and its -wal are copied to a
 * private folder and opened there, as of the moment of the copy. The copy is consistent when the
 * -wal was not restarted while the plan was copied (its header, with the salts of its frames, is
 * the same before and after); otherwise it is copied again.
 */
export interface PlanSnapshot {
  db: SqliteDatabase;
  /** Removes the private copy; the plan itself was never touched. */
  dispose(): void;
}

const WAL_HEADER_BYTES = 32;
const ATTEMPTS = 5;

export function openSnapshot(file: string): PlanSnapshot {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-view-'));
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

function copyConsistently(file: string, copy: string): void {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = walHeader(`${file}-wal`);
    fs.copyFileSync(file, copy);
    fs.rmSync(`${copy}-wal`, { force: true });
    if (before === null) return; // no -wal: the file is the whole plan
    try {
      fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    } catch (error) {
      // The writer closed the plan and folded its -wal in while we copied: copy the whole file again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const after = walHeader(`${copy}-wal`);
    if (after !== null && after.equals(before)) return;
  }
  throw PlanbenchError.of(
    'busy',
    '另一台电脑正在大量写入此规划，暂时无法读取一致的内容，请稍后再打开',
    'another computer is writing this plan heavily and a consistent copy could not be read; open it again shortly',
    { file },
  );
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
