import type { FillColumnChoice, StandardFillColumn, StandardFillId } from '../../../shared/contract/calls/exchange';
import { STANDARD_FILL_COLUMNS } from '../../../shared/contract/calls/exchange';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ColumnDef, ColumnSettings, ColumnType } from '../../../shared/model/columns';
import { columnHeader } from '../../../shared/model/columns';
import type { StampColumn } from './batches';
import { isComputedColumn } from '../../../shared/rules/budgets/executionRate';

/**
 * Fill-in columns: what departments write into. Either one of the standard columns (完成投资,
 * 进展情况, 存在问题, 完成时间, 推进状态) — applied on return into the sheet's column of that
 * name, created then if the sheet has none — or a column the sheet already has.
 */

/** What a column is, as far as parsing and validating its cells goes. */
export interface ColumnShape {
  name: string;
  type: ColumnType;
  role: ColumnDef['role'];
  settings: ColumnSettings;
}

export function standardFill(id: StandardFillId): StandardFillColumn {
  return STANDARD_FILL_COLUMNS.find((column) => column.id === id)!;
}

export function standardShape(id: StandardFillId): ColumnShape {
  const column = standardFill(id);
  return { name: column.name, type: column.type, role: null, settings: { ...column.settings } };
}

export function standardHeader(id: StandardFillId): string {
  return columnHeader(standardShape(id));
}

/** The sheet's column a standard fill-in column lands in: same name (or header), same kind. */
export function findStandardColumn(columns: readonly ColumnDef[], id: StandardFillId): ColumnDef | null {
  const shape = standardShape(id);
  const header = columnHeader(shape);
  return (
    columns.find(
      (column) => (column.name === shape.name || columnHeader(column) === header) && column.type === shape.type,
    ) ?? null
  );
}

/** The default fill-in columns: 完成投资 only where the sheet has an investment column. */
export function defaultFill(columns: readonly ColumnDef[]): FillColumnChoice[] {
  const hasInvestment = columns.some((column) => column.role === 'investment' && column.type === 'money');
  const ids: StandardFillId[] = hasInvestment
    ? ['doneInvestment', 'progress', 'issues', 'doneDate']
    : ['progress', 'issues', 'doneDate'];
  return ids.map((standard) => ({ standard }));
}

/**
 * The workbook's columns for a send-out: the sheet's visible columns that are not fill-in
 * columns, locked, then the fill-in columns. A standard fill-in column the sheet already has
 * (from an earlier return) is sent with its current values, as that column.
 */
export function sendOutColumns(
  columns: readonly ColumnDef[],
  choices: readonly FillColumnChoice[],
  sheetName: string,
): StampColumn[] {
  const fill: StampColumn[] = [];
  const usedKeys = new Set<string>();
  for (const choice of choices) {
    let column: StampColumn;
    if ('standard' in choice) {
      const existing = findStandardColumn(columns, choice.standard);
      column = existing
        ? {
            key: existing.key,
            header: columnHeader(existing),
            role: 'fill',
            type: existing.type,
            target: { kind: 'column', columnKey: existing.key },
          }
        : {
            key: `fill:${choice.standard}`,
            header: standardHeader(choice.standard),
            role: 'fill',
            type: standardFill(choice.standard).type,
            target: { kind: 'standard', id: choice.standard },
          };
    } else {
      const existing = columns.find((candidate) => candidate.key === choice.columnKey);
      if (!existing) {
        throw PlanbenchError.of(
          'not_found',
          `工作表“${sheetName}”中没有列（${choice.columnKey}）`,
          `sheet "${sheetName}" has no column ${choice.columnKey}`,
          {
            sheet: sheetName,
            column: choice.columnKey,
          },
        );
      }
      column = {
        key: existing.key,
        header: columnHeader(existing),
        role: 'fill',
        type: existing.type,
        target: { kind: 'column', columnKey: existing.key },
      };
    }
    if (column.target.kind === 'column' && isComputedColumn(columns, column.target.columnKey)) {
      // Departments report what it is computed from (已支出), never the computed figure itself.
      throw PlanbenchError.of(
        'invalid_input',
        `“${column.header}”由工作台计算（已支出 ÷ 资金），不能作为填报列；请让各部门填报已支出`,
        `"${column.header}" is computed by the workbench (spent ÷ budget) and cannot be filled in; have departments report 已支出`,
        { sheet: sheetName, column: column.header },
      );
    }
    if (usedKeys.has(column.key)) {
      throw PlanbenchError.of(
        'invalid_input',
        `填报列“${column.header}”选了两次`,
        `fill-in column "${column.header}" is chosen twice`,
        {
          sheet: sheetName,
          column: column.header,
        },
      );
    }
    usedKeys.add(column.key);
    fill.push(column);
  }
  const identifying: StampColumn[] = columns
    .filter((column) => !column.hidden && !usedKeys.has(column.key))
    .map((column) => ({
      key: column.key,
      header: columnHeader(column),
      role: 'identifying',
      type: column.type,
      target: { kind: 'column', columnKey: column.key },
    }));
  return [...identifying, ...fill];
}

/** The plan column a stamp column's values go into now (standard ones are looked up by name). */
export function targetColumn(columns: readonly ColumnDef[], column: StampColumn): ColumnDef | null {
  const target = column.target;
  return target.kind === 'column'
    ? (columns.find((candidate) => candidate.key === target.columnKey) ?? null)
    : findStandardColumn(columns, target.id);
}

/** A key for a new standard column that no column of the sheet has. */
export function freshColumnKey(columns: readonly ColumnDef[], id: StandardFillId): string {
  const keys = new Set(columns.map((column) => column.key));
  if (!keys.has(id)) return id;
  let n = 2;
  while (keys.has(`${id}${n}`)) n++;
  return `${id}${n}`;
}
