/**
 * Exact addition of decimal numbers given as text ("0.1", "-2.50", "1e-7"), for the plain
 * number columns whose totals must not carry binary-float error (0.1 + 0.2 is 0.3 here).
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

interface Scaled {
  digits: bigint;
  scale: number;
}

function toScaled(text: string): Scaled {
  const match = DECIMAL.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new RangeError(`not a decimal: ${text}`);
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  let digits = BigInt((whole + fraction) || '0');
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: sign === '-' ? -digits : digits, scale };
}

function fromScaled({ digits, scale }: Scaled): string {
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale).replace(/0+$/, '');
  const body = whole + (fraction ? '.' + fraction : '');
  return negative && body !== '0' ? '-' + body : body;
}

/** The exact sum of decimal texts, as a decimal text without trailing zeros ("0.3"). */
export function sumDecimals(values: Iterable<string>): string {
  let total: Scaled = { digits: 0n, scale: 0 };
  for (const value of values) {
    const next = toScaled(value);
    const scale = Math.max(total.scale, next.scale);
    total = {
      digits:
        total.digits * 10n ** BigInt(scale - total.scale) + next.digits * 10n ** BigInt(scale - next.scale),
      scale,
    };
  }
  return fromScaled(total);
}
