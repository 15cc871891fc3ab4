import type { FactorAllocationSettings } from '../../../shared/contract/calls/budgets';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ColumnDef } from '../../../shared/model/columns';
import { allocateByFactors, FACTOR_RULE_EN, FACTOR_RULE_ZH } from '../../../shared/rules/budgets/factorAllocation';
import type { Dec } from '../../../shared/values/exactDecimal';
import { isInteger, parseDec, toText } from '../../../shared/values/exactDecimal';
import { FEN_PER_UNIT, fenToDecimal, parseMoneyText, toHalfWidth } from '../../../shared/values/money';
import type { ActionOrigin, PlanStore } from '../store/planStore';
import { sheetScope } from '../store/settings';
import { cellDecimal, columnNamed, factorMatrix, rowLabel, topRows } from './sheetValues';

/**
 * A factor-method allocation on a sheet: the factors are its columns, the shares go into one of
 * them, and the settings (total, weights, rounding) are kept with the sheet so that changing a
 * factor allocates again the same way (reallocateAfterEdit).
 */

export const FACTOR_SETTINGS_KEY = 'factorAllocation';

export function savedFactorSettings(store: PlanStore, sheetId: number): FactorAllocationSettings | null {
  return store.getSetting<FactorAllocationSettings>(sheetScope(sheetId), FACTOR_SETTINGS_KEY) ?? null;
}

function invalid(messageZh: string, messageEn: string, sheet: string, column?: string): PlanbenchError {
  return PlanbenchError.of('invalid_input', messageZh, messageEn, column ? { sheet, column } : { sheet });
}

/** "0.5", "50%", "５０％" → 0.5; null when not a non-negative decimal or percentage. */
export function readWeight(text: string): Dec | null {
  const plain = toHalfWidth(text).replace(/\s+/g, '');
  const percent = plain.endsWith('%');
  const value = parseDec(percent ? plain.slice(0, -1) : plain);
  if (!value || value.digits < 0n) return null;
  return percent ? { digits: value.digits, scale: value.scale + 2 } : value;
}

interface Plan {
  /** Whole units to allocate and how one unit is written into the into column. */
  totalUnits: bigint;
  unitText: (units: bigint) => string;
  /** A floor or cap cell's value in whole units. */
  toUnits: (value: Dec) => bigint | null;
  unitName: string;
}

/** How the total and the shares are counted for the into column: 元/万元 of money, or whole units. */
function unitPlan(into: ColumnDef, settings: FactorAllocationSettings, sheet: string): Plan {
  if (into.type === 'money') {
    const step = FEN_PER_UNIT[settings.unit];
    const columnUnit = into.settings.moneyUnit ?? '万元';
    const parsed = parseMoneyText(settings.total, settings.unit);
    if (parsed.kind !== 'amount' || parsed.approximate || parsed.fen < 0n) {
      throw invalid(
        `分配总额“${settings.total}”不是确定的金额（如 1000万、1,000万元、10000000）`,
        `the total "${settings.total}" is not a definite amount (e.g. 1000万, 1,000万元, 10000000)`,
        sheet,
      );
    }
    if (parsed.fen % step !== 0n) {
      throw invalid(
        `分配总额“${settings.total}”不是整${settings.unit}，无法按${settings.unit}取整分配`,
        `the total "${settings.total}" is not a whole number of ${settings.unit}, so it cannot be allocated in whole ${settings.unit}`,
        sheet,
      );
    }
    // Floors and caps are in the column's own unit, like every amount in it.
    const fenPerColumnUnit = FEN_PER_UNIT[columnUnit];
    return {
      totalUnits: parsed.fen / step,
      unitText: (units) => fenToDecimal(units * step, columnUnit),
      toUnits: (value) => {
        const fen = value.digits * fenPerColumnUnit;
        const divisor = 10n ** BigInt(value.scale) * step;
        return fen % divisor === 0n ? fen / divisor : null;
      },
      unitName: settings.unit,
    };
  }
  if (into.type === 'number') {
    const total = parseDec(toHalfWidth(settings.total));
    if (!total || !isInteger(total) || total.digits < 0n) {
      throw invalid(
        `分配总数“${settings.total}”应为非负整数（“${into.name}”是计数列）`,
        `the total "${settings.total}" must be a whole number ("${into.name}" counts units)`,
        sheet,
      );
    }
    return {
      totalUnits: total.digits,
      unitText: (units) => units.toString(),
      toUnits: (value) => (isInteger(value) ? value.digits : null),
      unitName: '',
    };
  }
  throw invalid(
    `分配结果只能写入金额或数字列，“${into.name}”不是`,
    `shares go into a money or number column; "${into.name}" is neither`,
    sheet,
    into.name,
  );
}

export interface FactorRun {
  total: string;
  unit: string;
  rows: { rowId: number; label: string; share: string }[];
  edits: { rowId: number; columnKey: string; text: string }[];
}

