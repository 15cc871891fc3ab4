import type { SendOutRouting } from '../../../shared/contract/calls/exchange';
import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import type { UnitMembers } from '../../../shared/model/departmentGroups';
import { expandUnits } from '../../../shared/model/departmentGroups';

/**
 * Which departments a row belongs to, from the columns whose roles say so: every unit of a
 * lead-unit column leads (several units often lead together); in a responsible-units column the
 * first unit leads and the rest cooperate (as the sample's 责任主体 lists them); cooperating-unit
 * columns cooperate. A row with no lead-unit entry falls back to the first responsible unit.
 */

export interface RowUnits {
  lead: string[];
  cooperating: string[];
}

export interface DepartmentColumns {
  lead: ColumnDef[];
  cooperating: ColumnDef[];
  responsible: ColumnDef[];
}

export function departmentColumns(columns: readonly ColumnDef[]): DepartmentColumns {
  return {
    lead: columns.filter((column) => column.role === 'leadUnit'),
    cooperating: columns.filter((column) => column.role === 'cooperatingUnits'),
    responsible: columns.filter((column) => column.role === 'responsibleUnits'),
  };
}

export function hasDepartmentColumns(columns: DepartmentColumns): boolean {
  return columns.lead.length + columns.cooperating.length + columns.responsible.length > 0;
}

function names(row: RowData, column: ColumnDef): string[] {
  const value = row.cells[column.key]?.value;
  return Array.isArray(value) ? value : [];
}

function addAll(target: string[], items: readonly string[]): void {
  for (const item of items) if (!target.includes(item)) target.push(item);
}

export function rowUnits(row: RowData, columns: DepartmentColumns): RowUnits {
  const lead: string[] = [];
  const cooperating: string[] = [];
  for (const column of columns.lead) addAll(lead, names(row, column));
  for (const column of columns.responsible) {
    const [first, ...rest] = names(row, column);
    if (first !== undefined && lead.length === 0) lead.push(first);
    else if (first !== undefined && !lead.includes(first)) cooperating.push(first);
    addAll(cooperating, rest);
  }
  for (const column of columns.cooperating) addAll(cooperating, names(row, column));
  return { lead, cooperating: cooperating.filter((name) => !lead.includes(name)) };
}

/**
 * A row's units with each collective addressee (各辖市区人民政府) replaced by its members: every
 * member gets the row, in the group's role (a group that leads makes each member a lead).
 */
export function expandRowUnits(units: RowUnits, members: UnitMembers): RowUnits {
  const lead = expandUnits(units.lead, members);
  return { lead, cooperating: expandUnits(units.cooperating, members).filter((name) => !lead.includes(name)) };
}

export function rowDepartments(units: RowUnits, routing: SendOutRouting): string[] {
  return routing === 'lead' ? units.lead : [...units.lead, ...units.cooperating];
}

/** The column a department's added row names it in: the lead column, else the responsible one. */
export function ownerColumn(columns: DepartmentColumns): ColumnDef | null {
  return columns.lead[0] ?? columns.responsible[0] ?? null;
}
