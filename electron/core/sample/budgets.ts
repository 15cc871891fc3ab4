import { z } from 'zod';
import { costSharingColumns } from '../../../shared/model/budgetSheets';
import { createInvestmentPlan } from '../budgets/investmentPlan';
import { runFactorAllocation } from '../budgets/factorSheet';
import type { ActionOrigin, PlanStore } from '../store/planStore';
import type { SampleData } from './sampleData';
import { readTable, SAMPLE_FILES } from './sampleData';

/**
 * The sample plan's budgets (issue 19), so a new user sees them at work at once:
 * - 年度投资计划, generated from the 88 key projects (投资匡算 spread over each period);
 * - 共同财政事权, the 42 items of the 2024 gazette, their rules left for the finance bureau to
 *   fill in (the document states none, and the checks say so);
 * - a factor-method 资金分配表 over the seven districts, its factors taken from this plan (the
 *   districts' micro-grid pilots and key projects); the fund of 1,000万元 is illustrative, and the
 *   sheet's description says so.
 */

export const FISCAL_SHARING_FILE = 'fiscal_sharing.json';

const FiscalSharingFile = z.object({
  source: z.object({ document: z.string(), doc_number: z.string(), issuer: z.string(), issued: z.string() }),
  summary: z.object({ records: z.number().int(), classes: z.number().int(), stated_scope: z.string() }),
  records: z.array(
    z.object({ item_id: z.string(), domain: z.string(), item: z.string(), source_line: z.number().int() }),
  ),
});

const origin = (detail: string): ActionOrigin => ({ source: 'system', label: '创建示例规划', detail });

function costSharingSheet(store: PlanStore, dataDir: string): void {
  const fiscal = readTable(dataDir, FISCAL_SHARING_FILE, FiscalSharingFile);
  const { source, summary } = fiscal;
  const sheetId = store.createSheet({
    name: '共同财政事权',
    kind: 'budget',
    description: `《${source.document}》（${source.doc_number}）市与区共同财政事权清单（文件未规定分担比例，由财政部门按事项填写）`,
    columns: costSharingColumns(),
  });
  store.insertRows(
    sheetId,
    fiscal.records.map((record) => ({ cells: { seq: record.item_id, domain: record.domain, item: record.item } })),
    origin(FISCAL_SHARING_FILE),
  );
  const quote = `${source.issuer}《${source.document}》：“${summary.stated_scope}”`;
  store.addDeclaredChecks([
    {
      sheetId,
      kind: 'rowCount',
      label: `正文：共同财政事权共${summary.records}项`,
      spec: { expected: summary.records },
      source: quote,
    },
    {
      sheetId,
      kind: 'categoryCount',
      label: `正文：共同财政事权分${summary.classes}类`,
      spec: { column: 'domain', expected: summary.classes },
      source: quote,
    },
  ]);
}

function factorAllocationSheet(store: PlanStore, data: SampleData): void {
  const pilots = new Map<string, number>();
  for (const row of data.microgrid.rows) {
    if (row.row_kind === 'cell') pilots.set(row.district, (pilots.get(row.district) ?? 0) + row.count);
  }
  // A district's key projects: those its government (or 管委会) is responsible for.
  const projectCount = (district: string) =>
    data.projects.projects.filter((project) =>
      project.responsible_units_normalised.some(
        (unit) => unit === `${district}人民政府` || unit === `${district}管委会`,
      ),
    ).length;
  const sheetId = store.createSheet({
    name: '资金分配表',
    kind: 'budget',
    description:
      '《常州市生态文明建设规划（2021—2030年）》各地区资金分配表（因素法示例：资金总额1000万元为演示用；因素取自本规划的微电网试点分解表和重点工程表）',
    columns: [
      { key: 'district', name: '地区', type: 'text', role: 'district' },
      { key: 'pilots', name: '试点任务数', type: 'number' },
      { key: 'projects', name: '重点工程项目数', type: 'number' },
      { key: 'share', name: '分配额', type: 'money', role: 'investment', settings: { moneyUnit: '万元', decimals: 4 } },
    ],
  });
  store.insertRows(
    sheetId,
    [...pilots].map(([district, count]) => ({
      cells: { district, pilots: String(count), projects: String(projectCount(district)) },
    })),
    origin(`${SAMPLE_FILES.microgrid}、${SAMPLE_FILES.projects}`),
  );
  runFactorAllocation(
    store,
    sheetId,
    {
      total: '1000万元',
      weights: [
        { column: 'pilots', weight: '60%' },
        { column: 'projects', weight: '40%' },
      ],
      into: 'share',
      unit: '元',
      floorColumn: null,
      capColumn: null,
    },
    origin('因素法分配'),
  );
}

/** Add the budget sheets to the sample plan being built (inside its transaction). */
export function addSampleBudgets(store: PlanStore, data: SampleData, dataDir: string): void {
  const projects = store.listSheets().find((sheet) => sheet.kind === 'projects');
  if (!projects) throw new Error('示例规划缺少重点工程表 / the sample plan has no project table');
  createInvestmentPlan(store, projects.id, '年度投资计划', origin(SAMPLE_FILES.projects));
  costSharingSheet(store, dataDir);
  factorAllocationSheet(store, data);
}
