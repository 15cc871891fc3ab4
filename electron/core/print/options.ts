import type { PrintColumnFacet, PrintOptions, PrintOptionsInput } from '../../../shared/contract/calls/printing';
import { PrintOptions as PrintOptionsSchema } from '../../../shared/contract/calls/printing';
import type { RowData, SheetDetail } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { columnHeader, isDepartmentType } from '../../../shared/model/columns';
import type { PlanStore } from '../store/planStore';
import { assertColumnsExist } from './model';
import { sheetScope } from '../store/settings';

/**
 * A sheet's print setup, saved with the sheet in the plan file (settings scope `sheet:<id>`,
 * key `print`), and what the options panel offers to choose from.
 */

const SETTING_KEY = 'print';

export function defaultPrintOptions(overrides: PrintOptionsInput = {}): PrintOptions {
  return PrintOptionsSchema.parse(overrides);
}

/**
 * The saved setup, or the defaults when there is none. A saved setup that no longer reads (an
 * older layout of the options) falls back to the defaults rather than failing every print.
 */
export function savedPrintOptions(store: PlanStore, sheetId: number): { options: PrintOptions; saved: boolean } {
  const stored = store.getSetting<unknown>(sheetScope(sheetId), SETTING_KEY);
  if (stored === undefined) return { options: defaultPrintOptions(), saved: false };
  const parsed = PrintOptionsSchema.safeParse(stored);
  if (!parsed.success) return { options: defaultPrintOptions(), saved: false };
  return {
    options: withoutMissingColumns(parsed.data, new Set(store.columns(sheetId).map((column) => column.key))),
    saved: true,
  };
}

/** A saved setup minus the columns deleted since it was saved, so it still prints. */
function withoutMissingColumns(options: PrintOptions, keys: ReadonlySet<string>): PrintOptions {
  const columns = options.columns?.filter((column) => keys.has(column.key)) ?? null;
  return {
    ...options,
    columns: columns && columns.length > 0 ? columns : null,
    filters: options.filters.filter((filter) => keys.has(filter.columnKey)),
    sort: options.sort.filter((key) => keys.has(key.columnKey)),
    groupBy: options.groupBy !== null && keys.has(options.groupBy) ? options.groupBy : null,
  };
}

/** Save after checking every column the setup names is in the sheet, so a bad setup is refused, not stored. */
export function savePrintOptions(store: PlanStore, sheetId: number, options: PrintOptions): PrintOptions {
  const sheet = store.getSheet(sheetId);
  assertColumnsExist(sheet, options);
  store.setSetting(sheetScope(sheetId), SETTING_KEY, options);
  return options;
}

const GROUPABLE_ROLES = new Set([
  'category',
  'subcategory',
  'leadUnit',
  'cooperatingUnits',
  'responsibleUnits',
  'district',
  'attribute',
  'compliance',
  'unit',
]);
const GROUPABLE_TYPES = new Set(['department', 'departmentList', 'choice', 'status']);
/** A plain text column with at most this many distinct values is offered for filtering and grouping too. */
const MAX_TEXT_VALUES = 60;

/** The columns as the options panel lists them, with the distinct values of the groupable ones. */
export function columnFacets(sheet: SheetDetail, rows: readonly RowData[]): PrintColumnFacet[] {
  return sheet.columns.map((column) => {
    const values = distinctValues(column, rows);
    const groupable =
      GROUPABLE_TYPES.has(column.type) ||
      (column.role !== null && GROUPABLE_ROLES.has(column.role)) ||
      ((column.type === 'text' || column.type === 'year') &&
        values.length > 0 &&
        values.length <= MAX_TEXT_VALUES &&
        values.length < rows.length);
    return {
      key: column.key,
      name: column.name,
      header: columnHeader(column),
      type: column.type,
      role: column.role,
      hidden: column.hidden,
      groupable,
      values: groupable ? values : [],
    };
  });
}

function distinctValues(column: ColumnDef, rows: readonly RowData[]): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const cell = row.cells[column.key];
    if (!cell) continue;
    if (isDepartmentType(column.type) && Array.isArray(cell.value)) {
      for (const name of cell.value) values.add(name);
    } else if (cell.text.trim() !== '') {
      values.add(cell.text.trim());
    }
  }
  return [...values];
}
