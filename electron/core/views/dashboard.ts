import type { Dashboard } from '../../../shared/contract/calls/checks';
import type { DeclaredCheck, PlanMeta } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { isDepartmentType } from '../../../shared/model/columns';
import type { Dec } from '../../../shared/values/exactDecimal';
import { add, fenToDec, isInteger, shift, toText, ZERO } from '../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../shared/values/money';
import { FEN_PER_UNIT } from '../../../shared/values/money';
import { parseYearRange } from '../../../shared/values/periods';
import { spreadUnits } from '../../../shared/values/spread';
import type { PlanStore } from '../store/planStore';
import { buildAllocation, periodYear } from '../checks/allocation';
import { figure } from '../checks/declared';
import type { CheckEngine } from '../checks/engine';
import { cellNumber } from '../checks/indexes/totals';
import { summarize } from '../checks/results';
import { amountColumn } from '../checks/rowChecks';
import type { SheetState } from '../checks/snapshot';
import { cellText } from '../checks/snapshot';

/**
 * What the dashboard draws: where the money goes (by category, by year, by unit), how the
 * indicators stand, how far allocation matrices are along — all exact, with the rules that
 * turn project amounts into yearly amounts stated next to the chart.
 */

export const BY_YEAR_RULE_ZH =
  '每个项目的投资按建设起止年限平均分摊到各年（精确到分，除不尽的余数计入最早的年份）；金额未知的项目不计入；年限无法识别的项目不分年，单列为“未注明年份”。';
export const BY_DEPARTMENT_RULE_ZH =
  '每个项目的投资全部计入所列的第一个单位（通常为牵头单位）；未列单位的计入“（未注明单位）”；按金额从大到小排列，前 12 个以外合为“其他单位”。';

const TOP_DEPARTMENTS = 12;

type Bar = Dashboard['investment'][number]['byCategory'][number];

interface Spread {
  byYear: { year: number; sum: string }[];
  undated: { sum: string; count: number };
  byDepartment: Bar[];
}

const spreadCache = new WeakMap<SheetState, { version: number; spread: Spread }>();

/** Amount in 分 (exact: a money value never has finer than 分). */
function toFen(amount: Dec, unit: MoneyUnit): bigint {
  const power = FEN_PER_UNIT[unit].toString().length - 1;
  const fen = shift(amount, power);
  if (!isInteger(fen)) throw new RangeError(`amount ${toText(amount)} ${unit} is finer than 1 分`);
  return fen.digits;
}

function unitsColumn(sheet: SheetState): ColumnDef | undefined {
  return (
    sheet.byRole('responsibleUnits') ??
    sheet.byRole('leadUnit') ??
    sheet.columns.find((column) => isDepartmentType(column.type))
  );
}

function spreadAmounts(sheet: SheetState, amount: ColumnDef, unit: MoneyUnit): Spread {
  const cached = spreadCache.get(sheet);
  if (cached && cached.version === sheet.version) return cached.spread;
  const period = sheet.byRole('period');
  const units = unitsColumn(sheet);
  const years = new Map<number, bigint>();
  const departments = new Map<string, { fen: bigint; count: number }>();
  let undatedFen = 0n;
  let undatedCount = 0;
  for (const row of sheet.inOrder()) {
    if (row.parentId !== null) continue;
    const value = cellNumber(row, amount);
    if (value === null) continue;
    const fen = toFen(value, unit);
    const span = period ? parseYearRange(cellText(row, period.key)) : null;
    if (span) {
      const count = span.end - span.start + 1;
      spreadUnits(
        fen,
        Array.from({ length: count }, () => 1n),
      ).forEach((part, index) => {
        years.set(span.start + index, (years.get(span.start + index) ?? 0n) + part);
      });
    } else {
      undatedFen += fen;
      undatedCount++;
    }
    const listed = units ? row.cells[units.key]?.value : null;
    const first = Array.isArray(listed) && listed[0] ? listed[0] : '（未注明单位）';
    const entry = departments.get(first) ?? { fen: 0n, count: 0 };
    entry.fen += fen;
    entry.count++;
    departments.set(first, entry);
  }
  const ranked = [...departments.entries()].sort(([, a], [, b]) => (a.fen === b.fen ? 0 : a.fen > b.fen ? -1 : 1));
  const rest = ranked.slice(TOP_DEPARTMENTS);
  const byDepartment: Bar[] = ranked.slice(0, TOP_DEPARTMENTS).map(([label, entry]) => ({
    label,
    sum: toText(fenToDec(entry.fen, unit)),
    count: entry.count,
    known: entry.count,
  }));
  if (rest.length > 0) {
    byDepartment.push({
      label: `其他 ${rest.length} 个单位`,
      sum: toText(
        fenToDec(
          rest.reduce((sum, [, entry]) => sum + entry.fen, 0n),
          unit,
        ),
      ),
      count: rest.reduce((sum, [, entry]) => sum + entry.count, 0),
      known: rest.reduce((sum, [, entry]) => sum + entry.count, 0),
    });
  }
  const spread: Spread = {
    byYear: [...years.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, fen]) => ({ year, sum: toText(fenToDec(fen, unit)) })),
    undated: { sum: toText(fenToDec(undatedFen, unit)), count: undatedCount },
    byDepartment,
  };
  spreadCache.set(sheet, { version: sheet.version, spread });
  return spread;
}

