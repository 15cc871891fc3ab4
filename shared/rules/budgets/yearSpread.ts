/**
 * An investment spread over the years of its construction period (建设起止年限): even by
 * default, in steps of `step` 分 (0.01 万元 by default, the precision of 投资匡算), with what is
 * left over after the even part going to the last year, so the years add up to the amount exactly.
 */

/** 0.01 万元 in 分: the step amounts in 万元 are written to. */
export const DEFAULT_YEAR_STEP_FEN = 10_000n;

/** Each year's part of `totalFen` over `yearCount` years; the last year takes the remainder. */
export function spreadEvenly(totalFen: bigint, yearCount: number, step: bigint = DEFAULT_YEAR_STEP_FEN): bigint[] {
  if (!Number.isInteger(yearCount) || yearCount < 1) throw new RangeError('an investment needs at least one year');
  if (totalFen < 0n) throw new RangeError('the amount to spread must not be negative');
  if (step < 1n) throw new RangeError('the step must be at least 1 分');
  const each = (totalFen / step / BigInt(yearCount)) * step;
  const parts = Array.from({ length: yearCount }, () => each);
  parts[yearCount - 1] = totalFen - each * BigInt(yearCount - 1);
  return parts;
}

/** The years from `start` to `end` inclusive. */
export function yearsOf(range: { start: number; end: number }): number[] {
  return Array.from({ length: range.end - range.start + 1 }, (_, index) => range.start + index);
}
