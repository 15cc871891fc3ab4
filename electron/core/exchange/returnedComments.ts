import type { CollectComment } from '../../../shared/contract/calls/exchange';
import type { SheetDetail } from '../../../shared/contract/contract';
import { commentPlaceOf } from '../../../shared/model/comments';
import type { PlanStore } from '../store/planStore';
import type { StampColumn } from './batches';
import { targetColumn } from './fillColumns';
import { rowLabel } from './labels';
import type { ReturnedData } from './returnedWorkbook';
import { texts } from './returnedWorkbook';

/** A returned comment to write when accepted: where, what, and whose. */
export interface CommentEdit {
  rowId: number;
  columnKey: string | null;
  text: string;
  author: string;
  /** The plan's comment there when compared (an apply finding another is stale). */
  current: string | null;
}

/**
 * The comments (批注) of a returned sheet that differ from the plan's: on a row that was sent to
 * this department and is still in the plan, on a column of the plan (on the 序号 cell: the
 * row's own). The comments sent with the file come back unchanged and are not listed. A comment
 * on a column the plan does not have yet (a fill-in column to be created) or on no column we
 * sent goes on the row, naming the column. Each is attributed to the department — and to the
 * author the file names, when that is someone else than the one who wrote the plan's comment.
 */
export function returnedComments(
  store: PlanStore,
  sheet: SheetDetail,
  data: ReturnedData,
  stampColumns: readonly StampColumn[],
  sentRowIds: ReadonlySet<number>,
  department: string,
): { comments: CollectComment[]; edits: Map<string, CommentEdit> } {
  const comments: CollectComment[] = [];
  const edits = new Map<string, CommentEdit>();
  if (data.comments.length === 0) return { comments, edits };
  const rows = new Map(data.rows.map((row) => [row.r, row]));
  const byColumn = new Map<number, StampColumn>();
  for (const column of stampColumns) {
    const at = data.columns.get(column.key);
    if (at !== undefined) byColumn.set(at, column);
  }
  const planRows = new Map(store.listRows(sheet.id, 0, sheet.rowCount).rows.map((row) => [row.id, row]));
  const planComments = new Map(
    store.listComments(sheet.id).map((comment) => [`${comment.rowId}:${comment.columnKey ?? ''}`, comment]),
  );
  for (const returned of data.comments) {
    if (returned.row <= data.headerRow) continue;
    const idText = (texts(rows.get(returned.row))[data.rowIdColumn] ?? '').trim();
    const rowId = /^\d+$/.test(idText) ? Number(idText) : null;
    const planRow = rowId === null ? undefined : planRows.get(rowId);
    if (rowId === null || !sentRowIds.has(rowId) || !planRow) continue;
    const stampColumn = byColumn.get(returned.column);
    const column = stampColumn ? targetColumn(sheet.columns, stampColumn) : null;
    const columnKey = column ? commentPlaceOf(sheet.columns, column.key) : null;
    const header = columnKey === null || !column ? '整行' : column.name;
    const text = column || !stampColumn ? returned.text : `［${stampColumn.header}］${returned.text}`;
    const current = planComments.get(`${rowId}:${columnKey ?? ''}`) ?? null;
    if (current?.text === text) continue;
    const author =
      returned.author && returned.author !== current?.author ? `${department} · ${returned.author}` : department;
    const id = `comment:${returned.row}:${returned.column}`;
    comments.push({
      id,
      rowId,
      fileRow: returned.row,
      label: rowLabel(sheet.columns, planRow),
      columnKey,
      header,
      current: current?.text ?? null,
      returned: text,
      author,
    });
    edits.set(id, { rowId, columnKey, text, author, current: current?.text ?? null });
  }
  return { comments, edits };
}
