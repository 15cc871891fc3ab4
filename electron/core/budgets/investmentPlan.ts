import { PlanbenchError } from '../../../shared/contract/errors';
import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { investmentPlanColumns, investYearKey } from '../../../shared/model/budgetSheets';
import { spreadEvenly, yearsOf } from '../../../shared/rules/budgets/yearSpread';
import { decimalToFen, fenToDecimal } from '../../../shared/values/money';
import type { MoneyUnit } from '../../../shared/values/money';
import { parseYearRange } from '../../../shared/values/periods';
import type { ActionOrigin, PlanStore, RowInit, SheetInit } from '../store/planStore';
import { topRows } from './sheetValues';

/**
 * The 年度投资计划 generated from a project table: each project's 投资匡算 spread evenly over the
 * years of its 建设起止年限 (the last year takes what the even part leaves, so the years add up
 * exactly), with the funding-source columns left for the finance bureau to fill in. An unknown
 * amount ("/") or a period that names no years leaves the year cells empty, for the checks to show.
 */

interface ProjectColumns {
  seq?: ColumnDef;
  category?: ColumnDef;
  name?: ColumnDef;
  responsible?: ColumnDef;
  period?: ColumnDef;
  investment: ColumnDef;
}

function projectColumns(columns: readonly ColumnDef[], sheetName: string): ProjectColumns {
  const byRole = (role: ColumnDef['role']) => columns.find((column) => column.role === role);
  const investment = byRole('investment') ?? columns.find((column) => column.type === 'money');
  if (!investment || !byRole('period')) {
    throw PlanbenchError.of(
      'invalid_input',
      `工作表“${sheetName}”没有投资匡算（金额）列或建设起止年限列，无法生成年度投资计划`,
      `sheet "${sheetName}" has no investment (money) column or construction-period column to spread`,
      { sheet: sheetName },
    );
  }
  return {
    seq: byRole('seq'),
    category: byRole('category'),
    name: byRole('name'),
    responsible: byRole('responsibleUnits') ?? byRole('leadUnit'),
    period: byRole('period'),
    investment,
  };
}

const text = (row: RowData, column: ColumnDef | undefined) => (column ? (row.cells[column.key]?.text ?? '') : '');

function projectYears(row: RowData, columns: ProjectColumns): number[] | null {
  const range = parseYearRange(text(row, columns.period));
  return range ? yearsOf(range) : null;
}

/** The sheet the projects of `projects` become: its columns and one row per top-level project. */
export function investmentPlanSheet(
  projects: { name: string; description: string; columns: readonly ColumnDef[]; rows: readonly RowData[] },
  fallbackYears: readonly number[],
  name: string,
): { init: SheetInit; rows: RowInit[] } {
  const columns = projectColumns(projects.columns, projects.name);
  const unit: MoneyUnit = columns.investment.settings.moneyUnit ?? '万元';
  const spans = projects.rows.map((row) => projectYears(row, columns));
  const allYears = spans.flatMap((years) => years ?? []);
  const first = allYears.length ? Math.min(...allYears) : Math.min(...fallbackYears);
  const last = allYears.length ? Math.max(...allYears) : Math.max(...fallbackYears);
  const years = yearsOf({ start: first, end: last });
  const rows = projects.rows.map((row, index): RowInit => {
    const value = row.cells[columns.investment.key]?.value;
    const fen = typeof value === 'string' ? decimalToFen(value, unit) : null;
    const span = spans[index];
    const spread =
      fen !== null && fen >= 0n && span
        ? Object.fromEntries(
            spreadEvenly(fen, span.length).map((part, at) => [investYearKey(span[at]!), fenToDecimal(part, '万元')]),
          )
        : {};
    return {
      cells: {
        seq: text(row, columns.seq),
        category: text(row, columns.category),
        name: text(row, columns.name),
        responsible: text(row, columns.responsible),
        period: text(row, columns.period),
        investment:
          fen === null
            ? text(row, columns.investment)
            : (row.cells[columns.investment.key]?.approximate ? '约' : '') + fenToDecimal(fen, '万元'),
        ...spread,
      },
    };
  });
  return {
    init: {
      name,
      kind: 'budget',
      description: `${projects.description ? `${projects.description}：` : ''}年度投资计划（由“${projects.name}”生成：投资匡算按建设年限平均分摊，余数计入最后一年；资金来源待填）`,
      columns: investmentPlanColumns(years),
    },
    rows,
  };
}

/** Generate the sheet from a project table in the plan, as one undoable action; its id. */
export function createInvestmentPlan(
  store: PlanStore,
  projectsSheetId: number,
  name: string,
  origin: ActionOrigin = { source: 'user', label: `生成“${name}”` },
): number {
  if (store.listSheets().some((sheet) => sheet.name === name)) {
    throw PlanbenchError.of('invalid_input', `已有名为“${name}”的工作表`, `a sheet named "${name}" already exists`);
  }
  const projects = store.getSheet(projectsSheetId);
  const meta = store.getMeta();
  const fallback =
    meta.periodStart !== null && meta.periodEnd !== null
      ? [meta.periodStart, meta.periodEnd]
      : [new Date().getFullYear()];
  const { init, rows } = investmentPlanSheet(
    {
      name: projects.name,
      description: projects.description,
      columns: projects.columns,
      rows: topRows(store, projectsSheetId),
    },
    fallback,
    name,
  );
  const { value } = store.inAction(origin, () => {
    const sheetId = store.createSheet(init);
    if (rows.length > 0) store.insertRows(sheetId, rows, origin);
    return sheetId;
  });
  return value;
}
