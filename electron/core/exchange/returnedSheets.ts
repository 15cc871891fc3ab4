import type { Grid } from '../../../shared/import/importGrid';
import type { GridComment } from '../formats/xlsxCommentsRead';

/** The sheets of a returned workbook, .xlsx or .xls, as this module needs them. */
export interface ReturnedSheets {
  application: string | null;
  sheets: { name: string; hidden: boolean }[];
  grid(index: number): Promise<Grid>;
  /** The sheet's comments (批注). */
  comments(index: number): Promise<GridComment[]>;
  /** Sheet protection, and whether the cells in `columns` within `rows` are all unlocked. */
  protection(index: number, columns: ReadonlySet<number>, rows: { first: number; last: number }): Promise<Protection>;
}

export interface Protection {
  sheetProtected: boolean;
  fillInUnlocked: boolean;
}
