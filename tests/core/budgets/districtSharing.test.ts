import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { PlanbenchError } from '../../../shared/contract/errors';
import { costSharingColumns } from '../../../shared/model/budgetSheets';
import { allocateByFactors } from '../../../shared/rules/budgets/factorAllocation';
import { dec } from '../../../shared/values/exactDecimal';
import { decimalToFen } from '../../../shared/values/money';
import { callApi } from '../../apiCall';
import { createFactorPlan, DISTRICTS } from '../../fixtures/factorPlan';
import { tempDir } from '../../helpers';

/**
 * 共同财政事权 down to the districts: each item's 区级 part (2- and 3-level rules) shared among the
 * seven districts of a 资金分配表 — by its saved factors, or by one column — exact to the 元 by
 * the largest remainder; a matrix sheet item × district, one undoable action, checked.
 */

/** Largest remainder by one column, worked out independently: quotas as exact fractions. */
function byOwnAmount(total: bigint, amounts: readonly bigint[]): bigint[] {
  const sum = amounts.reduce((a, b) => a + b, 0n);
  const floors = amounts.map((amount) => (total * amount) / sum);
  const remainders = amounts.map((amount, index) => ({ index, rest: total * amount - floors[index]! * sum }));
  let left = total - floors.reduce((a, b) => a + b, 0n);
  // Largest fractional part first (all share the denominator `sum`), ties to the earlier row.
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left-- <= 0n) break;
    floors[index]!++;
  }
  return floors;
}

const fen = (text: string | undefined) => decimalToFen(text ?? '', '元')!;