function investment(engine: CheckEngine, sheets: SheetState[]): Dashboard['investment'] {
  return sheets.flatMap((sheet) => {
    const amount = amountColumn(sheet);
    if (!amount || amount.type !== 'money') return [];
    const unit = amount.settings.moneyUnit ?? '万元';
    const totals = engine.indexes(sheet).totals;
    const total = totals.totals.get(amount.key) ?? { sum: ZERO, known: 0 };
    const byCategory: Bar[] = totals.category
      ? totals.labelsInOrder().map((label) => {
          const group = totals.groups.get(label);
          const sum = group?.sums.get(amount.key);
          return {
            label: label || '（空）',
            sum: toText(sum?.sum ?? ZERO),
            count: group?.count ?? 0,
            known: sum?.known ?? 0,
          };
        })
      : [];
    const spread = spreadAmounts(sheet, amount, unit);
    return [
      {
        sheetId: sheet.info.id,
        sheetName: sheet.info.name,
        columnName: amount.name,
        unit,
        total: toText(total.sum),
        known: total.known,
        unknown: totals.topLevel - total.known,
        byCategory,
        byYear: spread.byYear,
        undated: spread.undated,
        byYearRuleZh: BY_YEAR_RULE_ZH,
        byDepartment: spread.byDepartment,
        byDepartmentRuleZh: BY_DEPARTMENT_RULE_ZH,
      },
    ];
  });
}

function indicators(engine: CheckEngine, sheets: SheetState[], meta: PlanMeta): Dashboard['indicators'] {
  return sheets.flatMap((sheet) => {
    const evaluations = engine.indicators(sheet, meta);
    if (evaluations.length === 0) return [];
    const count = (status: string) => evaluations.filter((evaluation) => evaluation.status === status).length;
    return [
      {
        sheetId: sheet.info.id,
        sheetName: sheet.info.name,
        met: count('met'),
        notMet: count('notMet'),
        notApplicable: count('notApplicable'),
        unknown: count('unknown'),
        disagreements: evaluations.filter((evaluation) => evaluation.result.status === 'fail').length,
      },
    ];
  });
}

function allocations(sheets: SheetState[], declared: readonly DeclaredCheck[]): Dashboard['allocations'] {
  return sheets
    .filter((sheet) => sheet.info.kind === 'allocation')
    .map((sheet) => {
      const model = buildAllocation(sheet);
      const mine = declared.filter((check) => check.sheetId === sheet.info.id);
      const target = (kind: string, column?: string): string | null => {
        const found = mine.find(
          (check) => check.kind === kind && (column === undefined || check.spec.column === column),
        );
        const expected = found?.spec.expected;
        return typeof expected === 'string' || typeof expected === 'number' ? toText(figure(expected)) : null;
      };
      let cumulative = ZERO;
      return {
        sheetId: sheet.info.id,
        sheetName: sheet.info.name,
        total: toText(model.grand),
        target: target('allocationGrandTotal'),
        byPeriod: model.periods.map((column) => {
          const total = model.columnTotals.get(column.key) ?? ZERO;
          cumulative = add(cumulative, total);
          return {
            name: column.name,
            year: periodYear(column),
            total: toText(total),
            cumulative: toText(cumulative),
            target: target('allocationColumnTotal', column.key),
          };
        }),
      };
    });
}

export function dashboard(store: PlanStore, engine: CheckEngine): Dashboard {
  const results = engine.run();
  const { meta, sheets } = engine.sync();
  return {
    investment: investment(engine, sheets),
    indicators: indicators(engine, sheets, meta),
    allocations: allocations(sheets, store.listDeclaredChecks()),
    checks: summarize(results),
  };
}
