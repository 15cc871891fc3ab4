import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shapeBody } from '../../../shared/import/importBody';
import type { GridRow, MergeRange } from '../../../shared/import/importGrid';
import { detectHeader } from '../../../shared/import/importHeader';
import { mapColumns, scoreMatch } from '../../../shared/import/importMapping';
import type { TargetColumn } from '../../../shared/import/importMapping';
import { planNewSheet, templateColumns } from '../../../shared/import/importTemplates';
import { normaliseHeader, statedMoneyUnit, stripMarkup, totalLabelKind } from '../../../shared/import/importText';

/** Header detection, row classification and column mapping, on the seed tables' quirks. */

function grid(rows: (string | number | null)[][], first = 1): GridRow[] {
  return rows.map((cells, index) => ({ r: first + index, cells: cells.map((cell) => cell ?? undefined) }));
}

function range(top: number, left: number, bottom: number, right: number): MergeRange {
  return { top, left, bottom, right };
}

describe('header detection', () => {
  test('skips the 附表 and title rows; 合计 under the header is not a second header row', () => {
    const rows = grid([
      ['附表'],
      ['常州市生态文明建设重点工程表'],
      ['大类', '序号', '小类', '项目名称', '建设内容、规模', '建设起止年限', '投资匡算（万元）', '责任主体'],
      ['合计', null, null, null, null, null, 3309473.59, null],
      ['生态安全类', 1, '蓝天保卫行动工程', '深化工业园区', '实施…', '2021-2025', 4600, '各辖市区人民政府'],
    ]);
    const header = detectHeader(rows, [range(2, 0, 2, 7)], 8);
    assert.deepEqual(header.headerRows, [3]);
    assert.deepEqual(
      header.above.map((row) => [row.r, row.why]),
      [
        [1, 'attachment'],
        [2, 'title'],
      ],
    );
    assert.equal(header.names[6], '投资匡算（万元）');
    assert.ok(header.confidence > 0.8);
  });

  test('joins a merged two-row header: 目标值 over 2025年 and 2030年', () => {
    const rows = grid([
      ['表1  常州市生态文明建设指标体系'],
      [
        '领域',
        '任务',
        '序号',
        '指标名称',
        '单位',
        '指标值',
        '指标属性',
        '现状值（2020年）',
        '目标值',
        null,
        '达标情况',
      ],
      [null, null, null, null, null, null, null, null, '2025年', '2030年', null],
      [
        '生态制度',
        '（一）目标责任体系与制度建设',
        '1',
        '生态文明建设规划',
        '—',
        '制定实施',
        '约束性',
        '制定实施',
        '制定实施',
        '制定实施',
        '不达标',
      ],
    ]);
    const merges = [...[0, 1, 2, 3, 4, 5, 6, 7, 10].map((column) => range(2, column, 3, column)), range(2, 8, 2, 9)];
    const header = detectHeader(rows, merges, 11);
    assert.deepEqual(header.headerRows, [2, 3]);
    assert.deepEqual(header.names.slice(7), ['现状值（2020年）', '目标值·2025年', '目标值·2030年', '达标情况']);
  });

  test('joins an unmerged two-row header (CSV): the group name stands once over its sub-columns', () => {
    const rows = grid([
      ['序号', '指标名称', '目标值', null, '备注'],
      [null, null, '2025年', '2030年', null],
      ['1', '河长制', '全面实施', '全面实施', null],
    ]);
    const header = detectHeader(rows, [], 5);
    assert.deepEqual(header.headerRows, [1, 2]);
    assert.deepEqual(header.names, ['序号', '指标名称', '目标值·2025年', '目标值·2030年', '备注']);
  });

  test('a data row of short texts under the header is not taken for a second header row', () => {
    const rows = grid([
      ['地区', '牵头单位', '配合单位'],
      ['溧阳市', '市残联', '市民政局'],
    ]);
    assert.deepEqual(detectHeader(rows, [], 3).headerRows, [1]);
  });

  test('a matrix whose first header cell is empty; a 单位 line gives the money unit', () => {
    const rows = grid([['单位：亿元'], [null, '2024年', '2025年', '2026年', '合计'], ['溧阳市', 2, 1, 1, 4]]);
    const header = detectHeader(rows, [], 5);
    assert.deepEqual(header.headerRows, [2]);
    assert.equal(header.moneyUnit, '亿元');
    assert.equal(header.above[0]?.why, 'unitLine');
  });

  test('the user can choose the header row and its height', () => {
    const rows = grid([
      ['a', 'b'],
      ['序号', '名称'],
      ['1', '甲'],
    ]);
    assert.deepEqual(detectHeader(rows, [], 2, { row: 1, count: 2 }).headerRows, [1, 2]);
  });

  test('spaces inside a Chinese header and markup are ignored: "序  号", "<p>项目名称</p>"', () => {
    const header = detectHeader(
      grid([
        ['序  号', '<p>项目名称</p>', '总投资'],
        ['1', '甲', 5],
      ]),
      [],
      3,
    );
    assert.deepEqual(header.names, ['序号', '项目名称', '总投资']);
  });
});

