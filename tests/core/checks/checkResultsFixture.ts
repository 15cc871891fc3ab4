/**
 * The sheets and helpers the check-result promise tests share.
 */
import type { SheetInit } from '../../../electron/core/store/planStore';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { engineFor } from '../../../electron/core/checks/engine';
import type { CheckResult } from '../../../shared/contract/calls/checks';

export const PROJECTS: SheetInit = {
  name: '重点工程',
  kind: 'projects',
  columns: [
    { key: 'category', name: '大类', type: 'text', role: 'category' },
    { key: 'seq', name: '序号', type: 'number', role: 'seq' },
    { key: 'name', name: '项目名称', type: 'text', role: 'name' },
    { key: 'content', name: '建设内容', type: 'longText', role: 'content' },
    { key: 'period', name: '建设期限', type: 'yearRange', role: 'period' },
    { key: 'investment', name: '总投资（万元）', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
    { key: 'units', name: '责任主体', type: 'departmentList', role: 'responsibleUnits' },
  ],
};

export const INDICATORS: SheetInit = {
  name: '指标体系',
  kind: 'indicators',
  columns: [
    { key: 'seq', name: '序号', type: 'text', role: 'seq' },
    { key: 'name', name: '指标名称', type: 'text', role: 'name' },
    { key: 'unit', name: '单位', type: 'text', role: 'unit' },
    { key: 'standard', name: '指标值', type: 'text', role: 'standard' },
    { key: 'baseline', name: '现状值（2020年）', type: 'text', role: 'baseline' },
    { key: 'target2030', name: '目标值·2030年', type: 'text', role: 'target', settings: { year: 2030 } },
    { key: 'target2025', name: '目标值·2025年', type: 'text', role: 'target', settings: { year: 2025 } },
    { key: 'compliance', name: '达标情况', type: 'text', role: 'compliance' },
  ],
};

export const CONTENT = '新建电动汽车充电桩500个及配套设施';

/** The results of one sheet, as the checks panel lists them. */
export function resultsOf(store: PlanStore, sheetId: number): CheckResult[] {
  return engineFor(store)
    .run()
    .filter((result) => result.sheetId === sheetId);
}

export const byKind = (results: CheckResult[], kind: CheckResult['kind']) =>
  results.filter((result) => result.kind === kind);
