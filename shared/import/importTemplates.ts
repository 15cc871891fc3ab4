import type { ColumnSettings, SheetKind } from '../model/columns';
import type { ColumnContent, ColumnMatch, TargetColumn } from './importMapping';
import { headerYear, rolesOfHeader } from './importSynonyms';
import { normaliseHeader, statedMoneyUnit, totalLabelKind } from './importText';

/**
 * The columns a new sheet of each kind offers an import, with their types and roles: what a
 * department's table is mapped onto when it becomes a new sheet. Milestone-year columns (targets,
 * allocation years) come from the years the file's headers name.
 */

function column(key: string, name: string, type: TargetColumn['type'], role: TargetColumn['role'], settings: ColumnSettings = {}): TargetColumn {
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

export function templateColumns(kind: SheetKind, headers: readonly string[]): TargetColumn[] {
  switch (kind) {
    case 'projects':
      return [
        column('seq', '序号', 'number', 'seq'),
        column('category', '大类', 'text', 'category'),
        column('subcategory', '小类', 'text', 'subcategory'),
        column('name', '项目名称', 'text', 'name'),
        column('content', '建设内容、规模', 'longText', 'content'),
        column('period', '建设起止年限', 'yearRange', 'period'),
        column('investment', '投资匡算', 'money', 'investment', { moneyUnit: '万元', decimals: 2 }),
        column('responsible', '责任主体', 'departmentList', 'responsibleUnits'),
        column('note', '备注', 'text', 'note'),
      ];
    case 'indicators': {
      const years = headerYears(headers, (header) => isTargetHeader(header) && !/现状|基准|基期/.test(header));
      return [
        column('domain', '领域', 'text', 'category'),
        column('task', '任务', 'text', 'subcategory'),
        column('seq', '序号', 'text', 'seq'),
        column('name', '指标名称', 'text', 'name'),
        column('unit', '单位', 'text', 'unit'),
        column('standard', '指标值', 'text', 'standard'),
        column('attribute', '指标属性', 'text', 'attribute'),
        column('baseline', '现状值', 'text', 'baseline'),
        ...(years.length ? years : [2025, 2030]).map((year) => column(`target${year}`, `目标值·${year}年`, 'text', 'target', { year })),
        column('compliance', '达标情况', 'text', 'compliance'),
        column('note', '备注', 'text', 'note'),
      ];
    }
    case 'tasks':
      return [
        column('seq', '序号', 'text', 'seq'),
        column('section', '板块', 'text', 'category'),
        column('item', '工作事项', 'text', 'name'),
        column('content', '具体内容', 'longText', 'content'),
        column('lead', '牵头单位', 'departmentList', 'leadUnit'),
        column('coop', '配合单位', 'departmentList', 'cooperatingUnits'),
        column('deadline', '完成时限', 'text', 'deadline'),
        column('note', '备注', 'text', 'note'),
      ];
    case 'allocation': {
      const years = headerYears(headers, (header) => /^(?:19|20|21)\d{2}年?$/.test(normaliseHeader(header)));
      return [column('district', '地区', 'text', 'district'), ...years.map((year) => column(`y${year}`, `${year}年`, 'number', 'count', { year }))];
    }
    case 'budget':
      return [
        column('seq', '序号', 'text', 'seq'),
        column('category', '类别', 'text', 'category'),
        column('name', '项目名称', 'text', 'name'),
        column('investment', '资金', 'money', 'investment', { moneyUnit: '万元', decimals: 2 }),
        column('responsible', '责任单位', 'departmentList', 'responsibleUnits'),
        column('note', '备注', 'text', 'note'),
      ];
    case 'table':
      return [];
  }
}

/** A column the file has and the template lacks: typed by its header and its values. */
function extraColumn(key: string, header: string, content: ColumnContent | undefined, longText: boolean): TargetColumn {
  const unit = statedMoneyUnit(header);
  if (unit) return column(key, header.replace(/[（(][^）)]*[）)]\s*$/, '') || header, 'money', null, { moneyUnit: unit, decimals: 2 });
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
