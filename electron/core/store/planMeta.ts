import type { PlanMeta } from '../../../shared/contract/contract';
import { PlanMeta as PlanMetaSchema } from '../../../shared/contract/calls/core';
import { PlanbenchError } from '../../../shared/contract/errors';
import { metaProblems } from '../../../shared/rules/planMetaRules';
import type { ActionOrigin } from './storeTypes';
import { beginAction, logChange } from './changeLog';
import type { StoreCore } from './storeCore';

/** The plan's metadata (title, issuer, period, money unit…): key → JSON in plan_meta. */

export const DEFAULT_META: PlanMeta = {
  title: '未命名规划',
  issuer: '',
  docNumber: '',
  periodStart: null,
  periodEnd: null,
  baseYear: null,
  milestoneYears: [],
  moneyUnit: '万元',
};

export function getMeta(core: StoreCore): PlanMeta {
  const rows = core.prepare('SELECT key, value FROM plan_meta').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  return PlanMetaSchema.parse({ ...DEFAULT_META, ...stored });
}

export function setMeta(core: StoreCore, meta: Partial<PlanMeta>): void {
  const merged = PlanMetaSchema.parse({ ...getMetaOrDefault(core), ...meta });
  const upsert = core.prepare(
    'INSERT INTO plan_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  core.transaction(() => {
    for (const [key, value] of Object.entries(merged)) upsert.run(key, JSON.stringify(value));
  });
}

function getMetaOrDefault(core: StoreCore): PlanMeta {
  try {
    return getMeta(core);
  } catch {
    return DEFAULT_META;
  }
}

/**
 * Change some of the plan's metadata as one undoable action (change kind 'planMeta': before and
 * after hold the changed fields only). Texts are trimmed; a value that breaks a rule of
 * shared/rules/planMetaRules.ts refuses the whole edit, naming every field, and writes nothing.
 * Returns the action's id, or null when nothing differed.
 */
export function editMeta(core: StoreCore, patch: Partial<PlanMeta>, origin: ActionOrigin): number | null {
  return core.transaction(() => {
    const current = getMeta(core);
    const trimmed = Object.fromEntries(
      Object.entries(patch).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
    ) as Partial<PlanMeta>;
    const next = PlanMetaSchema.parse({ ...current, ...trimmed });
    const problems = metaProblems(next);
    if (problems.length > 0) {
      throw PlanbenchError.of(
        'invalid_input',
        `规划信息未保存：${problems.map((problem) => problem.zh).join('；')}`,
        `the plan's details were not saved: ${problems.map((problem) => problem.en).join('; ')}`,
      );
    }
    const keys = (Object.keys(next) as (keyof PlanMeta)[]).filter(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]),
    );
    if (keys.length === 0) return null;
    const pick = (meta: PlanMeta) => Object.fromEntries(keys.map((key) => [key, meta[key]]));
    writeMetaFields(core, pick(next));
    const actionId = beginAction(core, origin);
    logChange(core, actionId, {
      kind: 'planMeta',
      sheetId: null,
      rowId: null,
      columnKey: null,
      before: pick(current),
      after: pick(next),
    });
    return actionId;
  });
}

/** Write fields of the metadata as they are (undo and redo of a 'planMeta' change), unlogged. */
export function writeMetaFields(core: StoreCore, fields: Record<string, unknown>): void {
  const upsert = core.prepare(
    'INSERT INTO plan_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  for (const [key, value] of Object.entries(fields)) upsert.run(key, JSON.stringify(value));
}
