import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { headerRows, buildPrintModel, sheetTitle } from '../../../electron/core/print/model';
import type { PrintModel, PrintRow, PrintTotal } from '../../../electron/core/print/model';
import { defaultPrintOptions } from '../../../electron/core/print/options';
import type { LayoutMetrics, Page, PageRow } from '../../../electron/core/print/paginate';
import { paginate } from '../../../electron/core/print/paginate';
import { loadPrintSource } from '../../../electron/core/print/printSheet';
import { splitRow } from '../../../electron/core/print/split';
import { columnWidths } from '../../../electron/core/print/widths';
import { TRUETYPE_PLAN } from '../../../electron/core/print/fonts';
import { documentHtml } from '../../../electron/core/print/html';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { PrintOptionsInput } from '../../../shared/contract/calls/printing';
import { tempDir } from '../../helpers';

/**
 * The print layout without a browser: the model (columns, filter, sort, groups, exact totals),
 * the column widths, the pagination from given heights, and the cutting of over-tall rows.
 */

describe('print model', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'print.planbench'), { title: '测试规划', docNumber: '测政发〔2024〕1号' });
    store.addDepartments([
      { name: '市教育局', aliases: ['教育局'] },
      { name: '市卫生健康委员会', aliases: ['市卫健委'] },
      { name: '市民政局' },
    ]);
    sheetId = store.createSheet({
      name: '重点任务',
      kind: 'tasks',
      description: '《测试市某某实施方案》（测政办发〔2024〕2号）附件 任务分解表',
      columns: [
        { key: 'seq', name: '序号', type: 'number', role: 'seq' },
        { key: 'section', name: '板块', type: 'text', role: 'category' },
        { key: 'name', name: '工作事项', type: 'text', role: 'name' },
        { key: 'lead', name: '牵头单位', type: 'departmentList', role: 'leadUnit' },
        { key: 'money', name: '投资', type: 'money', role: 'investment', settings: { moneyUnit: '万元', decimals: 2 } },
        { key: 'note', name: '备注', type: 'text', hidden: true },
      ],
    });
    store.insertRows(
      sheetId,
      [
        { cells: { seq: '1', section: '甲类', name: '事项一', lead: '教育局', money: '0.1' } },
        { cells: { seq: '2', section: '甲类', name: '事项二', lead: '市卫健委、市教育局', money: '0.2' } },
        { cells: { seq: '3', section: '乙类', name: '事项三', lead: '市民政局', money: '/' } },
        { cells: { seq: '4', section: '乙类', name: '事项四', lead: '市教育局', money: '1234567.891' } },
        { cells: { seq: '5', section: '乙类', name: '事项五', lead: '', money: '约5000' } },
      ],
      { source: 'system' },
    );
  });
  after(() => {
    store.close();
    cleanup();
  });

  const model = (options: PrintOptionsInput = {}) =>
    buildPrintModel(loadPrintSource(store, sheetId), defaultPrintOptions(options));
  const names = (rows: readonly PrintRow[]) => rows.map((row) => row.cells[2]);

  test('visible columns, amounts with separators, unknowns as written, the unit under the header', () => {
    const printed = model();
    assert.deepEqual(
      printed.columns.map((column) => column.key),
      ['seq', 'section', 'name', 'lead', 'money'],
    );
    assert.equal(printed.columns[4]!.header, '投资\n（万元）');
    assert.equal(printed.columns[4]!.align, 'right');
    const rows = printed.sections[0]!.rows;
    assert.deepEqual(
      rows.map((row) => row.cells[4]),
      ['0.10', '0.20', '/', '1,234,567.89', '约5,000.00'],
    );
    assert.equal(printed.title, '测试市某某实施方案任务分解表', 'a bare 任务分解表 takes the document’s name');
    assert.equal(printed.attachmentLabel, null);
  });

  test('the totals row is exact and counts the unknown amounts', () => {
    const total = model().total!;
    // 0.1 + 0.2 + 1234567.891 + 5000 — exact, never a binary float — and "/" counted apart.
    assert.equal(total.cells[4], '1,239,568.19');
    assert.equal(total.label, '合计（共 5 项，其中 1 项投资未知，未计入）');
    assert.deepEqual(total.cells.slice(0, 4), [null, null, null, null]);
  });

  test('filter by department (an alias finds its unit), sort, and the chosen columns in order', () => {
    const printed = model({
      filters: [{ columnKey: 'lead', values: ['教育局'] }],
      sort: [{ columnKey: 'money', direction: 'desc' }],
      columns: [
        { key: 'name', widthMm: null },
        { key: 'money', widthMm: 30 },
      ],
    });
    assert.deepEqual(
      printed.sections[0]!.rows.map((row) => row.cells[0]),
      ['事项四', '事项二', '事项一'],
    );
    assert.equal(printed.columns[1]!.widthMm, 30, 'a fixed width is kept');
    assert.equal(printed.total!.cells[1], '1,234,568.19');
    assert.equal(printed.rowCount, 3);
  });

  test('grouped by lead unit: one section per unit, a row under two units in both, the grand total once', () => {
    const printed = model({ groupBy: 'lead', attachmentNumber: '3' });
    assert.deepEqual(
      printed.sections.map((section) => section.heading?.text),
      [
        '牵头单位：市教育局（3 项）',
        '牵头单位：市卫生健康委员会（1 项）',
        '牵头单位：市民政局（1 项）',
        '牵头单位：（未填写）（1 项）',
      ],
    );
    assert.equal(printed.sections[0]!.heading?.continued, '牵头单位：市教育局（续）');
    assert.deepEqual(names(printed.sections[0]!.rows), ['事项一', '事项二', '事项四']);
    assert.equal(printed.sections[0]!.subtotal!.cells[4], '1,234,568.19');
    assert.equal(printed.total!.cells[4], '1,239,568.19', 'row 2 is listed twice but counted once');
    assert.match(printed.warnings.join('\n'), /1 项的牵头单位不止一个/);
    assert.equal(printed.attachmentLabel, '附件3');
  });

  test('a setup naming a column the sheet lacks is refused with the sheet and column named', () => {
    assert.throws(
      () => model({ groupBy: 'nope' }),
      (error: Error & { body?: { code: string; where?: { sheet?: string; column?: string } } }) =>
        error.body?.code === 'invalid_value' &&
        error.body.where?.sheet === '重点任务' &&
        error.body.where.column === 'nope',
    );
  });

  test('category cells carry merge keys; a subcategory merges only inside its category', () => {
    const printed = model();
    const keys = printed.sections[0]!.rows.map((row) => row.mergeKeys[1]);
    assert.equal(keys[0], keys[1]);
    assert.notEqual(keys[1], keys[2]);
    assert.equal(printed.columns[1]!.mergeLevel, 0);
    assert.equal(model({ mergeCategories: false }).columns[1]!.mergeLevel, null);
  });
});

