import type { BodyRow } from '../../../shared/import/importBody';
import type { CellOutcome } from '../../../shared/import/importCells';
import type { SubItemHow } from '../../../shared/import/importHierarchy';

/**
 * One row of an import as the preview prepared it: its own module, because the preview
 * (preview.ts) and the steps it calls (totals, update matching and guarding) all speak of it.
 */

export type RowAction = 'insert' | 'update' | 'unchanged' | 'unmatched' | 'ambiguous' | 'duplicate';

export interface PreparedRow {
  body: BodyRow;
  /** Parsed cells, aligned with BuiltPreview.columns. */
  cells: CellOutcome[];
  parentIndex?: number;
  /** How the row was recognised as a sub-item of parentIndex's row. */
  subItem?: SubItemHow;
  action: RowAction;
  rowId: number | null;
  /** For updates: the plan's current texts of the cells this row changes, by column index. */
  before?: Map<number, string>;
  /** For updates: the matched plan row's current texts, aligned with the columns. */
  current?: string[];
}
