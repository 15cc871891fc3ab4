/**
 * Factor-method allocation (因素法分配): a fund split across districts by weighted factors,
 *
 *   share_i = total × Σ_k weight_k × factor_ik ÷ Σ_j factor_jk,
 *
 * computed exactly and rounded to whole units (元, or pilots for a target) by the largest-remainder
 * method of spread.ts, so the parts add up to the total exactly. Optional floors (保底) and caps
 * per district: a district held at its floor or cap takes exactly that, and the rest is shared
 * among the others by the same formula (share = clamp(λ × weight_i, floor_i, cap_i), one λ for
 * everyone, found exactly).
 *
 * Each district's weight Σ_k weight_k × factor_ik ÷ Σ_j factor_jk is a rational; over the common
 * denominator (the weights' and every factor column's sum multiplied together) it is a bigint, so
 * nothing here passes through a binary float.
 */
import type { Dec } from '../../values/exactDecimal';
import { add, cmp, dec, toText } from '../../values/exactDecimal';
import { spreadUnits } from '../../values/spread';

export const FACTOR_RULE_ZH =
  '因素法：某地分配额 = 资金总额 × Σ（因素权重 × 该地因素值 ÷ 各地该因素值之和）；按最大余额法取整：先取整数部分，剩余单位逐一分给小数部分最大的地区，小数部分相同时分给靠前的地区，分配额之和等于资金总额。设保底或上限的地区按保底或上限安排，其余资金在其他地区间按同一公式分配。';
export const FACTOR_RULE_EN =
  'Factor method: share = total × Σ (weight × the district’s factor ÷ the sum of that factor over all districts); rounded by the largest remainder (whole units first, the units left over one each to the largest fractional parts, ties to the earlier row), so the shares add up to the total. A district held at its floor or cap takes exactly that; the rest is shared among the others by the same formula.';

export interface FactorAllocationInput {
  /** Whole units to allocate (元, or pilots). */
  total: bigint;
  /** One row per district: its factor values, in the order of `weights`; each ≥ 0. */
  factors: readonly (readonly Dec[])[];
  /** One weight per factor (0.5 or 50% given as 0.5); ≥ 0 and adding up to exactly 1. */
  weights: readonly Dec[];
  /** Names of the factors and the rows, for messages. */
  factorNames?: readonly string[];
  rowNames?: readonly string[];
  /** Per row, the least (保底) and most it may get in whole units; null for none. */
  floors?: readonly (bigint | null)[];
  caps?: readonly (bigint | null)[];
}

export type AllocationResult = { ok: true; shares: bigint[] } | { ok: false; reasonZh: string; reasonEn: string };

function refuse(reasonZh: string, reasonEn: string): AllocationResult {
  return { ok: false, reasonZh, reasonEn };
}

/** Decimals as integers of one common scale (ratios between them are unchanged). */
function scaledIntegers(values: readonly Dec[]): bigint[] {
  const scale = Math.max(0, ...values.map((value) => value.scale));
  return values.map((value) => value.digits * 10n ** BigInt(scale - value.scale));
}

/**
 * Each row's weight Σ_k w_k × f_ik ÷ F_k over the common denominator Π_k F_k (times the weights'
 * scale), as bigints; or a refusal naming the factor or row whose values cannot be used.
 */
