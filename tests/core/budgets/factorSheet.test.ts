import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { PlanbenchError } from '../../../shared/contract/errors';
import { allocateByFactors } from '../../../shared/rules/budgets/factorAllocation';
import { dec } from '../../../shared/values/exactDecimal';
import { decimalToFen, fenToDecimal } from '../../../shared/values/money';
import { callApi } from '../../apiCall';
import { createFactorPlan, DISTRICTS } from '../../fixtures/factorPlan';
import { tempDir } from '../../helpers';

/** The factor method on a real plan file, through the API: settings kept, edits re-allocate, undo. */
describe('factor allocation on a sheet', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;
  let context: ApiContext;
  before(() => {
    ({ store, sheetId } = createFactorPlan(path.join(dir, 'factors.planbench')));
    context = { store, edition: 'cli' };
  });
  after(() => {
    store.close();
    cleanup();
  });

  const settings = {
    total: '1,000万元',
    weights: [
      { column: '常住人口', weight: '50%' },
      { column: '服务对象数', weight: '0.3' },
      { column: 'score', weight: '20%' },
    ],
    into: '分配额',
    unit: '元' as const,
  };
  const shares = () => store.listRows(sheetId, 0, 10).rows.map((row) => row.cells['share']?.value ?? null);
  const expected = (factors: string[][]) => {
    const result = allocateByFactors({
      total: 10_000_000n,
      weights: [dec('0.5'), dec('0.3'), dec('0.2')],
      factors: factors.map((row) => row.map((value) => dec(value))),
    });
    assert.ok(result.ok);
    // 元 as 万元 text: 1234567 元 is 123.4567 万元.
    return result.shares.map((yuan) => fenToDecimal(yuan * 100n, '万元'));
  };

  test('writes each district’s share to the 元 as one action, summing to 1,000万元 exactly', async () => {
    const result = await callApi(context, 'allocation.factors.run', { sheetId, settings });
    assert.equal(result.total, '1000');
    assert.equal(result.unit, '万元');
    assert.deepEqual(
      result.rows.map((row) => row.label),
      DISTRICTS.map(([district]) => district),
    );
    const written = shares();
    assert.deepEqual(written, expected(DISTRICTS.map(([, ...factors]) => [...factors])));
    assert.deepEqual(
      written,
      result.rows.map((row) => row.share),
    );
    const totalFen = written.reduce((sum, share) => sum + (decimalToFen(String(share), '万元') ?? 0n), 0n);
    assert.equal(totalFen, 1_000_000_000n);
    assert.deepEqual((await callApi(context, 'allocation.factors.get', { sheetId })).settings, {
      ...settings,
      floorColumn: null,
      capColumn: null,
    });
    assert.equal(store.undoState().undo?.label, '因素法分配');
  });

  test('changing a factor re-allocates in the same action; one undo takes both back', async () => {
    const before = shares();
    const rowId = store.listRows(sheetId, 0, 10).rows[3]!.id;
    await callApi(context, 'cell.update', { sheetId, rowId, columnKey: 'population', text: '10' });
    const after = shares();
    const factors: string[][] = DISTRICTS.map(([, ...rest]) => [...rest]);
    factors[3]![0] = '10';
    assert.deepEqual(after, expected(factors));
    assert.notDeepEqual(after, before);
    await callApi(context, 'history.undo', {});
    assert.deepEqual(shares(), before);
    assert.equal(store.listRows(sheetId, 0, 10).rows[3]!.cells['population']?.text, '161.3');
  });

  test('a paste over factors re-allocates too; editing a column that is not a factor does not', async () => {
    const rows = store.listRows(sheetId, 0, 10).rows;
    const before = shares();
    await callApi(context, 'cells.update', {
      sheetId,
      edits: [{ rowId: rows[0]!.id, columnKey: 'district', text: '溧阳' }],
    });
    assert.deepEqual(shares(), before);
    await callApi(context, 'cells.update', {
      sheetId,
      source: 'paste',
      edits: [
        { rowId: rows[0]!.id, columnKey: 'clients', text: '0' },
        { rowId: rows[0]!.id, columnKey: 'score', text: '0' },
        { rowId: rows[0]!.id, columnKey: 'population', text: '0' },
      ],
    });
    // A district whose factors are all zero gets nothing.
    assert.equal(shares()[0], '0');
    await callApi(context, 'history.undo', {});
    await callApi(context, 'history.undo', {});
    assert.deepEqual(shares(), before);
  });

  test('the check says when a share was typed over or the factors can no longer be allocated', async () => {
    const check = async () =>
      (await callApi(context, 'checks.run', { sheetId })).results.find((result) => result.kind === 'factorAllocation')!;
    assert.equal((await check()).status, 'pass');
    const rows = store.listRows(sheetId, 0, 10).rows;
    await callApi(context, 'cells.update', {
      sheetId,
      edits: [{ rowId: rows[2]!.id, columnKey: 'share', text: '100' }],
    });
    const typedOver = await check();
    assert.equal(typedOver.status, 'fail');
    assert.deepEqual(
      typedOver.rows.map((row) => row.rowNumber),
      [3],
    );
    await callApi(context, 'history.undo', {});
    // Clearing a factor cannot be allocated: the shares stay, and the check says why.
    const before = shares();
    await callApi(context, 'cells.update', {
      sheetId,
      edits: [{ rowId: rows[0]!.id, columnKey: 'clients', text: '' }],
    });
    assert.deepEqual(shares(), before);
    const broken = await check();
    assert.equal(broken.status, 'fail');
    assert.match(broken.messageZh, /因素法分配无法计算：第 1 行“溧阳市”的因素“服务对象数”为空/);
    await callApi(context, 'history.undo', {});
    assert.equal((await check()).status, 'pass');
  });

  test('floors (保底) from a column force the rest to be re-allocated', async () => {
    const rows = store.listRows(sheetId, 0, 10).rows;
    await callApi(context, 'cells.update', {
      sheetId,
      edits: [{ rowId: rows[1]!.id, columnKey: 'floor', text: '200' }],
    });
    const result = await callApi(context, 'allocation.factors.run', {
      sheetId,
      settings: { ...settings, floorColumn: '保底' },
    });
    assert.equal(result.rows[1]!.share, '200');
    const totalFen = result.rows.reduce((sum, row) => sum + (decimalToFen(row.share, '万元') ?? 0n), 0n);
    assert.equal(totalFen, 1_000_000_000n);
  });

  test('targets in whole units: a count column gets pilots, summing to the total, ties to the earlier row', async () => {
    const column = await callApi(context, 'columns.add', { sheetId, name: '试点数', type: 'number' });
    const result = await callApi(context, 'allocation.factors.run', {
      sheetId,
      settings: { total: '30', weights: [{ column: '绩效评价得分', weight: '100%' }], into: '试点数', unit: '元' },
    });
    assert.equal(result.unit, '');
    const pilots = store.listRows(sheetId, 0, 10).rows.map((row) => row.cells[column.key]?.value);
    const scores = DISTRICTS.map(([, , , score]) => [score]);
    const reference = allocateByFactors({
      total: 30n,
      weights: [dec(1)],
      factors: scores.map((row) => row.map((value) => dec(value))),
    });
    assert.ok(reference.ok);
    assert.deepEqual(pilots, reference.shares.map(Number));
    assert.equal(
      pilots.reduce((sum: number, value) => sum + Number(value), 0),
      30,
    );
    const refused = callApi(context, 'allocation.factors.run', {
      sheetId,
      settings: { total: '30.5', weights: [{ column: '绩效评价得分', weight: '1' }], into: '试点数', unit: '元' },
    });
    await assert.rejects(refused, /应为非负整数/);
  });

  test('refusals name the column and row and change nothing', async () => {
    const before = shares();
    const actions = store.latestActionId();
    const refusal = async (patch: object) => {
      try {
        await callApi(context, 'allocation.factors.run', { sheetId, settings: { ...settings, ...patch } });
      } catch (error) {
        assert.ok(error instanceof PlanbenchError);
        return error.body;
      }
      return assert.fail('not refused');
    };
    assert.match((await refusal({ into: '不存在' })).messageZh, /没有“不存在”列（现有：地区、常住人口/);
    assert.match((await refusal({ total: '1000.5' })).messageZh, /不是整元/);
    assert.match((await refusal({ total: '约1000万' })).messageEn, /not a definite amount/);
    assert.match(
      (
        await refusal({
          weights: [
            { column: '常住人口', weight: '60%' },
            { column: '服务对象数', weight: '30%' },
          ],
        })
      ).messageZh,
      /权重之和为 90%，应为 100%/,
    );
    assert.match(
      (await refusal({ weights: [{ column: '地区', weight: '1' }] })).messageZh,
      /第 1 行“溧阳市”的因素“地区”为空或不是数字/,
    );
    assert.match(
      (await refusal({ into: '常住人口', weights: [{ column: '常住人口', weight: '1' }] })).messageZh,
      /不能既是因素又写入结果/,
    );
    assert.deepEqual(shares(), before);
    assert.equal(store.latestActionId(), actions);
  });
});
