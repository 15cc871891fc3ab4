import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engineFor } from '../../../electron/core/checks/engine';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { allocateByFactors } from '../../../shared/rules/budgets/factorAllocation';
import { dec } from '../../../shared/values/exactDecimal';
import { decimalToFen, fenToDecimal } from '../../../shared/values/money';
import { tempDir } from '../../helpers';

/** The sample plan's budgets: the investment plan from its 88 projects, the 42 items, one allocation. */
describe('the sample plan’s budgets', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  before(() => {
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
  });
  after(() => {
    store.close();
    cleanup();
  });
  const sheet = (name: string) => store.listSheets().find((info) => info.name === name)!;
  const rows = (name: string) => store.listRows(sheet(name).id, 0, 500).rows;
  const results = (name: string) => engineFor(store).run(sheet(name).id);

  test('年度投资计划: 88 projects, 2020–2030, every year column adding up to 3,309,473.59 万元', () => {
    const plan = rows('年度投资计划');
    assert.equal(plan.length, 88);
    const yearKeys = store
      .columns(sheet('年度投资计划').id)
      .filter((column) => /^invest\d{4}$/.test(column.key))
      .map((column) => column.key);
    assert.deepEqual(
      yearKeys,
      Array.from({ length: 11 }, (_, index) => `invest${2020 + index}`),
    );
    const totals = new Map(store.totals(sheet('年度投资计划').id).map((total) => [total.columnKey, total.sum]));
    assert.equal(totals.get('investment'), '3309473.59');
    const yearSum = yearKeys.reduce((sum, key) => sum + decimalToFen(totals.get(key) ?? '0', '万元')!, 0n);
    assert.equal(fenToDecimal(yearSum, '万元'), '3309473.59');
    // Project 1 (2021–2025) and the single-year project 28.
    const bySeq = (seq: string) => plan.find((row) => row.cells['seq']?.text === seq)!;
    const spread = (seq: string) => yearKeys.map((key) => bySeq(seq).cells[key]?.value ?? null).filter(Boolean);
    const first = bySeq('1');
    const parts = spread('1');
    assert.equal(parts.length, 5);
    assert.equal(
      fenToDecimal(
        parts.reduce((sum, part) => sum + decimalToFen(String(part), '万元')!, 0n),
        '万元',
      ),
      first.cells['investment']?.value,
    );
    assert.equal(spread('28').length, 1);
    const checks = results('年度投资计划');
    assert.equal(checks.find((check) => check.kind === 'investmentYears')?.status, 'pass');
    assert.equal(checks.find((check) => check.kind === 'investmentSources')?.computed, '70');
    // Projects 55 and 71 are one project listed twice: said once, on the project table it comes from.
    assert.deepEqual(
      checks.filter((check) => check.kind === 'duplicate'),
      [],
    );
    assert.equal(
      results('重点工程').filter((check) => check.kind === 'duplicate' && check.status === 'fail').length,
      1,
    );
  });

  test('共同财政事权: the 42 items in 13 classes, each waiting for its rule', () => {
    const items = rows('共同财政事权');
    assert.equal(items.length, 42);
    assert.deepEqual(
      [items[0]!.cells['seq']?.text, items[0]!.cells['item']?.text, items[41]!.cells['seq']?.text],
      ['1.1', '免费孕前优生健康检查', '13.3'],
    );
    const checks = results('共同财政事权');
    const rule = checks.find((check) => check.kind === 'sharingRule')!;
    assert.equal(rule.status, 'warn');
    assert.equal(rule.rows.length, 42);
    assert.deepEqual(
      checks.filter((check) => check.declaredId !== null).map((check) => [check.kind, check.status]),
      [
        ['rowCount', 'pass'],
        ['categoryCount', 'pass'],
      ],
    );
  });

  test('资金分配表: 1,000万元 over the seven districts by pilots (60%) and key projects (40%), exactly', () => {
    const districts = rows('资金分配表');
    assert.equal(districts.length, 7);
    const factors = districts.map((row) => [
      dec(String(row.cells['pilots']?.value)),
      dec(String(row.cells['projects']?.value)),
    ]);
    assert.deepEqual(
      factors.map(([pilots]) => Number(pilots!.digits)),
      [4, 4, 6, 6, 3, 3, 4],
    );
    const expected = allocateByFactors({ total: 10_000_000n, weights: [dec('0.6'), dec('0.4')], factors });
    assert.ok(expected.ok);
    const shares = districts.map((row) => decimalToFen(String(row.cells['share']?.value), '万元')!);
    assert.deepEqual(
      shares,
      expected.shares.map((yuan) => yuan * 100n),
    );
    assert.equal(
      shares.reduce((a, b) => a + b, 0n),
      1_000_000_000n,
    );
    assert.equal(results('资金分配表').find((check) => check.kind === 'factorAllocation')?.status, 'pass');
    assert.equal(
      store.getSetting<{ total: string }>(`sheet:${sheet('资金分配表').id}`, 'factorAllocation')?.total,
      '1000万元',
    );
  });
});