export function factorRowWeights(input: FactorAllocationInput): { ok: true; weights: bigint[] } | AllocationResult {
  const { factors, weights } = input;
  const factorName = (k: number) => input.factorNames?.[k] ?? `第 ${k + 1} 个因素`;
  const factorNameEn = (k: number) => input.factorNames?.[k] ?? `factor ${k + 1}`;
  const rowName = (i: number) => input.rowNames?.[i] ?? `第 ${i + 1} 行`;
  const rowNameEn = (i: number) => input.rowNames?.[i] ?? `row ${i + 1}`;
  if (weights.length === 0) return refuse('没有分配因素', 'no factors to allocate by');
  const weightSum = weights.reduce(add, dec(0));
  const negativeWeight = weights.findIndex((weight) => weight.digits < 0n);
  if (negativeWeight >= 0) {
    return refuse(
      `因素“${factorName(negativeWeight)}”的权重为负`,
      `the weight of "${factorNameEn(negativeWeight)}" is negative`,
    );
  }
  if (cmp(weightSum, dec(1)) !== 0) {
    return refuse(
      `各因素权重之和为 ${percentText(weightSum)}，应为 100%`,
      `the weights add up to ${percentText(weightSum)}, not 100%`,
    );
  }
  for (const [i, row] of factors.entries()) {
    if (row.length !== weights.length) {
      return refuse(
        `${rowName(i)}有 ${row.length} 个因素值，应为 ${weights.length} 个`,
        `${rowNameEn(i)} has ${row.length} factor values, not ${weights.length}`,
      );
    }
    const negative = row.findIndex((value) => value.digits < 0n);
    if (negative >= 0) {
      return refuse(
        `${rowName(i)}的因素“${factorName(negative)}”为负数（${toText(row[negative]!)}）`,
        `${rowNameEn(i)}: factor "${factorNameEn(negative)}" is negative (${toText(row[negative]!)})`,
      );
    }
  }
  const integerWeights = scaledIntegers(weights);
  const columns = weights.map((_, k) => scaledIntegers(factors.map((row) => row[k]!)));
  const columnSums = columns.map((column) => column.reduce((sum, value) => sum + value, 0n));
  // A factor with weight 0 takes no part; one that counts but is zero everywhere cannot be divided by.
  const used = weights.map((_, k) => integerWeights[k]! > 0n);
  for (const [k, sum] of columnSums.entries()) {
    if (used[k] && sum === 0n) {
      return refuse(
        `因素“${factorName(k)}”在各地全为零，无法按其占比分配；请填写该因素或把它的权重设为 0`,
        `factor "${factorNameEn(k)}" is zero for every district, so no share of it can be computed; fill it in or give it weight 0`,
      );
    }
  }
  const rowWeights = factors.map((_, i) => {
    let weight = 0n;
    for (const [k, column] of columns.entries()) {
      if (!used[k]) continue;
      let others = 1n;
      for (const [j, sum] of columnSums.entries()) if (j !== k && used[j]) others *= sum;
      weight += integerWeights[k]! * column[i]! * others;
    }
    return weight;
  });
  return { ok: true, weights: rowWeights };
}

function percentText(value: Dec): string {
  return `${toText({ digits: value.digits * 100n, scale: value.scale })}%`;
}

/** Allocate `total` by the factor method, with optional floors and caps. */
export function allocateByFactors(input: FactorAllocationInput): AllocationResult {
  const rowWeights = factorRowWeights(input);
  if (!('weights' in rowWeights)) return rowWeights;
  return apportionWithBounds(input.total, rowWeights.weights, input.floors, input.caps, input.rowNames);
}

/** A positive rational n/d. */
interface Ratio {
  n: bigint;
  d: bigint;
}

const less = (a: Ratio, b: Ratio) => a.n * b.d < b.n * a.d;

/**
 * Whole units in proportion to `weights`, each clamped to its floor and cap: share_i =
 * clamp(λ × w_i, floor_i, cap_i) with the one λ that makes the exact shares add up to `total`;
 * the rows strictly between their bounds then share what is left by the largest remainder.
 */
