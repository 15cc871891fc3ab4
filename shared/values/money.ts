import { groupThousands } from '../rules/presentation';

/**
 * Exact money.
 *
 * Every amount is held as a bigint count of 分 (0.01 元), the smallest unit a plan ever needs;
 * 1 万元 = 1,000,000 分 and 1 亿元 = 10,000,000,000 分. Amounts are parsed from decimal text and
 * printed back to decimal text without ever passing through a binary float, so the 88-project
 * total reads 3,309,473.59 万元 wherever it is shown.
 */

export const MONEY_UNITS = ['元', '万元', '亿元'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

export const FEN_PER_UNIT: Readonly<Record<MoneyUnit, bigint>> = {
  元: 100n,
  万元: 1_000_000n,
  亿元: 10_000_000_000n,
};

/**
 * The largest amount a cell may hold, exclusive: 10^15 元 (10^17 分; a thousand times any
 * government's yearly budget). The store keeps 分 in SQLite's 64-bit integers (at most about
 * 9.22 × 10^18), so every amount fits with room to spare, and sums are taken in parts that cannot
 * overflow either (see sumFenSql). A larger figure is a typing or unit mistake, refused by name.
 */
export const MONEY_LIMIT_FEN = 10n ** 17n;

/** Whether an amount in 分 is within MONEY_LIMIT_FEN. */
export function isWithinMoneyLimit(fen: bigint): boolean {
  return fen < MONEY_LIMIT_FEN && fen > -MONEY_LIMIT_FEN;
}

/** Decimal places of a unit that still land on whole 分. */
const EXACT_DECIMALS: Readonly<Record<MoneyUnit, number>> = { 元: 2, 万元: 6, 亿元: 10 };

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Parse a plain decimal ("3309473.59", "-12", "0.5") given in `unit` into 分.
 * Returns null when the text is not a plain decimal or is finer than 1 分.
 */
export function decimalToFen(text: string, unit: MoneyUnit): bigint | null {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const places = EXACT_DECIMALS[unit];
  const trimmedFraction = fraction.replace(/0+$/, '');
  if (trimmedFraction.length > places) return null;
  const scaled = BigInt(whole + trimmedFraction.padEnd(places, '0'));
  const fen = (scaled * FEN_PER_UNIT[unit]) / 10n ** BigInt(places);
  return sign === '-' ? -fen : fen;
}

/**
 * 分 as an exact decimal string in `unit`, with trailing zeros dropped ("3309473.59", "4600").
 * This is the form money takes in the API and in JSON output.
 */
export function fenToDecimal(fen: bigint, unit: MoneyUnit): string {
  const places = EXACT_DECIMALS[unit];
  const negative = fen < 0n;
  const magnitude = negative ? -fen : fen;
  const scaled = (magnitude * 10n ** BigInt(places)) / FEN_PER_UNIT[unit];
  const digits = scaled.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return (negative ? '-' : '') + whole + (fraction ? '.' + fraction : '');
}

/** Round 分 to `decimals` places of `unit`, half away from zero (the way officials round 亿元). */
export function roundFen(fen: bigint, unit: MoneyUnit, decimals: number): bigint {
  const step = FEN_PER_UNIT[unit] / 10n ** BigInt(decimals);
  if (step <= 1n) return fen;
  const negative = fen < 0n;
  const magnitude = negative ? -fen : fen;
  const rounded = ((magnitude + step / 2n) / step) * step;
  return negative ? -rounded : rounded;
}

/**
 * 分 for display: rounded to `decimals` places of `unit`, with thousands separators
 * ("3,309,473.59"; in 亿元 with 2 decimals "330.95").
 */
export function formatMoney(fen: bigint, unit: MoneyUnit, decimals = 2): string {
  const rounded = roundFen(fen, unit, decimals);
  const negative = rounded < 0n;
  const exact = fenToDecimal(negative ? -rounded : rounded, unit);
  const [whole = '0', fraction = ''] = exact.split('.');
  const grouped = groupThousands(whole);
  // Stryker disable next-line MethodExpression: after roundFen the fraction has at most `decimals` digits, so the slice cuts nothing
  const paddedFraction = decimals > 0 ? '.' + fraction.padEnd(decimals, '0').slice(0, decimals) : '';
  return (negative ? '-' : '') + grouped + paddedFraction;
}

/** Sum of amounts, exact. */
export function sumFen(amounts: Iterable<bigint>): bigint {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

/** Texts that mean "the amount is not known" — distinct from 0. */
const UNKNOWN_MARKS = new Set(['/', '—', '——', '--', '-', '不涉及', '待定', '无']);

/** Words before an amount that make it approximate: 约500, 大约3亿, 近1000万, 逾2亿. */
export const APPROXIMATE_WORDS = ['约', '大约', '近', '逾'] as const;
const APPROXIMATE_PREFIX = new RegExp(`^(?:${APPROXIMATE_WORDS.join('|')})`);

/** Whether an amount's text says it is approximate ("约500", " 约 3亿"). */
export function isApproximateText(text: string): boolean {
  return APPROXIMATE_PREFIX.test(toHalfWidth(text).replace(/\s+/g, ''));
}

export type MoneyParse =
  | { kind: 'amount'; fen: bigint; approximate: boolean }
  | { kind: 'unknown' }
  | { kind: 'invalid'; reasonZh: string; reasonEn: string; outOfRange?: true };

const UNIT_SUFFIXES: ReadonlyArray<[RegExp, MoneyUnit]> = [
  [/亿元?$/, '亿元'],
  [/万元?$/, '万元'],
  [/元$/, '元'],
];

/**
 * Parse what a user typed or a workbook held into an amount in a column whose unit is
 * `columnUnit`. Accepts thousands separators ("12,345.6"), full-width digits, an explicit unit
 * ("1.2亿", "120万", "5000元") converted exactly, "约5000" (approximate), and the unknown marks
 * ("/", "—", "不涉及"). Anything else is invalid, with a reason.
 */
export function parseMoneyText(input: string, columnUnit: MoneyUnit): MoneyParse {
  const squeezed = withoutSpaces(input);
  if (squeezed === null) return { kind: 'invalid', ...spacedDigitsReason(input) };
  let text = squeezed;
  if (text === '' || UNKNOWN_MARKS.has(text)) return { kind: 'unknown' };
  let approximate = false;
  const approx = APPROXIMATE_PREFIX.exec(text);
  if (approx) {
    approximate = true;
    text = text.slice(approx[0].length);
  }
  let unit = columnUnit;
  for (const [suffix, suffixUnit] of UNIT_SUFFIXES) {
    if (suffix.test(text)) {
      unit = suffixUnit;
      text = text.replace(suffix, '');
      break;
    }
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  const fen = decimalToFen(text, unit);
  if (fen === null) {
    if (DECIMAL_PATTERN.test(text)) {
      return {
        kind: 'invalid',
        reasonZh: `金额“${input}”精度超过 1 分`,
        reasonEn: `amount "${input}" is finer than 0.01 yuan`,
      };
    }
    return {
      kind: 'invalid',
      reasonZh: `“${input}”不是金额（应为数字，可带单位，如 1.2亿、120万；未知填“/”）`,
      reasonEn: `"${input}" is not an amount (a number, optionally with a unit such as 1.2亿 or 120万; "/" for unknown)`,
    };
  }
  if (!isWithinMoneyLimit(fen)) {
    return {
      kind: 'invalid',
      outOfRange: true,
      reasonZh: `金额超出范围：“${input}”的绝对值须小于 1000 万亿元（10^15 元），请检查数字和单位`,
      reasonEn: `amount out of range: "${input}" must be less than 10^15 yuan in absolute value; check the figure and its unit`,
    };
  }
  return { kind: 'amount', fen, approximate };
}

/**
 * Number text without its spaces, or null when a space stands between two digits. "1 2" is not
 * 12: a space inside a figure is a typing slip or two figures run together, and reading it as one
 * would change the value without a word. Only thin and narrow no-break spaces (U+2009, U+202F,
 * the typographic thousands separator, "1 234 567") are taken as grouping, and only before a
 * group of exactly three digits. Spaces around the figure, or between it and 约 or a unit, go.
 */
export function withoutSpaces(input: string): string | null {
  const grouped = toHalfWidth(input).replace(/(?<=\d)[\u2009\u202F](?=\d{3}(?!\d))/g, '');
  if (/\d\s+\d/.test(grouped)) return null;
  return grouped.replace(/\s+/g, '');
}

/** The refusal of a figure with a space between its digits (see withoutSpaces). */
export function spacedDigitsReason(input: string): { reasonZh: string; reasonEn: string } {
  return {
    reasonZh: `“${input}”的数字中间有空格，无法确定是一个数还是几个数；请删去空格（千位分隔请用逗号，如 1,234）`,
    reasonEn: `"${input}" has a space between its digits, so it is unclear whether it is one number or several; remove the space (group thousands with commas, e.g. 1,234)`,
  };
}

/** Full-width digits and punctuation (common in text pasted from Word) to their ASCII forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
