/** A totals line of a printed table (model.ts), or a note under it (commentNotes.ts). */
export interface PrintTotal {
  kind: 'total';
  /** 合计（…）or 小计（…）, spanning the columns before the first summed one. */
  label: string;
  /** Per printed column: the total as printed, or null where nothing is summed. */
  cells: (string | null)[];
  /** A note under the table (注：…), spanning every column, in body type, left-aligned. */
  note?: true;
}
