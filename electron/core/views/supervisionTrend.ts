import type { SupervisionTrend, TrendPoint } from '../../../shared/contract/calls/supervision';
import { isSupervisable, supervisionColumns } from '../../../shared/rules/supervision/rowReading';
import { countStatuses } from '../../../shared/rules/supervision/status';
import { dec, divide, multiply, toFixedText } from '../../../shared/values/exactDecimal';
import { decimalToFen, fenToDecimal } from '../../../shared/values/money';
import type { MoneyUnit } from '../../../shared/values/money';
import type { CellValue } from '../../../shared/values/cells';
import type { PlanStore } from '../store/planStore';
import type { FigureOverrides } from '../supervision/progress';
import { sheetProgress, today } from '../supervision/progress';
import { statusByDepartment } from '../supervision/reportBlocks';
import { roundCells, roundProgress } from '../supervision/rounds';

/**
 * The dashboard's view of supervision over time: for each task or project sheet that has
 * reporting rounds, every round (and the plan as it stands, 当前) with its statuses by lead
 * department — from the same reading as `planbench progress` and the 通报 — and, for projects,
 * investment completion Σ完成投资 / Σ投资匡算 as each round reported it, summed exactly in 分.
 */

type Cells = Readonly<Record<string, CellValue | undefined>>;

function investmentOf(store: PlanStore, sheetId: number, overrides: FigureOverrides | null): TrendPoint['investment'] {
  const found = supervisionColumns(store.columns(sheetId));
  const doneColumn = found.doneInvestment;
  const budgetColumn = found.budget;
  if (!doneColumn || !budgetColumn) return null;
  const unitOf = (unit: MoneyUnit | undefined): MoneyUnit => unit ?? '万元';
  let done = 0n;
  let budget = 0n;
  let reported = false;
  for (const row of store.allRows(sheetId)) {
    // Top-level rows only: a project's sub-items are already in its figures.
    if (row.parentId !== null) continue;
    const cells: Cells = { ...row.cells, ...overrides?.(row.id) };
    const fenOf = (key: string, unit: MoneyUnit | undefined) => {
      const value = cells[key]?.value;
      return typeof value === 'string' ? decimalToFen(value, unitOf(unit)) : null;
    };
    const rowBudget = fenOf(budgetColumn.key, budgetColumn.settings.moneyUnit);
    const rowDone = fenOf(doneColumn.key, doneColumn.settings.moneyUnit);
    if (rowBudget === null || rowBudget <= 0n) continue;
    budget += rowBudget;
    if (rowDone !== null) {
      done += rowDone;
      reported = true;
    }
  }
  if (!reported) return null;
  const unit = unitOf(budgetColumn.settings.moneyUnit);
  const percent = budget > 0n ? toFixedText(divide(multiply(dec(done), dec(100)), dec(budget), 6), 2) : null;
  return { done: fenToDecimal(done, unit), budget: fenToDecimal(budget, unit), unit, percent };
}

function point(
  store: PlanStore,
  sheetId: number,
  label: string,
  progress: ReturnType<typeof sheetProgress>,
  overrides: FigureOverrides | null,
): TrendPoint {
  const rows = progress.rows.filter((row) => row.parentId === null);
  return {
    label,
    asOf: progress.asOf,
    counts: countStatuses(rows.map((row) => row.status)),
    byDepartment: statusByDepartment(rows),
    investment: investmentOf(store, sheetId, overrides),
  };
}

export function supervisionTrend(store: PlanStore, asOf: string = today()): SupervisionTrend {
  const sheets = store
    .listSheets()
    .filter((sheet) => sheet.kind === 'tasks' || sheet.kind === 'projects')
    .filter((sheet) => isSupervisable(supervisionColumns(store.columns(sheet.id))))
    .map((sheet) => ({ sheet, rounds: store.rounds.list(sheet.id) }))
    .filter(({ rounds }) => rounds.length > 0);
  return {
    sheets: sheets.map(({ sheet, rounds }) => ({
      sheetId: sheet.id,
      sheetName: sheet.name,
      kind: sheet.kind,
      points: [
        ...rounds.map((round) =>
          point(store, sheet.id, round.name, roundProgress(store, round.id), roundCells(store, round)),
        ),
        point(store, sheet.id, '当前', sheetProgress(store, sheet.id, asOf), null),
      ],
    })),
  };
}
