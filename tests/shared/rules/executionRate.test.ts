import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { executionColumns, executionRateText, isComputedColumn } from '../../../shared/rules/budgets/executionRate';
import { kindColumns } from '../../../shared/model/sheetKinds';

/** 执行率 = 已支出 ÷ 预算数 to 0.01%, half-up, exact; nothing to divide gives a blank, never NaN. */
describe('执行率', () => {
  test('examples a finance official checks by hand', () => {
    assert.equal(executionRateText(4_567n, 10_000n), '45.67');
    assert.equal(executionRateText(1n, 3n), '33.33');
    assert.equal(executionRateText(2n, 3n), '66.67');
    // Exactly half of a hundredth rounds up (四舍五入): 1/8 = 12.5%, 1/1600 = 0.0625%.
    assert.equal(executionRateText(1n, 8n), '12.50');
    assert.equal(executionRateText(1n, 1_600n), '0.06');
    assert.equal(executionRateText(1n, 16_000n), '0.01', '0.00625% rounds half-up to 0.01');
    assert.equal(executionRateText(1n, 20_001n), '0.00');
    assert.equal(executionRateText(0n, 500n), '0.00');
    assert.equal(executionRateText(12_000n, 10_000n), '120.00', 'over-spending shows; the check fails it');
    assert.equal(executionRateText(-1n, 8n), '-12.50', 'a refund rounds on its magnitude');
    // A budget of 10^15 分 less one and a spending of one 分 less: exact, no float error.
    assert.equal(executionRateText(999_999_999_999_998n, 999_999_999_999_999n), '100.00');
  });

  test('no budget, a budget of zero or no spending: blank', () => {
    assert.equal(executionRateText(100n, 0n), '');
    assert.equal(executionRateText(100n, null), '');
    assert.equal(executionRateText(null, 100n), '');
  });

  test('agrees with an independent characterisation of half-up rounding', () => {
    // h is right when (2h − 1)·b ≤ 2·s·10000 < (2h + 1)·b, for s ≥ 0, b > 0.
    for (let budget = 1n; budget <= 60n; budget++) {
      for (let spent = 0n; spent <= 2n * budget; spent++) {
        const text = executionRateText(spent, budget);
        const h = BigInt(text.replace('.', ''));
        assert.equal(text.split('.')[1]?.length, 2);
        const twice = 2n * spent * 10_000n;
        assert.ok((2n * h - 1n) * budget <= twice && twice < (2n * h + 1n) * budget, `${spent}/${budget} → ${text}`);
      }
    }
  });

  test('the 资金预算 kind is an execution sheet and its 执行率 is computed; a task sheet’s 完成率 is typed', () => {
    const budget = kindColumns('budget');
    assert.equal(executionColumns(budget)?.rate.key, 'rate');
    assert.equal(isComputedColumn(budget, 'rate'), true);
    assert.equal(isComputedColumn(budget, 'spent'), false);
    assert.equal(budget.find((column) => column.key === 'rate')?.settings.decimals, 2);
    const tasks = kindColumns('tasks');
    assert.equal(executionColumns(tasks), null);
    assert.equal(isComputedColumn(tasks, 'rate'), false);
  });
});
