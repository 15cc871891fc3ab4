import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PlanSummary } from '../../shared/contract/contract';
import { runPlanbench, tempDir } from '../helpers';

describe('planbench CLI', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'sample.planbench');
  after(cleanup);

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample', '--json']);
    assert.equal(created.code, 0, created.stderr);
    assert.equal((JSON.parse(created.stdout) as { ok: boolean }).ok, true);
  });

  test('new --sample, then summary --json reports the sample plan exactly', async () => {
    const result = await runPlanbench(['summary', plan, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as PlanSummary;
    assert.equal(summary.departments, 68);

    const projects = summary.sheets.find((sheet) => sheet.kind === 'projects');
    assert.equal(projects?.rows, 88);
    const investment = projects?.totals.find((total) => total.type === 'money');
    assert.deepEqual(
      { sum: investment?.sum, known: investment?.known, unknown: investment?.unknown, unit: investment?.moneyUnit },
      { sum: '3309473.59', known: 70, unknown: 18, unit: '万元' },
    );
    assert.equal(projects?.categories.length, 6);
    assert.deepEqual(
      projects?.categories.find((category) => category.category === '生态安全类'),
      { category: '生态安全类', count: 24, sum: '1042783.59', known: 21, unknown: 3 },
    );

    const indicators = summary.sheets.find((sheet) => sheet.kind === 'indicators');
    assert.deepEqual(
      { top: indicators?.topLevelRows, sub: indicators?.childRows },
      { top: 41, sub: 17 },
      '41 indicators and 17 sub-indicators',
    );

    const allocation = summary.sheets.find((sheet) => sheet.kind === 'allocation');
    assert.equal(allocation?.allocationTotal, '30');
    assert.deepEqual(
      allocation?.totals.map((total) => total.sum),
      ['10', '10', '10'],
    );
    assert.equal(allocation?.rows, 7);
  });

  test('summary for people, in Chinese, with the exact total', async () => {
    const result = await runPlanbench(['summary', plan]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /重点工程/);
    assert.match(result.stdout, /3,309,473\.59 万元（70\/88 有值，18 未知）/);
  });

  test('wrong input exits 1 with a clear message and changes nothing', async () => {
    const notPlan = path.join(dir, 'notes.txt');
    fs.writeFileSync(notPlan, 'hello');
    const result = await runPlanbench(['summary', notPlan]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /不是规划工作台的规划文件/);
    assert.match(result.stderr, /not a Planbench plan/);
    assert.match(result.stderr, /notes\.txt/);
    assert.equal(fs.readFileSync(notPlan, 'utf8'), 'hello');

    const json = await runPlanbench(['summary', path.join(dir, 'missing.planbench'), '--json']);
    assert.equal(json.code, 1);
    assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, 'not_found');

    const before = fs.readFileSync(plan);
    const exists = await runPlanbench(['new', plan]);
    assert.equal(exists.code, 1, 'new never overwrites');
    assert.match(exists.stderr, /已存在/);
    assert.deepEqual(fs.readFileSync(plan), before);
  });

  test('wrong usage exits 2 with the usage text', async () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['summary'],
      ['summary', plan, '--sample'],
      ['serve', plan, '--port', 'x'],
    ]) {
      const result = await runPlanbench(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stdout + result.stderr, /用法 \/ Usage/);
    }
    const help = await runPlanbench(['--help']);
    assert.equal(help.code, 0);
  });
});
