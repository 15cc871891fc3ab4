/**
 * Promises of exact money and exact decimals (shared/values/money.ts, exactDecimal.ts), written so
 * that a one-line slip in either module fails a test (see `npm run mutation -- --module money`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  add,
  cmp,
  convertUnit,
  dec,
  divide,
  fenToDec,
  isInteger,
  isZero,
  parseDec,
  roundHalfUp,
  shift,
  sub,
  toFixedText,
  toText,
} from '../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../shared/values/money';
import {
  decimalToFen,
  fenToDecimal,
  formatMoney,
  parseMoneyText,
  roundFen,
  sumFen,
} from '../../../shared/values/money';

/** What a column of `unit` holds after the official typed `text`: the decimal, or the kind. */
function typed(text: string, unit: MoneyUnit = '万元'): string {
  const parsed = parseMoneyText(text, unit);
  if (parsed.kind !== 'amount') return parsed.kind;
  return (parsed.approximate ? '≈' : '') + fenToDecimal(parsed.fen, unit);
}

const decText = (text: string): string | null => {
  const parsed = parseDec(text);
  return parsed ? toText(parsed) : null;
};

describe('promise: an amount typed is the amount stored, to the 分', () => {
  test('signs, spaces and trailing zeros do not change an amount', () => {
    assert.equal(decimalToFen('-12', '万元'), -12_000_000n, 'a negative adjustment stays negative');
    assert.equal(decimalToFen('+12', '万元'), 12_000_000n);
    assert.equal(decimalToFen('  7.5 ', '元'), 750n, 'surrounding spaces are not part of the number');
    assert.equal(decimalToFen('1.50000000', '元'), 150n, 'trailing zeros beyond 分 are not extra precision');
    assert.equal(decimalToFen('0.01', '元'), 1n);
    assert.equal(decimalToFen('0.001', '元'), null, 'a tenth of a 分 is refused, not rounded away');
    assert.equal(decimalToFen('12.', '元'), null);
    assert.equal(decimalToFen('', '元'), null);
    assert.equal(fenToDecimal(5n, '万元'), '0.000005', 'small amounts keep their leading zeros');
    assert.equal(fenToDecimal(-5n, '亿元'), '-0.0000000005');
    assert.equal(fenToDecimal(1_000_000n, '万元'), '1');
  });

  test('display rounding is half away from zero, in both directions, and 0 has no sign', () => {
    assert.equal(roundFen(150n, '元', 0), 200n);
    assert.equal(roundFen(149n, '元', 0), 100n);
    assert.equal(roundFen(-150n, '元', 0), -200n, 'negative halves round away from zero');
    assert.equal(roundFen(-149n, '元', 0), -100n);
    assert.equal(roundFen(123n, '元', 2), 123n, '分 are never rounded');
    assert.equal(roundFen(123n, '元', 4), 123n, 'asking for more places than 分 changes nothing');
    assert.equal(formatMoney(0n, '万元', 2), '0.00');
    assert.equal(formatMoney(-1n, '万元', 2), '0.00', 'a rounding to nothing is not shown as −0.00');
    assert.equal(formatMoney(1_500_000n, '万元', 2), '1.50', 'decimals are padded to the column setting');
    assert.equal(formatMoney(1_500_000n, '万元'), '1.50', 'two decimals unless the column says otherwise');
    assert.equal(formatMoney(1_234_567_000_000n, '万元', 0), '1,234,567', 'no decimal point when none are asked');
    assert.equal(formatMoney(-123_456_789_000_000n, '万元', 1), '-123,456,789.0');
    assert.equal(formatMoney(100n, '元', 4), '1.0000');
  });

  test('a sum of amounts is their exact sum', () => {
    assert.equal(sumFen([1n, 2n, 3n]), 6n);
    assert.equal(sumFen([5n, -7n]), -2n);
    assert.equal(sumFen([]), 0n);
  });
});

describe('promise: what officials type into a money column is read as they meant it', () => {
  test('every mark of "not known" is unknown, never 0', () => {
    for (const mark of ['/', '—', '——', '--', '-', '不涉及', '待定', '无', '', '   ', '／']) {
      assert.equal(typed(mark), 'unknown', `“${mark}”`);
    }
  });

  test('units written after the number are converted exactly; anything after the unit is refused', () => {
    assert.equal(typed('1.2亿'), '12000');
    assert.equal(typed('3万'), '3');
    assert.equal(typed('3万元'), '3');
    assert.equal(typed('100元'), '0.01');
    assert.equal(typed('2亿元', '亿元'), '2');
    assert.equal(typed('1亿2'), 'invalid', 'a unit in the middle is not a unit');
    assert.equal(typed('1万2'), 'invalid');
    assert.equal(typed('1元2'), 'invalid');
    assert.equal(typed('1 200'), 'invalid', 'a space between digits is refused, never read as 1200 silently');
    assert.equal(typed(' 5000 '), '5000');
  });

  test('approximate amounts are marked approximate, exact ones are not', () => {
    assert.equal(typed('约331亿', '亿元'), '≈331');
    assert.equal(typed('大约5'), '≈5');
    assert.equal(typed('近5'), '≈5');
    assert.equal(typed('逾5'), '≈5');
    assert.equal(typed('5'), '5', 'a plain number is exact');
    assert.equal(typed('5约'), 'invalid');
  });

  test('thousands separators are read only where they group thousands', () => {
    assert.equal(typed('1,234'), '1234');
    assert.equal(typed('-1,234'), '-1234');
    assert.equal(typed('+1,234'), '1234');
    assert.equal(typed('1,234,567'), '1234567');
    assert.equal(typed('1,234.56'), '1234.56');
    assert.equal(typed('12,345'), '12345');
    assert.equal(typed('1234,567'), 'invalid', 'a separator after four digits is not a thousands separator');
    assert.equal(typed('1,234,56'), 'invalid');
    assert.equal(typed('1,234.'), 'invalid');
  });

  test('a refusal says why, names the text, in Chinese and English', () => {
    const finer = parseMoneyText('0.0000001', '万元');
    assert.equal(finer.kind, 'invalid');
    if (finer.kind === 'invalid') {
      assert.match(finer.reasonZh, /0\.0000001/);
      assert.match(finer.reasonZh, /精度/);
      assert.match(finer.reasonEn, /finer than 0\.01 yuan/);
      assert.match(finer.reasonEn, /0\.0000001/);
    }
    const words = parseMoneyText('三百万', '万元');
    assert.equal(words.kind, 'invalid');
    if (words.kind === 'invalid') {
      assert.match(words.reasonZh, /三百万/);
      assert.match(words.reasonZh, /不是金额/);
      assert.match(words.reasonEn, /"三百万" is not an amount/);
    }
  });
});

