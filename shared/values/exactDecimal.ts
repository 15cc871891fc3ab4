/**
 * Exact decimal arithmetic for checks: comparing a declared figure with a computed one,
 * taking their difference, rounding half away from zero to the decimals a claim states, and
 * converting between 元/万元/亿元 — all on bigint-scaled integers, never on binary floats, so
 * "104.3 亿 vs 104.278359 亿" reads −0.021641 exactly.
 *
 * The totals of plain number columns use it too (sumDecimals): 0.1 + 0.2 is 0.3 here.
 */
import type { MoneyUnit } from './money';
import { FEN_PER_UNIT } from './money';

/** digits × 10^−scale; scale ≥ 0. */
export interface Dec {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

export const ZERO: Dec = { digits: 0n, scale: 0 };

/** Parse "12", "-0.50", "1e-7", "3,309,473.59" (thousands separators allowed); null if not a number. */
export function parseDec(text: string): Dec | null {
  const cleaned = text
    .trim()
    .replace(
      /^([+-]?)(\d{1,3}(?:,\d{3})+)(\.\d*)?$/,
      (_m, sign: string, whole: string, fraction = '') => sign + whole.replace(/,/g, '') + fraction,
    );
  const match = DECIMAL.exec(cleaned);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  // Stryker disable next-line StringLiteral: BigInt('') is 0n too (and whole + fraction is never empty here: rejected above)
  let digits = BigInt(whole + fraction || '0');
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalize({ digits: sign === '-' ? -digits : digits, scale });
}

/** Like parseDec, for values the caller knows are numbers (a JS number or a decimal string). */
export function dec(value: string | number | bigint): Dec {
  if (typeof value === 'bigint') return { digits: value, scale: 0 };
  const parsed = parseDec(typeof value === 'number' ? numberText(value) : value);
  if (!parsed) throw new RangeError(`not a decimal: ${String(value)}`);
  return parsed;
}

/** A finite JS number as the shortest decimal text that reads back as it (no float noise added). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}

/** Drop trailing zeros of the fraction, so equal values have equal forms. */
function normalize(value: Dec): Dec {
  let { digits, scale } = value;
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale--;
  }
  return { digits, scale };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return normalize({ digits: x + y, scale });
}

export function sub(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return normalize({ digits: x - y, scale });
}

export function cmp(a: Dec, b: Dec): -1 | 0 | 1 {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Dec): boolean {
  return a.digits === 0n;
}

export function isInteger(a: Dec): boolean {
  return normalize(a).scale === 0;
}

/** Round half away from zero to `decimals` places (the way officials round 亿元 figures). */
export function roundHalfUp(a: Dec, decimals: number): Dec {
  if (a.scale <= decimals) return normalize(a);
  const step = 10n ** BigInt(a.scale - decimals);
  const negative = a.digits < 0n;
  const magnitude = negative ? -a.digits : a.digits;
  const rounded = (magnitude + step / 2n) / step;
  return normalize({ digits: negative ? -rounded : rounded, scale: decimals });
}

/** a × 10^power (power may be negative): exact, since it only moves the decimal point. */
export function shift(a: Dec, power: number): Dec {
  if (power >= 0) return normalize({ digits: a.digits * 10n ** BigInt(power), scale: a.scale });
  return normalize({ digits: a.digits, scale: a.scale - power });
}

/** Plain decimal text without trailing zeros ("−0.021641" as "-0.021641"). */
export function toText(a: Dec): string {
  const { digits, scale } = normalize(a);
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale);
  const body = whole + (fraction ? '.' + fraction : '');
  return negative && body !== '0' ? '-' + body : body;
}

/** Fixed number of decimals, padded ("30" → "30.00"), after rounding half up. */
export function toFixedText(a: Dec, decimals: number): string {
  const rounded = roundHalfUp(a, decimals);
  const text = toText(rounded);
  if (decimals === 0) return text;
  const [whole = '0', fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(decimals, '0')}`;
}

/** Amount in 分 as an exact decimal in `unit` (1 万元 = 1,000,000 分). */
export function fenToDec(fen: bigint, unit: MoneyUnit): Dec {
  const power = FEN_PER_UNIT[unit].toString().length - 1;
  return shift({ digits: fen, scale: 0 }, -power);
}

/** An exact decimal in `from` expressed in `to` (万元 → 亿元 divides by 10,000, exactly). */
export function convertUnit(a: Dec, from: MoneyUnit, to: MoneyUnit): Dec {
  const fromPower = FEN_PER_UNIT[from].toString().length - 1;
  const toPower = FEN_PER_UNIT[to].toString().length - 1;
  return shift(a, fromPower - toPower);
}

/** a × b, exactly. */
export function multiply(a: Dec, b: Dec): Dec {
  return normalize({ digits: a.digits * b.digits, scale: a.scale + b.scale });
}

/** a / b rounded half up to `decimals` places (for shares and percentages); b must not be 0. */
export function divide(a: Dec, b: Dec, decimals: number): Dec {
  if (b.digits === 0n) throw new RangeError('division by zero');
  const [x, y] = align(a, b);
  // |x| / |y| × 10^decimals rounded half away from zero: floor((2n + d) / 2d).
  const negative = x < 0n !== y < 0n;
  const n = (x < 0n ? -x : x) * 10n ** BigInt(decimals);
  const d = y < 0n ? -y : y;
  const quotient = (2n * n + d) / (2n * d);
  return normalize({ digits: negative ? -quotient : quotient, scale: decimals });
}

/** The exact sum of decimal texts or numbers, as decimal text without trailing zeros ("0.3"). */
export function sumDecimals(values: Iterable<string | number>): string {
  let total = ZERO;
  for (const value of values) total = add(total, dec(value));
  return toText(total);
}

/**
 * Whether a plain decimal text survives being held as a binary double: the double nearest to it
 * prints back as the same number. True for every decimal of up to 15 significant digits and for
 * many longer ones (2^53 = 9007199254740992); false for "12345678901234567" or
 * "0.12345678901234567", which a double would silently change.
 */
export function keptExactlyByDouble(text: string): boolean {
  const exact = parseDec(text);
  const value = Number(text.replace(/,/g, ''));
  if (!exact || !Number.isFinite(value)) return false;
  const back = parseDec(String(value));
  return back !== null && cmp(exact, back) === 0;
}
