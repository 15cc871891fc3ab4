import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef, ColumnType } from '../../../shared/model/columns';
import { columnHeader } from '../../../shared/model/columns';
import { headerBands, splitGroupedHeader } from '../../../shared/rules/presentation';

/**
 * How a plan sheet's columns are laid out in a workbook: header text and groups, widths,
 * alignment, wrapping and which columns merge their runs. Used by export and by send-out.
 */

export interface LayoutColumn {
  /** The plan column's key (or, for a send-out fill-in column, its own key). */
  key: string;
  /** The full header, with the money unit: 投资匡算（万元）. */
  header: string;
  /** Grouped columns ("目标值·2025年") share a top header cell over their sub-headers. */
  group: string | null;
  sub: string;
  type: ColumnType;
  /** Decimal places of money. */
  decimals: number;
  width: number;
  wrap: boolean;
  align: 'left' | 'center' | 'right';
  /** Category cells merge over runs of equal values; subcategory runs stay inside them. */
  merge: 'category' | 'subcategory' | null;
}

const SAMPLE_ROWS = 300;

/** Width of text in Excel's units (one "0" of the body font); CJK and full-width count two. */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let width = 0;
    for (const char of line) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
    if (width > widest) widest = width;
  }
  return widest;
}

function widthCap(type: ColumnType): number {
  switch (type) {
    case 'longText':
      return 46;
    case 'text':
      return 28;
    case 'departmentList':
    case 'department':
      return 22;
    default:
      return 16;
  }
}

function alignment(column: Pick<ColumnDef, 'type' | 'role'>): LayoutColumn['align'] {
  if (column.type === 'money' || (column.type === 'number' && column.role !== 'seq')) return 'right';
  if (column.role === 'seq' || column.role === 'category' || column.role === 'subcategory') return 'center';
  if (['year', 'yearRange', 'date', 'choice', 'status', 'percent'].includes(column.type)) return 'center';
  return 'left';
}

export function layoutColumn(
  column: Pick<ColumnDef, 'key' | 'name' | 'type' | 'role' | 'settings'>,
  samples: readonly string[],
): LayoutColumn {
  const header = columnHeader(column);
  const { group, leaf: sub } = splitGroupedHeader(header);
  const headerWidth = displayWidth(sub) + 2;
  const contentWidth = Math.max(0, ...samples.map(displayWidth)) + 2;
  const cap = widthCap(column.type);
  // Long headers and long text wrap within the cap rather than widen the column past it.
  const width = Math.min(cap, Math.max(6, headerWidth, contentWidth));
  return {
    key: column.key,
    header,
    group,
    sub,
    type: column.type,
    decimals: column.settings.decimals ?? (column.type === 'money' ? 2 : 0),
    width,
    wrap:
      column.type === 'longText' || column.type === 'text' || column.type === 'departmentList' || contentWidth > cap,
    align: alignment(column),
    merge: column.role === 'category' ? 'category' : column.role === 'subcategory' ? 'subcategory' : null,
  };
}

/** The visible columns of a sheet, laid out from the first rows' contents. */
export function layoutColumns(columns: readonly ColumnDef[], rows: readonly RowData[]): LayoutColumn[] {
  const sample = rows.slice(0, SAMPLE_ROWS);
  return columns
    .filter((column) => !column.hidden)
    .map((column) =>
      layoutColumn(
        column,
        sample.map((row) => row.cells[column.key]?.text ?? ''),
      ),
    );
}

/** Money number formats: 2 decimals for 万元 by default, as officials print them. */
export function moneyFormat(decimals: number, approximate = false): string {
  const base = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  return approximate ? `"约"${base}` : base;
}

/** Header cells: one row, or two when some columns are grouped. */
export interface HeaderPlan {
  rows: 1 | 2;
  /** Per header row, the text of each column's cell ('' under a merge). */
  cells: string[][];
  /** Merged ranges as [left, topOffset, right, bottomOffset] with 0-based offsets into the header. */
  merges: [number, number, number, number][];
}

export function planHeader(columns: readonly Pick<LayoutColumn, 'header'>[]): HeaderPlan {
  const { grouped, bands } = headerBands(columns.map((column) => column.header));
  if (!grouped) return { rows: 1, cells: [columns.map((column) => column.header)], merges: [] };
  const top: string[] = [];
  const bottom: string[] = [];
  const merges: HeaderPlan['merges'] = [];
  for (const band of bands) {
    if (band.group === null) {
      top.push(band.leaves[0]!);
      bottom.push('');
      merges.push([band.first, 0, band.first, 1]);
      continue;
    }
    band.leaves.forEach((leaf, offset) => {
      top.push(offset === 0 ? band.group! : '');
      bottom.push(leaf);
    });
    if (band.last > band.first) merges.push([band.first, 0, band.last, 0]);
  }
  return { rows: 2, cells: [top, bottom], merges };
}