/** Compute the allocation a sheet's settings ask for, or refuse naming the row and column. */
export function computeFactorAllocation(
  store: PlanStore,
  sheetId: number,
  settings: FactorAllocationSettings,
): FactorRun {
  const { name: sheet, columns } = store.getSheet(sheetId);
  const into = columnNamed(columns, settings.into, sheet);
  const factors = settings.weights.map(({ column }) => columnNamed(columns, column, sheet));
  const clash = factors.find((factor) => factor.key === into.key);
  if (clash)
    throw invalid(
      `“${clash.name}”不能既是因素又写入结果`,
      `"${clash.name}" cannot be both a factor and the result`,
      sheet,
    );
  const weights = settings.weights.map(({ weight }, index) => {
    const value = readWeight(weight);
    if (!value) {
      throw invalid(
        `因素“${factors[index]!.name}”的权重“${weight}”应为小数或百分数（如 0.5 或 50%）`,
        `the weight "${weight}" of "${factors[index]!.name}" must be a decimal or a percentage (0.5 or 50%)`,
        sheet,
        factors[index]!.name,
      );
    }
    return value;
  });
  const plan = unitPlan(into, settings, sheet);
  const floorColumn = settings.floorColumn ? columnNamed(columns, settings.floorColumn, sheet) : null;
  const capColumn = settings.capColumn ? columnNamed(columns, settings.capColumn, sheet) : null;
  const rows = topRows(store, sheetId);
  const labels = rows.map((row, index) => rowLabel(columns, row, index + 1));
  const bound = (column: ColumnDef | null) =>
    rows.map((row, index) => {
      if (!column) return null;
      const value = cellDecimal(row, column);
      if (value === null) return null;
      const units = plan.toUnits(value);
      if (units === null) {
        throw invalid(
          `第 ${index + 1} 行“${labels[index]}”的“${column.name}”（${toText(value)}）不是整${plan.unitName || '数'}`,
          `row ${index + 1} "${labels[index]}": "${column.name}" (${toText(value)}) is not a whole ${plan.unitName || 'number'}`,
          sheet,
          column.name,
        );
      }
      return units;
    });
  const values = factorMatrix(rows, factors, labels, sheet);
  const result = allocateByFactors({
    total: plan.totalUnits,
    factors: values,
    weights,
    factorNames: factors.map((factor) => factor.name),
    rowNames: labels,
    floors: bound(floorColumn),
    caps: bound(capColumn),
  });
  if (!result.ok) throw invalid(result.reasonZh, result.reasonEn, sheet);
  const shares = result.shares.map((units) => plan.unitText(units));
  return {
    total: plan.unitText(plan.totalUnits),
    unit: into.type === 'money' ? (into.settings.moneyUnit ?? '万元') : '',
    rows: rows.map((row, index) => ({ rowId: row.id, label: labels[index]!, share: shares[index]! })),
    edits: rows.map((row, index) => ({ rowId: row.id, columnKey: into.key, text: shares[index]! })),
  };
}

/** Allocate, write the shares as one action and keep the settings with the sheet. */
export function runFactorAllocation(
  store: PlanStore,
  sheetId: number,
  settings: FactorAllocationSettings,
  origin: ActionOrigin = { source: 'user', label: '因素法分配' },
) {
  const run = computeFactorAllocation(store, sheetId, settings);
  const { actionId } = store.inAction(origin, () => {
    store.updateCells(sheetId, run.edits, origin, 'abort');
    store.setSheetSetting(sheetId, FACTOR_SETTINGS_KEY, settings, origin);
  });
  return { actionId, total: run.total, unit: run.unit, rows: run.rows, ruleZh: FACTOR_RULE_ZH, ruleEn: FACTOR_RULE_EN };
}

/**
 * After cells of a sheet changed inside an action: when the sheet keeps a factor allocation and
 * one of its factors, floors or caps changed, write the new shares into the same action, so one
 * undo takes back the edit and its re-allocation together. An allocation the edit makes
 * impossible (a factor cleared) leaves the shares as they were; the checks show why.
 */
export function reallocateAfterEdit(store: PlanStore, sheetId: number, changedKeys: ReadonlySet<string>): void {
  const settings = savedFactorSettings(store, sheetId);
  if (!settings) return;
  const columns = store.columns(sheetId);
  const keyOf = (ref: string | null) =>
    ref === null ? null : (columns.find((column) => column.key === ref || column.name === ref)?.key ?? null);
  const inputs = [
    ...settings.weights.map(({ column }) => keyOf(column)),
    keyOf(settings.floorColumn),
    keyOf(settings.capColumn),
  ];
  if (!inputs.some((key) => key !== null && changedKeys.has(key))) return;
  let run: FactorRun;
  try {
    run = computeFactorAllocation(store, sheetId, settings);
  } catch (error) {
    if (error instanceof PlanbenchError) return;
    throw error;
  }
  store.updateCells(sheetId, run.edits, { source: 'user' }, 'abort');
}

/**
 * The note a printed 资金分配表 carries under its table, as official attachments do: the
 * formula, the fund, each factor with its weight, and the rounding; null for other sheets.
 */
export function factorAllocationNote(store: PlanStore, sheetId: number): string | null {
  const settings = savedFactorSettings(store, sheetId);
  if (!settings) return null;
  const columns = store.columns(sheetId);
  const nameOf = (ref: string) => columns.find((column) => column.key === ref || column.name === ref)?.name ?? ref;
  const weights = settings.weights.map(({ column, weight }) => {
    const value = readWeight(weight);
    const percent = value ? `${toText({ digits: value.digits * 100n, scale: value.scale })}%` : weight;
    return `${nameOf(column)} ${percent}`;
  });
  const bounds = [
    settings.floorColumn ? `保底见“${nameOf(settings.floorColumn)}”` : '',
    settings.capColumn ? `上限见“${nameOf(settings.capColumn)}”` : '',
  ].filter(Boolean);
  return (
    `注：${nameOf(settings.into)}按因素法计算，资金总额 ${settings.total}；因素及权重：${weights.join('，')}。` +
    `${FACTOR_RULE_ZH}${bounds.length ? `（${bounds.join('，')}）` : ''}`
  );
}
