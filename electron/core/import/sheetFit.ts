import type { ColumnContent, TargetColumn } from '../../../shared/import/importMapping';
import { mapColumns } from '../../../shared/import/importMapping';
import type { PlanStore } from '../store/planStore';

/**
 * Which of the plan's sheets a file's columns fit best, for the wizard's default target of an
 * append or an update: every sheet's columns are matched against the file's headers exactly as
 * the import would match them, and scored by how many match and how surely (a 项目名称 column fits
 * 重点工程's 项目名称 exactly and 指标体系's 指标名称 only by role). Best first; ties keep the
 * plan's sheet order.
 */

export interface SheetFit {
  sheetId: number;
  sheetName: string;
  /** How many of the file's columns find a column of the sheet. */
  matched: number;
  /** The sum of those matches' confidences (0–1 each). */
  score: number;
}

export function sheetFits(store: PlanStore, headers: readonly string[], content: readonly ColumnContent[]): SheetFit[] {
  const fits = store.listSheets().map((info, position) => {
    const columns: TargetColumn[] = store.getSheet(info.id).columns.map((column) => ({
      key: column.key,
      name: column.name,
      type: column.type,
      role: column.role,
      settings: column.settings,
    }));
    const matches = mapColumns(headers, columns, { content }).filter((match) => match.target !== null);
    const score = matches.reduce((sum, match) => sum + match.confidence, 0);
    return {
      fit: { sheetId: info.id, sheetName: info.name, matched: matches.length, score: Math.round(score * 100) / 100 },
      position,
    };
  });
  fits.sort((a, b) => b.fit.score - a.fit.score || b.fit.matched - a.fit.matched || a.position - b.position);
  return fits.map((entry) => entry.fit);
}
