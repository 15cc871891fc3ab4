import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDate, parseDeadline, parseYearRange } from '../../../shared/values/periods';

describe('years, periods and deadlines as officials write them', () => {
  test('year ranges', () => {
    for (const text of [
      '2021-2025',
      '2021年—2025年',
      '2021～2025',
      '2021 - 2025',
      '2021－2025',
      '2021年-2025年',
      '2021至2025',
      '２０２１—２０２５',
    ]) {
      assert.deepEqual(parseYearRange(text), { start: 2021, end: 2025 }, text);
    }
    assert.deepEqual(parseYearRange('2022'), { start: 2022, end: 2022 }, 'row 28: a single year');
    assert.deepEqual(
      parseYearRange('2020-2022'),
      { start: 2020, end: 2022 },
      'row 12 starts before the plan: still a range',
    );
    assert.equal(parseYearRange('2025-2021'), null);
    assert.equal(parseYearRange('持续推进'), null);
    assert.equal(parseYearRange('20-25'), null);
  });

  test('dates', () => {
    assert.equal(parseDate('2023-06-30'), '2023-06-30');
    assert.equal(parseDate('2023/6/30'), '2023-06-30');
    assert.equal(parseDate('2023年6月30日'), '2023-06-30');
    assert.equal(parseDate('2023-02-30'), null);
    assert.equal(parseDate('6月底前'), null);
  });

  test('deadlines: a date only where it is unambiguous', () => {
    assert.equal(parseDeadline('2023年底前'), '2023-12-31');
    assert.equal(parseDeadline('2023年6月底前'), '2023-06-30');
    assert.equal(parseDeadline('2026年底'), '2026-12-31');
    assert.equal(parseDeadline('2023-06-30'), '2023-06-30');
    assert.equal(parseDeadline('6月底前'), null, 'no year: unknown');
    assert.equal(parseDeadline('6月底前', 2023), '2023-06-30');
    assert.equal(parseDeadline('9月底前', 2023), '2023-09-30');
    assert.equal(parseDeadline('年内', 2023), '2023-12-31');
    assert.equal(parseDeadline('全年', 2023), '2023-12-31');
    assert.equal(parseDeadline('三季度末', 2023), '2023-09-30');
    assert.equal(parseDeadline('上半年', 2023), '2023-06-30');
    assert.equal(parseDeadline('长期坚持', 2023), null);
    assert.equal(parseDeadline('13月底前', 2023), null);
  });
});
