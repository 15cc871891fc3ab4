import type { GridRow, MergeRange } from '../../../shared/import/importGrid';

/**
 * Watches the rows of a sheet as they are read, before the whole file is (importFile.ts builds
 * the preview and starts writing meanwhile). Only the fast worksheet reader reports rows; a
 * restart means the rows reported so far do not count (the sheet is read again another way).
 */
export interface RowWatcher {
  /** A sheet is about to be read; `shape` gives its column count and merged ranges so far. */
  sheet(name: string, shape: () => { columnCount: number; merges: readonly MergeRange[] }): void;
  row(row: GridRow): void;
  restart(): void;
}
