import type { PlanMeta } from '../../../shared/contract/contract';
import { PlanMeta as PlanMetaSchema } from '../../../shared/contract/calls/core';
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
