import type { ColumnSettings } from './columns';
import type { ColumnRole, ColumnType, SheetKind } from './columnTypes';

/**
 * The one definition of each sheet kind's usual columns: what the ＋ tab gives a new sheet, what
 * an import maps a department's table onto (importTemplates.ts) and what the sample plan's sheets
 * are built from (electron/core/sample/sheets.ts, which picks the columns its source tables have and
 * states, column by column, where its plan differs). Keys are stable: roll-ups, send-out, print
 * options and saved import layouts refer to them.
 *
 * Where the sample builder and the import templates used to disagree, the definition follows
 * what a user of a new sheet expects:
 *   - 备注 (note) ends projects, indicators, tasks and budget sheets: officials always keep one;
 *     the sample's source tables have none, so its sheets leave it out.
 *   - 任务分解's 完成时限 is a deadline date column: any text is kept as written ("按进度推进"),
 *     and dates, months and year-ends ("6月底前", "2025年底前") are understood as deadlines.
 *   - 任务分解's 工作事项 has the key `item` in every tasks sheet (the sample's work plan said `title`).
 *   - 指标属性 is text: plans use 约束性/预期性/参考性/特色性 and more, and an imported value
 *     outside a fixed list would be refused; the sample, whose source states its three values,
 *     makes it a choice among them.
 *   - 序号 of a task breakdown is text ("1.1", "（一）"); a sheet whose items are numbered 1, 2, 3
 *     may make it a number (the sample's 孤独症 breakdown does).
 */

export interface KindColumn {
  key: string;
  name: string;
  type: ColumnType;
  role: ColumnRole | null;
  settings: ColumnSettings;
}

export interface KindYears {
  /** Milestone years of an indicator system's target columns (目标值·2025年…); default 2025 and 2030. */
  targetYears?: readonly number[];
  /** Year columns of an allocation matrix (2024年…); none by default. */
  allocationYears?: readonly number[];
}

const DEFAULT_TARGET_YEARS = [2025, 2030] as const;

function column(
  key: string,
  name: string,
  type: ColumnType,
  role: ColumnRole | null,
  settings: ColumnSettings = {},
): KindColumn {
  return { key, name, type, role, settings };
}

export const targetKey = (year: number): string => `target${year}`;
export const allocationYearKey = (year: number): string => `y${year}`;

export function kindColumns(kind: SheetKind, years: KindYears = {}): KindColumn[] {
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
        // Supervision (督查督办): what has been spent so far, measured against 投资匡算, and what was done.
        column('doneInvestment', '完成投资', 'money', 'doneInvestment', { moneyUnit: '万元', decimals: 2 }),
        column('progress', '进展情况', 'longText', 'progressNote'),
        column('note', '备注', 'text', 'note'),
      ];
    case 'indicators': {
      const targetYears = years.targetYears?.length ? years.targetYears : DEFAULT_TARGET_YEARS;
      return [
        column('domain', '领域', 'text', 'category'),
        column('task', '任务', 'text', 'subcategory'),
        column('seq', '序号', 'text', 'seq'),
        column('name', '指标名称', 'text', 'name'),
        column('unit', '单位', 'text', 'unit'),
        column('standard', '指标值', 'text', 'standard'),
        column('attribute', '指标属性', 'text', 'attribute'),
        column('baseline', '现状值', 'text', 'baseline'),
        ...targetYears.map((year) => column(targetKey(year), `目标值·${year}年`, 'text', 'target', { year })),
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
        // Supervision (督查督办): the time from 开始时间 to 完成时限 against the reported 完成率.
        column('start', '开始时间', 'date', 'startDate'),
        column('deadline', '完成时限', 'date', 'deadline'),
        column('rate', '完成率', 'percent', 'completionRate', { decimals: 1 }),
        column('progress', '进展情况', 'longText', 'progressNote'),
        column('note', '备注', 'text', 'note'),
      ];
    case 'allocation':
      return [
        column('district', '地区', 'text', 'district'),
        ...(years.allocationYears ?? []).map((year) =>
          column(allocationYearKey(year), `${year}年`, 'number', 'count', { year }),
        ),
      ];
    case 'budget':
      return [
        column('seq', '序号', 'text', 'seq'),
        column('category', '类别', 'text', 'category'),
        column('name', '项目名称', 'text', 'name'),
        column('investment', '资金', 'money', 'investment', { moneyUnit: '万元', decimals: 2 }),
        // Execution (执行): 已支出 ≤ 已下达 ≤ 资金 is checked; departments report 已支出 through send-out.
        column('issued', '已下达', 'money', null, { moneyUnit: '万元', decimals: 2 }),
        column('spent', '已支出', 'money', 'doneInvestment', { moneyUnit: '万元', decimals: 2 }),
        // 执行率 = 已支出 ÷ 资金, computed by the workbench to 0.01% (shared/rules/budgets/executionRate.ts).
        column('rate', '执行率', 'percent', 'completionRate', { decimals: 2 }),
        column('responsible', '责任单位', 'departmentList', 'responsibleUnits'),
        column('note', '备注', 'text', 'note'),
      ];
    case 'table':
      // A plain table still needs somewhere to type.
      return [
        column('seq', '序号', 'text', 'seq'),
        column('name', '名称', 'text', 'name'),
        column('note', '备注', 'text', 'note'),
      ];
  }
}

/** What a sheet of a particular plan changes in one of its kind's columns (a name, a type, settings). */
export type KindColumnChange = Partial<Pick<KindColumn, 'name' | 'type' | 'settings'>>;

/**
 * One column of a kind, as a particular sheet has it. Fails on a key the kind does not have, so a
 * sheet built from the definition cannot drift from it unnoticed.
 */
export function kindColumn(
  kind: SheetKind,
  key: string,
  change: KindColumnChange = {},
  years: KindYears = {},
): KindColumn {
  const found = kindColumns(kind, years).find((candidate) => candidate.key === key);
  if (!found) throw new Error(`sheet kind ${kind} has no column ${key}`);
  return { ...found, ...change, settings: { ...found.settings, ...change.settings } };
}
