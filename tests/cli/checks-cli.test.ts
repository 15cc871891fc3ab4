import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CheckResult, CheckSummary } from '../../shared/contract/calls/checks';
import { runPlanbench, tempDir } from '../helpers';

/** `planbench check` as a script runs it: every check in JSON, exit 0 even when some fail. */
describe('planbench check', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'sample.planbench');
  after(cleanup);

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
  });

  test('--json lists every check: totals within rounding, 55/71, indicators 1 and 34, the matrix at 30', async () => {
    const result = await runPlanbench(['check', plan, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { ok: boolean; summary: CheckSummary; results: CheckResult[] };
    assert.equal(report.ok, true);
    assert.equal(report.summary.total, report.results.length);
    assert.equal(report.summary.fail, 4);

    const failing = report.results.filter((check) => check.status === 'fail');
    assert.deepEqual(
      failing.map((check) => check.kind),
      ['indicatorStatus', 'indicatorStatus', 'duplicate', 'overdueTask'],
    );
    assert.deepEqual(
      failing[2]!.rows.map((row) => row.rowNumber),
      [55, 71],
    );
    assert.deepEqual(
      failing.slice(0, 2).map((check) => check.label.split(' ')[1]),
      ['1', '34'],
    );

    const declared = report.results.filter((check) => check.declaredId !== null);
    const rounded = declared.filter((check) => check.match === 'rounded');
    assert.deepEqual(
      rounded.map((check) => [check.expected, check.computed, check.difference]),
      [
        ['331', '330.947359', '-0.052641'],
        ['104.3', '104.278359', '-0.021641'],
        ['14.1', '14.095', '-0.005'],
        ['47.6', '47.574', '-0.026'],
      ],
    );
    const grand = declared.find((check) => check.kind === 'allocationGrandTotal');
    assert.deepEqual([grand?.status, grand?.computed], ['pass', '30']);
    const scene = declared.find((check) => check.kind === 'rule' && check.status === 'notEvaluable');
    assert.match(scene?.messageEn ?? '', /no breakdown by scene/);
  });

  test('for people: problems first, in Chinese, with the rows; --sheet narrows it down', async () => {
    const result = await runPlanbench(['check', plan, '--sheet', '重点工程']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /【未通过】1 项/);
    assert.match(result.stdout, /疑似重复：第55行与第71行/);
    assert.match(result.stdout, /重点工程 第55行（55 新能源配套设施建设工程）、第71行（71 “电动溧阳”建设）/);
    assert.doesNotMatch(result.stdout, /指标 1 /);
  });

  test('a sheet that does not exist exits 1 and names it; a missing plan argument exits 2', async () => {
    const missing = await runPlanbench(['check', plan, '--sheet', '不存在的表']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /不存在的表/);
    const usage = await runPlanbench(['check']);
    assert.equal(usage.code, 2);
  });
});
