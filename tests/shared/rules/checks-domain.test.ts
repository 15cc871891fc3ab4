import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  convertUnit,
  dec,
  divide,
  parseDec,
  roundHalfUp,
  sub,
  toFixedText,
  toText,
} from '../../../shared/values/exactDecimal';
import type { AssessContext } from '../../../shared/rules/indicatorStatus';
import {
  assessIndicator,
  parseIndicatorValue,
  parseRecordedCompliance,
  parseStandard,
} from '../../../shared/rules/indicatorStatus';
import { spreadDecimal, spreadUnits } from '../../../shared/values/spread';

describe('exact decimals', () => {
  test('difference, rounding half up and unit conversion are exact', () => {
    assert.equal(toText(sub(dec('104.278359'), dec('104.3'))), '-0.021641');
    assert.equal(toText(roundHalfUp(dec('104.278359'), 1)), '104.3');
    assert.equal(toText(roundHalfUp(dec('0.25'), 1)), '0.3');
    assert.equal(toText(roundHalfUp(dec('-0.25'), 1)), '-0.3', 'half away from zero');
    assert.equal(toText(convertUnit(dec('3309473.59'), '万元', '亿元')), '330.947359');
    assert.equal(toText(convertUnit(dec('1.5'), '亿元', '元')), '150000000');
    assert.equal(toText(sub(dec(0.3), dec(0.1))), '0.2', 'no float noise');
    assert.equal(toFixedText(divide(dec(1), dec(3), 4), 4), '0.3333');
    assert.equal(toText(divide(dec(2), dec(3), 2)), '0.67');
    assert.equal(parseDec('3,309,473.59') && toText(parseDec('3,309,473.59')!), '3309473.59');
    assert.equal(parseDec('约331'), null);
  });
});

describe('indicator standards and values', () => {
  const percent: AssessContext = { unit: '%', scopes: ['市'] };
  const status = (standard: string, value: string, context: AssessContext = percent) =>
    assessIndicator(parseStandard(standard), parseIndicatorValue(value), context).status;

  test('comparisons against numbers, with % read only for percent units', () => {
    assert.equal(status('≥20', '21.4'), 'met');
    assert.equal(status('≥4.5', '4.30%'), 'notMet');
    assert.equal(status('≥18', '26.62%'), 'met');
    assert.equal(status('≤0.8', '0.75', { unit: '吨/万元', scopes: [] }), 'met');
    assert.equal(status('≤0.8', '0.81', { unit: '吨/万元', scopes: [] }), 'notMet');
    assert.equal(status('不低于60', '64.7'), 'met');
    assert.equal(status('≥15', '14.33', { unit: '平方米/人', scopes: [] }), 'notMet');
    assert.equal(
      status('≥15', '16%', { unit: '平方米/人', scopes: [] }),
      'unknown',
      '% on a non-percent unit is unclear',
    );
  });

  test('bounds meet a standard only when they imply it', () => {
    assert.equal(status('≥95', '≥95'), 'met');
    assert.equal(status('≥60', '≥65'), 'met');
    assert.equal(status('≥60', '≥50'), 'unknown');
    assert.equal(status('≥50', '≤40'), 'notMet');
  });

  test('a bare figure is a standard only for a rate of 100 %', () => {
    assert.equal(status('100', '100'), 'met');
    assert.equal(status('100', '80%'), 'notMet');
    assert.equal(status('0.345', '0.3', { unit: '吨标准煤/万元', scopes: [] }), 'unknown');
  });

  test('scoped standards apply only to a plan of that scope', () => {
    assert.equal(status('市≥95', '97.3'), 'met');
    assert.equal(status('市≥95', '97.3', { unit: '%', scopes: [] }), 'unknown');
    assert.equal(status('大城市≥60', '51'), 'unknown');
  });

  test('statements are met only when the value states every clause', () => {
    assert.equal(status('制定实施', '制定实施'), 'met');
    assert.equal(status('不降低', '不降低'), 'met');
    assert.equal(status('完成上级管控目标', '80.6，完成上级管控目标'), 'met');
    assert.equal(status('完成上级规定的考核任务；保持稳定或持续改善', '完成上级规定的考核任务'), 'unknown');
    assert.equal(
      status('完成上级规定的考核任务；保持稳定或持续改善', '80.3%， / 完成上级规定的 / 考核任务14.9%'),
      'unknown',
    );
    assert.equal(status('持续上升', '25.9'), 'unknown');
    assert.equal(status('≥2', '保持稳定或改善持续'), 'unknown');
  });

  test('不涉及 is not applicable; recorded statuses are read strictly', () => {
    assert.equal(status('完成上级管控目标', '不涉及'), 'notApplicable');
    assert.deepEqual(parseRecordedCompliance('达标'), { kind: 'met' });
    assert.deepEqual(parseRecordedCompliance(' 不达标 '), { kind: 'notMet' });
    assert.deepEqual(parseRecordedCompliance('—'), { kind: 'none' });
    assert.deepEqual(parseRecordedCompliance('100'), { kind: 'other', text: '100' });
  });
});

describe('spreading in whole units', () => {
  test('30 over 21 cells evenly: 1 each, the 9 left over to the first 9 cells', () => {
    const units = spreadUnits(
      30n,
      Array.from({ length: 21 }, () => 1n),
    );
    assert.equal(
      units.reduce((a, b) => a + b, 0n),
      30n,
    );
    assert.deepEqual(units.map(Number), [...Array(9).fill(2), ...Array(12).fill(1)]);
  });

  test('proportional: largest remainders first, ties to the earlier cell', () => {
    // 10 by 1:1:1 → 3.33 each: the one left over goes to the first.
    assert.deepEqual(spreadUnits(10n, [1n, 1n, 1n]).map(Number), [4, 3, 3]);
    // 10 by 1:2:3 → 1.67, 3.33, 5: the one left goes to the largest remainder (the first).
    assert.deepEqual(spreadUnits(10n, [1n, 2n, 3n]).map(Number), [2, 3, 5]);
    assert.deepEqual(spreadUnits(7n, [0n, 5n, 0n]).map(Number), [0, 7, 0]);
  });

  test('decimal totals in steps of the column; refusals say why', () => {
    const spread = spreadDecimal(dec('100.01'), [dec(1), dec(1), dec(1)], 2);
    assert.ok(spread.ok);
    assert.deepEqual(spread.parts.map(toText), ['33.34', '33.34', '33.33']);
    const fine = spreadDecimal(dec('30.5'), [dec(1), dec(1)], 0);
    assert.equal(fine.ok, false);
    assert.match(!fine.ok ? fine.reasonZh : '', /小数位/);
    const zero = spreadDecimal(dec('30'), [dec(0), dec(0)], 0);
    assert.match(!zero.ok ? zero.reasonZh : '', /之和为零/);
  });
});
