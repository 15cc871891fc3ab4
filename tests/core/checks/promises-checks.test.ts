/**
 * Promises of the checks (electron/core/checks/declared.ts, indexes/duplicates.ts): a declared figure
 * is compared exactly — or, when it is written as approximate or rounded, within exactly its
 * stated rounding, never more — and the same project listed twice is found whatever order its
 * responsible units are written in, and nothing else is.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engineFor } from '../../../electron/core/checks/engine';
import {
  DuplicateIndex,
  MIN_CONTAINED_LENGTH,
  normalizeDescription,
} from '../../../electron/core/checks/indexes/duplicates';
import { SheetState } from '../../../electron/core/checks/snapshot';
import type { SheetInit } from '../../../electron/core/store/planStore';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import type { RowData, SheetInfo } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { tempDir } from '../../helpers';

const PROJECTS: SheetInit = {
  name: '重点工程',
  kind: 'projects',
  columns: [
    { key: 'category', name: '大类', type: 'text', role: 'category' },
    { key: 'name', name: '项目名称', type: 'text', role: 'name' },
    { key: 'investment', name: '总投资（万元）', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
  ],
};

describe('promise: a declared total is compared within its stated rounding, and no further', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'declared.planbench'));
    sheetId = store.createSheet(PROJECTS);
    // 3,309,473.59 万元 = 330.947359 亿元; 生态安全类 1,042,783.59 万元 = 104.278359 亿元 over 2 items.
    store.insertRows(
      sheetId,
      [
        { cells: { category: '生态安全类', name: '甲', investment: '1000000' } },
        { cells: { category: '生态安全类', name: '乙', investment: '42783.59' } },
        { cells: { category: '生态经济类', name: '丙', investment: '2266690' } },
        { cells: { category: '生态经济类', name: '丁', investment: '/' } },
      ],
      { source: 'system' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  /** Evaluate one declared check on the sheet, as the checks panel would. */
  function evaluate(kind: string, spec: Record<string, unknown>): CheckResult[] {
    const label = `检查${Math.random()}`;
    store.addDeclaredChecks([{ sheetId, kind, label, spec }]);
    const id = store.listDeclaredChecks().find((check) => check.label === label)!.id;
    return engineFor(store)
      .run()
      .filter((result) => result.declaredId === id);
  }
  const one = (kind: string, spec: Record<string, unknown>) => {
    const [result] = evaluate(kind, spec);
    return [result!.status, result!.match, result!.expected, result!.computed, result!.difference, result!.unit];
  };

  test('约331亿元 matches a total of 330.947359 亿元; stated exactly it does not', () => {
    assert.deepEqual(one('columnTotal', { column: 'investment', expected: '331', unit: '亿元', approximate: true }), [
      'pass',
      'rounded',
      '331',
      '330.947359',
      '-0.052641',
      '亿元',
    ]);
    assert.deepEqual(one('columnTotal', { column: 'investment', expected: '331', unit: '亿元' }).slice(0, 2), [
      'fail',
      'mismatch',
    ]);
    assert.deepEqual(
      one('columnTotal', { column: 'investment', expected: '330', unit: '亿元', approximate: true }).slice(0, 2),
      ['fail', 'mismatch'],
      'outside its rounding',
    );
    assert.deepEqual(
      one('columnTotal', { column: 'investment', expected: '330.9', unit: '亿元', approximate: true }).slice(0, 2),
      ['pass', 'rounded'],
    );
    assert.deepEqual(
      one('columnTotal', { column: 'investment', expected: '330.95', unit: '亿元', decimals: 2 }).slice(0, 2),
      ['pass', 'rounded'],
    );
    assert.deepEqual(one('columnTotal', { column: 'investment', expected: '3309473.59' }), [
      'pass',
      'exact',
      '3309473.59',
      '3309473.59',
      '0',
      '万元',
    ]);
    assert.deepEqual(
      one('columnTotal', { column: 'investment', expected: '3309473.5' }).slice(0, 2),
      ['fail', 'mismatch'],
      'no rounding unless stated',
    );
  });

  test('a category’s count and amount: the amount within the decimals it is written with', () => {
    const [count, amount] = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态安全类',
      count: 2,
      amount: '104.3',
      unit: '亿元',
    });
    assert.deepEqual([count!.status, count!.computed], ['pass', '2']);
    assert.deepEqual(
      [amount!.status, amount!.match, amount!.computed, amount!.difference],
      ['pass', 'rounded', '104.278359', '-0.021641'],
    );
    assert.match(amount!.messageZh, /四舍五入到 1 位小数后相符/);
    assert.match(amount!.messageZh, /即 -216\.41万元/, 'the difference restated in the column’s own unit');
    const [wrongCount, wrongAmount] = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态安全类',
      count: 3,
      amount: '104.2',
      unit: '亿元',
    });
    assert.deepEqual([wrongCount!.status, wrongCount!.difference], ['fail', '-1']);
    assert.equal(wrongCount!.rows.length, 2, 'a failing count lists the category’s rows');
    assert.deepEqual([wrongAmount!.status, wrongAmount!.match], ['fail', 'mismatch']);
    assert.match(wrongAmount!.messageZh, /^不符：声明 104\.2亿元，计算 104\.278359亿元，差 \+0\.078359亿元/);
    const [unknownPart] = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态经济类',
      amount: '226.669',
      unit: '亿元',
    }).filter((r) => r.id.endsWith(':amount'));
    assert.deepEqual([unknownPart!.status, unknownPart!.match], ['pass', 'exact']);
    assert.match(unknownPart!.messageZh, /2 项中 1 项有金额，1 项金额未知、未计入/);
    const [noAmount] = evaluate('categoryTotal', { column: 'investment', category: '生态经济类', unit: '亿元' });
    assert.deepEqual([noAmount!.status, noAmount!.computed, noAmount!.unit], ['info', '226.669', '亿元']);
  });

  test('counts of rows and categories', () => {
    assert.deepEqual(one('rowCount', { expected: 4 }).slice(0, 5), ['pass', 'exact', '4', '4', '0']);
    assert.deepEqual(one('rowCount', { expected: 5 }).slice(0, 5), ['fail', 'mismatch', '5', '4', '-1']);
    assert.deepEqual(one('categoryCount', { column: 'category', expected: 2 }).slice(0, 4), [
      'pass',
      'exact',
      '2',
      '2',
    ]);
    assert.deepEqual(one('categoryCount', { column: 'category', expected: 3 }).slice(0, 2), ['fail', 'mismatch']);
    const [missing] = evaluate('columnTotal', { column: 'nope', expected: '1' });
    assert.equal(missing!.status, 'notEvaluable');
    assert.match(missing!.messageZh, /nope/);
  });
});

