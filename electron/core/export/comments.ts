import type { SheetDetail } from '../../../shared/contract/contract';
import { rowCommentColumn } from '../../../shared/model/comments';
import type { PlanStore } from '../store/planStore';

/** A comment as a table written to a workbook carries it: on the cell of a column, with its author. */
export interface TableComment {
  columnKey: string;
  text: string;
  author: string;
}

const NONE: readonly TableComment[] = [];

/**
 * A sheet's comments as an exported table carries them, by row id: a cell's on its cell, a row's
 * on its 序号 cell (or the first column written: shared/model/comments.ts). A comment on a
 * column left out of the table is left out with it. Two comments that land on one cell (the
 * row's and the 序号 cell's own) become one, the row's first, since a cell holds one comment.
 */
export function tableComments(
  store: PlanStore,
  sheet: SheetDetail,
  writtenKeys: readonly string[],
): (rowId: number) => readonly TableComment[] {
  const written = new Set(writtenKeys);
  const rowColumn = rowCommentColumn(sheet.columns.filter((column) => written.has(column.key)));
  const byRow = new Map<number, TableComment[]>();
  for (const comment of store.listComments(sheet.id)) {
    const columnKey = comment.columnKey ?? rowColumn;
    if (columnKey === null || !written.has(columnKey)) continue;
    const row = byRow.get(comment.rowId) ?? [];
    byRow.set(comment.rowId, row);
    const same = row.find((candidate) => candidate.columnKey === columnKey);
    const entry = { columnKey, text: comment.text, author: comment.author };
    if (!same) row.push(entry);
    else if (comment.columnKey === null)
      Object.assign(same, { text: `${entry.text}\n\n${same.text}`, author: entry.author });
    else same.text = `${same.text}\n\n${entry.text}`;
  }
  return (rowId) => byRow.get(rowId) ?? NONE;
}
