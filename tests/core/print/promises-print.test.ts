/**
 * Promises of print pagination (electron/core/print/paginate.ts): every row printed once, in order, as
 * many to a page as fit — a row that exactly fills the page stays on it — with the header rows
 * on every page, totals never orphaned from the page they fit on, and merged category cells that
 * make room for their labels.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PrintModel, PrintRow, PrintSection, PrintTotal } from '../../../electron/core/print/model';
import type { LayoutMetrics, Page, PageRow } from '../../../electron/core/print/paginate';
import { paginate } from '../../../electron/core/print/paginate';

const BODY = 300;
const TITLE = 60;
const HEADER = 40;
const HEADING = 20;

function row(rowId: number, category = '', height = 40): PrintRow & { height: number } {
  return {
    kind: 'row',
    rowId,
    rowNumber: rowId,
    label: `行${rowId}`,
    cells: [String(rowId), category, `项目${rowId}`],
    mergeKeys: [null, category, null],
    child: false,
    part: null,
    height,
  };
}

function total(label: string, height = 40): PrintTotal & { height: number } {
  return { kind: 'total', label, cells: [null, null, '1'], height };
}

function model(sections: PrintSection[], grandTotal: PrintTotal | null, merge = false): PrintModel {
  const columns = ['seq', 'category', 'name'].map((key, index) => ({
    key,
    header: key,
    widthMm: 50,
    align: 'left' as const,
    mergeLevel: merge && index === 1 ? 0 : null,
    summable: null,
    noWrap: false,
    role: null,
  }));
  return {
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
    fonts: {} as PrintModel['fonts'],
    attachmentLabel: null,
    title: '标题',
    docNumber: null,
    columns,
    headerRows: [],
    sections,
    total: grandTotal,
    rowCount: sections.reduce((sum, section) => sum + section.rows.length, 0),
    warnings: [],
  };
}

const metrics = (labelHeight: (label: string) => number = () => 0): LayoutMetrics => ({
  bodyHeight: BODY,
  titleHeight: TITLE,
  headerHeight: HEADER,
  rowHeight: (item) => (item as unknown as { height: number }).height,
  headingHeight: () => HEADING,
  labelHeight: (_column, label) => labelHeight(label),
});

const rowIds = (page: Page) =>
  page.blocks.flatMap((block) =>
    block.items.filter((item): item is PageRow => item.kind === 'row').map((item) => item.row.rowId),
  );
const kindsOn = (page: Page) =>
  page.blocks.flatMap((block) => block.items.map((item) => (item.kind === 'row' ? item.row.rowId : item.total.label)));
const plain = (
  rows: PrintRow[],
  subtotal: PrintTotal | null = null,
  heading: PrintSection['heading'] = null,
): PrintSection => ({ heading, rows, subtotal });

describe('promise: as many rows to a page as fit, exactly', () => {
  test('a row that exactly fills the first page stays on it', () => {
    // 300 − 60 title − 40 header = 200: five 40 px rows fill it to the pixel.
    const rows = Array.from({ length: 6 }, (_, index) => row(index + 1));
    const pages = paginate(model([plain(rows)], null), metrics(), { sectionPageBreak: false });
    assert.deepEqual(pages.map(rowIds), [[1, 2, 3, 4, 5], [6]]);
    assert.equal(pages[0]!.usedHeight, BODY, 'the first page is full, not over');
    assert.equal(pages[1]!.usedHeight, HEADER + 40, 'later pages repeat the header rows, not the title');
    assert.deepEqual(
      pages.map((page) => [page.number, page.titleBlock]),
      [
        [1, 'full'],
        [2, null],
      ],
    );
  });

  test('one pixel more goes to the next page; a later page holds more rows', () => {
    const rows = [row(1, '', 41), ...Array.from({ length: 11 }, (_, index) => row(index + 2))];
    const pages = paginate(model([plain(rows)], null), metrics(), { sectionPageBreak: false });
    assert.deepEqual(pages.map(rowIds), [
      [1, 2, 3, 4],
      [5, 6, 7, 8, 9, 10],
      [11, 12],
    ]);
    assert.equal(
      pages[1]!.usedHeight,
      HEADER + 6 * 40,
      '260 px under the header: six rows of 40 fit, a seventh would not',
    );
  });

  test('a totals row that exactly fills the page stays with its rows; one that does not moves with the header', () => {
    const rows = Array.from({ length: 4 }, (_, index) => row(index + 1));
    const fits = paginate(model([plain(rows)], total('合计')), metrics(), { sectionPageBreak: false });
    assert.deepEqual(fits.map(kindsOn), [[1, 2, 3, 4, '合计']]);
    assert.equal(fits[0]!.usedHeight, BODY);
    const over = paginate(model([plain(rows)], total('合计', 41)), metrics(), { sectionPageBreak: false });
    assert.deepEqual(over.map(kindsOn), [[1, 2, 3, 4], ['合计']]);
    assert.equal(over[1]!.usedHeight, HEADER + 41);
  });

  test('a row taller than an empty page is still printed, alone, rather than lost or looping', () => {
    const pages = paginate(model([plain([row(1, '', 500), row(2)])], null), metrics(), { sectionPageBreak: false });
    assert.deepEqual(pages.map(rowIds), [[1], [2]]);
  });

  test('nothing to print still prints one titled page; a totals row alone is printed', () => {
    const empty = paginate(model([], null), metrics(), { sectionPageBreak: false });
    assert.deepEqual(
      empty.map((page) => [page.titleBlock, page.blocks.length, page.usedHeight]),
      [['full', 1, TITLE + HEADER]],
    );
    const onlyTotal = paginate(model([], total('合计（共 0 项）')), metrics(), { sectionPageBreak: false });
    assert.deepEqual(onlyTotal.map(kindsOn), [['合计（共 0 项）']]);
    assert.equal(onlyTotal[0]!.titleBlock, 'full');
  });
});

describe('promise: sections run on or start new pages as asked, headings repeat', () => {
  const heading = (name: string) => ({ text: `${name}（2 项）`, continued: `${name}（续）` });

  test('running on: the next section starts on the same page when its heading, header and first row fit exactly', () => {
    // Page 1: title 60 + header 40 + 2×40 = 180; the next needs 20 + 40 + 40 = 100 → 280 ≤ 300.
    const first = plain([row(1), row(2)], null, heading('甲组'));
    const second = plain([row(3), row(4)], null, heading('乙组'));
    const pages = paginate(model([first, second], null), metrics(), { sectionPageBreak: false });
    assert.equal(pages[0]!.blocks.length, 2);
    assert.deepEqual(
      pages[0]!.blocks.map((block) => block.heading),
      ['甲组（2 项）', '乙组（2 项）'],
    );
    assert.deepEqual(pages.map(rowIds), [[1, 2, 3], [4]]);
    assert.equal(pages[1]!.blocks[0]!.heading, '乙组（续）', 'a section carried over repeats its heading with （续）');
    const third = plain([row(5, '', 61)], null, heading('丙组'));
    const moved = paginate(model([plain([row(1), row(2), row(3)], null, heading('甲组')), third], null), metrics(), {
      sectionPageBreak: false,
    });
    // Page 1 holds 60 + 20 + 40 + 120 = 240; 丙组 needs 20 + 40 + 61 = 121 > 60 left: a new page.
    assert.deepEqual(
      moved.map((page) => page.blocks.map((block) => block.heading)),
      [['甲组（2 项）'], ['丙组（2 项）']],
    );
  });

  test('with page breaks each section starts a page with the title alone, and its subtotal follows it', () => {
    const first = plain([row(1), row(2)], total('小计甲'), heading('甲组'));
    const second = plain([row(3)], total('小计乙'), heading('乙组'));
    const pages = paginate(model([first, second], total('合计')), metrics(), { sectionPageBreak: true });
    assert.deepEqual(pages.map(kindsOn), [
      [1, 2, '小计甲'],
      [3, '小计乙', '合计'],
    ]);
    assert.deepEqual(
      pages.map((page) => page.titleBlock),
      ['full', 'title'],
    );
    assert.equal(pages[1]!.usedHeight, TITLE + HEADING + HEADER + 40 + 40 + 40);
  });

  test('without headings, page breaks are not forced between sections', () => {
    const pages = paginate(model([plain([row(1)]), plain([row(2)])], null), metrics(), { sectionPageBreak: true });
    assert.equal(pages.length, 1);
  });
});

describe('promise: merged category cells span their run on each page and make room for their labels', () => {
  test('a run is one merged cell per page; after a totals row a new run starts', () => {
    const rows = [row(1, '甲类'), row(2, '甲类'), row(3, '乙类')];
    const pages = paginate(model([plain(rows, total('小计'))], null, true), metrics(), { sectionPageBreak: false });
    const items = pages[0]!.blocks[0]!.items as PageRow[];
    assert.deepEqual(
      items.slice(0, 3).map((item) => item.merges[1]),
      [{ span: 2, label: '甲类' }, 'covered', { span: 1, label: '乙类' }],
    );
    assert.deepEqual(items[0]!.merges[0], null, 'columns that do not merge stay plain');
  });

  test('a label taller than its rows adds exactly the difference, and a longer run absorbs it', () => {
    const tall = (label: string) => (label.startsWith('甲') ? 70 : 0);
    const one = paginate(model([plain([row(1, '甲类')])], null, true), metrics(tall), { sectionPageBreak: false });
    assert.equal(one[0]!.usedHeight, TITLE + HEADER + 70, 'a 70 px label over a 40 px row: 30 px more');
    const two = paginate(model([plain([row(1, '甲类'), row(2, '甲类')])], null, true), metrics(tall), {
      sectionPageBreak: false,
    });
    assert.equal(two[0]!.usedHeight, TITLE + HEADER + 80, 'two rows (80 px) hold the label: nothing more');
    const mixed = paginate(model([plain([row(1, '甲类'), row(2, '乙类')])], null, true), metrics(tall), {
      sectionPageBreak: false,
    });
    assert.equal(mixed[0]!.usedHeight, TITLE + HEADER + 70 + 40);
  });

  test('a run carried to the next page repeats its label with （续）', () => {
    const rows = Array.from({ length: 7 }, (_, index) => row(index + 1, '甲类'));
    const pages = paginate(model([plain(rows)], null, true), metrics(), { sectionPageBreak: false });
    assert.deepEqual(pages.map(rowIds), [
      [1, 2, 3, 4, 5],
      [6, 7],
    ]);
    const head = (pages[1]!.blocks[0]!.items[0] as PageRow).merges[1];
    assert.deepEqual(head, { span: 2, label: '甲类（续）' });
  });
});
