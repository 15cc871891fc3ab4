import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanStore } from '../../electron/core/store/planStore';
import { runPlanbench, tempDir } from '../helpers';

/** `planbench investplan` and `planbench share` on the sample plan, as a finance bureau runs them. */
describe('planbench investplan and share', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'sample.planbench');
  after(cleanup);
  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
  });

  test('investplan: a second annual plan from the 88 projects; a taken name is refused (exit 1)', async () => {
    const result = await runPlanbench(['investplan', plan, '--from', '重点工程', '--name', '2025年投资计划', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const output = JSON.parse(result.stdout) as { sheet: { name: string; rowCount: number; kind: string } };
    assert.deepEqual([output.sheet.name, output.sheet.rowCount, output.sheet.kind], ['2025年投资计划', 88, 'budget']);
    const again = await runPlanbench(['investplan', plan, '--from', '重点工程', '--name', '2025年投资计划']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /已有名为“2025年投资计划”的工作表/);
    assert.equal((await runPlanbench(['investplan', plan])).code, 2);
  });

  test('share: items with a rule and a spending are split to the 元; the rest are listed with why', async () => {
    const store = PlanStore.open(plan);
    const sheetId = store.listSheets().find((sheet) => sheet.name === '共同财政事权')!.id;
    const [first, second] = store.listRows(sheetId, 0, 2).rows;
    store.updateCells(
      sheetId,
      [
        { rowId: first!.id, columnKey: 'rule', text: '市:区 = 5:5' },
        { rowId: first!.id, columnKey: 'spending', text: '1000001' },
        { rowId: second!.id, columnKey: 'rule', text: '省:市:区 = 4:3:3' },
        { rowId: second!.id, columnKey: 'spending', text: '300万' },
      ],
      { source: 'user' },
      'abort',
    );
    store.close();
    const result = await runPlanbench(['share', plan, '--sheet', '共同财政事权']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /已按分担方式拆分 2 项，40 项未拆分/);
    assert.match(result.stdout, /1\.3 增补叶酸预防神经管缺陷服务：未填分担方式/);
    const rows = await runPlanbench(['rows', plan, '--sheet', '共同财政事权', '--json']);
    const cells = (JSON.parse(rows.stdout) as { rows: { cells: Record<string, string> }[] }).rows
      .slice(0, 2)
      .map((row) => [row.cells['省级承担'], row.cells['市级承担'], row.cells['区级承担']]);
    assert.deepEqual(cells, [
      ['', '500,001.00', '500,000.00'],
      ['1,200,000.00', '900,000.00', '900,000.00'],
    ]);
  });

  test('share --districts: the 区级承担 of each item shared among the 资金分配表’s districts, a matrix sheet', async () => {
    const result = await runPlanbench(['share', plan, '--sheet', '共同财政事权', '--districts', '资金分配表']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /区级承担已分到 7 个地区，2 项（元）/);
    const lines = result.stdout.split('\n');
    const header = lines.find((line) => line.startsWith('事项\t'))!.split('\t');
    assert.equal(header.length, 9);
    for (const label of ['1.1', '1.2']) {
      const cells = lines.find((line) => line.startsWith(label))!.split('\t');
      const sum = cells.slice(2).reduce((total, share) => total + BigInt(share), 0n);
      assert.equal(sum, BigInt(cells[1]!), `${label}: the districts add up to the 区级承担`);
    }
    const json = await runPlanbench([
      'share',
      plan,
      '--sheet',
      '共同财政事权',
      '--districts',
      '资金分配表',
      '--by',
      '重点工程项目数',
      '--name',
      '按项目数分区',
      '--json',
    ]);
    assert.equal(json.code, 0, json.stderr);
    const output = JSON.parse(json.stdout) as { districts: { districts: string[]; items: { shares: string[] }[] } };
    assert.equal(output.districts.districts.length, 7);
    const rows = await runPlanbench(['rows', plan, '--sheet', '按项目数分区', '--json']);
    assert.equal(rows.code, 0, rows.stderr);
    assert.equal((JSON.parse(rows.stdout) as { rows: unknown[] }).rows.length, 2);
    const unknown = await runPlanbench([
      'share',
      plan,
      '--sheet',
      '共同财政事权',
      '--districts',
      '资金分配表',
      '--by',
      '人口',
    ]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /没有“人口”列/);
    assert.equal((await runPlanbench(['share', plan, '--sheet', '共同财政事权', '--by', '人口'])).code, 2);
  });
});