describe('print layout helpers', () => {
  test('two-level headers from 目标值·2025年 / 目标值·2030年', () => {
    assert.deepEqual(headerRows(['序号', '目标值·2025年', '目标值·2030年', '备注']), [
      [
        { text: '序号', colspan: 1, rowspan: 2 },
        { text: '目标值', colspan: 2, rowspan: 1 },
        { text: '备注', colspan: 1, rowspan: 2 },
      ],
      [
        { text: '2025年', colspan: 1, rowspan: 1 },
        { text: '2030年', colspan: 1, rowspan: 1 },
      ],
    ]);
  });

  test('sheet titles from descriptions', () => {
    assert.equal(
      sheetTitle({
        name: '重点工程',
        description: '《常州市生态文明建设规划（2021—2030年）》附表 常州市生态文明建设重点工程表',
      }),
      '常州市生态文明建设重点工程表',
    );
    assert.equal(sheetTitle({ name: '自建表', description: '' }), '自建表');
  });

  test('column widths fill the text area; long text gets the room, amounts never wrap', () => {
    const long = '推进工业园区和企业集群建设涉VOCs“绿岛”项目，各集群根据自身产业结构特征建设集中喷涂中心';
    const { widths } = columnWidths(
      [
        { type: 'number', header: '序号', texts: ['1', '2', '3'], fixedMm: null, noWrap: false },
        { type: 'longText', header: '建设内容', texts: [long, long, long], fixedMm: null, noWrap: false },
        { type: 'money', header: '投资\n（万元）', texts: ['3,309,473.59', '1.00', '/'], fixedMm: null, noWrap: true },
        {
          type: 'text',
          header: '责任主体',
          texts: ['市生态环境局', '市教育局', '各辖市区人民政府'],
          fixedMm: null,
          noWrap: false,
        },
      ],
      225,
      10.5,
    );
    assert.ok(Math.abs(widths.reduce((sum, width) => sum + width, 0) - 225) < 1e-6);
    assert.ok(widths[1]! > widths[3]! && widths[3]! > widths[0]!, `widths ${widths.join(', ')}`);
    // "3,309,473.59" is 12 characters of about 0.55 em at 10.5 pt.
    assert.ok(widths[2]! >= 12 * 0.55 * 10.5 * (25.4 / 72), 'the widest amount fits on one line');
  });
});

