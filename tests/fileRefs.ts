import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MadeFile } from '../shared/contract/files';

/**
 * File references for tests that call the API as the CLI does: bytes become a real file on disk
 * named by path, and a file a call makes is written to a path the test chose and read back.
 * One folder per test process, removed when the process exits.
 */
let folder: string | null = null;
let counter = 0;

function dir(): string {
  if (!folder) {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-refs-'));
    process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
    folder = made;
  }
  return folder;
}

/** A fresh folder of this process's own (each file keeps the name it is given). */
export function freshFolder(): string {
  const made = path.join(dir(), String(++counter));
  fs.mkdirSync(made);
  return made;
}

/** `bytes` as a file named `fileName` on disk, referenced by its path. */
export function pathRef(bytes: Buffer | Uint8Array, fileName: string): { path: string } {
  const file = path.join(freshFolder(), fileName);
  fs.writeFileSync(file, bytes);
  return { path: file };
}

/** Where a call should write the file named `fileName`. */
export function saveTo(fileName: string): { path: string } {
  return { path: path.join(freshFolder(), fileName) };
}

/** A folder for a call that writes several files (send-out). */
export function saveToFolder(): { path: string } {
  return { path: freshFolder() };
}

/** The bytes of a file a call wrote to a path. */
export function madeBytes(made: MadeFile | null | undefined): Buffer {
  if (!made?.path) throw new Error('the call wrote no file to a path');
  return fs.readFileSync(made.path);
}
