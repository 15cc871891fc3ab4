import fs from 'node:fs';
import path from 'node:path';

/** How many plans 文件 → 最近打开 lists. */
export const RECENT_LIMIT = 10;

/**
 * The plans this user opened lately, newest first, kept in a small JSON file in the data folder
 * (the OS's own recent list, app.addRecentDocument, is fed too, but cannot be read back on Linux).
 * A damaged or missing file is an empty list; plans that no longer exist are left out.
 */
export function readRecentPlans(listFile: string): string[] {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(listFile, 'utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((item): item is string => typeof item === 'string' && fs.existsSync(item))
      .slice(0, RECENT_LIMIT);
  } catch {
    return [];
  }
}

export function rememberRecentPlan(listFile: string, plan: string): string[] {
  const list = [plan, ...readRecentPlans(listFile).filter((item) => path.resolve(item) !== path.resolve(plan))].slice(
    0,
    RECENT_LIMIT,
  );
  try {
    fs.mkdirSync(path.dirname(listFile), { recursive: true });
    fs.writeFileSync(listFile, JSON.stringify(list, null, 1));
  } catch {
    // The list is a convenience: a read-only data folder must not stop a plan from opening.
  }
  return list;
}
