/**
 * Promises of the check results officials read (electron/core/checks/rowChecks.ts, declared.ts,
 * indicators.ts): each result says in Chinese and English exactly what was compared and what
 * was found — the rows concerned, the figures, the unit — and a check that finds nothing says so.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';
import { byKind, CONTENT, PROJECTS, resultsOf } from './checkResultsFixture';

describe('promise: the per-row checks name the rows, the figures and the reason', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let projects: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'rows.planbench'), { title: '溧阳市生态文明建设规划' });
    store.setMeta({ periodStart: 2021, periodEnd: 2025, baseYear: 2020 });
    projects = store.createSheet(PROJECTS);
    store.insertRows(
      projects,
      [
        {
          cells: {
            category: '生态安全类',
            seq: '1',
            name: '电动溧阳',
            content: CONTENT,
            period: '2021-2025',
            investment: '1200',
            units: '溧阳市人民政府、市交通运输局',
          },
        },
        {
          cells: {
            category: '生态经济类',
            seq: '2',
            name: '充电设施',
            content: `${CONTENT}，分两期建设`,
            period: '2020-2026',
            investment: '1200',
            units: '市交通运输局、溧阳市人民政府',
          },
        },
        {
          cells: {
            category: '生态经济类',
            seq: '3',
            name: '河道整治',
            content: '整治河道3公里',
            period: '2022-2024',
            investment: '/',
            units: '市水利局',
          },
        },
        {
          cells: {
            category: '生态经济类',
            seq: '4',
            name: '湿地修复',
            content: '修复湿地',
            period: '2019-2023',
            investment: '',
            units: '市水利局',
          },
        },
      ],
      { source: 'system' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('a project listed twice: rows, amount counted twice, units, categories, why', () => {
    const [duplicate, ...more] = byKind(resultsOf(store, projects), 'duplicate');
    assert.deepEqual(more, []);
    assert.deepEqual(duplicate, {
      sheetId: projects,
      declaredId: null,
      expected: null,
      computed: '1200',
      difference: null,
      unit: '万元',
      match: null,
      source: null,
      rows: [
        { sheetId: projects, rowId: 1, rowNumber: 1, label: '1 电动溧阳' },
        { sheetId: projects, rowId: 2, rowNumber: 2, label: '2 充电设施' },
      ],
      rowsOmitted: 0,
      id: `duplicate:${projects}:1:2`,
      kind: 'duplicate',
      label: '疑似重复：第1行与第2行',
      status: 'fail',
      messageZh:
        '第1行与第2行投资均为 1200万元，责任单位均为溧阳市人民政府、市交通运输局，且一行的内容（去掉标点后 8 字以上）完整出现在另一行的名称和内容中；分属生态安全类、生态经济类，合计与分类小计中重复计入 1200万元',
      messageEn: 'rows 1 and 2 look like the same item (same amount and units; one content contained in the other)',
    });
  });

  test('amounts not stated are counted and listed, never taken as 0', () => {
    const [unknown] = byKind(resultsOf(store, projects), 'unknownAmount');
    assert.deepEqual(
      [
        unknown!.id,
        unknown!.label,
        unknown!.status,
        unknown!.computed,
        unknown!.unit,
        unknown!.messageZh,
        unknown!.messageEn,
      ],
      [
        `unknownAmount:${projects}`,
        '重点工程：总投资（万元）未知的项目',
        'info',
        '2',
        '项',
        '4 项中 2 项有金额，2 项金额未知（“/”或空白，不计为 0）',
        '2 of 4 items have an amount; 2 unknown (not counted as 0)',
      ],
    );
    assert.deepEqual(unknown!.rows, [
      { sheetId: projects, rowId: 3, rowNumber: 3, columnKey: 'investment', label: '3 河道整治' },
      { sheetId: projects, rowId: 4, rowNumber: 4, columnKey: 'investment', label: '4 湿地修复' },
    ]);
    assert.equal(unknown!.rowsOmitted, 0);
  });

  test('periods outside the plan period are listed with their text; inside it passes', () => {
    const [periods] = byKind(resultsOf(store, projects), 'periodOutsidePlan');
    assert.deepEqual(
      [
        periods!.id,
        periods!.label,
        periods!.status,
        periods!.computed,
        periods!.unit,
        periods!.messageZh,
        periods!.messageEn,
      ],
      [
        `periodOutsidePlan:${projects}`,
        '重点工程：建设期限超出规划期 2021—2025 年',
        'warn',
        '2',
        '项',
        '2 项的建设期限超出规划期：第2行 2020-2026；第4行 2019-2023',
        '2 items run outside the plan period 2021–2025',
      ],
    );
    assert.deepEqual(
      periods!.rows.map((ref) => [ref.rowNumber, ref.columnKey]),
      [
        [2, 'period'],
        [4, 'period'],
      ],
    );
  });
});

describe('promise: a check that finds nothing says so; long lists are cut with a mark', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;

  before(() => {
    store = PlanStore.create(path.join(dir, 'clean.planbench'), { title: '规划' });
    store.setMeta({ periodStart: 2021, periodEnd: 2025 });
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('no duplicates, every amount stated, every period inside', () => {
    const sheetId = store.createSheet({ ...PROJECTS, name: '干净' });
    store.insertRows(
      sheetId,
      [
        {
          cells: {
            seq: '1',
            name: '电动溧阳',
            content: CONTENT,
            period: '2021-2025',
            investment: '1200',
            units: '市交通运输局',
          },
        },
        {
          cells: {
            seq: '2',
            name: '河道整治',
            content: '整治河道3公里',
            period: '2022',
            investment: '1200',
            units: '市交通运输局',
          },
        },
        { cells: { seq: '3', name: '湿地', content: '修复湿地', period: '近期', investment: '1', units: '' } },
      ],
      { source: 'system' },
    );
    const results = resultsOf(store, sheetId);
    const [duplicate] = byKind(results, 'duplicate');
    assert.deepEqual(
      [duplicate!.id, duplicate!.label, duplicate!.status, duplicate!.messageZh, duplicate!.messageEn],
      [
        `duplicate:${sheetId}`,
        '干净：疑似重复项',
        'pass',
        '未发现金额、责任单位和内容都相同的重复项',
        'no items with the same amount, units and description',
      ],
    );
    const [unknown] = byKind(results, 'unknownAmount');
    assert.deepEqual(
      [unknown!.computed, unknown!.messageZh, unknown!.messageEn, unknown!.rows],
      ['0', '3 项均有金额', '3 of 3 items have an amount; 0 unknown (not counted as 0)', []],
    );
    const [periods] = byKind(results, 'periodOutsidePlan');
    assert.deepEqual(
      [periods!.status, periods!.computed, periods!.messageZh, periods!.rows],
      ['pass', '0', '所有可读的建设期限均在规划期内', []],
    );
  });

  test('identical rows without amounts or units; more than five periods outside end with …', () => {
    const sheetId = store.createSheet({ ...PROJECTS, name: '重复' });
    const late = Array.from({ length: 6 }, (_, index) => ({
      cells: {
        seq: String(index + 3),
        name: `项目${index}`,
        content: `内容${index}`,
        period: `2026-${2030 + index}`,
        investment: String(index + 1),
      },
    }));
    store.insertRows(
      sheetId,
      [
        {
          cells: {
            category: '生态安全类',
            seq: '1',
            name: '河道整治',
            content: '整治河道3公里',
            period: '2021-2025',
            investment: '/',
          },
        },
        {
          cells: {
            category: '生态安全类',
            seq: '2',
            name: '河道整治',
            content: '整治河道 3 公里。',
            period: '2021-2025',
            investment: '/',
          },
        },
        ...late,
      ],
      { source: 'system' },
    );
    const results = resultsOf(store, sheetId);
    const [duplicate] = byKind(results, 'duplicate');
    assert.deepEqual(
      [duplicate!.computed, duplicate!.unit, duplicate!.messageZh, duplicate!.messageEn],
      [
        null,
        null,
        '第1行与第2行金额均未知，且名称和内容相同',
        'rows 1 and 2 look like the same item (same amount and units; same name and content)',
      ],
    );
    const [periods] = byKind(results, 'periodOutsidePlan');
    assert.equal(periods!.computed, '6');
    assert.equal(
      periods!.messageZh,
      '6 项的建设期限超出规划期：第3行 2026-2030；第4行 2026-2031；第5行 2026-2032；第6行 2026-2033；第7行 2026-2034…',
    );
    assert.equal(periods!.rows.length, 6, 'every row is listed, only the message is cut');
  });

  test('a plan without a period has no period check; a sheet without amounts no amount check', () => {
    const sheetId = store.createSheet({
      name: '任务',
      kind: 'tasks',
      columns: [
        { key: 'name', name: '工作事项', type: 'text', role: 'name' },
        { key: 'period', name: '完成时限', type: 'yearRange', role: 'period' },
      ],
    });
    store.insertRows(sheetId, [{ cells: { name: '甲', period: '2030' } }], { source: 'system' });
    assert.deepEqual(byKind(resultsOf(store, sheetId), 'unknownAmount'), []);
    assert.equal(byKind(resultsOf(store, sheetId), 'periodOutsidePlan')[0]!.status, 'warn');
    store.setMeta({ periodStart: null, periodEnd: 2025 });
    assert.deepEqual(byKind(resultsOf(store, sheetId), 'periodOutsidePlan'), []);
    store.setMeta({ periodStart: 2021, periodEnd: null });
    assert.deepEqual(byKind(resultsOf(store, sheetId), 'periodOutsidePlan'), []);
    store.setMeta({ periodStart: 2021, periodEnd: 2025 });
  });
});
