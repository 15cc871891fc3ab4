import type { ColumnSettings, SheetKind } from '../model/columns';
import type { ColumnContent, ColumnMatch, TargetColumn } from './importMapping';
import { headerYear, rolesOfHeader } from './importSynonyms';
import { normaliseHeader, statedMoneyUnit, totalLabelKind } from './importText';
import { kindColumns } from '../model/sheetKinds';

/**
 * What a department's table is mapped onto when it becomes a new sheet: the kind's columns
 * (defined once, in sheetKinds.ts), and the columns the file has beyond them.
 */

function column(
  key: string,
  name: string,
  type: TargetColumn['type'],
  role: TargetColumn['role'],
  settings: ColumnSettings = {},
): TargetColumn {
  return { key, name, type, role, settings };
}

/** Years named by headers of a role (or by bare year headers: "2025年"). */
function headerYears(headers: readonly string[], accept: (header: string) => boolean): number[] {
  const years = new Set<number>();
  for (const header of headers) {
    const year = headerYear(header);
    if (year !== null && accept(header)) years.add(year);
  }
  return [...years].sort((a, b) => a - b);
}

function isTargetHeader(header: string): boolean {
  const roles = rolesOfHeader(normaliseHeader(header).replace(/\d{4}|年|·/g, '')).map((match) => match.role);
  return roles.length === 0 || roles.includes('target');
}

/**
 * The columns a new sheet of `kind` offers an import: the kind's own (sheetKinds.ts), with the
 * milestone years the file's headers name. A plain table has none: its columns are the file's.
 */
export function templateColumns(kind: SheetKind, headers: readonly string[]): TargetColumn[] {
  switch (kind) {
    case 'indicators':
      return kindColumns(kind, {
        targetYears: headerYears(headers, (header) => isTargetHeader(header) && !/现状|基准|基期/.test(header)),
      });
    case 'allocation':
      return kindColumns(kind, {
        allocationYears: headerYears(headers, (header) => /^(?:19|20|21)\d{2}年?$/.test(normaliseHeader(header))),
      });
    case 'table':
      return [];
    default:
      return kindColumns(kind);
  }
}

/** A column the file has and the template lacks: typed by its header and its values. */
function extraColumn(key: string, header: string, content: ColumnContent | undefined, longText: boolean): TargetColumn {
  const unit = statedMoneyUnit(header);
  if (unit)
    return column(key, header.replace(/[（(][^）)]*[）)]\s*$/, '') || header, 'money', null, {
      moneyUnit: unit,
      decimals: 2,
    });
  if (content === 'number') return column(key, header, 'number', null);
  return column(key, header, longText ? 'longText' : 'text', null);
}

export interface NewSheetPlan {
  columns: TargetColumn[];
  /** The mapping onto those columns (every imported source column has its own target). */
  matches: ColumnMatch[];
}

/**
 * The columns of a new sheet made from a file: in the file's column order, each mapped column as
 * the template has it and every other named column with content as a column of its own. Template
 * columns the file does not have are left out; row-total columns (合计) are not imported.
 */
export function planNewSheet(
  templates: readonly TargetColumn[],
  matches: readonly ColumnMatch[],
  content: readonly ColumnContent[],
  longText: readonly boolean[],
): NewSheetPlan {
  const byKey = new Map(templates.map((template) => [template.key, template]));
  const columns: TargetColumn[] = [];
  const used = new Set<string>();
  const planned = matches.map((match): ColumnMatch => {
    if (match.target !== null) {
      const template = byKey.get(match.target);
      if (template) {
        columns.push(template);
        used.add(template.key);
        return { ...match };
      }
    }
    const header = match.header.trim();
    const skipped = match.how === 'user' && match.target === null;
    if (skipped || header === '' || content[match.source] === 'empty' || totalLabelKind(header) !== null) {
      return { ...match, target: null };
    }
    let key = `c${match.source + 1}`;
    while (used.has(key) || byKey.has(key)) key += '_';
    used.add(key);
    columns.push(extraColumn(key, header, content[match.source], longText[match.source] ?? false));
    return { ...match, target: key, confidence: 1, how: 'new' };
  });
  return { columns, matches: planned };
}
