import type { MoneyUnit } from '../../../shared/values/money';
import { APPROXIMATE_WORDS, fenToDecimal } from '../../../shared/values/money';

/**
 * Summing money in SQL without overflow. Amounts are INTEGER 分, and SQLite's SUM() of 64-bit
 * integers fails ("integer overflow") once a total passes about 9.22 × 10^18 分 — which a
 * hundred cells near the entry limit (10^17 分) reach, and after which every total of the sheet
 * (summary, export, print) fails. So each amount is split into a high part (÷ 10^9) and a low
 * part (mod 10^9), each summed by SQLite, and the two are put together exactly as bigint here.
 * Each part of a cell is under 10^10 even for the largest integer SQLite can hold, so neither
 * sum can overflow below ~10^9 cells.
 */

const SPLIT = 1_000_000_000n;

/** SELECT terms giving `high` and `low` for a money expression (e.g. "c.num"). */
export function fenSumColumns(expression: string): string {
  // SQLite's integer / and % truncate toward zero, so high × 10^9 + low is the amount, sign and all.
  return `SUM(${expression} / ${SPLIT}) AS high, SUM(${expression} % ${SPLIT}) AS low`;
}

/** The exact total from fenSumColumns' parts (read with safeIntegers). */
export function fenSum(parts: { high: bigint | null; low: bigint | null }): bigint {
  return (parts.high ?? 0n) * SPLIT + (parts.low ?? 0n);
}

/**
 * A SELECT term counting the approximate amounts ("约500") among cells `alias` — the texts that
 * isApproximateText recognises (stored text is trimmed, so a prefix test is the same test).
 */
export function approximateCount(alias: string): string {
  const tests = APPROXIMATE_WORDS.map((word) => `${alias}.text LIKE '${word}%'`).join(' OR ');
  return `COUNT(CASE WHEN ${alias}.num IS NOT NULL AND (${tests}) THEN 1 END) AS approximate`;
}

/** The SELECT terms of a money column's total over cells `alias`: its parts, count and 约 count. */
export function moneySumColumns(alias: string): string {
  return `${fenSumColumns(`${alias}.num`)}, COUNT(${alias}.num) AS known, ${approximateCount(alias)}`;
}

export interface MoneySumRow {
  high: bigint | null;
  low: bigint | null;
  known: bigint;
  approximate: bigint;
}

/** A money total as the API gives it: exact decimal in `unit`, rows with an amount, how many 约. */
export function moneySum(row: MoneySumRow, unit: MoneyUnit): { sum: string; known: number; approximate?: number } {
  const approximate = Number(row.approximate);
  return {
    sum: fenToDecimal(fenSum(row), unit),
    known: Number(row.known),
    ...(approximate > 0 ? { approximate } : {}),
  };
}
