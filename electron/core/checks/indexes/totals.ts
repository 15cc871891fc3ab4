import type { RowData } from '../../../../shared/contract/contract';
import type { ColumnDef } from '../../../../shared/model/columns';
import { isSummable } from '../../../../shared/model/columns';
import type { Dec } from '../../../../shared/values/exactDecimal';
import { add, dec, sub, ZERO } from '../../../../shared/values/exactDecimal';
import type { RowIndex, SheetState } from '../snapshot';

/** The exact sum of a column's values (money in its unit) and how many cells have one. */
export interface ColumnSum {
  sum: Dec;
  known: number;
}

export interface CategoryGroup {
  /** Items: top-level rows (a sub-indicator is part of its indicator). */
  count: number;
  sums: Map<string, ColumnSum>;
}

/** A numeric cell's exact value, or null when unknown. */
export function cellNumber(row: RowData, column: ColumnDef): Dec | null {
  const value = row.cells[column.key]?.value;
  if (typeof value === 'string' || typeof value === 'number') return dec(value);
  return null;
}

/**
 * Column totals, the number of items, and per value of the category column its item count and
 * totals — kept exact and up to date row by row, so a declared total is checked in constant
 * time after an edit.
 */
export class TotalsIndex implements RowIndex {
  readonly summable: ColumnDef[];
  readonly category: ColumnDef | undefined;
  topLevel = 0;
  readonly totals = new Map<string, ColumnSum>();
  readonly groups = new Map<string, CategoryGroup>();
  private readonly sheet: SheetState;
  private ordered: { version: number; labels: string[] } | null = null;

  constructor(sheet: SheetState) {
    this.sheet = sheet;
    this.summable = sheet.columns.filter(isSummable);
    this.category = sheet.byRole('category');
    for (const column of this.summable) this.totals.set(column.key, { sum: ZERO, known: 0 });
  }

  /**
   * The category values in the order they first appear in the sheet (as the plan lists its
   * categories), found by a scan that stops once every value is seen; kept until the sheet changes.
   */
  labelsInOrder(): string[] {
    if (this.ordered?.version === this.sheet.version) return this.ordered.labels;
    const wanted = new Set(this.groups.keys());
    const labels: string[] = [];
    if (this.category) {
      for (const row of this.sheet.inOrder()) {
        if (wanted.size === 0) break;
        const label = row.parentId === null ? (row.cells[this.category.key]?.text ?? '') : null;
        if (label !== null && wanted.delete(label)) labels.push(label);
      }
    }
    this.ordered = { version: this.sheet.version, labels };
    return labels;
  }

  add(row: RowData): void {
    this.apply(row, 1);
  }

  remove(row: RowData): void {
    this.apply(row, -1);
  }

  private apply(row: RowData, sign: 1 | -1): void {
    // A sub-item's figure is part of its item's (as in the grid's 合计 and an import's totals):
    // adding it again would count it twice.
    if (row.parentId !== null) return;
    this.topLevel += sign;
    let group: CategoryGroup | undefined;
    if (this.category) {
      const label = row.cells[this.category.key]?.text ?? '';
      group = this.groups.get(label);
      if (!group) {
        group = { count: 0, sums: new Map() };
        this.groups.set(label, group);
      }
      group.count += sign;
      if (group.count === 0) this.groups.delete(label);
    }
    for (const column of this.summable) {
      const value = cellNumber(row, column);
      if (value === null) continue;
      bump(this.totals, column.key, value, sign);
      if (group && group.count > 0) bump(group.sums, column.key, value, sign);
    }
  }
}

function bump(sums: Map<string, ColumnSum>, key: string, value: Dec, sign: 1 | -1): void {
  const current = sums.get(key) ?? { sum: ZERO, known: 0 };
  sums.set(key, { sum: sign > 0 ? add(current.sum, value) : sub(current.sum, value), known: current.known + sign });
}