describe('rows under the header', () => {
  const header = {
    headerRows: [1],
    above: [],
    names: ['序号', '工作事项', '牵头单位'],
    moneyUnit: null,
    confidence: 1,
  };

  test('repeated headers, blank rows, 合计/小计 and notes are set aside; merges carried and recorded', () => {
    const rows = grid([
      ['序号', '工作事项', '牵头单位'],
      [1, '强化组织保障', '市财政局'],
      [2, null, '市民政局'],
      [],
      ['序号', '工作事项', '牵头单位'],
      [3, '强化政策保障', '市残联'],
      ['小计', null, null],
      ['合  计', null, null],
      ['备注：'],
      ['1. 各地需科学规划。'],
    ]);
    const body = shapeBody(rows, [range(2, 1, 3, 1)], 3, header);
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [2, 3, 6],
    );
    assert.equal(body.rows[1]!.cells[1], '强化组织保障', 'the merged cell is carried into the row it covers');
    assert.deepEqual(body.rows[1]!.carried, [1]);
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind]),
      [
        [5, 'repeatedHeader'],
        [7, 'subtotal'],
        [8, 'total'],
        [9, 'note'],
        [10, 'note'],
      ],
    );
    const [subtotal, total] = body.totals;
    assert.deepEqual(
      [subtotal!.from, subtotal!.to],
      [0, 3],
      'a 小计 covers the rows since the last 小计 or section (a repeated header is only a page break)',
    );
    assert.deepEqual([total!.from, total!.to], [0, 3], 'a 合计 covers every row');
  });

  test('a 合计 row above the data (as in the 88-project table) still covers every row', () => {
    const rows = grid([
      ['序号', '工作事项', '牵头单位'],
      ['合计', null, 30],
      [1, 'a', 10],
      [2, 'b', 20],
    ]);
    const body = shapeBody(rows, [], 3, header);
    assert.deepEqual([body.totals[0]!.from, body.totals[0]!.to], [0, 2]);
  });

  test('a section row on its own ("一、生态安全类") is set aside and remembered for the rows under it', () => {
    const rows = grid([['序号', '工作事项', '牵头单位'], ['一、生态安全类'], [1, 'a', '市残联']]);
    const body = shapeBody(rows, [], 3, header);
    assert.equal(body.rows[0]!.section, '一、生态安全类');
    assert.equal(body.setAside[0]!.kind, 'section');
  });
});

