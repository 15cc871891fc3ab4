import type { ChangedCell } from '../../../shared/contract/changes';
import type { ColumnTotal, RowData } from '../../../shared/contract/contract';
import type { SheetScreen } from '../app/firstScreen';
import type { Loaded } from '../grid/loadRows';
import { loadRows, putCell, withEdits } from '../grid/loadRows';

/** What happened to the rows: all of them (re)loaded, or some rows' cells changed in place. */
export type RowsEvent = { kind: 'loaded' } | { kind: 'cells'; rows: readonly RowData[] };

type Cell = RowData['cells'][string];

/**
 * The rows of the open sheet, as the plan model holds them: loaded once (the first screen at
 * once, the rest in pages), then kept up to date from each change envelope — changed cells go
 * into their rows in place (a 100,000-row sheet is not copied for one cell), and rows added,
 * removed or moved make it load again.
 */
export class SheetRows {
  loaded: Loaded | null = null;
  private generation = 0;
  private readonly listeners = new Set<(event: RowsEvent) => void>();
  /** Where each row is in `loaded.rows`, built when first needed after a load. */
  private places: Map<number, number> | null = null;
  /**
   * Cells changed while a large sheet's rows are still arriving: pages asked for before the
   * change carry the old value, so these go over the rows once all have arrived.
   */
  private readonly changedWhileLoading = new Map<number, Map<string, Cell>>();

  constructor(
    readonly sheetId: number,
    /** The first screen's answers, used by the first load only. */
    private asked: Pick<SheetScreen, 'firstRows' | 'totals'> | null,
    private readonly showTotals: (totals: ColumnTotal[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  subscribe(listener: (event: RowsEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: RowsEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Stop following: a later answer of a load still under way is dropped. */
  close(): void {
    this.generation++;
    this.listeners.clear();
  }

  /** Load the rows (again); `totals` when they are known already (a change envelope said them). */
  async load(totals?: ColumnTotal[]): Promise<void> {
    const current = ++this.generation;
    const asked = this.asked ?? (totals ? { totals: Promise.resolve(totals) } : null);
    this.asked = null;
    this.changedWhileLoading.clear();
    const show = (next: Loaded) => {
      this.loaded = next.complete ? withEdits(next, this.changedWhileLoading) : next;
      this.places = null;
      this.emit({ kind: 'loaded' });
    };
    try {
      await loadRows(this.sheetId, asked, show, this.showTotals, () => current === this.generation);
    } catch (error) {
      this.onError(error);
    }
  }

  /** Cells changed: each goes into its row, which becomes a new object (the grid redraws only those). */
  applyCells(cells: readonly ChangedCell[]): void {
    const current = this.loaded;
    if (!current || cells.length === 0) return;
    if (!current.complete) {
      for (const { rowId, columnKey, cell } of cells) {
        const row = this.changedWhileLoading.get(rowId) ?? new Map<string, Cell>();
        row.set(columnKey, cell);
        this.changedWhileLoading.set(rowId, row);
      }
    }
    const places = (this.places ??= new Map(current.rows.map((row, index) => [row.id, index])));
    const changed = new Map<number, RowData>();
    for (const { rowId, columnKey, cell } of cells) {
      const index = places.get(rowId);
      if (index === undefined) continue;
      let row = changed.get(rowId);
      if (!row) {
        const old = current.rows[index]!;
        row = { ...old, cells: { ...old.cells } };
        changed.set(rowId, row);
        current.rows[index] = row;
      }
      putCell(row.cells, columnKey, cell);
    }
    if (changed.size > 0) this.emit({ kind: 'cells', rows: [...changed.values()] });
  }
}
