import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliResult } from './helpers';
import { REPO_ROOT } from './helpers';

/**
 * Real file systems for the tests of plans on read-only media and full disks: a small tmpfs
 * mounted for the test (a full disk is a genuinely full file system, a CD a genuinely read-only
 * one), and the CLI run as an unprivileged user — root writes whatever the permission bits say,
 * so "another user's file" can only be tested as another user. Both need root (CI runs as root);
 * where they are not possible the tests say why and skip.
 */

export interface Tmpfs {
  dir: string;
  /** Remount it read-only, like a CD or a write-protected share. */
  remountReadOnly(): void;
  unmount(): void;
}

/**
 * Whether a tmpfs can be mounted here: true, or the reason it cannot. Asked once when a test
 * file loads (by mounting and unmounting one), so the mount itself can wait for the suite's
 * before() hook — a suite whose tests are all filtered out then mounts nothing and leaves
 * nothing mounted.
 */
export function tmpfsAvailable(): true | string {
  const trial = mountTmpfs('64k');
  if (typeof trial === 'string') return trial;
  trial.unmount();
  return true;
}

/** A tmpfs of `size` (e.g. '2m') mounted on a fresh folder, or the reason it cannot be. */
export function mountTmpfs(size: string): Tmpfs | string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-mount-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (needs root): ${(mounted.stderr || String(mounted.error)).trim()}`;
  }
  return {
    dir,
    remountReadOnly() {
      const result = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`remount read-only failed: ${result.stderr}`);
    },
    unmount() {
      spawnSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** mountTmpfs for a suite that has already checked tmpfsAvailable(): throws instead. */
export function mountedTmpfs(size: string): Tmpfs {
  const mounted = mountTmpfs(size);
  if (typeof mounted === 'string') throw new Error(mounted);
  return mounted;
}

/** An unprivileged user to run the CLI as ("nobody"), or the reason there is none. */
export const UNPRIVILEGED: { uid: number; gid: number } | string =
  process.getuid?.() === 0
    ? { uid: 65534, gid: 65534 }
    : 'not running as root, so the CLI cannot be run as another user';

/** `planbench ARGS` as the given user, like runPlanbench. */
export function runPlanbenchAs(user: { uid: number; gid: number }, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'planbench.mjs'), ...args], {
      cwd: REPO_ROOT,
      uid: user.uid,
      gid: user.gid,
      // tsx keeps its compile cache in the temp folder: one the user may write.
      env: { ...process.env, TMPDIR: os.tmpdir(), HOME: os.tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The files SQLite may leave beside a plan: there must be none after a read-only or refused open. */
export function strayFiles(file: string): string[] {
  return ['-wal', '-shm', '-journal'].map((suffix) => file + suffix).filter((candidate) => fs.existsSync(candidate));
}