describe('promise: checks compare exact decimals', () => {
  test('numbers are parsed as written, and only numbers', () => {
    assert.equal(decText('12'), '12');
    assert.equal(decText(' 12 '), '12');
    assert.equal(decText('.5'), '0.5');
    assert.equal(decText('5.'), '5');
    assert.equal(decText('1e3'), '1000');
    assert.equal(decText('1.5E2'), '150');
    assert.equal(decText('1e12'), '1000000000000');
    assert.equal(decText('1e+2'), '100');
    assert.equal(decText('25e-2'), '0.25');
    assert.equal(decText('1,234'), '1234');
    assert.equal(decText('-1,234'), '-1234');
    assert.equal(decText('12,345.5'), '12345.5');
    assert.equal(decText('1234,567'), null);
    assert.equal(decText('1.5x'), null);
    assert.equal(decText('.'), null);
    assert.equal(decText(''), null);
    assert.equal(decText('e5'), null);
    assert.equal(toText(dec(5n)), '5');
    assert.equal(toText(dec(-0.5)), '-0.5');
    assert.throws(() => dec('abc'), /not a decimal: abc/);
    assert.throws(() => dec(Number.POSITIVE_INFINITY), /not a finite number: Infinity/);
  });

  test('arithmetic across different numbers of decimals is exact', () => {
    assert.equal(toText(add(dec('1.5'), dec('2'))), '3.5');
    assert.equal(toText(add(dec('2'), dec('0.25'))), '2.25');
    assert.equal(toText(sub(dec('2'), dec('0.25'))), '1.75');
    assert.equal(toText(sub(dec('0.25'), dec('2'))), '-1.75');
    assert.equal(cmp(dec('1.50'), dec('1.5')), 0);
    assert.equal(cmp(dec('1.4'), dec('1.5')), -1);
    assert.equal(cmp(dec('2'), dec('1.99')), 1);
    assert.equal(isZero(dec('0.000')), true);
    assert.equal(isZero(dec('0.001')), false);
    assert.equal(isInteger(dec('3.000')), true);
    assert.equal(isInteger(dec('3.01')), false);
  });

  test('rounding to stated decimals, fixed display, and units', () => {
    assert.equal(toText(roundHalfUp(dec('1.5'), 3)), '1.5', 'fewer decimals than asked: unchanged');
    assert.equal(toText(roundHalfUp(dec('2.5'), 0)), '3');
    assert.equal(toText(roundHalfUp(dec('-2.5'), 0)), '-3');
    assert.equal(toFixedText(dec('30'), 2), '30.00');
    assert.equal(toFixedText(dec('2.5'), 0), '3');
    assert.equal(toFixedText(dec('0.1'), 3), '0.100');
    assert.equal(toText(shift(dec('1.5'), 2)), '150');
    assert.equal(toText(shift(dec('1.5'), -2)), '0.015');
    assert.equal(toText(shift(dec('1.5'), 0)), '1.5');
    assert.equal(toText(fenToDec(150n, '元')), '1.5');
    assert.equal(toText(fenToDec(123n, '万元')), '0.000123');
    assert.equal(toText(fenToDec(-10_000_000_000n, '亿元')), '-1');
    assert.equal(toText(convertUnit(dec('12000'), '万元', '亿元')), '1.2');
    assert.equal(toText(dec('-0.021641')), '-0.021641');
  });

  test('division rounds half away from zero whatever the signs', () => {
    assert.equal(toText(divide(dec('-1'), dec('3'), 2)), '-0.33');
    assert.equal(toText(divide(dec('1'), dec('-3'), 2)), '-0.33');
    assert.equal(toText(divide(dec('-1'), dec('-3'), 2)), '0.33');
    assert.equal(toText(divide(dec('-2'), dec('3'), 2)), '-0.67');
    assert.equal(toText(divide(dec('1'), dec('8'), 2)), '0.13');
    assert.throws(() => divide(dec('1'), dec('0'), 2), /division by zero/);
  });
});
