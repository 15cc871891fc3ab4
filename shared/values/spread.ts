/**
 * Spreading a total across cells in whole units (pilots, projects, 分 of money), so the parts
 * always add up to the total exactly.
 *
 * The rule (largest remainder, Hamilton's method):
 * 1. each cell's exact share is total × its weight ÷ the sum of the weights (evenly: all weights 1);
 * 2. each cell first gets the whole units of its share (rounded down);
 * 3. the units left over go one each to the cells with the largest remainders;
 * 4. equal remainders go to the cell that comes first in the order the cells are given (for a
 *    matrix: rows top to bottom, then columns left to right).
 * So 30 pilots over 7 districts × 3 years give 1 each and the 9 left over to the first 9 cells.
 */
import type { Dec } from './exactDecimal';
import { dec, isInteger, shift, toText } from './exactDecimal';

export const SPREAD_RULE_ZH =
  '按权重计算每格应得份额，先取整数部分；剩余的单位逐一分给小数部分最大的格；小数部分相同时，按先行后列的顺序优先分给靠前的格。';
export const SPREAD_RULE_EN =
  'Each cell gets the whole units of its exact share (total × weight ÷ sum of weights); the units left over go one each to the cells with the largest remainders, ties to the cell that comes first (rows top to bottom, then columns left to right).';

/** Whole units by the largest-remainder rule; `weights` must be ≥ 0 with a positive sum. */
export function spreadUnits(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('the total to spread must not be negative');
  if (weights.some((weight) => weight < 0n)) throw new RangeError('weights must not be negative');
  const sum = weights.reduce((acc, weight) => acc + weight, 0n);
  if (sum === 0n) throw new RangeError('the weights add up to zero');
  const units = weights.map((weight) => (total * weight) / sum);
  let left = total - units.reduce((acc, unit) => acc + unit, 0n);
  // Cells by remainder, largest first; a stable sort keeps earlier cells first among equals.
  const order = weights
    .map((weight, index) => ({ index, remainder: (total * weight) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0n) break;
    units[index] = (units[index] ?? 0n) + 1n;
    left--;
  }
  return units;
}

export type SpreadFailure = { ok: false; reasonZh: string; reasonEn: string };

/**
 * Spread a decimal total in steps of 10^−decimals (0 for counts, 2 for 万元 to the 0.01) by
 * decimal weights. Refuses a total finer than the step, negative weights, or weights that add
 * up to zero, with a reason.
 */
export function spreadDecimal(
  total: Dec,
  weights: readonly Dec[],
  decimals: number,
): { ok: true; parts: Dec[] } | SpreadFailure {
  const scaledTotal = shift(total, decimals);
  if (!isInteger(scaledTotal)) {
    return {
      ok: false,
      reasonZh: `总数 ${toText(total)} 的小数位多于该列允许的 ${decimals} 位`,
      reasonEn: `the total ${toText(total)} has more decimals than the column allows (${decimals})`,
    };
  }
  if (scaledTotal.digits < 0n) {
    return { ok: false, reasonZh: '分摊的总数不能为负', reasonEn: 'the total to spread must not be negative' };
  }
  if (weights.some((weight) => weight.digits < 0n)) {
    return { ok: false, reasonZh: '分摊依据中有负数', reasonEn: 'the basis has negative values' };
  }
  const scale = Math.max(0, ...weights.map((weight) => weight.scale));
  const integerWeights = weights.map((weight) => weight.digits * 10n ** BigInt(scale - weight.scale));
  if (integerWeights.every((weight) => weight === 0n)) {
    return {
      ok: false,
      reasonZh: '分摊依据之和为零，无法按比例分摊',
      reasonEn: 'the basis adds up to zero; nothing to be proportional to',
    };
  }
  const units = spreadUnits(scaledTotal.digits, integerWeights);
  return { ok: true, parts: units.map((unit) => shift(dec(unit), -decimals)) };
}
