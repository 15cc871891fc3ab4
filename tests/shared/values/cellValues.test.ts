import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ColumnDef } from '../../../shared/model/columns';
import { parseCellInput, toCellValue } from '../../../shared/values/cells';
import { keptExactlyByDouble } from '../../../shared/values/exactDecimal';
import { parseMoneyText, withoutSpaces } from '../../../shared/values/money';
import { readDeadline } from '../../../shared/values/periods';

/**
 * Values that are never silently wrong: approximate amounts keep their 约, month-precision dates
 * are dates, amounts stay within what the store can hold and add up, numbers keep every digit.
 */

type Column = Pick<ColumnDef, 'type' | 'settings' | 'name' | 'role'>;
const money: Column = { type: 'money', settings: { moneyUnit: '万元' }, name: '投资匡算', role: 'investment' };
const number: Column = { type: 'number', settings: {}, name: '数量', role: null };
const percent: Column = { type: 'percent', settings: {}, name: '完成率', role: null };
const date: Column = { type: 'date', settings: {}, name: '完成时间', role: null };
const datedColumn: Column = { type: 'date', settings: { year: 2024 }, name: '完成时间', role: null };
const deadline: Column = { type: 'date', settings: {}, name: '完成时限', role: 'deadline' };

function stored(column: Column, text: string) {
  const parsed = parseCellInput(column, text);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.reasonZh}`);
  return toCellValue(column, parsed.cell);
}

function refused(column: Column, text: string): string {
  const parsed = parseCellInput(column, text);
  assert.ok(!parsed.ok, `${text} should be refused`);
  return `${parsed.reasonZh} / ${parsed.reasonEn}`;
}

describe('deadlines with their precision', () => {
  const cases: [string, string, string][] = [
    ['2025年6月', '2025-06-30', 'month'],
    ['2025.6', '2025-06-30', 'month'],
    ['2025-06', '2025-06-30', 'month'],
    ['2025/6', '2025-06-30', 'month'],
    ['2025年6月底', '2025-06-30', 'month'],
    ['2025年6月底前', '2025-06-30', 'month'],
    ['2025年6月份', '2025-06-30', 'month'],
    ['2024年2月', '2024-02-29', 'month'],
    ['2025年2月底前', '2025-02-28', 'month'],
    ['2025年底前', '2025-12-31', 'year'],
    ['2025年底', '2025-12-31', 'year'],
    ['2025年内', '2025-12-31', 'year'],
    ['2025年', '2025-12-31', 'year'],
    ['2025年上半年', '2025-06-30', 'half'],
    ['2025年下半年', '2025-12-31', 'half'],
    ['2025年第三季度', '2025-09-30', 'quarter'],
    ['2025年三季度', '2025-09-30', 'quarter'],
    ['2025年一季度末', '2025-03-31', 'quarter'],
    ['2025年第4季度前', '2025-12-31', 'quarter'],
    ['2025-06-30', '2025-06-30', 'day'],
    ['2025.6.30', '2025-06-30', 'day'],
    ['2025年6月30日前', '2025-06-30', 'day'],
    ['２０２５年６月', '2025-06-30', 'month'],
    ['２０２５．６', '2025-06-30', 'month'],
    ['2025 年 6 月', '2025-06-30', 'month'],
    ['二〇二五年六月', '2025-06-30', 'month'],
    ['二〇二五年十二月底前', '2025-12-31', 'month'],
    ['2025年十月', '2025-10-31', 'month'],
    ['二〇二五年十二月三十一日', '2025-12-31', 'day'],
  ];
  test('month, quarter, half and year forms read as the end of the period', () => {
    for (const [text, iso, precision] of cases)
      assert.deepEqual(readDeadline(text), { kind: 'date', date: iso, precision }, text);
  });

  test('without a year: the column year, else no date', () => {
    assert.deepEqual(readDeadline('6月底前', 2025), { kind: 'date', date: '2025-06-30', precision: 'month' });
    assert.deepEqual(readDeadline('六月底前', 2025), { kind: 'date', date: '2025-06-30', precision: 'month' });
    assert.deepEqual(readDeadline('三季度末', 2025), { kind: 'date', date: '2025-09-30', precision: 'quarter' });
    assert.deepEqual(readDeadline('年底前', 2025), { kind: 'date', date: '2025-12-31', precision: 'year' });
    assert.equal(readDeadline('6月底前'), null);
  });

  test('no deadline, and what is not a deadline', () => {
    for (const text of ['长期坚持', '持续推进', '长期', ' 长期 '])
      assert.deepEqual(readDeadline(text), { kind: 'ongoing' }, text);
    for (const text of ['13月', '2025年13月', '2025-02-30', '6', '前', '2025-2026', '尽快', 'Q3', '2025年6月32日']) {
      assert.equal(readDeadline(text, 2025), null, text);
    }
  });

  test('a date column takes them, with the precision in the API value', () => {
    assert.deepEqual(stored(date, '2025年6月'), { text: '2025年6月', value: '2025-06-30', precision: 'month' });
    assert.deepEqual(stored(date, '2025年第三季度'), {
      text: '2025年第三季度',
      value: '2025-09-30',
      precision: 'quarter',
    });
    assert.deepEqual(stored(date, '2025-06-30'), { text: '2025-06-30', value: '2025-06-30', precision: 'day' });
    assert.deepEqual(stored(date, '长期坚持'), { text: '长期坚持', value: null, noDeadline: true });
    assert.deepEqual(stored(datedColumn, '6月底前'), { text: '6月底前', value: '2024-06-30', precision: 'month' });
    assert.match(refused(date, '6月底前'), /没有年份.*gives no year/);
    assert.match(refused(date, '尽快'), /不是日期.*not a date/);
    assert.deepEqual(
      stored(deadline, '按进度推进'),
      { text: '按进度推进', value: null },
      'a deadline column keeps any text',
    );
  });
});

describe('approximate amounts', () => {
  test('the API value says so', () => {
    assert.deepEqual(stored(money, '约500'), { text: '约500', value: '500', approximate: true });
    assert.deepEqual(stored(money, '约3亿'), { text: '约3亿', value: '30000', approximate: true });
    assert.deepEqual(stored(money, '大约 1.5亿元'), { text: '大约 1.5亿元', value: '15000', approximate: true });
    assert.deepEqual(stored(money, '500'), { text: '500', value: '500' });
    assert.deepEqual(stored(money, '/'), { text: '/', value: null });
  });
});

describe('amounts within range', () => {
  test('an amount of 10^15 元 or more is refused, naming the problem', () => {
    assert.equal(parseMoneyText('99999999999.999999', '万元').kind, 'amount', 'just under 10^15 元');
    for (const text of [
      '100000000000',
      '5000000000000',
      '-5000000000000',
      '123456789012345678',
      '10000000亿',
      '1000000000000000元',
    ]) {
      const parsed = parseMoneyText(text, '万元');
      assert.equal(parsed.kind, 'invalid', text);
      assert.ok(parsed.kind === 'invalid' && parsed.outOfRange, text);
      assert.match(refused(money, text), /金额超出范围.*out of range/);
    }
  });
});

describe('numbers kept exactly or refused', () => {
  test('a space between digits is refused; thin-space thousands groups are read', () => {
    for (const column of [number, money, percent]) {
      for (const text of ['1 2', '1 234', '12　345', '1\u00a0234', '1 2亿', '1\u20092345'])
        assert.match(refused(column, text), /空格.*space/, `${column.type} ${text}`);
    }
    assert.equal(stored(number, '1\u2009234').value, 1234);
    assert.equal(stored(number, '1\u202f234\u202f567.5').value, 1234567.5);
    assert.equal(stored(number, ' 12 ').value, 12);
    assert.equal(stored(money, '约 500').value, '500');
    assert.equal(withoutSpaces('3 亿'), '3亿', 'a space before a unit is no harm');
  });

  test('thousands separators and full-width digits still work', () => {
    assert.equal(stored(number, '12,345.6').value, 12345.6);
    assert.equal(stored(number, '１２，３４５．６').value, 12345.6);
    assert.equal(stored(money, '12,345.6').value, '12345.6');
    assert.equal(stored(percent, '26.62%').value, 26.62);
  });

  test('more significant digits than a double keeps are refused', () => {
    assert.equal(keptExactlyByDouble('1234567890123456'), true);
    assert.equal(keptExactlyByDouble('0.1'), true);
    assert.equal(keptExactlyByDouble('12345678901234567'), false);
    assert.equal(keptExactlyByDouble('0.12345678901234567'), false);
    assert.equal(stored(number, '1234567890123456').value, 1234567890123456);
    assert.equal(stored(number, '123456789012345.6').value, 123456789012345.6);
    for (const text of ['12345678901234567', '1234567890.123456789', '3.14159265358979323']) {
      assert.match(refused(number, text), /有效数字过多.*significant digits/, text);
    }
  });
});