describe('promise: the same project listed twice is found, whatever order its units are in', () => {
  const columns: ColumnDef[] = [
    {
      id: 1,
      key: 'seq',
      name: '序号',
      type: 'number',
      role: 'seq',
      position: 0,
      width: null,
      hidden: false,
      settings: {},
    },
    {
      id: 2,
      key: 'category',
      name: '大类',
      type: 'text',
      role: 'category',
      position: 1,
      width: null,
      hidden: false,
      settings: {},
    },
    {
      id: 3,
      key: 'name',
      name: '项目名称',
      type: 'text',
      role: 'name',
      position: 2,
      width: null,
      hidden: false,
      settings: {},
    },
    {
      id: 4,
      key: 'content',
      name: '建设内容',
      type: 'longText',
      role: 'content',
      position: 3,
      width: null,
      hidden: false,
      settings: {},
    },
    {
      id: 5,
      key: 'investment',
      name: '总投资',
      type: 'money',
      role: 'investment',
      position: 4,
      width: null,
      hidden: false,
      settings: { moneyUnit: '万元' },
    },
    {
      id: 6,
      key: 'units',
      name: '责任主体',
      type: 'departmentList',
      role: 'responsibleUnits',
      position: 5,
      width: null,
      hidden: false,
      settings: {},
    },
    {
      id: 7,
      key: 'period',
      name: '建设期限',
      type: 'yearRange',
      role: null,
      position: 6,
      width: null,
      hidden: false,
      settings: {},
    },
  ];
  type Cells = {
    name?: string;
    content?: string;
    investment?: string | null;
    units?: string[];
    period?: string;
    category?: string;
    seq?: string;
  };
  const row = (id: number, cells: Cells, parentId: number | null = null): RowData => ({
    id,
    parentId,
    cells: {
      seq: { text: cells.seq ?? String(id), value: Number(cells.seq ?? id) },
      category: { text: cells.category ?? '生态安全类', value: null },
      name: { text: cells.name ?? '', value: null },
      content: { text: cells.content ?? '', value: null },
      investment: { text: cells.investment ?? '/', value: cells.investment === undefined ? null : cells.investment },
      units: { text: (cells.units ?? []).join('、'), value: cells.units ?? [] },
      period: { text: cells.period ?? '2021-2025', value: null },
    },
  });
  function groups(rows: RowData[]) {
    const sheet = new SheetState(
      { id: 1, name: '重点工程', kind: 'projects', rowCount: rows.length } as unknown as SheetInfo,
      columns,
      1,
    );
    for (const r of rows) {
      sheet.rows.set(r.id, r);
      sheet.order.push(r.id);
    }
    const index = new DuplicateIndex(sheet);
    for (const r of rows) index.add(r);
    return { index, found: index.groups() };
  }
  const CONTENT = '新建电动汽车充电桩500个及配套设施';

  test('units compared as a set: listed in another order it is still the same project', () => {
    const { found } = groups([
      row(1, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['溧阳市人民政府', '市交通运输局'] }),
      row(2, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['市交通运输局', '溧阳市人民政府'] }),
    ]);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0], {
      rowIds: [1, 2],
      reason: 'identical',
      amount: '1200',
      units: ['溧阳市人民政府', '市交通运输局'],
    });
  });

  test('one row’s content inside the other’s is the same project; a short or different text is not', () => {
    const contained = groups([
      row(1, { name: '充电设施', content: `${CONTENT}，分两期建设`, investment: '1200', units: ['市交通运输局'] }),
      row(2, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['市交通运输局'] }),
    ]).found;
    assert.deepEqual(
      contained.map((g) => [g.rowIds, g.reason]),
      [[[1, 2], 'contained']],
    );
    const reversed = groups([
      row(1, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['市交通运输局'] }),
      row(2, { name: '充电设施', content: `${CONTENT}，分两期建设`, investment: '1200', units: ['市交通运输局'] }),
    ]).found;
    assert.deepEqual(
      reversed.map((g) => [g.rowIds, g.reason]),
      [[[1, 2], 'contained']],
    );
    const short = '充电桩建设项'.slice(0, MIN_CONTAINED_LENGTH - 1);
    assert.deepEqual(
      groups([
        row(1, { name: '甲', content: short, investment: '10', units: [] }),
        row(2, { name: '乙', content: `${short}二期工程`, investment: '10', units: [] }),
      ]).found,
      [],
      'a text shorter than the minimum is not evidence',
    );
    const exactlyMin = '充电桩建设项目一'.slice(0, MIN_CONTAINED_LENGTH);
    assert.equal(
      groups([
        row(1, { name: '甲', content: exactlyMin, investment: '10', units: [] }),
        row(2, { name: '乙', content: `${exactlyMin}二期`, investment: '10', units: [] }),
      ]).found.length,
      1,
      'a text of exactly the minimum length counts',
    );
    assert.deepEqual(
      groups([
        row(1, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['市交通运输局'] }),
        row(2, { name: '电动溧阳', content: CONTENT, investment: '1300', units: ['市交通运输局'] }),
        row(3, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['市生态环境局'] }),
      ]).found,
      [],
      'a different amount or different units: different projects',
    );
  });

  test('without amounts every other cell must agree; punctuation and spaces do not matter', () => {
    const same = groups([
      row(1, { name: '河道整治', content: '整治河道 3 公里。', units: ['市水利局'], seq: '1' }),
      row(2, { name: '河道整治', content: '整治河道3公里', units: ['市水利局'], seq: '9' }),
    ]).found;
    assert.deepEqual(
      same.map((g) => [g.rowIds, g.reason, g.amount]),
      [[[1, 2], 'identical', null]],
    );
    assert.deepEqual(
      groups([
        row(1, { name: '河道整治', content: '整治河道3公里', units: ['市水利局'], period: '2021-2025' }),
        row(2, { name: '河道整治', content: '整治河道3公里', units: ['市水利局'], period: '2023-2025' }),
      ]).found,
      [],
    );
    assert.deepEqual(
      groups([
        row(1, { name: '河道整治', content: `${CONTENT}`, units: ['市水利局'] }),
        row(2, { name: '河道整治二', content: `${CONTENT}二期`, units: ['市水利局'] }),
      ]).found,
      [],
      'without an amount, containment is not enough',
    );
    assert.equal(normalizeDescription('整治 河道，３公里！'), '整治河道3公里');
  });

  test('sub-rows and empty rows are not projects; removing a row updates the groups', () => {
    const rows = [
      row(1, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['市交通运输局'] }),
      row(2, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['市交通运输局'] }, 1),
      row(3, { investment: '1200', units: ['市交通运输局'] }),
      row(4, { name: '电动溧阳', content: CONTENT, investment: '1200', units: ['市交通运输局'] }),
    ];
    const { index, found } = groups(rows);
    assert.deepEqual(
      found.map((g) => g.rowIds),
      [[1, 4]],
    );
    index.remove(rows[3]!);
    assert.deepEqual(index.groups(), []);
    index.add(rows[3]!);
    assert.deepEqual(
      index.groups().map((g) => g.rowIds),
      [[1, 4]],
    );
  });
});
