import type { ColumnTotal, RowData } from '../../../shared/contract/contract';
import type { CellValue } from '../../../shared/values/cells';
import type { ColumnDef } from '../../../shared/model/columns';
import { isSummable } from '../../../shared/model/columnTypes';
import { amount, exactSum } from '../../../shared/values/totalsDelta';

export type { ValueChange } from '../../../shared/values/totalsDelta';
export { adjustTotals, valueChange } from '../../../shared/values/totalsDelta';

/**
 * What the grid shows: plan rows, and — when grouped by a role column such as 大类 then 小类 —
 * a subtotal row above each group (count, exact amount, how many unknown) that collapses and
 * expands. AG Grid Community has no row grouping, so the rows are arranged here.
 */
export type GridRow = DataGridRow | GroupGridRow;

export interface DataGridRow extends RowData {
  kind: 'data';
  /** The keys of the groups this row sits in (outermost first), for sorting within groups. */
  groupPath: string[];
}

export interface GroupGridRow {
  kind: 'group';
  id: string;
  level: number;
  /** Column the group is formed on, and its value. */
  columnKey: string;
  label: string;
  groupPath: string[];
  count: number;
  collapsed: boolean;
  /** Subtotals of the summable columns over the group's rows. */
  totals: Map<string, ColumnTotal>;
  cells: Record<string, CellValue>;
  parentId: null;
}

const GROUP_SEPARATOR = '\u0001';

/** Grid rows by the plan row they show; rows no longer in use are collected with them. */
const wrappers = new WeakMap<RowData, { groupKey: string; row: DataGridRow }>();
/** The group key of rows shown without grouping (no grouped key can equal it). */
const UNGROUPED = '\u0000';

export function groupId(path: readonly string[]): string {
  return `group:${path.join(GROUP_SEPARATOR)}`;
}

/**
 * The grid row of a plan row. The same plan row keeps the same grid row object: after an edit
 * only the edited rows are new, and AG Grid (which compares by identity) redraws those alone,
 * not all 100,000.
 */
function wrap(row: RowData, groupPath: string[], groupKey: string): DataGridRow {
  const cached = wrappers.get(row);
  if (cached && cached.groupKey === groupKey) return cached.row;
  const wrapped: DataGridRow = { ...row, kind: 'data', groupPath };
  wrappers.set(row, { groupKey, row: wrapped });
  return wrapped;
}

/** The grid row of a plan row shown without grouping. */
export function gridRowFor(row: RowData): DataGridRow {
  return wrap(row, [], UNGROUPED);
}

/** Exact subtotals of the summable columns over some rows, like the store's totals. */
export function subtotals(rows: readonly RowData[], columns: readonly ColumnDef[]): Map<string, ColumnTotal> {
  const totals = new Map<string, ColumnTotal>();
  for (const column of columns) {
    if (!isSummable(column)) continue;
    const type = column.type === 'money' ? 'money' : 'number';
    const moneyUnit = column.settings.moneyUnit ?? '万元';
    const sum = exactSum(type, moneyUnit);
    let known = 0;
    let approximate = 0;
    for (const row of rows) {
      const cell = row.cells[column.key];
      const value = amount(cell?.value);
      if (value === null) continue;
      sum.add(value);
      known++;
      if (cell?.approximate) approximate++;
    }
    totals.set(column.key, {
      columnKey: column.key,
      columnName: column.name,
      type,
      moneyUnit: type === 'money' ? moneyUnit : null,
      sum: sum.text(),
      known,
      unknown: rows.length - known,
      ...(approximate > 0 ? { approximate } : {}),
    });
  }
  return totals;
}

/**
 * Arrange rows for the grid. Without grouping: the rows as they are. With grouping: groups in
 * the order their first row appears (the plan's own order), each headed by its subtotal row;
 * rows of a collapsed group are left out. Sub-rows (sub-indicators) stay with their parent.
 */
export function arrangeRows(
  rows: readonly RowData[],
  columns: readonly ColumnDef[],
  groupBy: readonly string[],
  collapsed: ReadonlySet<string>,
  labelKey: string | null,
): GridRow[] {
  const data = wrap;
  if (groupBy.length === 0) return rows.map(gridRowFor);
  const out: GridRow[] = [];
  const byParent = new Map<number, RowData[]>();
  for (const row of rows) {
    if (row.parentId !== null) byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row]);
  }
  const withChildren = (row: RowData): RowData[] => [row, ...(byParent.get(row.id) ?? [])];
  const place = (members: RowData[], level: number, path: string[]): void => {
    if (level === groupBy.length) {
      const groupKey = path.join(GROUP_SEPARATOR);
      for (const row of members) for (const member of withChildren(row)) out.push(data(member, path, groupKey));
      return;
    }
    const key = groupBy[level]!;
    const groups = new Map<string, RowData[]>();
    for (const row of members) {
      const value = row.cells[key]?.text ?? '';
      groups.set(value, [...(groups.get(value) ?? []), row]);
    }
    for (const [value, groupRows] of groups) {
      const groupPath = [...path, value];
      const id = groupId(groupPath);
      const isCollapsed = collapsed.has(id);
      const all = groupRows.flatMap(withChildren);
      const cells: Record<string, CellValue> = {};
      const label = value === '' ? '（空）' : value;
      cells[labelKey ?? key] = { text: label, value: null };
      out.push({
        kind: 'group',
        id,
        level,
        columnKey: key,
        label,
        groupPath,
        count: groupRows.length,
        collapsed: isCollapsed,
        totals: subtotals(
          all.filter((row) => row.parentId === null),
          columns,
        ),
        cells,
        parentId: null,
      });
      if (!isCollapsed) place(groupRows, level + 1, groupPath);
    }
  };
  place(
    rows.filter((row) => row.parentId === null),
    0,
    [],
  );
  return out;
}
