import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validThresholds } from '../../../../shared/rules/supervision/status';
import { checkThresholds, readThresholds } from '../../../../shared/rules/supervision/thresholds';

/** The thresholds a user types for 滞后 and 严重滞后: read, checked, and refused with the reason. */

test('two numbers in the usual separators are read', () => {
  for (const text of ['10,30', '10，30', ' 10 , 30 ', '10 30', '10%,30%', '10、30']) {
    assert.deepEqual(readThresholds(text), { ok: true, thresholds: { behind: 10, seriouslyBehind: 30 } }, text);
  }
  assert.deepEqual(readThresholds('12.5,25'), { ok: true, thresholds: { behind: 12.5, seriouslyBehind: 25 } });
  assert.deepEqual(readThresholds('0,100'), { ok: true, thresholds: { behind: 0, seriouslyBehind: 100 } });
});

test('a negative value, yellow not below red, more than 100 or not a number is refused in Chinese and English', () => {
  const refusal = (text: string) => {
    const reading = readThresholds(text);
    assert.equal(reading.ok, false, text);
    return reading.ok ? { zh: '', en: '' } : reading;
  };
  assert.match(refusal('-5,30').zh, /滞后阈值须在 0 到 100 个百分点之间（现为 -5）/);
  assert.match(refusal('-5,30').en, /between 0 and 100/);
  assert.match(refusal('30,10').zh, /滞后阈值（30）须小于严重滞后阈值（10）/);
  assert.match(refusal('30,30').en, /must be below the seriously-behind threshold/);
  assert.match(refusal('10,130').zh, /严重滞后阈值须在 0 到 100/);
  assert.match(refusal('十,30').zh, /滞后阈值须为数字/);
  assert.match(refusal('十,30').en, /must be a number/);
  assert.match(refusal('10,abc').zh, /严重滞后阈值须为数字/);
  assert.match(refusal('10').zh, /阈值须为两个数.*收到“10”/);
  assert.match(refusal('10,20,30').en, /two numbers/);
  assert.equal(checkThresholds(Number.NaN, 30).ok, false);
});

test('stored thresholds are checked the same way', () => {
  assert.deepEqual(validThresholds({ behind: 5, seriouslyBehind: 20 }), { behind: 5, seriouslyBehind: 20 });
  assert.equal(validThresholds({ behind: 20, seriouslyBehind: 20 }), null);
  assert.equal(validThresholds({ behind: -1, seriouslyBehind: 20 }), null);
});
