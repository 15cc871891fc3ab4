import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';

/** How a row is named in previews and messages: its 序号 and name ("12 深化工业园区…"). */
export function rowLabel(columns: readonly ColumnDef[], row: Pick<RowData, 'cells'>): string {
  const seq = columns.find((column) => column.role === 'seq');
  const name =
    columns.find((column) => column.role === 'name') ??
    columns.find((column) => column.type === 'text' && column.role !== 'seq');
  const parts = [seq ? row.cells[seq.key]?.text : '', name ? row.cells[name.key]?.text : ''].filter(
    (part): part is string => !!part,
  );
  const label = parts.join(' ');
  return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}

/** The same from plain texts by column key (a row added in a returned file). */
export function textsLabel(columns: readonly ColumnDef[], texts: ReadonlyMap<string, string>): string {
  const cells: RowData['cells'] = {};
  for (const [key, text] of texts) cells[key] = { text, value: null };
  return rowLabel(columns, { cells });
}

/** yyyymmdd of an ISO time, for file names. */
export function dateStamp(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '');
}