// ---- pagination with made-up heights ------------------------------------------------------

function fakeModel(
  rows: number,
  options: { grouped?: boolean; height?: (index: number) => number } = {},
): {
  model: PrintModel;
  metrics: LayoutMetrics;
} {
  const row = (index: number, category: string): PrintRow => ({
    kind: 'row',
    rowId: index + 1,
    rowNumber: index + 1,
    label: `第 ${index + 1} 行`,
    cells: [String(index + 1), category, `事项${index + 1}`],
    mergeKeys: [null, JSON.stringify([category]), null],
    child: false,
    part: null,
  });
  const all = Array.from({ length: rows }, (_, index) => row(index, index < rows / 2 ? '甲类' : '乙类'));
  const total: PrintTotal = { kind: 'total', label: '合计（共 0 项）', cells: [null, null, null] };
  const columns = ['seq', 'category', 'name'].map((key, index) => ({
    key,
    header: key,
    widthMm: 50,
    align: 'left' as const,
    mergeLevel: index === 1 ? 0 : null,
    summable: null,
    noWrap: false,
    role: null,
  }));
  const sections = options.grouped
    ? [
        { heading: { text: '甲组（2 项）', continued: '甲组（续）' }, rows: all.slice(0, 2), subtotal: null },
        { heading: { text: '乙组', continued: '乙组（续）' }, rows: all.slice(2), subtotal: null },
      ]
    : [{ heading: null, rows: all, subtotal: null }];
  const model: PrintModel = {
    geometry: {
      paper: 'A4',
      landscape: true,
      widthMm: 297,
      heightMm: 210,
      margins: { top: 0, right: 0, bottom: 0, left: 0 },
      bodyWidthMm: 150,
      bodyHeightMm: 100,
      footerGapMm: 7,
    },
    fontSizePt: 10.5,
    fonts: TRUETYPE_PLAN,
    attachmentLabel: '附件1',
    title: '标题',
    docNumber: null,
    columns,
    headerRows: [columns.map((column) => ({ text: column.header, colspan: 1, rowspan: 1 }))],
    sections,
    total,
    rowCount: rows,
    warnings: [],
  };
  const heights = new Map<PrintRow | PrintTotal, number>(
    all.map((item, index) => [item, options.height?.(index) ?? 30]),
  );
  heights.set(total, 30);
  const metrics: LayoutMetrics = {
    bodyHeight: 300,
    titleHeight: 60,
    headerHeight: 40,
    rowHeight: (item) => heights.get(item) ?? 0,
    headingHeight: () => 20,
    labelHeight: (_column, label) => (label.includes('（续）') ? 45 : 25),
  };
  return { model, metrics };
}

function rowsOf(page: Page): PageRow[] {
  return page.blocks.flatMap((block) => block.items.filter((item): item is PageRow => item.kind === 'row'));
}

