/**
 * More promises of the duplicate check (electron/core/checks/indexes/duplicates.ts, rowChecks.ts),
 * written against the mutants the earlier tests let through: on sheets whose columns carry no
 * investment or responsible-unit role, the amount is the sheet's money column and the units are
 * the lead unit's column, or else the first column of units — never a column of co-operating
 * units that happens to come first. The count of amounts not stated (rowChecks.ts) uses the same
 * amount column and counts items, not sub-items.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SheetInit } from '../../../electron/core/store/planStore';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import { tempDir } from '../../helpers';
import { byKind, CONTENT, resultsOf } from './checkResultsFixture';

describe('promise: the same project listed twice is found by the amount and units a sheet has, whatever their roles', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;

  before(() => {
    store = PlanStore.create(path.join(dir, 'duplicates.planbench'), { title: '规划' });
  });
  after(() => {
    store.close();
    cleanup();
  });

  /** The duplicate results of a new sheet with these columns and rows. */
  function duplicates(columns: SheetInit['columns'], rows: Record<string, string>[]): CheckResult[] {
    const sheetId = store.createSheet({ name: `表${Math.random()}`, kind: 'projects', columns });
    store.insertRows(
      sheetId,
      rows.map((cells) => ({ cells })),
      { source: 'system' },
    );
    return byKind(resultsOf(store, sheetId), 'duplicate');
  }
  const failed = (results: CheckResult[]) =>
    results.filter((result) => result.status === 'fail').map((result) => result.messageZh);

  test('a money column without the investment role is the amount: one content inside the other’s, same amount', () => {
    const columns: SheetInit['columns'] = [
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'content', name: '建设内容', type: 'longText', role: 'content' },
      { key: 'note', name: '备注', type: 'text' },
      { key: 'amount', name: '金额（万元）', type: 'money', settings: { moneyUnit: '万元' } },
    ];
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { name: '电动溧阳', content: CONTENT, note: '', amount: '1200' },
          { name: '充电设施', content: `${CONTENT}，分两期建设`, note: '续建', amount: '1200' },
          { name: '河道整治', content: '整治河道3公里及沿岸绿化', note: '', amount: '300' },
          { name: '河道整治', content: '整治河道3公里及沿岸绿化', note: '', amount: '400' },
        ]),
      ),
      [
        '第1行与第2行投资均为 1200万元，且一行的内容（去掉标点后 8 字以上）完整出现在另一行的名称和内容中，合计与分类小计中重复计入 1200万元',
      ],
      'the same amount corroborates the contained content; different amounts are different projects',
    );
  });

  test('an amount in a plain number column corroborates too: the same number is the same amount', () => {
    const columns: SheetInit['columns'] = [
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'content', name: '建设内容', type: 'longText', role: 'content' },
      { key: 'investment', name: '投资', type: 'number', role: 'investment' },
    ];
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { name: '电动溧阳', content: CONTENT, investment: '1200' },
          { name: '充电设施', content: `${CONTENT}，分两期建设`, investment: '1200.0' },
        ]),
      ),
      [
        '第1行与第2行投资均为 1200，且一行的内容（去掉标点后 8 字以上）完整出现在另一行的名称和内容中，合计与分类小计中重复计入 1200',
      ],
    );
  });

  test('amounts not stated are counted in a money column without the investment role, in its unit', () => {
    const sheetId = store.createSheet({
      name: '未标角色',
      kind: 'projects',
      columns: [
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'amount', name: '金额（亿元）', type: 'money', settings: { moneyUnit: '亿元' } },
      ],
    });
    store.insertRows(sheetId, [{ cells: { name: '甲', amount: '1.5' } }, { cells: { name: '乙', amount: '/' } }], {
      source: 'system',
    });
    const [unknown] = byKind(resultsOf(store, sheetId), 'unknownAmount');
    assert.deepEqual(
      [unknown!.label, unknown!.computed, unknown!.messageZh, unknown!.rows.map((ref) => ref.rowNumber)],
      ['未标角色：金额（亿元）未知的项目', '1', '2 项中 1 项有金额，1 项金额未知（“/”或空白，不计为 0）', [2]],
    );
  });

  test('the responsible units, not a column of co-operating units before them, tell projects apart', () => {
    const columns: SheetInit['columns'] = [
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      { key: 'helpers', name: '配合单位', type: 'departmentList' },
      { key: 'units', name: '责任单位', type: 'departmentList', role: 'responsibleUnits' },
    ];
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { name: '河道整治工程', investment: '500', helpers: '市水利局', units: '市住建局' },
          { name: '河道整治工程', investment: '500', helpers: '市农业农村局', units: '市住建局' },
          { name: '道路提升工程', investment: '800', helpers: '市公安局', units: '市交通运输局' },
          { name: '道路提升工程', investment: '800', helpers: '市公安局', units: '市城管局' },
        ]),
      ),
      ['第1行与第2行投资均为 500万元，责任单位均为市住建局，且名称和内容相同，合计与分类小计中重复计入 500万元'],
    );
  });

  test('without responsible units, the lead unit’s column tells projects apart', () => {
    const columns: SheetInit['columns'] = [
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      { key: 'helpers', name: '配合单位', type: 'departmentList' },
      { key: 'lead', name: '牵头单位', type: 'department', role: 'leadUnit' },
    ];
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { name: '河道整治工程', investment: '500', helpers: '市水利局', lead: '市住建局' },
          { name: '河道整治工程', investment: '500', helpers: '市农业农村局', lead: '市住建局' },
          { name: '道路提升工程', investment: '800', helpers: '市公安局', lead: '市交通运输局' },
          { name: '道路提升工程', investment: '800', helpers: '市公安局', lead: '市城管局' },
        ]),
      ),
      ['第1行与第2行投资均为 500万元，责任单位均为市住建局，且名称和内容相同，合计与分类小计中重复计入 500万元'],
    );
  });

  test('without either role, the first column of units tells projects apart', () => {
    const columns: SheetInit['columns'] = [
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      { key: 'units', name: '实施单位', type: 'departmentList' },
    ];
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { name: '河道整治工程', investment: '500', units: '市水利局' },
          { name: '河道整治工程', investment: '500', units: '市住建局' },
        ]),
      ),
      [],
      'two units doing the same works are two projects',
    );
  });

  test('a sheet of names without contents still finds the same project twice', () => {
    const columns: SheetInit['columns'] = [
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
    ];
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { name: '溧阳市河道整治工程', investment: '500' },
          { name: '溧阳市河道整治工程', investment: '500' },
        ]),
      ),
      ['第1行与第2行投资均为 500万元，且名称和内容相同，合计与分类小计中重复计入 500万元'],
    );
  });

  test('rows with neither a name nor a content (or only spaces) are not projects, whatever their amounts', () => {
    const columns: SheetInit['columns'] = [
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'content', name: '建设内容', type: 'longText', role: 'content' },
      { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
    ];
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { name: '', content: '', investment: '500' },
          { name: '', content: '', investment: '500' },
          { name: '', content: '   ', investment: '600' },
          { name: '', content: ' ', investment: '600' },
        ]),
      ),
      [],
    );
  });

  test('filling in a blank row keeps the check up to date: the row becomes a project, and a duplicate', () => {
    const sheetId = store.createSheet({
      name: '逐行填写',
      kind: 'projects',
      columns: [
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      ],
    });
    store.insertRows(
      sheetId,
      [{ cells: { name: '溧阳市河道整治工程', investment: '500' } }, { cells: { investment: '500' } }],
      { source: 'system' },
    );
    assert.deepEqual(failed(byKind(resultsOf(store, sheetId), 'duplicate')), []);
    const blank = store.listRows(sheetId, 0, 10).rows[1]!;
    store.updateCell(sheetId, blank.id, 'name', '溧阳市河道整治工程', { source: 'user' });
    assert.deepEqual(failed(byKind(resultsOf(store, sheetId), 'duplicate')), [
      '第1行与第2行投资均为 500万元，且名称和内容相同，合计与分类小计中重复计入 500万元',
    ]);
  });

  test('a short text inside a later row’s or an earlier row’s is no evidence', () => {
    const columns: SheetInit['columns'] = [
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'content', name: '建设内容', type: 'longText', role: 'content' },
      { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
    ];
    const short = '充电桩建设项目'; // 7 characters: one fewer than the minimum
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { name: '甲', content: short, investment: '10' },
          { name: '乙', content: `${short}二期`, investment: '10' },
          { name: '丙', content: `${short}三期`, investment: '20' },
          { name: '丁', content: short, investment: '20' },
        ]),
      ),
      [],
    );
  });

  test('a duplicate with a category on one row only names no second category', () => {
    const columns: SheetInit['columns'] = [
      { key: 'category', name: '大类', type: 'text', role: 'category' },
      { key: 'name', name: '项目名称', type: 'text', role: 'name' },
      { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
    ];
    assert.deepEqual(
      failed(
        duplicates(columns, [
          { category: '生态安全类', name: '溧阳市河道整治工程', investment: '500' },
          { category: '', name: '溧阳市河道整治工程', investment: '500' },
        ]),
      ),
      ['第1行与第2行投资均为 500万元，且名称和内容相同，合计与分类小计中重复计入 500万元'],
    );
  });

  test('a sheet with neither names nor contents has no duplicate check at all', () => {
    const columns: SheetInit['columns'] = [
      { key: 'district', name: '地区', type: 'text' },
      { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
    ];
    assert.deepEqual(
      duplicates(columns, [
        { district: '溧阳市', investment: '500' },
        { district: '金坛区', investment: '600' },
      ]),
      [],
    );
  });
});

