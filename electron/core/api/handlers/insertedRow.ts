import type { RowData } from '../../../../shared/contract/contract';
import type { PlanStore } from '../../store/planStore';

type Place = { at: 'end' } | { at: 'before' | 'after'; rowId: number };

/** Roles whose value a new row takes from its neighbour: the groups it sits in. */
const GROUP_ROLES = new Set(['category', 'subcategory']);

/**
 * What a row inserted by the user starts with, as officials expect of a numbered, grouped table:
 * the 大类/小类 of the row it is placed beside (the row above; at the very top, the row below), and
 * the next 序号 — the row above's plus one, or, inserted above a row, that row's own number. Rows
 * after it keep theirs (重排序号 renumbers the table in one undoable step).
 */
export function insertedRowCells(store: PlanStore, sheetId: number, place: Place): Record<string, string> {
  const total = store.rowCount(sheetId);
  if (total === 0) return {};
  let neighbour: RowData | undefined;
  let seqStep = 1;
  if (place.at === 'end') {
    neighbour = store.listRows(sheetId, total - 1, 1).rows[0];
  } else {
    neighbour = store.rowsById(sheetId, [place.rowId])[0];
    if (place.at === 'before') seqStep = 0;
  }
  if (!neighbour) return {};
  const cells: Record<string, string> = {};
  for (const column of store.columns(sheetId)) {
    const text = neighbour.cells[column.key]?.text ?? '';
    if (column.role && GROUP_ROLES.has(column.role) && text !== '') cells[column.key] = text;
    if (column.role === 'seq' && /^\d+$/.test(text.trim())) cells[column.key] = String(Number(text.trim()) + seqStep);
  }
  return cells;
}
