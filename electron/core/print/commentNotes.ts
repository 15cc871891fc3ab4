import type { PlanComment, SheetDetail } from '../../../shared/contract/contract';
import type { PrintTotal } from './printTotal';

/**
 * The comments (批注) of the printed rows as 注 lines under the table, when the print setup asks
 * for them: one full-width line each, numbered, in the order the rows are printed — where it is
 * (the row as printed, and the column unless it is the row's own comment), the text, who wrote
 * it. A row printed twice (under two lead units) has its comments once; the comments of rows a
 * filter leaves out are left out with them.
 */
export function commentNotes(
  comments: readonly PlanComment[],
  printed: readonly { rowId: number; label: string }[],
  sheet: SheetDetail,
  columnCount: number,
): PrintTotal[] {
  const byRow = new Map<number, PlanComment[]>();
  for (const comment of comments) byRow.set(comment.rowId, [...(byRow.get(comment.rowId) ?? []), comment]);
  const names = new Map(sheet.columns.map((column) => [column.key, column.name]));
  const seen = new Set<number>();
  const lines: string[] = [];
  for (const row of printed) {
    if (seen.has(row.rowId)) continue;
    seen.add(row.rowId);
    for (const comment of byRow.get(row.rowId) ?? []) {
      const where = comment.columnKey === null ? row.label : `${row.label} · ${names.get(comment.columnKey) ?? ''}`;
      const by = comment.author ? `（${comment.author}）` : '';
      lines.push(`${where}：${comment.text.replace(/\n+/g, ' ')}${by}`);
    }
  }
  return lines.map((line, index) => ({
    kind: 'total',
    label: `${index === 0 ? '注：' : '　　'}${lines.length > 1 ? `${index + 1}. ` : ''}${line}`,
    cells: Array.from({ length: columnCount }, () => null),
    note: true,
  }));
}