describe('promise: amounts not stated are counted per item, in the investment column, beside the completion checks', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('the 总投资 column, not a money column before it; a sub-item’s unknown amount is its item’s business', () => {
    const store = PlanStore.create(path.join(dir, 'completion.planbench'), { title: '规划' });
    try {
      const sheetId = store.createSheet({
        name: '项目',
        kind: 'projects',
        columns: [
          { key: 'name', name: '项目名称', type: 'text', role: 'name' },
          { key: 'done', name: '完成投资', type: 'money', settings: { moneyUnit: '万元' } },
          { key: 'investment', name: '总投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
          { key: 'rate', name: '完成率', type: 'percent', role: 'completionRate' },
        ],
      });
      store.insertRows(
        sheetId,
        [
          { cells: { name: '甲', done: '50', investment: '/', rate: '120%' } },
          { cells: { name: '甲-子项', done: '20', investment: '/' }, parentIndex: 0 },
          { cells: { name: '乙', done: '/', investment: '100', rate: '40%' } },
        ],
        { source: 'system' },
      );
      const results = resultsOf(store, sheetId);
      const [unknown] = byKind(results, 'unknownAmount');
      assert.deepEqual(
        [unknown!.label, unknown!.computed, unknown!.rows.map((ref) => ref.rowNumber)],
        ['项目：总投资未知的项目', '1', [1]],
      );
      const [rate] = byKind(results, 'rateOver100');
      assert.deepEqual([rate!.status, rate!.rows.map((ref) => ref.rowNumber)], ['fail', [1]]);
    } finally {
      store.close();
    }
  });
});

describe('promise: periods outside the plan are all named when there are five, cut with … only past five', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('exactly five periods outside: every one in the message, no …', () => {
    const store = PlanStore.create(path.join(dir, 'five-periods.planbench'), { title: '规划' });
    try {
      store.setMeta({ periodStart: 2021, periodEnd: 2025 });
      const sheetId = store.createSheet({
        name: '项目',
        kind: 'projects',
        columns: [
          { key: 'name', name: '项目名称', type: 'text', role: 'name' },
          { key: 'period', name: '建设期限', type: 'yearRange', role: 'period' },
        ],
      });
      store.insertRows(
        sheetId,
        [1, 2, 3, 4, 5].map((n) => ({ cells: { name: `项目${n}`, period: `2026-203${n}` } })),
        { source: 'system' },
      );
      const [periods] = byKind(resultsOf(store, sheetId), 'periodOutsidePlan');
      assert.equal(
        periods!.messageZh,
        '5 项的建设期限超出规划期：第1行 2026-2031；第2行 2026-2032；第3行 2026-2033；第4行 2026-2034；第5行 2026-2035',
      );
    } finally {
      store.close();
    }
  });
});
