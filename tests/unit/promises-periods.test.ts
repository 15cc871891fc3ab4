/**
 * Promises of periods and deadlines (shared/values/periods.ts): a span of years, a date or a
 * deadline is read the way officials write it, and a date is given only where the text says it
 * unambiguously — never guessed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDate, parseDeadline, parseYearRange } from '../../shared/values/periods';

describe('promise: a span of years is read however it is written, and only a real span', () => {
  test('every dash and word between two years', () => {
    for (const text of ['2021–2025', '2021―2025', '2021~2025', '2021〜2025', '2021到2025', '2021--2025', ' 2021 年 — 2025 年 ']) {
      assert.deepEqual(parseYearRange(text), { start: 2021, end: 2025 }, text);
    }
    assert.deepEqual(parseYearRange('2025-2025'), { start: 2025, end: 2025 }, 'a span of one year');
    assert.deepEqual(parseYearRange('2023年'), { start: 2023, end: 2023 });
  });

  test('not a span: three parts, short years, letters, reversed', () => {
    for (const text of ['2021-2023-2025', '2021-25', '21-2025', '2021-2025x', 'x2021-2025', '2021-', '-2025', '20215', '', '2021 2025']) {
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
    for (const text of ['2023-02-29', '2023-13-01', '2023-00-10', '2023-06-31', '2023-06-00', '2023-06', '23-06-30', '2023-06-30前', 'x2023-06-30', '2023-6-300']) {
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
