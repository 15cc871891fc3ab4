/**
 * Promises of periods and deadlines (shared/values/periods.ts): a span of years, a date or a
 * deadline is read the way officials write it, and a date is given only where the text says it
 * unambiguously — never guessed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { needsYear, parseDate, parseDeadline, parseYearRange, readDeadline } from '../../../shared/values/periods';

describe('promise: a span of years is read however it is written, and only a real span', () => {
  test('every dash and word between two years', () => {
    for (const text of [
      '2021–2025',
      '2021―2025',
      '2021~2025',
      '2021〜2025',
      '2021到2025',
      '2021--2025',
      ' 2021 年 — 2025 年 ',
    ]) {
      assert.deepEqual(parseYearRange(text), { start: 2021, end: 2025 }, text);
    }
    assert.deepEqual(parseYearRange('2025-2025'), { start: 2025, end: 2025 }, 'a span of one year');
    assert.deepEqual(parseYearRange('2023年'), { start: 2023, end: 2023 });
  });

  test('not a span: three parts, short years, letters, reversed', () => {
    for (const text of [
      '2021-2023-2025',
      '2021-25',
      '21-2025',
      '2021-2025x',
      'x2021-2025',
      '2021-',
      '-2025',
      '20215',
      '',
      '2021 2025',
    ]) {
      assert.equal(parseYearRange(text), null, text);
    }
    assert.equal(parseYearRange('2026-2025'), null);
    for (const text of ['02021-2025', '20210-20250', '2021-02025', '2021-20250']) {
      assert.equal(parseYearRange(text), null, `${text}: a year has four digits, no more`);
    }
  });
});

describe('promise: a calendar date is read only when it is a real date', () => {
  test('the ways a date is written', () => {
    assert.equal(parseDate('2023.6.30'), '2023-06-30');
    assert.equal(parseDate(' 2023 年 6 月 3 日 '), '2023-06-03');
    assert.equal(parseDate('2023年6月3'), '2023-06-03');
    assert.equal(parseDate('2023/12/01'), '2023-12-01');
    assert.equal(parseDate('２０２３－０６－３０'), '2023-06-30', 'full-width digits and dashes');
    assert.equal(parseDate('2024-02-29'), '2024-02-29', 'a leap day');
  });

  test('impossible or partial dates are not dates', () => {
    assert.equal(parseDate('0050-01-01'), null, 'a year before 100 is no calendar date a plan means');
    for (const text of [
      '2023-02-29',
      '2023-13-01',
      '2023-00-10',
      '2023-06-31',
      '2023-06-00',
      '2023-06',
      '23-06-30',
      '2023-06-30前',
      'x2023-06-30',
      '2023-6-300',
    ]) {
      assert.equal(parseDate(text), null, text);
    }
  });
});

describe('promise: a deadline is a date only when the text and the sheet’s year make it one', () => {
  test('year-end and whole-year words', () => {
    for (const text of ['年底', '年底前', '年末', '年末前', '年内', '全年']) {
      assert.equal(parseDeadline(text, 2024), '2024-12-31', text);
    }
    assert.equal(parseDeadline('2025年'), '2025-12-31', 'a bare year means its end');
    assert.equal(parseDeadline('2025'), '2025-12-31');
    assert.equal(parseDeadline('2025年内', 2023), '2025-12-31', 'the written year wins over the sheet’s');
    assert.equal(parseDeadline('年内'), null, 'no year anywhere: unknown');
    assert.equal(parseDeadline('', 2024), null);
  });

  test('months and quarters end on their last day', () => {
    assert.equal(parseDeadline('2月底前', 2024), '2024-02-29');
    assert.equal(parseDeadline('2月底前', 2023), '2023-02-28');
    assert.equal(parseDeadline('12月', 2023), '2023-12-31');
    assert.equal(parseDeadline('1月之前', 2023), '2023-01-31');
    assert.equal(parseDeadline('4月内', 2023), '2023-04-30');
    assert.equal(parseDeadline('11月末', 2023), '2023-11-30');
    assert.equal(parseDeadline('0月底前', 2023), null);
    assert.equal(parseDeadline('2023年13月'), null);
    assert.equal(parseDeadline('第一季度', 2023), '2023-03-31');
    assert.equal(parseDeadline('二季度末', 2023), '2023-06-30');
    assert.equal(parseDeadline('4季度底前', 2023), '2023-12-31');
    assert.equal(parseDeadline('第3季度', 2023), '2023-09-30');
    assert.equal(parseDeadline('五季度', 2023), null);
    assert.equal(parseDeadline('上半年底前', 2023), '2023-06-30');
    assert.equal(parseDeadline('2024年上半年'), '2024-06-30');
    assert.equal(parseDeadline('下半年', 2023), '2023-12-31');
    assert.equal(parseDeadline('下半年末', 2023), '2023-12-31');
  });

  test('exact dates, with or without 前, and words that give no date', () => {
    assert.equal(parseDeadline('2023年6月30日前'), '2023-06-30');
    assert.equal(parseDeadline('2023-06-30前', 2020), '2023-06-30');
    assert.equal(parseDeadline('持续推进', 2023), null);
    assert.equal(parseDeadline('6月中旬', 2023), null);
    assert.equal(parseDeadline('年底前完成', 2023), null);
    assert.equal(parseDeadline('2023 年底'), '2023-12-31', 'spaces inside are ignored');
    assert.equal(parseDeadline('前2023-06-30'), null, 'only a trailing 前 is dropped');
    assert.equal(parseDeadline('x2023年底'), null, 'the year must lead');
    assert.equal(parseDeadline('x6月', 2023), null);
    assert.equal(parseDeadline('x一季度', 2023), null);
    assert.equal(parseDeadline('一季度x', 2023), null);
    assert.equal(parseDeadline('x下半年', 2023), null);
    assert.equal(parseDeadline('下半年x', 2023), null);
    assert.equal(parseDeadline('x上半年', 2023), null);
    assert.equal(parseDeadline('上半年x', 2023), null);
  });
});

describe('promise: deadlines in words and Chinese numerals read as officials mean them', () => {
  test('every word for “no deadline” reads as ongoing, not as a date nor as nothing', () => {
    const words = [
      '长期',
      '长期坚持',
      '长期推进',
      '长期实施',
      '长期开展',
      '持续',
      '持续推进',
      '持续开展',
      '持续实施',
      '常态化',
      '常态化推进',
      '常态化开展',
    ];
    for (const word of words) assert.deepEqual(readDeadline(word, 2025), { kind: 'ongoing' }, word);
    assert.equal(readDeadline('长期有效', 2025), null, 'only the listed words');
    assert.equal(readDeadline('', 2025), null);
    assert.equal(readDeadline('  ', 2025), null);
  });

  test('months and days in Chinese numerals, from 一 to 三十一', () => {
    const month = (text: string, year = 2025) => readDeadline(text, year);
    assert.deepEqual(month('二月底前'), { kind: 'date', date: '2025-02-28', precision: 'month' });
    assert.deepEqual(month('十月'), { kind: 'date', date: '2025-10-31', precision: 'month' });
    assert.deepEqual(month('十二月'), { kind: 'date', date: '2025-12-31', precision: 'month' });
    assert.deepEqual(readDeadline('二〇二五年十二月三十一日'), { kind: 'date', date: '2025-12-31', precision: 'day' });
    assert.deepEqual(readDeadline('2025年六月二十日前'), { kind: 'date', date: '2025-06-20', precision: 'day' });
    assert.deepEqual(readDeadline('2025年一月三十日'), { kind: 'date', date: '2025-01-30', precision: 'day' });
    // Not numerals a month or day is written in: never read as some other month.
    for (const text of ['二三月', '九十一月', '十二三月', '四十月', '十十月']) assert.equal(month(text), null, text);
    assert.equal(readDeadline('2025年二月三十日'), null, 'no 30 February');
  });

  test('a month outside 1–12, or a period without a year, gives no date', () => {
    for (const text of ['2025年0月', '2025年13月', '2025.13', '2025-00', '2025年99月'])
      assert.equal(readDeadline(text), null, text);
    for (const text of ['6月底前', '三季度末', '上半年', '下半年', '年底前'])
      assert.equal(readDeadline(text), null, `${text} without a year`);
    assert.deepEqual(readDeadline('2025年第四季度'), { kind: 'date', date: '2025-12-31', precision: 'quarter' });
    assert.deepEqual(readDeadline('2025年下半年'), { kind: 'date', date: '2025-12-31', precision: 'half' });
    assert.deepEqual(readDeadline('2025年上半年', 2020), { kind: 'date', date: '2025-06-30', precision: 'half' });
    assert.deepEqual(readDeadline('2025年底前', 2020), { kind: 'date', date: '2025-12-31', precision: 'year' });
  });

  test('a text asks for its year only when a year would make it a date', () => {
    assert.equal(needsYear('6月底前'), true);
    assert.equal(needsYear('三季度'), true);
    assert.equal(needsYear('2025年6月'), false, 'it has one');
    assert.equal(needsYear('长期坚持'), false, 'no deadline needs no year');
    assert.equal(needsYear('按进度推进'), false, 'not a deadline at all');
  });

  test('a real date only: leap days, month ends and years before 100', () => {
    assert.equal(parseDate('2024-02-29'), '2024-02-29');
    assert.equal(parseDate('2023-02-29'), null);
    assert.equal(parseDate('2023-04-31'), null);
    assert.equal(parseDate('2023-12-32'), null);
    assert.equal(parseDate('2023-00-15'), null);
    assert.equal(parseDate('2023-13-15'), null);
    assert.equal(parseDate('0099-12-31'), null);
    assert.deepEqual(readDeadline('2025-06-31'), null);
  });
});
