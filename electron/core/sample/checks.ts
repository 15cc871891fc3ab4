import type { DeclaredCheckInit } from '../store/planStore';
import type { IndicatorsData, MicrogridData, ProjectsData } from './sampleData';

/**
 * The claims the source documents make about their own tables (counts, totals, allocation sums,
 * rules), as declared checks. Each keeps the claim as stated (rounded 亿元, "约") and quotes where
 * it is made, so the workbench can show a failing check next to the sentence that made it.
 */

/** A declared check before its sheet exists. */
export type SheetCheck = Omit<DeclaredCheckInit, 'sheetId'>;

/** "003_….txt 第908行：“…”" — where a claim is made, as a reader can look it up. */
function quoteAt(file: string, line: number, quote: string): string {
  return `${file} 第${line}行：“${quote}”`;
}

/** The sentence part of `text` that contains `needle` (parts end at 。；： or an opening bracket). */
function clauseWith(text: string, needle: string): string {
  const clause = text.split(/[。；：（]/).find((part) => part.includes(needle));
  if (clause === undefined) throw new Error(`示例数据中找不到“${needle}”`);
  return clause;
}

/** Decimal places written in a stated figure ("104.3" → 1), which is the precision it claims. */
function statedDecimals(figure: string): number {
  return figure.split('.')[1]?.length ?? 0;
}

function leadingNumber(text: string): string {
  const match = /^\d+(?:\.\d+)?/.exec(text.trim());
  if (!match) throw new Error(`示例数据中的“${text}”不以数字开头`);
  return match[0];
}

export function projectChecks(data: ProjectsData): SheetCheck[] {
  const { verification: claim, total_row: totalRow } = data;
  const file = data.source.file;
  const bodySource = (needle: string) => quoteAt(file, claim.body_text_line, clauseWith(claim.body_text_claim, needle));
  const headline = `${claim.body_claimed_projects}项`;
  const approxTotal = leadingNumber(claim.body_claimed_total_yi);
  return [
    {
      kind: 'rowCount',
      label: `正文：重点工程共${claim.body_claimed_projects}项`,
      spec: { expected: claim.body_claimed_projects },
      source: bodySource(headline),
    },
    {
      kind: 'categoryCount',
      label: `正文：重点工程分${claim.body_claimed_categories}大类`,
      spec: { column: 'category', expected: claim.body_claimed_categories },
      source: bodySource(headline),
    },
    {
      kind: 'columnTotal',
      label: `合计行：投资匡算${totalRow.investment_wan}万元`,
      spec: { column: 'investment', expected: totalRow.investment_wan, unit: '万元' },
      source: quoteAt(file, totalRow.source_line, `${totalRow.label} ${totalRow.investment_wan}`),
    },
    {
      kind: 'columnTotal',
      label: `正文：总投资约${approxTotal}亿元`,
      spec: {
        column: 'investment',
        expected: approxTotal,
        unit: '亿元',
        approximate: true,
        decimals: statedDecimals(approxTotal),
      },
      source: bodySource('总投资'),
    },
    ...claim.per_category.map((category): SheetCheck => {
      const amount = category.claimed_investment_yi;
      return {
        kind: 'categoryTotal',
        label:
          amount === null
            ? `正文：${category.category}${category.claimed_count}项（未写投资额）`
            : `正文：${category.category}${category.claimed_count}项，投资${amount}亿元`,
        spec:
          amount === null
            ? { column: 'investment', category: category.category, count: category.claimed_count, amount: null }
            : {
                column: 'investment',
                category: category.category,
                count: category.claimed_count,
                amount,
                unit: '亿元',
                decimals: statedDecimals(amount),
              },
        source: bodySource(category.body_text_label),
      };
    }),
  ];
}

export function indicatorChecks(data: IndicatorsData): SheetCheck[] {
  const { claim, claim_line: line } = data.summary;
  // "主要有6类41项指标": the number of domains and of top-level indicators (sub-indicators excluded).
  const match = /(\d+)类(\d+)项/.exec(claim);
  if (!match) throw new Error(`指标体系的说明“${claim}”中找不到“X类Y项”`);
  const domains = Number(match[1]);
  const indicators = Number(match[2]);
  const source = quoteAt(data.source.file, line, claim);
  return [
    { kind: 'rowCount', label: `正文：指标共${indicators}项`, spec: { expected: indicators, level: 'top' }, source },
    { kind: 'categoryCount', label: `正文：指标分${domains}类`, spec: { column: 'domain', expected: domains }, source },
  ];
}

/**
 * Lines of the two 备注 under the micro-grid table in the seed file; the extracted JSON keeps
 * their text but not their place.
 */
const MICROGRID_NOTE_LINES = [714, 716] as const;

/**
 * A row of the micro-grid table as printed ("溧阳市 2 1 1 4", "合计 10 10 10 30"), rebuilt from
 * the extracted cells of that source line in their order.
 */
function microgridLine(data: MicrogridData, line: number): string {
  const cells = data.rows.filter((row) => row.source_line === line);
  const label = cells[0]?.district ?? '';
  return [label, ...cells.map((row) => String(row.count))].join(' ');
}

export function microgridChecks(data: MicrogridData, yearKey: (year: number) => string): SheetCheck[] {
  const checks = data.rows.flatMap((row): SheetCheck[] => {
    const source = quoteAt(data.source.file, row.source_line, microgridLine(data, row.source_line));
    switch (row.row_kind) {
      case 'stated_row_total':
        return [
          {
            kind: 'allocationRowTotal',
            label: `${row.district}合计${row.count}个`,
            spec: { district: row.district, expected: row.count },
            source,
          },
        ];
      case 'stated_column_total':
        if (typeof row.year !== 'number') throw new Error(`微电网分解表的列合计年份不是数字：${row.year}`);
        return [
          {
            kind: 'allocationColumnTotal',
            label: `${row.year}年合计${row.count}个`,
            spec: { column: yearKey(row.year), expected: row.count },
            source,
          },
        ];
      case 'stated_grand_total':
        return [{ kind: 'allocationGrandTotal', label: `总计${row.count}个`, spec: { expected: row.count }, source }];
      case 'cell':
        return [];
    }
  });
  return [...checks, ...microgridRules(data)];
}

/** The two 备注 rules; the scene share cannot be evaluated, since the table has no scene split. */
function microgridRules(data: MicrogridData): SheetCheck[] {
  const [sceneNote, deadlineNote] = data.notes_verbatim;
  if (sceneNote === undefined || deadlineNote === undefined) throw new Error('微电网分解表缺少两条备注');
  const file = data.source.file;
  return [
    {
      kind: 'rule',
      label: '备注1：产业园区、和美乡村两类场景合计比重不低于25%',
      spec: {
        rule: 'sceneShareMin',
        scenes: ['产业园区', '和美乡村'],
        minShare: 0.25,
        text: sceneNote,
        evaluable: false,
        why: 'table gives no breakdown by scene',
      },
      source: quoteAt(file, MICROGRID_NOTE_LINES[0], sceneNote),
    },
    {
      kind: 'rule',
      label: '备注2：2026年底前完成所有试点示范项目建设',
      spec: { rule: 'completeBy', deadline: '2026-12-31', text: deadlineNote },
      source: quoteAt(file, MICROGRID_NOTE_LINES[1], deadlineNote),
    },
  ];
}