describe('column mapping', () => {
  const projects = templateColumns('projects', []);

  test('synonyms: 责任单位/牵头单位 → 责任主体, 总投资/投资额 → 投资匡算, 建设年限 → 建设起止年限', () => {
    const headers = ['编号', '项目名称', '建设年限', '总投资（亿元）', '牵头单位', '联系人'];
    const matches = mapColumns(headers, projects);
    assert.deepEqual(
      matches.map((match) => match.target),
      ['seq', 'name', 'period', 'investment', 'responsible', null],
    );
    assert.equal(matches[3]!.how, 'synonym');
    assert.equal(statedMoneyUnit(headers[3]!), '亿元');
  });

  test('a column for one milestone year takes only that year', () => {
    const indicators = templateColumns('indicators', ['目标值·2025年', '目标值·2030年']);
    const target2025 = indicators.find((column) => column.key === 'target2025')!;
    assert.ok(scoreMatch('目标值·2025年', target2025).score > 0.9);
    assert.ok(scoreMatch('2025年目标', target2025).score >= 0.6);
    assert.equal(scoreMatch('目标值·2030年', target2025).score, 0);
    assert.equal(scoreMatch('现状值（2025年）', target2025).score, 0, 'a baseline for that year is not a target');
  });

  test('the exact name beats a synonym; among equals the first column wins; each target is used once', () => {
    assert.deepEqual(
      mapColumns(['责任单位', '责任主体'], projects).map((match) => match.target),
      [null, 'responsible'],
    );
    assert.deepEqual(
      mapColumns(['责任单位', '责任部门'], projects).map((match) => match.target),
      ['responsible', null],
    );
  });

  test('a saved mapping for the layout and the user choice win over guesses', () => {
    const matches = mapColumns(['项目名称', '单位'], projects, {
      saved: { [normaliseHeader('单位')]: 'responsible' },
      overrides: [{ source: 0, target: null }],
    });
    assert.deepEqual(
      matches.map((match) => [match.target, match.how]),
      [
        [null, 'user'],
        ['responsible', 'saved'],
      ],
    );
  });

  test('a headerless first column of text is the row label of a matrix', () => {
    const allocation = templateColumns('allocation', ['', '2024年', '2025年', '合计']);
    assert.deepEqual(
      allocation.map((column) => column.key),
      ['district', 'y2024', 'y2025'],
    );
    const matches = mapColumns(['', '2024年', '2025年', '合计'], allocation, {
      content: ['text', 'number', 'number', 'number'],
    });
    assert.deepEqual(
      matches.map((match) => match.target),
      ['district', 'y2024', 'y2025', null],
    );
  });

  test('a new sheet keeps the file’s other columns, typed by header and content, and drops 合计', () => {
    const headers = ['项目名称', '联系人', '2026年计划（万元）', '完成率', '合计'];
    const matches = mapColumns(headers, projects);
    const plan = planNewSheet(
      projects,
      matches,
      ['text', 'text', 'number', 'number', 'number'],
      [false, false, false, false, false],
    );
    assert.deepEqual(
      plan.columns.map((column: TargetColumn) => [column.name, column.type]),
      [
        ['项目名称', 'text'],
        ['联系人', 'text'],
        ['2026年计划', 'money'],
        ['完成率', 'number'],
      ],
    );
    assert.equal(plan.matches[4]!.target, null);
  });
});

describe('text helpers', () => {
  test('markup and bookmarks are removed; paragraphs become lines', () => {
    assert.deepEqual(stripMarkup('[bookmark: _Toc119448417]附表'), { text: '附表', changed: true });
    assert.equal(
      stripMarkup('<p>拓宽就业支持渠道</p> <p>营造社会友好支持环境</p>').text,
      '拓宽就业支持渠道\n营造社会友好支持环境',
    );
    assert.equal(stripMarkup('PM2.5<35 &amp; 不变').changed, false, 'no markup, no entity decoding');
  });

  test('total labels', () => {
    assert.equal(totalLabelKind('合  计'), 'total');
    assert.equal(totalLabelKind('小计'), 'subtotal');
    assert.equal(totalLabelKind('合计比重不低于25%'), null);
  });
});
