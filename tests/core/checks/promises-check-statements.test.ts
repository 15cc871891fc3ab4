/**
 * Promises of the check results officials read (electron/core/checks/rowChecks.ts, declared.ts,
 * indicators.ts): each result says in Chinese and English exactly what was compared and what
 * was found — the rows concerned, the figures, the unit — and a check that finds nothing says so.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engineFor } from '../../../electron/core/checks/engine';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { CheckResult } from '../../../shared/contract/calls/checks';
import { tempDir } from '../../helpers';
import { byKind, INDICATORS, PROJECTS, resultsOf } from './checkResultsFixture';

describe('promise: an indicator’s recorded 达标情况 is compared with what its figures show', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;
  const byName = (name: string) =>
    resultsOf(store, sheetId).find((result) => result.kind === 'indicatorStatus' && result.label.endsWith(name))!;

  before(() => {
    store = PlanStore.create(path.join(dir, 'indicators.planbench'), { title: '溧阳市生态文明建设规划' });
    store.setMeta({ periodStart: 2021, periodEnd: 2025, baseYear: 2020 });
    sheetId = store.createSheet(INDICATORS);
    const row = (
      seq: string,
      name: string,
      standard: string,
      baseline: string,
      target2025: string,
      target2030: string,
      compliance: string,
      unit = '%',
    ) => ({
      cells: { seq, name, unit, standard, baseline, target2025, target2030, compliance },
    });
    store.insertRows(
      sheetId,
      [
        row('1', '森林覆盖率', '≥30', '31.5', '32', '33', '达标'),
        row('2', '水质达标率', '≥90', '85', '88', '95', '达标'),
        row('3', '空气优良率', '≥80', '82', '83', '84', ''),
        row('4', '规划编制', '制定实施', '制定实施', '', '', '基本达标', '—'),
        row('5', '噪声', '≥60', '/', '', '', '不达标'),
        row('6', '某指标', '≥60', '', '', '', ''),
        row('7', '湿地保护率', '≥50', '60', '45', '40', '达标'),
        row('8', '农村治理', '≥70', '不涉及', '', '', '达标'),
        row('9', '城市治理', '≥70', '不涉及', '', '', ''),
        row('10', '文字记录', '≥70', '50', '', '', '待定'),
        row('11', '市级指标', '市≥95', '96', '', '', '达标'),
        row('12', '县级指标', '县≥95', '96', '', '', '达标'),
      ],
      { source: 'system' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('agreeing: pass, with the basis; every milestone in year order with its year', () => {
    const result = byName('森林覆盖率');
    assert.deepEqual(
      [result.id, result.label, result.status, result.expected, result.computed, result.messageZh, result.messageEn],
      [
        `indicator:${sheetId}:1`,
        '指标 1 森林覆盖率',
        'pass',
        '达标',
        '达标',
        '达标情况“达标”与计算一致：现状值（2020年）“31.5”对照指标值“≥30”：31.5 对照 ≥30，达到指标值',
        'the recorded status agrees with the computed one (met)',
      ],
    );
    assert.deepEqual(result.rows, [
      { sheetId, rowId: 1, rowNumber: 1, columnKey: 'compliance', label: '1 森林覆盖率' },
    ]);
    assert.deepEqual(result.milestones, [
      {
        columnKey: 'baseline',
        label: '现状值（2020年）',
        year: 2020,
        text: '31.5',
        status: 'met',
        reasonZh: '31.5 对照 ≥30，达到指标值',
      },
      {
        columnKey: 'target2025',
        label: '目标值·2025年',
        year: 2025,
        text: '32',
        status: 'met',
        reasonZh: '32 对照 ≥30，达到指标值',
      },
      {
        columnKey: 'target2030',
        label: '目标值·2030年',
        year: 2030,
        text: '33',
        status: 'met',
        reasonZh: '33 对照 ≥30，达到指标值',
      },
    ]);
  });

  test('recorded 达标 where the figures say 不达标: fail, saying what it should be', () => {
    const result = byName('水质达标率');
    assert.deepEqual(
      [result.status, result.computed, result.messageZh, result.messageEn],
      [
        'fail',
        '不达标',
        '达标情况记为“达标”，但按现状值（2020年）“85”对照指标值“≥90”：85 对照 ≥90，未达到指标值，应为“不达标”',
        'recorded "达标", but the baseline value gives notMet',
      ],
    );
  });

  test('nothing recorded but computable: warn with the basis', () => {
    const result = byName('空气优良率');
    assert.deepEqual(
      [result.status, result.expected, result.messageZh, result.messageEn],
      [
        'warn',
        null,
        '未填写达标情况；按现状值（2020年）“82”对照指标值“≥80”：82 对照 ≥80，达到指标值',
        'no 达标情况 recorded; the baseline value gives met',
      ],
    );
  });

  test('a record that is neither 达标 nor 不达标: fail when computable, warn when not', () => {
    const result = byName('规划编制');
    assert.deepEqual(
      [result.status, result.expected, result.messageZh, result.messageEn],
      [
        'fail',
        '基本达标',
        '达标情况填写为“基本达标”，应为“达标”或“不达标”；按现状值（2020年）“制定实施”对照指标值“制定实施”：写明“制定实施”，与指标值一致，应为“达标”',
        '达标情况 reads "基本达标", which is neither 达标 nor 不达标; computed: met',
      ],
    );
    const open = byName('文字记录');
    assert.deepEqual(
      [open.status, open.messageZh, open.messageEn],
      [
        'fail',
        '达标情况填写为“待定”，应为“达标”或“不达标”；按现状值（2020年）“50”对照指标值“≥70”：50 对照 ≥70，未达到指标值，应为“不达标”',
        '达标情况 reads "待定", which is neither 达标 nor 不达标; computed: notMet',
      ],
    );
  });

  test('nothing computable: the record is kept as written, not doubted', () => {
    const recorded = byName('噪声');
    assert.deepEqual(
      [recorded.status, recorded.computed, recorded.messageZh, recorded.messageEn],
      [
        'notEvaluable',
        '无法判断',
        '无法计算：没有数值（达标情况按原文保留为“不达标”）',
        'cannot be computed; the recorded status is kept as written',
      ],
    );
    assert.equal(byName('某指标').messageZh, '无法计算：没有数值（达标情况按原文保留为“—”）');
  });

  test('a target that misses the standard is a warning naming the targets', () => {
    const result = byName('湿地保护率');
    assert.deepEqual(
      [result.status, result.messageZh, result.messageEn],
      [
        'warn',
        '目标值·2025年“45”、目标值·2030年“40”未达到指标值“≥50”',
        'targets below the standard: 目标值·2025年, 目标值·2030年',
      ],
    );
  });

  test('不涉及: recorded as met or not met is a warning; left blank it agrees', () => {
    const recorded = byName('农村治理');
    assert.deepEqual(
      [recorded.status, recorded.computed, recorded.messageZh, recorded.messageEn],
      [
        'warn',
        '不涉及',
        '现状值（2020年）为“不涉及”，但达标情况记为“达标”',
        'the value is "not applicable" but 达标情况 reads "达标"',
      ],
    );
    const blank = byName('城市治理');
    assert.deepEqual(
      [blank.status, blank.messageZh],
      ['pass', '达标情况“—”与计算一致：现状值（2020年）“不涉及”对照指标值“≥70”：不涉及'],
    );
  });

  test('a standard for cities applies to a city’s plan, one for counties does not', () => {
    assert.equal(byName('市级指标').status, 'pass');
    assert.equal(byName('县级指标').status, 'notEvaluable');
  });
});

describe('promise: responsible units the plan’s unit list does not know still tell projects apart', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;

  before(() => {
    store = PlanStore.create(path.join(dir, 'units.planbench'), { title: '规划' });
    store.addDepartments([{ name: '市交通运输局', aliases: ['市交通局'] }]);
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('the same works by two different unlisted units are two projects; by one unit, one project', () => {
    const sheetId = store.createSheet({ ...PROJECTS, name: '未登记单位' });
    store.insertRows(
      sheetId,
      [
        {
          cells: {
            seq: '1',
            name: '河道整治',
            content: '整治河道3公里及沿岸绿化',
            investment: '500',
            units: '甲镇人民政府',
          },
        },
        {
          cells: {
            seq: '2',
            name: '河道整治',
            content: '整治河道3公里及沿岸绿化',
            investment: '500',
            units: '乙镇人民政府',
          },
        },
        {
          cells: {
            seq: '3',
            name: '道路',
            content: '新建农村公路10公里及桥梁',
            investment: '800',
            units: '市交通局、丙公司',
          },
        },
        {
          cells: {
            seq: '4',
            name: '道路',
            content: '新建农村公路10公里及桥梁',
            investment: '800',
            units: '市交通运输局、丁公司',
          },
        },
        {
          cells: {
            seq: '5',
            name: '绿道',
            content: '建设环湖绿道20公里及驿站',
            investment: '900',
            units: '戊公司、市交通局',
          },
        },
        {
          cells: {
            seq: '6',
            name: '绿道',
            content: '建设环湖绿道20公里及驿站',
            investment: '900',
            units: '市交通运输局，戊公司',
          },
        },
      ],
      { source: 'system' },
    );
    const duplicates = byKind(resultsOf(store, sheetId), 'duplicate');
    assert.deepEqual(
      duplicates.map((result) => [result.label, result.messageZh]),
      [
        [
          '疑似重复：第5行与第6行',
          '第5行与第6行投资均为 900万元，责任单位均为戊公司、市交通运输局，且名称和内容相同，合计与分类小计中重复计入 900万元',
        ],
      ],
      'units compared as a set, by the unit list’s name where it has one and as written where it has none',
    );
  });
});

describe('promise: a declared figure’s result states the claim, the computed figure and the difference', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;
  let bare: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'declared.planbench'), { title: '规划' });
    sheetId = store.createSheet({
      name: '重点工程',
      kind: 'projects',
      columns: [
        { key: 'category', name: '大类', type: 'text', role: 'category' },
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        {
          key: 'investment',
          name: '总投资（万元）',
          type: 'money',
          role: 'investment',
          settings: { moneyUnit: '万元' },
        },
        { key: 'area', name: '面积', type: 'number' },
        { key: 'kind', name: '类型', type: 'text' },
      ],
    });
    store.insertRows(
      sheetId,
      [
        { cells: { category: '生态安全类', name: '甲', investment: '1000000', area: '1.5', kind: '新建' } },
        { cells: { category: '生态安全类', name: '甲-子项', investment: '5', kind: '新建' }, parentIndex: 0 },
        { cells: { category: '生态安全类', name: '乙', investment: '42783.59', area: '2', kind: '续建' } },
        { cells: { category: '生态经济类', name: '丙', investment: '2266690', area: '', kind: '新建' } },
        { cells: { category: '生态经济类', name: '丁', investment: '/', kind: '' } },
        { cells: { category: '', name: '戊', investment: '10', kind: '改建' } },
      ],
      { source: 'system' },
    );
    bare = store.createSheet({
      name: '无大类',
      kind: 'projects',
      columns: [
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '总投资', type: 'money', settings: { moneyUnit: '万元' } },
      ],
    });
  });
  after(() => {
    store.close();
    cleanup();
  });

  function evaluate(
    kind: string,
    spec: Record<string, unknown>,
    on = sheetId,
    source = '规划文本第3页',
  ): CheckResult[] {
    const label = `检查${Math.random()}`;
    store.addDeclaredChecks([{ sheetId: on, kind, label, spec, source }]);
    const id = store.listDeclaredChecks().find((check) => check.label === label)!.id;
    const results = engineFor(store)
      .run()
      .filter((result) => result.declaredId === id);
    for (const result of results) {
      assert.equal(result.label.startsWith(label), true);
      assert.equal(result.sheetId, on);
    }
    return results;
  }
  const summary = (result: CheckResult | undefined) => [
    result!.status,
    result!.match,
    result!.expected,
    result!.computed,
    result!.difference,
    result!.unit,
    result!.messageZh,
    result!.messageEn,
  ];

  test('row counts: all rows, or the top-level rows only; where the claim is from', () => {
    const [all] = evaluate('rowCount', { expected: 6 }, sheetId, '');
    assert.deepEqual(summary(all), [
      'pass',
      'exact',
      '6',
      '6',
      '0',
      '项',
      '一致：声明 6 项，表中 6 项',
      'stated 6 items, the sheet has 6',
    ]);
    assert.equal(all!.source, null, 'no source given');
    assert.equal(all!.id, `declared:${all!.declaredId}`);
    const [top] = evaluate('rowCount', { expected: 4, level: 'top' });
    assert.deepEqual(summary(top), [
      'fail',
      'mismatch',
      '4',
      '5',
      '1',
      '项',
      '不符：声明 4 项，表中 5 项（不含分项），差 +1 项',
      'stated 4 items, the sheet has 5 (top-level rows)',
    ]);
    assert.equal(top!.source, '规划文本第3页');
    const [topPass] = evaluate('rowCount', { expected: 5, level: 'top' });
    assert.deepEqual(summary(topPass).slice(0, 2).concat(summary(topPass).slice(6)), [
      'pass',
      'exact',
      '一致：声明 5 项，表中 5 项（不含分项）',
      'stated 5 items, the sheet has 5 (top-level rows)',
    ]);
  });

  test('category counts name the categories found, in the category column or any other', () => {
    const [categories] = evaluate('categoryCount', { column: 'category', expected: 2 });
    assert.deepEqual(summary(categories), [
      'pass',
      'exact',
      '2',
      '2',
      '0',
      '类',
      '一致：声明 2 类，“大类”列有 2 类（生态安全类、生态经济类）',
      'stated 2 categories; column "大类" has 2',
    ]);
    const [kinds] = evaluate('categoryCount', { column: 'kind', expected: 2 });
    assert.deepEqual(
      summary(kinds),
      [
        'fail',
        'mismatch',
        '2',
        '3',
        '1',
        '类',
        '不符：声明 2 类，“类型”列有 3 类（新建、续建、改建）',
        'stated 2 categories; column "类型" has 3',
      ],
      'a sub-item’s text is not a category of its own',
    );
    const [missing] = evaluate('categoryCount', { column: 'nope', expected: 2 });
    assert.deepEqual(
      [missing!.status, missing!.kind, missing!.messageZh, missing!.messageEn],
      ['notEvaluable', 'categoryCount', '找不到列“nope”', 'no column "nope"'],
    );
  });

  test('column totals: exact, within a stated rounding with the difference in the column’s unit, or different', () => {
    const [exact] = evaluate('columnTotal', { column: 'investment', expected: '3309483.59' });
    assert.deepEqual(summary(exact), [
      'pass',
      'exact',
      '3309483.59',
      '3309483.59',
      '0',
      '万元',
      '一致：声明 3309483.59万元，计算 3309483.59万元（5 项中 4 项有金额，1 项金额未知、未计入）',
      'stated 3309483.59 万元, computed 3309483.59 万元: equal (4 of 5 items have an amount; 1 unknown, not counted)',
    ]);
    const [rounded] = evaluate('columnTotal', {
      column: 'investment',
      expected: '331',
      unit: '亿元',
      approximate: true,
    });
    assert.deepEqual(summary(rounded), [
      'pass',
      'rounded',
      '331',
      '330.948359',
      '-0.051641',
      '亿元',
      '四舍五入到 0 位小数后相符：声明 331亿元，计算 330.948359亿元（差 -0.051641亿元，即 -516.41万元）（5 项中 4 项有金额，1 项金额未知、未计入）',
      'stated 331 亿元, computed 330.948359 亿元: equal when rounded to 0 decimals (4 of 5 items have an amount; 1 unknown, not counted)',
    ]);
    const [different] = evaluate('columnTotal', { column: 'investment', expected: '330', unit: '亿元' });
    assert.deepEqual(summary(different).slice(0, 2).concat(summary(different).slice(6)), [
      'fail',
      'mismatch',
      '不符：声明 330亿元，计算 330.948359亿元，差 +0.948359亿元，即 +9483.59万元（5 项中 4 项有金额，1 项金额未知、未计入）',
      'stated 330 亿元, computed 330.948359 亿元: different (4 of 5 items have an amount; 1 unknown, not counted)',
    ]);
    const [number] = evaluate('columnTotal', { column: 'area', expected: 4, decimals: 0 });
    assert.deepEqual(summary(number).slice(0, 7), [
      'pass',
      'rounded',
      '4',
      '3.5',
      '-0.5',
      null,
      '四舍五入到 0 位小数后相符：声明 4，计算 3.5（差 -0.5）（5 项中 2 项有金额，3 项金额未知、未计入）',
    ]);
    const [text] = evaluate('columnTotal', { column: 'kind', expected: '1' });
    assert.deepEqual(
      [text!.status, text!.kind, text!.messageZh, text!.messageEn],
      ['notEvaluable', 'columnTotal', '找不到可合计的列“kind”', 'no summable column "kind"'],
    );
  });

  test('a category’s count and amount: a wrong one lists the category’s rows', () => {
    const [count, amount] = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态安全类',
      count: 3,
      amount: '104.3',
      unit: '亿元',
    });
    assert.deepEqual(summary(count), [
      'fail',
      'mismatch',
      '3',
      '2',
      '-1',
      '项',
      '不符：声明生态安全类 3 项，表中 2 项',
      'stated 3 items in 生态安全类, the sheet has 2',
    ]);
    assert.equal(count!.id, `declared:${count!.declaredId}:count`);
    assert.match(count!.label, /（项数）$/);
    assert.deepEqual(
      count!.rows.map((ref) => ref.label),
      ['甲', '乙'],
      'the top-level rows of the category',
    );
    assert.deepEqual(summary(amount), [
      'pass',
      'rounded',
      '104.3',
      '104.278359',
      '-0.021641',
      '亿元',
      '四舍五入到 1 位小数后相符：声明 104.3亿元，计算 104.278359亿元（差 -0.021641亿元，即 -216.41万元）',
      'stated 104.3 亿元, computed 104.278359 亿元: equal when rounded to 1 decimals',
    ]);
    assert.equal(amount!.id, `declared:${amount!.declaredId}:amount`);
    assert.match(amount!.label, /（投资额）$/);
    assert.deepEqual(amount!.rows, [], 'a passing amount lists no rows');
    const [, wrong] = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态经济类',
      count: 2,
      amount: '226.670',
      unit: '亿元',
      decimals: 2,
    });
    assert.deepEqual(summary(wrong).slice(0, 2), ['pass', 'rounded'], 'the stated decimals win over the written ones');
    const [exactly] = evaluate('categoryTotal', {
      column: 'investment',
      category: '生态经济类',
      amount: '226.67',
      unit: '亿元',
      decimals: 3,
    });
    assert.deepEqual(summary(exactly).slice(0, 2).concat(summary(exactly).slice(6)), [
      'fail',
      'mismatch',
      '不符：声明 226.67亿元，计算 226.669亿元，差 -0.001亿元，即 -10万元（2 项中 1 项有金额，1 项金额未知、未计入）',
      'stated 226.67 亿元, computed 226.669 亿元: different (1 of 2 items have an amount; 1 unknown, not counted)',
    ]);
    assert.deepEqual(
      exactly!.rows.map((ref) => ref.rowNumber),
      [4, 5],
    );
  });

  test('a category with no amount stated is information; an unknown category has nothing', () => {
    const [info] = evaluate('categoryTotal', { column: 'investment', category: '生态经济类' });
    assert.deepEqual(summary(info), [
      'info',
      null,
      null,
      '2266690',
      null,
      '万元',
      '未声明投资额；表中生态经济类 2 项，1 项有金额，合计 2266690万元',
      'no amount stated; 1 of 2 items have one, totalling 2266690 万元',
    ]);
    const [count, amount] = evaluate('categoryTotal', {
      column: 'investment',
      category: '不存在类',
      count: 0,
      amount: '0',
    });
    assert.deepEqual(
      [summary(count)[0], summary(amount)],
      [
        ['pass'][0],
        [
          'pass',
          'exact',
          '0',
          '0',
          '0',
          '万元',
          '一致：声明 0万元，计算 0万元',
          'stated 0 万元, computed 0 万元: equal',
        ],
      ],
    );
    const [noColumn] = evaluate('categoryTotal', { column: 'nope', category: '生态经济类' });
    assert.deepEqual(
      [noColumn!.status, noColumn!.messageZh, noColumn!.messageEn],
      ['notEvaluable', '找不到列“nope”', 'no column "nope"'],
    );
    const [noCategory] = evaluate('categoryTotal', { column: 'investment', category: '生态经济类' }, bare);
    assert.deepEqual(
      [noCategory!.status, noCategory!.kind, noCategory!.messageZh, noCategory!.messageEn],
      ['notEvaluable', 'categoryTotal', '工作表没有“大类”角色的列', 'the sheet has no category column'],
    );
  });
});
