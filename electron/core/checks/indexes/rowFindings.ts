import type { RowData } from '../../../../shared/contract/contract';
import type { RowIndex, SheetState } from '../snapshot';

/**
 * A per-row check kept up to date row by row: which rows currently show the problem (an unknown
 * amount, a period outside the plan), with what each found.
 *
 * `version` changes only when the findings do: an edit replays as remove + add of its row, and
 * when the add restores exactly what the remove took away the version returns to its old value,
 * so a value of `version` always stands for the same findings.
 */
export class RowFindings<T> implements RowIndex {
  readonly found = new Map<number, T>();
  version = 0;
  private readonly evaluate: (row: RowData) => T | null;
  private lastRemoved: { rowId: number; key: string } | null = null;
  private listed: { key: string; ids: number[] } | null = null;

  constructor(evaluate: (row: RowData) => T | null) {
    this.evaluate = evaluate;
  }

  add(row: RowData): void {
    const finding = this.evaluate(row);
    const restored = this.lastRemoved?.rowId === row.id ? this.lastRemoved.key : null;
    this.lastRemoved = null;
    if (finding === null) return;
    this.found.set(row.id, finding);
    if (restored !== null && restored === JSON.stringify(finding)) this.version--;
    else this.version++;
  }

  remove(row: RowData): void {
    const finding = this.found.get(row.id);
    this.lastRemoved = null;
    if (finding === undefined) return;
    this.found.delete(row.id);
    this.version++;
    this.lastRemoved = { rowId: row.id, key: JSON.stringify(finding) };
  }

  /** The first `max` rows with a finding, in sheet order; kept until the findings or the order change. */
  firstInOrder(sheet: SheetState, max: number): number[] {
    const key = `${this.version}:${sheet.orderVersion}`;
    if (this.listed?.key === key) return this.listed.ids;
    const ids = [...this.found.keys()]
      .map((id) => ({ id, number: sheet.rowNumber(id) }))
      .sort((a, b) => a.number - b.number)
      .slice(0, max)
      .map(({ id }) => id);
    this.listed = { key, ids };
    return ids;
  }
}
