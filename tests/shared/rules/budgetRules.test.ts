import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readSharingRule, splitByRule } from '../../../shared/rules/budgets/sharingRule';
import { spreadEvenly, yearsOf } from '../../../shared/rules/budgets/yearSpread';
import { toText } from '../../../shared/values/exactDecimal';

describe('an investment spread over its years', () => {
  test('even in 0.01 万元 steps, the remainder to the last year, summing exactly', () => {
    // 1,000 万元 over 2021–2023: 333.33 + 333.33 + 333.34.
    assert.deepEqual(spreadEvenly(1_000_000_000n, 3), [333_330_000n, 333_330_000n, 333_340_000n]);
    // 15,038.57 万元 over five years.
    const parts = spreadEvenly(15_038_570_000n, 5);
    assert.deepEqual(parts, [3_007_710_000n, 3_007_710_000n, 3_007_710_000n, 3_007_710_000n, 3_007_730_000n]);
    assert.equal(
      parts.reduce((a, b) => a + b, 0n),
      15_038_570_000n,
    );
    // An amount finer than the step keeps its 分 in the last year.
    assert.deepEqual(spreadEvenly(1_000_005n, 2), [500_000n, 500_005n]);
    assert.deepEqual(spreadEvenly(700n, 1), [700n]);
    assert.deepEqual(yearsOf({ start: 2021, end: 2025 }), [2021, 2022, 2023, 2024, 2025]);
  });

  test('no years or a negative amount is a programming error, not a silent zero', () => {
    assert.throws(() => spreadEvenly(100n, 0), RangeError);
    assert.throws(() => spreadEvenly(-100n, 2), RangeError);
  });
});

describe('cost-sharing rules (共同财政事权)', () => {
  const parts = (text: string) => {
    const rule = readSharingRule(text);
    assert.equal(rule.kind, 'ratio', `${text}: ${rule.kind === 'invalid' ? rule.reasonEn : rule.kind}`);
    return rule.kind === 'ratio' ? rule.parts.map(({ level, part }) => `${level}${toText(part)}`).join(' ') : '';
  };

  test('ratios as officials write them, two and three levels, half- or full-width', () => {
    assert.equal(parts('市:区 = 5:5'), '市5 区5');
    assert.equal(parts('省：市：区＝4：3：3'), '省4 市3 区3');
    assert.equal(parts('市级:区级=60%:40%'), '市60 区40');
    assert.equal(readSharingRule('因素法').kind, 'factor');
    assert.equal(readSharingRule('按因素法补助').kind, 'factor');
    assert.equal(readSharingRule('  ').kind, 'none');
  });

  test('percentages must add up to 100%; unreadable rules say how to write one', () => {
    const wrong = readSharingRule('市:区 = 60%:30%');
    assert.equal(wrong.kind, 'invalid');
    assert.match(wrong.kind === 'invalid' ? wrong.reasonZh : '', /比例之和为 90%，应为 100%/);
    for (const text of ['市:区 = 5', '市:镇 = 5:5', '市:市 = 5:5', '五五分', '市:区 = 0:0', '市:区 = 60%:4']) {
      const reading = readSharingRule(text);
      assert.equal(reading.kind, 'invalid', text);
      assert.match(reading.kind === 'invalid' ? reading.reasonEn : '', /cannot be read/, text);
    }
  });

  test('spending splits to the 元 by the largest remainder and the shares add up exactly', () => {
    const threeLevels = readSharingRule('省:市:区 = 4:3:3');
    assert.equal(threeLevels.kind, 'ratio');
    if (threeLevels.kind !== 'ratio') return;
    // 1,000,001 元: 400,000.4 / 300,000.3 / 300,000.3 → the one 元 left goes to 省 (largest .4).
    const split = splitByRule(100_000_100n, threeLevels);
    assert.deepEqual(
      [...split],
      [
        ['省', 40_000_100n],
        ['市', 30_000_000n],
        ['区', 30_000_000n],
      ],
    );
    const twoLevels = readSharingRule('市:区 = 1:2');
    if (twoLevels.kind !== 'ratio') return assert.fail('ratio');
    // 100 元 → 33.33 / 66.67: 33 + 66 and the 元 left to the larger remainder (区).
    assert.deepEqual(
      [...splitByRule(10_000n, twoLevels)],
      [
        ['市', 3_300n],
        ['区', 6_700n],
      ],
    );
    // Spending with 分 splits to the 分.
    assert.deepEqual(
      [...splitByRule(101n, twoLevels)],
      [
        ['市', 34n],
        ['区', 67n],
      ],
    );
  });
});
