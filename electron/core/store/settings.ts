import type { DeclaredCheck } from '../../../shared/contract/contract';
import type { SavedSetting } from '../../../shared/model/changes';
import { beginAction, logChange } from './changeLog';
import type { StoreCore } from './storeCore';
import type { ActionOrigin, DeclaredCheckInit } from './storeTypes';

/** Saved choices (import mappings, print setups, views) and the plan's declared checks. */

/** A saved choice (e.g. an import mapping for a layout, a sheet's print setup), or undefined. */
export function getSetting<T>(core: StoreCore, scope: string, key: string): T | undefined {
  const value = core.prepare('SELECT value FROM settings WHERE scope = ? AND key = ?').pluck().get(scope, key) as
    string | undefined;
  return value === undefined ? undefined : (JSON.parse(value) as T);
}

export function setSetting(core: StoreCore, scope: string, key: string, value: unknown): void {
  core
    .prepare(
      'INSERT INTO settings (scope, key, value) VALUES (?, ?, ?) ON CONFLICT(scope, key) DO UPDATE SET value = excluded.value',
    )
    .run(scope, key, JSON.stringify(value));
}

export function deleteSetting(core: StoreCore, scope: string, key: string): void {
  core.prepare('DELETE FROM settings WHERE scope = ? AND key = ?').run(scope, key);
}

/** The scope of the settings kept with a sheet. */
export const sheetScope = (sheetId: number): string => `sheet:${sheetId}`;

/**
 * Set (or, with null, remove) a setting the sheet's figures follow, logged in the change log as
 * part of the open action, so undo and redo restore it with those figures and history shows it.
 */
export function setSheetSettingLogged(
  core: StoreCore,
  sheetId: number,
  key: string,
  value: unknown,
  origin: ActionOrigin,
): void {
  core.transaction(() => {
    const before = getSetting<unknown>(core, sheetScope(sheetId), key) ?? null;
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    writeSheetSetting(core, sheetId, key, value);
    logChange(core, beginAction(core, origin), {
      kind: 'sheetSetting',
      sheetId,
      rowId: null,
      columnKey: key,
      before: before === null ? null : { value: before },
      after: value === null ? null : { value },
    });
  });
}

/** A setting brought to a state: written, or removed when its value is null (unlogged; undo and redo). */
export function writeSetting(core: StoreCore, state: SavedSetting): void {
  if (state.value === null) deleteSetting(core, state.scope, state.key);
  else setSetting(core, state.scope, state.key, state.value);
}

/**
 * A setting the user chose for the plan (督查's thresholds): one logged, undoable action, unless
 * the value is what it already was.
 */
export function setLoggedSetting(
  core: StoreCore,
  scope: string,
  key: string,
  value: unknown,
  origin: ActionOrigin,
): void {
  core.transaction(() => {
    const before = getSetting<unknown>(core, scope, key) ?? null;
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    setSetting(core, scope, key, value);
    logChange(core, beginAction(core, origin), {
      kind: 'setting',
      sheetId: null,
      rowId: null,
      columnKey: null,
      before: { scope, key, value: before },
      after: { scope, key, value },
    });
  });
}

/** Write a sheet's setting unlogged (undo and redo replaying the log). */
export function writeSheetSetting(core: StoreCore, sheetId: number, key: string, value: unknown): void {
  writeSetting(core, { scope: sheetScope(sheetId), key, value });
}

export function addDeclaredChecks(core: StoreCore, checks: DeclaredCheckInit[]): void {
  const insert = core.prepare(
    'INSERT INTO declared_checks (sheet_id, kind, label, spec, source) VALUES (?, ?, ?, ?, ?)',
  );
  core.transaction(() => {
    for (const check of checks) {
      insert.run(check.sheetId, check.kind, check.label, JSON.stringify(check.spec), check.source ?? '');
    }
  });
}

export function listDeclaredChecks(core: StoreCore): DeclaredCheck[] {
  const rows = core.prepare('SELECT * FROM declared_checks ORDER BY id').all() as {
    id: number;
    sheet_id: number | null;
    kind: string;
    label: string;
    spec: string;
    source: string;
  }[];
  return rows.map((row) => ({
    id: row.id,
    sheetId: row.sheet_id,
    kind: row.kind,
    label: row.label,
    spec: JSON.parse(row.spec) as Record<string, unknown>,
    source: row.source,
  }));
}