describe('cost sharing down to the districts', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let districtSheet: number;
  let sharingSheet: number;
  let context: ApiContext;
  const ITEMS = [
    ['基本公共卫生服务', '市:区 = 5:5', '1000001'],
    ['困难群众救助', '省:市:区 = 4:3:3', '2500000'],
    ['城乡居民医保补助', '因素法', '800000'],
    ['义务教育公用经费', '市:区 = 60%:40%', '7'],
    ['重大动物疫病防控', '省:市 = 5:5', '90000'],
    ['残疾人两项补贴', '省：市：区＝2:3:5', '123456.78'],
  ] as const;
  before(async () => {
    ({ store, sheetId: districtSheet } = createFactorPlan(path.join(dir, 'districts.planbench')));
    context = { store, edition: 'cli' };
    await callApi(context, 'allocation.factors.run', {
      sheetId: districtSheet,
      settings: {
        total: '1000万',
        weights: [
          { column: '常住人口', weight: '50%' },
          { column: '服务对象数', weight: '30%' },
          { column: '绩效评价得分', weight: '20%' },
        ],
        into: '分配额',
      },
    });
    sharingSheet = store.createSheet({ name: '共同财政事权', kind: 'budget', columns: costSharingColumns() });
    store.insertRows(
      sharingSheet,
      ITEMS.map(([item, rule, spending], index) => ({ cells: { seq: String(index + 1), item, rule, spending } })),
      { source: 'system' },
    );
    await callApi(context, 'costSharing.apply', { sheetId: sharingSheet });
  });
  after(() => {
    store.close();
    cleanup();
  });

  const sourceRows = () => store.listRows(sharingSheet, 0, 100).rows;
  const matrixRows = (sheetId: number) => store.listRows(sheetId, 0, 100).rows;
  const districtKeys = (sheetId: number) =>
    store
      .columns(sheetId)
      .filter((column) => /^district\d+$/.test(column.key))
      .map((column) => column.key);

  test('by the factor sheet’s weights: every 区级 part split to the 元, adding up exactly, per item and per level', async () => {
    const result = await callApi(context, 'costSharing.districts', {
      sheetId: sharingSheet,
      districtSheetId: districtSheet,
      by: { kind: 'factors' },
    });
    assert.deepEqual(
      result.districts,
      DISTRICTS.map(([name]) => name),
    );
    assert.deepEqual(
      result.skipped.map((item) => item.label),
      ['3 城乡居民医保补助', '5 重大动物疫病防控'],
    );
    const matrix = store.getSheet(result.sheetId);
    assert.equal(matrix.name, '共同财政事权分区承担');
    assert.deepEqual(
      matrix.columns.map((column) => column.name),
      ['序号', '事项', '分担方式', '区级承担', ...DISTRICTS.map(([name]) => name)],
    );
    const source = new Map(sourceRows().map((row) => [`${row.cells['seq']?.text} ${row.cells['item']?.text}`, row]));
    const factors = DISTRICTS.map(([, ...values]) => values.map((value) => dec(value)));
    for (const row of matrixRows(result.sheetId)) {
      const item = source.get(row.cells['item']!.text)!;
      // Per level: the source's three shares add up to the spending; the district part is the 区级承担.
      const levels = ['shareProvince', 'shareCity', 'shareDistrict'].map((key) =>
        item.cells[key]?.text ? fen(String(item.cells[key]!.value)) : 0n,
      );
      assert.equal(
        levels.reduce((a, b) => a + b, 0n),
        fen(String(item.cells['spending']!.value)),
      );
      const part = fen(String(row.cells['shareDistrict']!.value));
      assert.equal(part, levels[2]);
      // Per item: the districts add up to the 区级承担 exactly, each the factor method's share.
      const shares = districtKeys(result.sheetId).map((key) => fen(String(row.cells[key]!.value)));
      assert.equal(
        shares.reduce((a, b) => a + b, 0n),
        part,
        row.cells['item']!.text,
      );
      const step = part % 100n === 0n ? 100n : 1n;
      const expected = allocateByFactors({
        total: part / step,
        factors,
        weights: [dec('0.5'), dec('0.3'), dec('0.2')],
      });
      assert.ok(expected.ok);
      assert.deepEqual(
        shares,
        expected.shares.map((units) => units * step),
      );
    }
    // 2- and 3-level rules and a spending with 分 are all there.
    assert.deepEqual(
      matrixRows(result.sheetId).map((row) => [row.cells['item']!.text, row.cells['shareDistrict']!.text]),
      [
        ['1 基本公共卫生服务', '500000'],
        ['2 困难群众救助', '750000'],
        ['4 义务教育公用经费', '3'],
        ['6 残疾人两项补贴', '61728.39'],
      ],
    );
    const checks = (await callApi(context, 'checks.run', { sheetId: result.sheetId })).results;
    const check = checks.find((item) => item.id === `sharingSplit:${result.sheetId}:shareDistrict`);
    assert.equal(check?.status, 'pass');
  });

  test('by one column (each district’s own amount): the largest remainder worked out independently', async () => {
    const result = await callApi(context, 'costSharing.districts', {
      sheetId: sharingSheet,
      districtSheetId: districtSheet,
      by: { kind: 'column', column: '服务对象数' },
      name: '按服务对象分区',
    });
    const amounts = DISTRICTS.map(([, , clients]) => BigInt(clients));
    for (const item of result.items) {
      const part = fen(item.districtShare);
      const step = part % 100n === 0n ? 100n : 1n;
      assert.deepEqual(
        item.shares.map(fen),
        byOwnAmount(part / step, amounts).map((units) => units * step),
        item.label,
      );
    }
    // 3 元 among seven districts: one 元 each to the three largest remainders.
    assert.deepEqual(result.items.find((item) => item.label.endsWith('义务教育公用经费'))?.shares, [
      '0',
      '0',
      '1',
      '1',
      '1',
      '0',
      '0',
    ]);
  });

  test('made again after a spending changed, as one action; undo gives the earlier matrix back', async () => {
    const first = sourceRows()[0]!;
    await callApi(context, 'cell.update', {
      sheetId: sharingSheet,
      rowId: first.id,
      columnKey: 'spending',
      text: '2000000',
    });
    await callApi(context, 'costSharing.apply', { sheetId: sharingSheet });
    const sheetsBefore = store.listSheets().length;
    const before = store.latestActionId();
    const result = await callApi(context, 'costSharing.districts', {
      sheetId: sharingSheet,
      districtSheetId: districtSheet,
      by: { kind: 'factors' },
    });
    assert.equal(store.latestActionId(), before + 1, 'one action');
    assert.equal(store.listSheets().length, sheetsBefore, 'the same sheet, refilled');
    assert.equal(matrixRows(result.sheetId)[0]!.cells['shareDistrict']?.text, '1000000');
    await callApi(context, 'history.undo', {});
    assert.equal(matrixRows(result.sheetId)[0]!.cells['shareDistrict']?.text, '500000');
    await callApi(context, 'history.redo', {});
    // A district part typed over is named by the check.
    const row = matrixRows(result.sheetId)[0]!;
    await callApi(context, 'cell.update', {
      sheetId: result.sheetId,
      rowId: row.id,
      columnKey: 'district1',
      text: '1',
    });
    const checks = (await callApi(context, 'checks.run', { sheetId: result.sheetId })).results;
    const check = checks.find((item) => item.id === `sharingSplit:${result.sheetId}:shareDistrict`);
    assert.equal(check?.status, 'fail');
    assert.match(check!.messageZh, /1 项各区承担之和不等于区级承担：1 1 基本公共卫生服务/);
  });

  test('refusals: no factor settings, an unknown column, a sheet of that name that is not a matrix', async () => {
    const plain = store.createSheet({
      name: '各区',
      kind: 'allocation',
      columns: [{ key: 'district', name: '地区', type: 'text', role: 'district' }],
    });
    type Input = Omit<Parameters<typeof callApi<'costSharing.districts'>>[2], 'sheetId'>;
    const refused = async (input: Input, pattern: RegExp) =>
      assert.rejects(
        callApi(context, 'costSharing.districts', { sheetId: sharingSheet, ...input }),
        (error: unknown) => error instanceof PlanbenchError && pattern.test(error.body.messageZh),
      );
    await refused({ districtSheetId: plain, by: { kind: 'factors' } }, /还没有因素法分配的设置/);
    await refused({ districtSheetId: districtSheet, by: { kind: 'column', column: '人口' } }, /没有“人口”列/);
    await refused({ districtSheetId: districtSheet, by: { kind: 'factors' }, name: '各区' }, /不是分区承担表/);
  });
});
