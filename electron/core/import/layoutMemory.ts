import { createHash } from 'node:crypto';
import type { ColumnMatch, TargetColumn } from '../../../shared/import/importMapping';
import { normaliseHeader } from '../../../shared/import/importText';
import type { PlanStore } from '../store/planStore';

/**
 * Mappings remembered per layout. A department sends the same table back month after month; once
 * the user has mapped its columns, the next file with the same header maps the same way. The
 * layout is the normalised header, hashed; the mapping is kept in the plan (settings), by header,
 * naming the target column by key and by name, so it also fits a sheet made anew.
 */
export const LAYOUT_SCOPE = 'import-layout';

type SavedMapping = Record<string, { key: string | null; name: string | null }>;

export function layoutKey(names: readonly string[]): string {
  return createHash('sha256').update(names.map(normaliseHeader).join('\u0001')).digest('hex').slice(0, 24);
}

/** The remembered mapping for a layout, as normalised header → target key, for these targets. */
export function savedLayout(
  store: PlanStore,
  key: string,
  targets: readonly TargetColumn[],
): Record<string, string | null> | undefined {
  const saved = store.getSetting<SavedMapping>(LAYOUT_SCOPE, key);
  if (!saved || typeof saved !== 'object') return undefined;
  const result: Record<string, string | null> = {};
  for (const [header, choice] of Object.entries(saved)) {
    if (choice.key === null) {
      result[header] = null;
      continue;
    }
    const target =
      targets.find((column) => column.key === choice.key) ?? targets.find((column) => column.name === choice.name);
    if (target) result[header] = target.key;
  }
  return result;
}

/** Remember how this layout was mapped (inside the import's transaction). */
export function rememberLayout(
  store: PlanStore,
  key: string,
  matches: readonly ColumnMatch[],
  targets: readonly TargetColumn[],
): void {
  const mapping: SavedMapping = {};
  for (const match of matches) {
    const header = normaliseHeader(match.header);
    if (header === '') continue;
    const target = match.target === null ? undefined : targets.find((column) => column.key === match.target);
    mapping[header] = { key: target?.key ?? null, name: target?.name ?? null };
  }
  store.setSetting(LAYOUT_SCOPE, key, mapping);
}
