import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decimalToFen } from '../../shared/values/money';
import { createFactorPlan } from '../fixtures/factorPlan';
import { runPlanbench, tempDir } from '../helpers';

/** `planbench allocate` as a finance official runs it. */
describe('planbench allocate', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'factors.planbench');
  after(cleanup);
  before(() => createFactorPlan(plan).store.close());

  const weights = '常住人口=50%,服务对象数=30%,绩效评价得分=0.2';

  test('--json: each district’s share, exact, adding up to the total', async () => {
    const result = await runPlanbench([
      'allocate',
      plan,
      '--sheet',
      '资金分配表',
      '--total',
      '1000万',
      '--weights',
      weights,
      '--into',
      '分配额',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const output = JSON.parse(result.stdout) as {
      total: string;
      unit: string;
      rows: { label: string; share: string }[];
    };
    assert.deepEqual([output.total, output.unit, output.rows.length], ['1000', '万元', 7]);
    const total = output.rows.reduce((sum, row) => sum + decimalToFen(row.share, '万元')!, 0n);
    assert.equal(total, 1_000_000_000n);
    // Every share is whole 元 (no 分): 万元 with at most four decimals.
    for (const row of output.rows) assert.match(row.share, /^\d+(\.\d{1,4})?$/);
  });

  test('the same fund written "10000000" or "1,000万元" gives the same shares; --unit 万元 rounds to 万元', async () => {
    const run = async (...extra: string[]) => {
      const result = await runPlanbench([
        'allocate',
        plan,
        '--sheet',
        '资金分配表',
        '--weights',
        weights,
        '--into',
        '分配额',
        '--json',
        ...extra,
      ]);
      assert.equal(result.code, 0, result.stderr);
      return (JSON.parse(result.stdout) as { rows: { share: string }[] }).rows.map((row) => row.share);
    };
    const plain = await run('--total', '10000000');
    assert.deepEqual(await run('--total', '1,000万元'), plain);
    const wan = await run('--total', '1000', '--unit', '万元');
    for (const share of wan) assert.match(share, /^\d+$/);
    assert.equal(
      wan.reduce((sum, share) => sum + Number(share), 0),
      1000,
    );
  });

  test('for people: a table of shares and the rule', async () => {
    const result = await runPlanbench([
      'allocate',
      plan,
      '--sheet',
      '资金分配表',
      '--total',
      '1000万',
      '--weights',
      weights,
      '--into',
      '分配额',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /按因素法分配 1000万元/);
    assert.match(result.stdout, /新北区/);
    assert.match(result.stdout, /最大余额法/);
  });

  test('wrong input exits 1 naming what is wrong and leaves the plan as it was; wrong usage exits 2', async () => {
    const bytes = fs.readFileSync(plan);
    const wrong = await runPlanbench([
      'allocate',
      plan,
      '--sheet',
      '资金分配表',
      '--total',
      '1000万',
      '--weights',
      '常住人口=50%,服务对象数=30%',
      '--into',
      '分配额',
    ]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /权重之和为 80%，应为 100%/);
    assert.match(wrong.stderr, /add up to 80%, not 100%/);
    assert.ok(fs.readFileSync(plan).equals(bytes));
    const usage = await runPlanbench([
      'allocate',
      plan,
      '--sheet',
      '资金分配表',
      '--total',
      '1000万',
      '--weights',
      '常住人口',
      '--into',
      '分配额',
    ]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /列名=权重/);
    const missing = await runPlanbench(['allocate', plan, '--sheet', '资金分配表']);
    assert.equal(missing.code, 2);
  });
});