export function apportionWithBounds(
  total: bigint,
  weights: readonly bigint[],
  floors: readonly (bigint | null)[] = [],
  caps: readonly (bigint | null)[] = [],
  rowNames: readonly string[] = [],
): AllocationResult {
  const count = weights.length;
  const lo = weights.map((_, i) => floors[i] ?? 0n);
  const hi = weights.map((_, i) => caps[i] ?? null);
  const name = (i: number) => rowNames[i] ?? `第 ${i + 1} 行`;
  const nameEn = (i: number) => rowNames[i] ?? `row ${i + 1}`;
  if (total < 0n) return refuse('分配总额不能为负', 'the total to allocate must not be negative');
  for (let i = 0; i < count; i++) {
    const cap = hi[i];
    if (lo[i]! < 0n) return refuse(`${name(i)}的保底额为负`, `the floor of ${nameEn(i)} is negative`);
    if (cap !== null && cap !== undefined && cap < lo[i]!) {
      return refuse(`${name(i)}的上限低于保底额`, `the cap of ${nameEn(i)} is below its floor`);
    }
  }
  const floorSum = lo.reduce((sum, value) => sum + value, 0n);
  if (floorSum > total) {
    return refuse(
      `各地保底额之和（${floorSum}）超过分配总额（${total}）`,
      `the floors add up to ${floorSum}, more than the total ${total}`,
    );
  }
  // The most λ can reach: rows without weight stay at their floor; a row without a cap is unbounded.
  const unbounded = weights.some((weight, i) => weight > 0n && hi[i] === null);
  const ceiling = weights.reduce((sum, weight, i) => sum + (weight > 0n ? (hi[i] ?? 0n) : lo[i]!), 0n);
  if (!unbounded && ceiling < total) {
    if (weights.every((weight) => weight === 0n)) {
      return refuse(
        '各地因素值全为零，无法分配',
        'every district’s factors are zero, so there is nothing to allocate by',
      );
    }
    return refuse(
      `可分配的最大额（各地上限之和 ${ceiling}）小于分配总额（${total}）`,
      `the caps allow at most ${ceiling}, less than the total ${total}`,
    );
  }
  const lambda = solveLambda(total, weights, lo, hi);
  // Exact shares: a row at or beyond a bound takes it; the others share the rest.
  const fixed = weights.map((weight, i): bigint | null => {
    if (weight === 0n) return lo[i]!;
    const exact: Ratio = { n: lambda.n * weight, d: lambda.d };
    if (!less({ n: lo[i]!, d: 1n }, exact)) return lo[i]!;
    const cap = hi[i];
    if (cap !== null && cap !== undefined && !less(exact, { n: cap, d: 1n })) return cap;
    return null;
  });
  const rest = total - fixed.reduce<bigint>((sum, value) => sum + (value ?? 0n), 0n);
  const freeIndexes = fixed.flatMap((value, i) => (value === null ? [i] : []));
  const shares = fixed.map((value) => value ?? 0n);
  if (freeIndexes.length > 0) {
    const spread = spreadUnits(
      rest,
      freeIndexes.map((i) => weights[i]!),
    );
    freeIndexes.forEach((i, index) => (shares[i] = spread[index]!));
  }
  return { ok: true, shares };
}

/**
 * The λ ≥ 0 at which Σ clamp(λ × w_i, lo_i, hi_i) = total (the caller has checked one exists).
 * The sum grows piecewise linearly with λ, bending where a row leaves its floor (lo_i/w_i) or
 * reaches its cap (hi_i/w_i); between two bends the rows off their bounds are fixed, so λ there is
 * (total − the bounds held) ÷ the weights of the rows between them.
 */
function solveLambda(
  total: bigint,
  weights: readonly bigint[],
  lo: readonly bigint[],
  hi: readonly (bigint | null)[],
): Ratio {
  const bends: Ratio[] = [];
  weights.forEach((weight, i) => {
    if (weight === 0n) return;
    bends.push({ n: lo[i]!, d: weight });
    const cap = hi[i];
    if (cap !== null && cap !== undefined) bends.push({ n: cap, d: weight });
  });
  bends.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  // Over λ in (from, to): rows whose floor bend is ≥ to sit at their floor, rows whose cap bend is
  // ≤ from at their cap; the rest move with λ.
  let from: Ratio = { n: 0n, d: 1n };
  for (const to of [...bends, null]) {
    let held = 0n;
    let moving = 0n;
    weights.forEach((weight, i) => {
      if (weight === 0n) {
        held += lo[i]!;
        return;
      }
      const cap = hi[i];
      if (to !== null && !less({ n: lo[i]!, d: weight }, to)) held += lo[i]!;
      else if (cap !== null && cap !== undefined && !less(from, { n: cap, d: weight })) held += cap;
      else moving += weight;
    });
    if (moving > 0n) {
      const lambda: Ratio = { n: total - held, d: moving };
      if (to === null || !less(to, lambda)) return lambda;
    } else if (held === total) {
      return to ?? from;
    }
    if (to !== null) from = to;
  }
  // Unreachable when the caller's checks passed; the largest bend gives every row its cap.
  return from;
}
