import type { CategoryTotal, ColumnTotal } from '../../../shared/contract/contract';
import type { ColumnType, SheetKind } from '../../../shared/model/columns';
import type { MoneyUnit } from '../../../shared/values/money';

/** What a named version keeps of the plan (versionSnapshot.ts), as it is stored in blocks (versionBlocks.ts). */

export interface SnapshotColumn {
  id: number;
  key: string;
  name: string;
  type: ColumnType;
  role: string | null;
  moneyUnit: MoneyUnit | null;
}

/** A cell: its text, or for a money cell with an amount [text, 分 as a decimal string]. */
export type SnapshotCell = string | [string, string] | null;

/** [id, parentId, position, ...cells in the order of the sheet's columns]. */
export type SnapshotRow = [number, number | null, number, ...SnapshotCell[]];

export interface SnapshotSheet {
  id: number;
  name: string;
  kind: SheetKind;
  columns: SnapshotColumn[];
  rows: SnapshotRow[];
  categories: CategoryTotal[];
  totals: ColumnTotal[];
}

export interface PlanSnapshot {
  sheets: SnapshotSheet[];
}