describe('pagination', () => {
  test('rows are never split, each page fits, every page has the header, the title only on the first', () => {
    const { model, metrics } = fakeModel(30, { height: (index) => 20 + (index % 4) * 15 });
    const pages = paginate(model, metrics, { sectionPageBreak: true });
    const placed = pages.flatMap((page) => rowsOf(page).map((item) => item.row.rowId));
    assert.deepEqual(
      placed,
      Array.from({ length: 30 }, (_, index) => index + 1),
      'every row exactly once, in order',
    );
    for (const page of pages) {
      assert.ok(page.usedHeight <= metrics.bodyHeight, `page ${page.number} is ${page.usedHeight} tall`);
      assert.ok(page.blocks.length > 0);
    }
    assert.deepEqual(
      pages.map((page) => page.titleBlock),
      ['full', ...pages.slice(1).map(() => null)],
    );
    const last = pages.at(-1)!.blocks.at(-1)!.items.at(-1)!;
    assert.equal(last.kind, 'total', 'the totals row ends the table');
  });

  test('a category run that crosses a page break repeats its label with （续）', () => {
    // Eight 甲类 rows, six to a first page: the run goes on over the page break.
    const { model, metrics } = fakeModel(16);
    const pages = paginate(model, metrics, { sectionPageBreak: true });
    assert.ok(pages.length >= 2);
    const first = rowsOf(pages[0]!);
    assert.deepEqual(
      first[0]!.merges[1],
      { span: first.length, label: '甲类' },
      'one merged cell over the page’s rows',
    );
    assert.ok(first.slice(1).every((item) => item.merges[1] === 'covered'));
    const second = rowsOf(pages[1]!);
    const head = second[0]!.merges[1] ?? null;
    assert.ok(head !== null && head !== 'covered');
    assert.equal(head.label, '甲类（续）');
    const newRun = second.find((item) => item.row.cells[1] === '乙类')!;
    assert.deepEqual(newRun.merges[1], {
      span: second.filter((item) => item.row.cells[1] === '乙类').length,
      label: '乙类',
    });
  });

  test('a merged label taller than its rows makes room for itself', () => {
    // One-row runs under a 45 px "（续）" label over a 30 px row: the page takes the extra 15 px.
    const { model, metrics } = fakeModel(2, { height: () => 30 });
    const pages = paginate(model, metrics, { sectionPageBreak: true });
    assert.equal(
      pages[0]!.usedHeight,
      60 + 40 + (30 + 0) + 30 + 30,
      'two one-row runs with 25 px labels need nothing extra',
    );
    const tall = fakeModel(1, { height: () => 10 });
    const alone = paginate(tall.model, tall.metrics, { sectionPageBreak: true });
    assert.equal(alone[0]!.usedHeight, 60 + 40 + 25 + 30, 'a 25 px label over a 10 px row adds 15 px');
  });

  test('sections start on new pages with the title and repeat their heading with （续）', () => {
    const { model, metrics } = fakeModel(14, { grouped: true });
    const pages = paginate(model, metrics, { sectionPageBreak: true });
    assert.equal(pages[0]!.blocks[0]!.heading, '甲组（2 项）');
    assert.equal(pages[1]!.blocks[0]!.heading, '乙组');
    assert.equal(pages[1]!.titleBlock, 'title', 'a section’s first page has the title, for handing out');
    assert.equal(pages[2]!.blocks[0]!.heading, '乙组（续）');
    assert.equal(pages[2]!.titleBlock, null);
    const running = paginate(model, metrics, { sectionPageBreak: false });
    assert.equal(running[0]!.blocks.length, 2, 'without page breaks the next section runs on');
  });

  test('no rows and no totals row: still one page, with the title and the header rows', () => {
    const { model, metrics } = fakeModel(0);
    const pages = paginate({ ...model, sections: [], total: null }, metrics, { sectionPageBreak: true });
    assert.equal(pages.length, 1);
    assert.equal(pages[0]!.titleBlock, 'full');
    assert.equal(pages[0]!.blocks.length, 1);
  });

  test('page numbers and the structure of the paged HTML', () => {
    const { model, metrics } = fakeModel(12);
    const pages = paginate(model, metrics, { sectionPageBreak: true });
    const html = documentHtml(model, pages);
    assert.equal(html.match(/<section class="page"/g)?.length, pages.length);
    assert.equal(html.match(/<thead>/g)?.length, pages.length, 'the header rows on every page');
    for (const page of pages) assert.ok(html.includes(`第 ${page.number} 页 共 ${pages.length} 页`));
    assert.ok(!/<script/i.test(html));
  });

  test('cutting a row taller than a page into parts marked 转下页 / 接上页', () => {
    const { model } = fakeModel(1);
    const row: PrintRow = { ...model.sections[0]!.rows[0]!, cells: ['7', '甲类', 'AAAA\nBBBB\nCCCC'] };
    const columns = model.columns.map((column, index) => (index === 0 ? { ...column, role: 'seq' as const } : column));
    const parts = splitRow(row, [[], [], [5, 10]], columns);
    assert.deepEqual(
      parts.map((part) => part.cells),
      [
        ['7', '甲类', 'AAAA'],
        ['7', '', 'BBBB'],
        ['7', '', 'CCCC'],
      ],
    );
    assert.deepEqual(
      parts.map((part) => [part.part?.continuesFrom[2], part.part?.continuesTo[2]]),
      [
        [false, true],
        [true, true],
        [true, false],
      ],
    );
    assert.deepEqual(splitRow(row, [[], [], []], columns), [row]);
  });
});
