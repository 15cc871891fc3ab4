import type { ColumnDef } from './columns';

/**
 * Where a comment on a whole row (批注 on the row, columnKey null) sits when a table shows it:
 * on the row's 序号 cell, as a row's number stands for the row — or, in a sheet without a 序号
 * column, its first shown column. The grid, the Excel export and the Excel import all read it
 * here, so a row comment written in the grid goes out on the 序号 cell and comes back as a row
 * comment.
 */
export function rowCommentColumn(columns: readonly ColumnDef[]): string | null {
  return (columns.find((column) => column.role === 'seq') ?? columns.find((column) => !column.hidden))?.key ?? null;
}

/**
 * The place a comment written on a shown cell belongs to: the 序号 cell's comment is the row's
 * (null), any other cell's is that cell's. A sheet without a 序号 column has only cell comments
 * from a table (its row comments come from the command line or the API).
 */
export function commentPlaceOf(columns: readonly ColumnDef[], columnKey: string): string | null {
  const seq = columns.find((column) => column.role === 'seq');
  return seq && seq.key === columnKey ? null : columnKey;
}
