import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Backup } from '../../../shared/contract/calls/planFiles';
import { PlanbenchError } from '../../../shared/contract/errors';
import { inspectPlanFile } from './planFile';
import { getSetting, setSetting } from './settings';
import type { StoreCore } from './storeCore';

/**
 * Copies of a plan: Save As (另存为) and the automatic backups made before every import and
 * collect, so that a wrong file brought in can be taken back whole even after later work.
 *
 * A copy is made with VACUUM INTO: SQLite reads the plan in one read transaction, so the copy is
 * consistent while other windows and programs go on writing, and it is compact (no free pages, no
 * -wal). It is written under a temporary name and renamed, so a half-made copy never carries the
 * final name.
 *
 * Backups live in a folder beside the plan, "<plan>.备份", not in the app's data folder: they go
 * where the plan goes (a shared folder, a USB stick, a colleague's machine), anyone who opens the
 * plan finds them, and the browser edition and the command line, which have no per-user data
 * folder of their own, find the same ones. A backup is named by when and why it was made
 * ("2026-12-05T05-30-12-345Z-import.planbench"), kept for a number of days set in the plan
 * (default 30), and backups older than that are removed when a new one is made.
 */

export const DEFAULT_KEEP_DAYS = 30;
const SETTING_SCOPE = 'backups';
const DAY_MS = 24 * 60 * 60 * 1000;
const BACKUP_NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(import|collect|restore)\.planbench$/;

export type BackupReason = Backup['reason'];

/** The folder beside the plan that holds its backups. */
export function backupFolder(planFile: string): string {
  return path.join(path.dirname(planFile), `${path.basename(planFile, path.extname(planFile))}.备份`);
}

/** A consistent, compact copy of the open plan at `destination` (replaced if it exists). */
export function copyPlan(core: StoreCore, destination: string): number {
  const temporary = `${destination}.${process.pid}.partial`;
  fs.rmSync(temporary, { force: true });
  try {
    core.db.prepare('VACUUM INTO ?').run(temporary);
    fs.renameSync(temporary, destination);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return fs.statSync(destination).size;
}

export function keepDays(core: StoreCore): number {
  return getSetting<number>(core, SETTING_SCOPE, 'keepDays') ?? DEFAULT_KEEP_DAYS;
}

export function setKeepDays(core: StoreCore, days: number): void {
  setSetting(core, SETTING_SCOPE, 'keepDays', days);
}

function parseBackup(folder: string, name: string): Backup | null {
  const match = BACKUP_NAME.exec(name);
  if (!match) return null;
  const [, day, hours, minutes, seconds, millis, reason] = match;
  const at = `${day}T${hours}:${minutes}:${seconds}.${millis}Z`;
  if (Number.isNaN(Date.parse(at))) return null;
  return { name, at, reason: reason as BackupReason, bytes: fs.statSync(path.join(folder, name)).size };
}

/** The plan's backups, newest first (files in the folder not named as backups are not listed). */
export function listBackups(planFile: string): Backup[] {
  const folder = backupFolder(planFile);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .map((name) => parseBackup(folder, name))
    .filter((backup): backup is Backup => backup !== null)
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** Remove the backups made more than `days` days before `now`; returns their names. */
export function pruneBackups(planFile: string, days: number, now: Date): string[] {
  const folder = backupFolder(planFile);
  const removed: string[] = [];
  for (const backup of listBackups(planFile)) {
    if (now.getTime() - Date.parse(backup.at) > days * DAY_MS) {
      fs.rmSync(path.join(folder, backup.name), { force: true });
      removed.push(backup.name);
    }
  }
  return removed;
}

/** Back the open plan up before `reason`, then (unless told not to) remove the backups past their days. */
export function makeBackup(
  core: StoreCore,
  planFile: string,
  reason: BackupReason,
  now = new Date(),
  prune = true,
): Backup {
  const folder = backupFolder(planFile);
  fs.mkdirSync(folder, { recursive: true });
  const name = `${now.toISOString().replace(/[:.]/g, '-')}-${reason}.planbench`;
  const bytes = copyPlan(core, path.join(folder, name));
  if (prune) pruneBackups(planFile, keepDays(core), now);
  return { name, at: now.toISOString(), reason, bytes };
}

/**
 * Bring the plan back to a backup: first the plan as it is now is backed up ('restore'), so the
 * restore itself can be taken back; then the backup's pages are copied into the plan through
 * SQLite's backup API, which takes the plan's write lock like any writer, so other windows and
 * programs see the plan change as they see any other write.
 */
export async function restoreBackup(
  core: StoreCore,
  planFile: string,
  name: string,
): Promise<{ restored: Backup; saved: Backup }> {
  const backup = listBackups(planFile).find((candidate) => candidate.name === name);
  if (!backup) {
    const names = listBackups(planFile).map((candidate) => candidate.name);
    throw PlanbenchError.of(
      'not_found',
      `没有名为“${name}”的备份（${backupFolder(planFile)} 中现有：${names.length > 0 ? names.join('、') : '无'}）`,
      `no backup named "${name}" (in ${backupFolder(planFile)} there are: ${names.length > 0 ? names.join(', ') : 'none'})`,
    );
  }
  const source = path.join(backupFolder(planFile), name);
  // A damaged or foreign file is refused before anything is written.
  inspectPlanFile(source);
  // Not pruned now: the backup being restored may itself be past its days.
  const saved = makeBackup(core, planFile, 'restore', new Date(), false);
  const reader = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await reader.backup(planFile);
  } finally {
    reader.close();
  }
  return { restored: backup, saved };
}
