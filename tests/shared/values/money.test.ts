import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sumDecimals } from '../../../shared/values/exactDecimal';
import { decimalToFen, fenToDecimal, formatMoney, parseMoneyText, roundFen } from '../../../shared/values/money';

describe('exact money', () => {
  test('decimal text ↔ 分 without floats', () => {
    assert.equal(decimalToFen('3309473.59', '万元'), 3_309_473_590_000n);
    assert.equal(fenToDecimal(3_309_473_590_000n, '万元'), '3309473.59');
    assert.equal(fenToDecimal(3_309_473_590_000n, '亿元'), '330.947359');
    assert.equal(fenToDecimal(-150n, '元'), '-1.5');
    assert.equal(fenToDecimal(0n, '万元'), '0');
    assert.equal(decimalToFen('0.000001', '万元'), 1n, '1 分 is the finest amount');
    assert.equal(decimalToFen('0.0000001', '万元'), null, 'finer than 1 分 is refused, not rounded');
    assert.equal(decimalToFen('1e3', '万元'), null);
  });

  test('display: thousands separators, the unit, half-up rounding', () => {
    const total = 3_309_473_590_000n;
    assert.equal(formatMoney(total, '万元', 2), '3,309,473.59');
    assert.equal(formatMoney(total, '亿元', 2), '330.95');
    assert.equal(formatMoney(total, '元', 2), '33,094,735,900.00');
    assert.equal(formatMoney(-1_005_000n, '万元', 2), '-1.01');
    assert.equal(roundFen(1_042_783_590_000n, '亿元', 1), 1_043_000_000_000n, '104.2784 亿 rounds to 104.3');
  });

  test('what officials type into a 万元 column', () => {
    const wan = (text: string) => {
      const parsed = parseMoneyText(text, '万元');
      return parsed.kind === 'amount' ? fenToDecimal(parsed.fen, '万元') : parsed.kind;
    };
    assert.equal(wan('12,345.6'), '12345.6');
    assert.equal(wan('1.2亿'), '12000');
    assert.equal(wan('1.2亿元'), '12000');
    assert.equal(wan('120万'), '120');
    assert.equal(wan('5000元'), '0.5');
    assert.equal(wan('１２３'), '123', 'full-width digits from Word');
    assert.equal(wan('/'), 'unknown');
    assert.equal(wan('—'), 'unknown');
    assert.equal(wan('不涉及'), 'unknown');
    assert.equal(wan(''), 'unknown');
    assert.equal(wan('abc'), 'invalid');
    assert.equal(wan('12,34'), 'invalid', 'a misplaced separator is not guessed at');
    const approx = parseMoneyText('约5000', '万元');
    assert.equal(approx.kind === 'amount' && approx.approximate, true);
  });

  test('plain numbers add as exact decimals', () => {
    assert.equal(sumDecimals(['0.1', '0.2']), '0.3');
    assert.equal(sumDecimals(['1e-7', '2']), '2.0000001');
    assert.equal(sumDecimals(['-2.50', '2.5']), '0');
    assert.equal(sumDecimals([]), '0');
  });
});
