/**
 * Promises of reading a table's layout (shared/import/importHeader.ts, importBody.ts): the header
 * is the early row that reads most like column names — whatever titles, attachment labels, unit
 * lines and notes stand above it — a second header row is joined only when it names sub-columns,
 * and every row under the header is either a data row (with merged cells carried down and
 * recorded) or set aside with the reason: a repeated header, a 合计/小计, a note or a section.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BodyShaper, shapeBody } from '../../../shared/import/importBody';
import type { GridCell, GridRow, MergeRange } from '../../../shared/import/importGrid';
import type { HeaderGuess } from '../../../shared/import/importHeader';
import { detectHeader, HEADER_SEARCH_ROWS, headerCellText } from '../../../shared/import/importHeader';

function grid(rows: (GridCell | null)[][], first = 1): GridRow[] {
  return rows.map((cells, index) => ({ r: first + index, cells: cells.map((cell) => cell ?? undefined) }));
}

function range(top: number, left: number, bottom: number, right: number): MergeRange {
  return { top, left, bottom, right };
}

const rowsOf = (header: HeaderGuess) => header.headerRows;

describe('promise: a header cell is read as the column name an official wrote', () => {
  test('spaces between Chinese characters, markup and wrapped lines do not change the name', () => {
    assert.equal(headerCellText('项目名称'), '项目名称');
    assert.equal(headerCellText('序\u3000号'), '序号', 'an ideographic space inside a name');
    assert.equal(headerCellText('项目\u00a0名称'), '项目名称', 'a no-break space inside a name');
    assert.equal(headerCellText(' 项 目 名 称 '), '项目名称');
    assert.equal(headerCellText('建设内容\n规模'), '建设内容规模', 'a wrapped name joins without a space');
    assert.equal(headerCellText('<b>总投资</b>'), '总投资');
    assert.equal(headerCellText('[总投资'), '[总投资', 'a bracket that is not markup stays');
    assert.equal(headerCellText('Total investment'), 'Total investment', 'spaces between Latin words stay');
    assert.equal(headerCellText('2025 年'), '2025 年', 'a space after a digit is not between Chinese characters');
    assert.equal(headerCellText(2025), '2025');
    assert.equal(headerCellText(null), '');
    assert.equal(headerCellText(undefined), '');
  });
});

describe('promise: the header is found under titles, attachment labels, unit lines and notes', () => {
  test('the rows above the header are skipped, each with why, and the stated unit is kept', () => {
    const header = detectHeader(
      grid([
        ['附件 2'],
        ['溧阳市重点工程表（单位：亿元）'],
        ['单位 ：万元'],
        ['注：按投资额排序'],
        [null, null],
        ['序号', '项目名称', '总投资', '责任主体'],
        [1, '甲项目', 100, '市住建局'],
      ]),
      [],
      4,
    );
    assert.deepEqual(rowsOf(header), [6]);
    assert.deepEqual(header.above, [
      { r: 1, text: '附件 2', why: 'attachment' },
      { r: 2, text: '溧阳市重点工程表（单位：亿元）', why: 'title' },
      { r: 3, text: '单位 ：万元', why: 'unitLine' },
      { r: 4, text: '注：按投资额排序', why: 'note' },
    ]);
    assert.equal(header.moneyUnit, '亿元', 'the first stated unit (in the title) counts');
    assert.deepEqual(header.names, ['序号', '项目名称', '总投资', '责任主体']);
  });

  test('a unit stated on the unit line is used when the title states none; a note’s unit is not', () => {
    const unitLine = detectHeader(
      grid([['重点工程表'], ['注：单位：元'], ['单位：万元'], ['序号', '项目名称', '总投资'], [1, '甲', 5]]),
      [],
      3,
    );
    assert.equal(unitLine.moneyUnit, '万元');
    const none = detectHeader(grid([['注：金额单位：亿元'], ['序号', '项目名称', '总投资'], [1, '甲', 5]]), [], 3);
    assert.equal(none.moneyUnit, null);
    const texts = detectHeader(
      grid([
        ['表一', '', '重点工程'],
        ['序号', '项目名称', '总投资'],
      ]),
      [],
      3,
    );
    assert.deepEqual(
      texts.above,
      [{ r: 1, text: '表一 重点工程', why: 'title' }],
      'the cells of a row above are joined with a space',
    );
  });

  test('the header’s confidence grows with the names the workbench knows', () => {
    const known = detectHeader(
      grid([
        ['序号', '项目名称', '总投资', '责任主体'],
        [1, '甲', 5, '市残联'],
      ]),
      [],
      4,
    );
    assert.equal(known.confidence, 1);
    const half = detectHeader(
      grid([
        ['项目名称', '颜色'],
        ['甲', '红'],
      ]),
      [],
      2,
    );
    assert.equal(half.confidence, 0.7, '0.4 + 0.6 × 1 known of 2');
    const unknown = detectHeader(
      grid([
        ['甲乙', '丙丁'],
        ['红', '绿'],
      ]),
      [],
      2,
    );
    assert.ok(Math.abs(unknown.confidence - 0.4) < 1e-9, 'no known name: 0.4');
    const years = detectHeader(
      grid([
        ['颜色', '2024年', '2025'],
        ['红', 1, 2],
      ]),
      [],
      3,
    );
    assert.ok(Math.abs(years.confidence - 0.8) < 1e-9, 'year headers are known names: 2 of 3');
  });

  test('year numbers in a header row are names, not data; other numbers make a row data', () => {
    const header = detectHeader(grid([['说明文字'], ['地区', 2024, 2025, 1900, 2200], ['甲区', 3, 4, 5, 6]]), [], 5);
    assert.deepEqual(rowsOf(header), [2]);
    assert.deepEqual(header.names, ['地区', '2024', '2025', '1900', '2200']);
    const notYears = detectHeader(
      grid([
        ['地区', '年份一', '年份二'],
        ['甲区', 1899, 2201],
      ]),
      [],
      3,
    );
    assert.deepEqual(rowsOf(notYears), [1], '1899 and 2201 are figures');
    const fraction = detectHeader(
      grid([
        ['地区', '目标', '现状'],
        ['甲区', 2024.5, '2,025'],
      ]),
      [],
      3,
    );
    assert.deepEqual(rowsOf(fraction), [1]);
  });

  test('a row with a total label and a figure, or with two figures, is never the header', () => {
    const header = detectHeader(
      grid([
        ['合计', '总计', 5],
        ['项目名称', '责任主体', '建设内容'],
      ]),
      [],
      3,
    );
    assert.deepEqual(rowsOf(header), [2], 'a 合计 row with a figure is no header, however many known names');
    const twoFigures = detectHeader(
      grid([
        ['项目名称', 1, 2],
        ['甲乙', '丙丁', '戊己'],
      ]),
      [],
      3,
    );
    assert.deepEqual(rowsOf(twoFigures), [2]);
    const oneFigure = detectHeader(
      grid([
        ['项目名称', '责任主体', 12],
        ['甲乙', '丙丁', '戊己'],
      ]),
      [],
      3,
    );
    assert.deepEqual(rowsOf(oneFigure), [1], 'one figure among known names is tolerated');
  });

  test('a single filled cell is a title, not a header; in a one-column sheet it is the header', () => {
    assert.deepEqual(rowsOf(detectHeader(grid([['项目名称'], ['项目名称', '总投资'], ['甲', 1]]), [], 2)), [2]);
    assert.deepEqual(rowsOf(detectHeader(grid([['项目名称'], ['甲']]), [], 1)), [1]);
  });

  test('an overlong text in a row costs it the header; earlier rows win ties', () => {
    const long = '关于印发溧阳市生态文明建设规划重点工程项目表的通知'.repeat(2);
    assert.ok(long.length > 40);
    const header = detectHeader(
      grid([
        [long, '说明'],
        ['名目', '说明'],
      ]),
      [],
      2,
    );
    assert.deepEqual(rowsOf(header), [2]);
    const exactly40 = 'ab'.repeat(20);
    const fine = detectHeader(
      grid([
        [exactly40, '说明'],
        ['名目', '说明'],
      ]),
      [],
      2,
    );
    assert.deepEqual(rowsOf(fine), [1], 'forty characters is not overlong');
    const tie = detectHeader(
      grid([
        ['甲乙', '丙丁'],
        ['戊己', '庚辛'],
      ]),
      [],
      2,
    );
    assert.deepEqual(rowsOf(tie), [1]);
  });

  test('only the first rows are searched; an empty sheet has no header', () => {
    const filler = Array.from({ length: HEADER_SEARCH_ROWS }, (_, index) => [`第${index}行说明`]);
    const late = detectHeader(grid([...filler, ['序号', '项目名称', '总投资']]), [], 3);
    assert.notDeepEqual(rowsOf(late), [HEADER_SEARCH_ROWS + 1], 'row 31 is not looked at');
    assert.deepEqual(detectHeader([], [], 3), { headerRows: [], above: [], names: [], moneyUnit: null, confidence: 0 });
    const blank = detectHeader(grid([[null, null]]), [], 2);
    assert.equal(blank.confidence, 0);
  });

  test('the user’s choice of header row and height wins over the guess', () => {
    const rows = grid([['附件1'], ['序号', '名称'], ['一', '二'], ['1', '甲']]);
    const chosen = detectHeader(rows, [], 2, { row: 2, count: 1 });
    assert.deepEqual([chosen.headerRows, chosen.confidence], [[2], 1]);
    assert.deepEqual(chosen.above, [{ r: 1, text: '附件1', why: 'attachment' }]);
    assert.deepEqual(detectHeader(rows, [], 2, { row: 2, count: 2 }).names, ['序号·一', '名称·二']);
    assert.deepEqual(detectHeader(rows, [], 2, { row: 4, count: 2 }).headerRows, [4], 'no row under the last: one row');
    assert.deepEqual(
      detectHeader(rows, [], 2, { row: 99, count: 1 }).headerRows,
      [1],
      'a row that is not there: the first',
    );
  });
});

describe('promise: a second header row is joined only when it names sub-columns', () => {
  test('sub-columns under a merged group name; a sub-name equal to its group is not repeated', () => {
    const rows = grid([
      ['序号', '项目名称', '投资', null, null, '备注'],
      [null, null, '总投资', '2025年', '2026年', null],
      [1, '甲', 10, 4, 6, null],
    ]);
    const header = detectHeader(rows, [range(1, 2, 1, 4)], 6);
    assert.deepEqual(rowsOf(header), [1, 2]);
    assert.deepEqual(header.names, ['序号', '项目名称', '投资·总投资', '投资·2025年', '投资·2026年', '备注']);
    const same = detectHeader(
      grid([
        ['地区', '目标', null, '备注'],
        [null, '目标', '2030年', null],
        ['甲', 1, 2, null],
      ]),
      [range(1, 1, 1, 2)],
      4,
    );
    assert.deepEqual(same.names, ['地区', '目标', '目标·2030年', '备注']);
  });

  test('a merge elsewhere or one column wide does not make group names', () => {
    const rows = grid([
      ['序号', '项目名称', '目标', null],
      [null, null, '2025年', '2030年'],
      [1, '甲', 3, 4],
    ]);
    const lower = detectHeader(rows, [range(3, 2, 3, 3)], 4);
    assert.deepEqual(
      lower.names,
      ['序号', '项目名称', '目标·2025年', '目标·2030年'],
      'the unmerged rule still joins them',
    );
    const tall = detectHeader(rows, [range(1, 2, 2, 2)], 4);
    assert.deepEqual(tall.names, ['序号', '项目名称', '目标·2025年', '目标·2030年']);
  });

  test('a row under the header with figures, totals, notes or long texts is data, not a header', () => {
    const top = ['序号', '项目名称', '目标', null];
    const cases: (GridCell | null)[][] = [
      [null, null, '2025年', 5],
      [null, null, '合计', '2030年'],
      [null, null, '注：2025年', '2030年'],
      [null, null, '预期目标'.repeat(8), '2030年'],
      [null, null, null, null],
    ];
    for (const below of cases) {
      const header = detectHeader(grid([top, below, [1, '甲', 3, 4]]), [], 4);
      assert.deepEqual(rowsOf(header), [1], JSON.stringify(below));
    }
    const thirty = detectHeader(grid([top, [null, null, 'a'.repeat(30), '2030年']]), [], 4);
    assert.deepEqual(rowsOf(thirty), [1, 2], 'thirty characters is still a name');
  });

  test('a text under a named, unmerged column that starts no group is data', () => {
    const header = detectHeader(
      grid([
        ['序号', '项目名称', '责任单位'],
        [null, '甲', null],
        [1, '乙', '市残联'],
      ]),
      [],
      3,
    );
    assert.deepEqual(rowsOf(header), [1]);
    const underEmpty = detectHeader(
      grid([
        [null, '项目名称', '总投资'],
        ['地区', null, null],
      ]),
      [],
      3,
    );
    assert.deepEqual(rowsOf(underEmpty), [1], 'under the empty first cell, with no name before it, no group');
  });

  test('a second row as full as the first is data, and a row further down is never joined', () => {
    const full = detectHeader(
      grid([
        ['颜色', '目标', null],
        [null, '甲乙', '丙丁'],
      ]),
      [range(1, 1, 1, 2)],
      3,
    );
    assert.deepEqual(rowsOf(full), [1], 'as many texts as the header');
    const gap: GridRow[] = [
      { r: 1, cells: ['序号', '项目名称', '目标', undefined] },
      { r: 3, cells: [undefined, undefined, '2025年', '2030年'] },
    ];
    assert.deepEqual(rowsOf(detectHeader(gap, [], 4)), [1], 'rows 1 and 3 are not one header');
  });

  test('without merges a group name spans only the empty cells over sub-names', () => {
    const header = detectHeader(
      grid([
        ['地区', '目标', null, null, '备注'],
        [null, '2025年', '2030年', null, null],
        ['甲', 1, 2, null, null],
      ]),
      [],
      5,
    );
    assert.deepEqual(rowsOf(header), [1, 2]);
    assert.deepEqual(header.names, ['地区', '目标·2025年', '目标·2030年', '', '备注']);
  });
});

describe('promise: each row under the header is data, or set aside with the reason', () => {
  const header: HeaderGuess = {
    headerRows: [1],
    above: [],
    names: ['序号', '项目名称', '总投资', '责任单位'],
    moneyUnit: null,
    confidence: 1,
  };
  const head = ['序号', '项目名称', '总投资', '责任单位'];

  test('a repeated header needs most of its names in their columns and nothing else', () => {
    const body = shapeBody(
      grid([
        head,
        [1, '甲', 10, '市残联'],
        ['序号', '项目名称', '总投资', null],
        ['序号', '项目名称', null, null],
        ['序号', '项目名称', '总投资', '另一单位'],
        ['项目名称', '序号', '总投资', '责任单位'],
      ]),
      [],
      4,
      header,
    );
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind, row.text]),
      [[3, 'repeatedHeader', '序号 项目名称 总投资']],
    );
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [2, 4, 5, 6],
      'half the names, another value, or names in other columns: data',
    );
  });

  test('a column without a name must be empty in a repeated header', () => {
    const named: HeaderGuess = { ...header, headerRows: [1] };
    const rows = grid([
      ['序号', null, '总投资'],
      ['序号', '甲', '总投资'],
      ['序号', null, '总投资'],
    ]);
    const body = shapeBody(rows, [], 3, named);
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [2],
    );
    assert.deepEqual(
      body.setAside.map((row) => row.r),
      [3],
    );
  });

  test('a two-row header repeated at a page break is set aside row by row', () => {
    const two: HeaderGuess = { ...header, headerRows: [1, 2] };
    const rows = grid([
      ['序号', '目标', null],
      [null, '2025年', '2030年'],
      [1, 3, 4],
      ['序号', '目标', null],
      [null, '2025年', '2030年'],
      [2, 5, 6],
    ]);
    const body = shapeBody(rows, [], 3, two);
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [3, 6],
    );
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind]),
      [
        [4, 'repeatedHeader'],
        [5, 'repeatedHeader'],
      ],
    );
  });

  test('each 小计 totals the rows since the last 小计 or section; a 合计 totals all', () => {
    const body = shapeBody(
      grid([
        head,
        [1, '甲', 1, null],
        [2, '乙', 2, null],
        ['小计', null, 3, null],
        [3, '丙', 4, null],
        ['小 计：', null, 4, null],
        ['二、其他'],
        [4, '丁', 5, null],
        ['小计', null, 5, null],
        ['总计', null, 12, null],
      ]),
      [],
      4,
      header,
    );
    assert.deepEqual(
      body.totals.map((total) => [total.r, total.kind, total.label, total.from, total.to]),
      [
        [4, 'subtotal', '小计', 0, 2],
        [6, 'subtotal', '小计：', 2, 3],
        [9, 'subtotal', '小计', 3, 4],
        [10, 'total', '总计', 0, 4],
      ],
    );
    assert.deepEqual(
      body.totals[0]!.cells,
      ['小计', undefined, 3, undefined],
      'the total row keeps its cells to compare',
    );
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind, row.text]),
      [
        [4, 'subtotal', '小计 3'],
        [6, 'subtotal', '小计： 4'],
        [7, 'section', '二、其他'],
        [9, 'subtotal', '小计 5'],
        [10, 'total', '总计 12'],
      ],
    );
  });

  test('a total label in any column counts, the first one names the row', () => {
    const body = shapeBody(grid([head, [null, '合计', 10, '小计']]), [], 4, header);
    assert.deepEqual(
      body.totals.map((total) => [total.kind, total.label]),
      [['total', '合计']],
    );
    assert.deepEqual(body.rows, []);
  });

  test('notes: after 备注 the one-cell lines are the note; a full row ends it', () => {
    const body = shapeBody(
      grid([
        head,
        [1, '甲', 1, '市残联'],
        ['备注：'],
        ['1. 资金已落实'],
        [null, '2. 按年度调度'],
        [2, '乙', 2, '市民政局'],
        ['3. 另起一行'],
      ]),
      [],
      4,
      header,
    );
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind, row.text]),
      [
        [3, 'note', '备注：'],
        [4, 'note', '1. 资金已落实'],
        [5, 'note', '2. 按年度调度'],
      ],
    );
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [2, 6, 7],
      'a data row ends the note; a later one-cell line is data',
    );
  });

  test('one filled cell: a section heading, a note, or data in a narrow table', () => {
    const body = shapeBody(
      grid([
        head,
        ['（一）蓝天保卫'],
        [1, '甲', 1, null],
        ['第二部分 碧水'],
        [2, '乙', 2, null],
        ['三'],
        ['12'],
        ['甲乙丙'],
      ]),
      [],
      4,
      header,
    );
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind]),
      [
        [2, 'section'],
        [4, 'section'],
      ],
    );
    assert.deepEqual(
      body.rows.map((row) => [row.r, row.section]),
      [
        [3, '（一）蓝天保卫'],
        [5, '第二部分碧水'],
        [6, '第二部分碧水'],
        [7, '第二部分碧水'],
        [8, '第二部分碧水'],
      ],
    );
    const narrow: HeaderGuess = { ...header, names: ['序号', '名称'] };
    const two = shapeBody(grid([['序号', '名称'], ['一、甲'], ['注：说明']]), [], 2, narrow);
    assert.deepEqual(
      two.rows.map((row) => row.r),
      [2, 3],
      'in a two-column table a lone cell is data',
    );
  });

  test('a one-cell row across a wide merge is a section; a number on it is data', () => {
    const rows = grid([head, ['生态安全类'], [1, '甲', 1, null], ['42']]);
    const body = shapeBody(rows, [range(2, 0, 2, 3), range(4, 0, 4, 1)], 4, header);
    assert.deepEqual(
      body.setAside.map((row) => [row.r, row.kind, row.text]),
      [[2, 'section', '生态安全类']],
    );
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [3, 4],
    );
    const narrowMerge = shapeBody(grid([head, ['生态安全类']]), [range(2, 0, 2, 0)], 4, header);
    assert.deepEqual(
      narrowMerge.rows.map((row) => row.r),
      [2],
      'a one-column merge is not a section band',
    );
  });

  test('a merge covering rows carries its value down, records it, and never overwrites a cell', () => {
    const rows = grid([
      head,
      ['一', '甲', 1, '市残联'],
      [null, null, 2, null],
      [null, '自填', 3, null],
      [null, null, 4, null],
      [null, null, 5, null],
    ]);
    const body = shapeBody(rows, [range(2, 0, 4, 0), range(2, 1, 4, 1), range(2, 3, 3, 3)], 4, header);
    assert.deepEqual(
      body.rows.map((row) => [row.r, row.cells[0], row.cells[1], row.cells[3], row.carried]),
      [
        [2, '一', '甲', '市残联', undefined],
        [3, '一', '甲', '市残联', [0, 1, 3]],
        [4, '一', '自填', undefined, [0]],
        [5, undefined, undefined, undefined, undefined],
        [6, undefined, undefined, undefined, undefined],
      ],
    );
    assert.deepEqual(rows[2]!.cells, [undefined, undefined, 2, undefined], 'the source row is not changed');
  });

  test('an empty merged cell carries nothing; merges in the header and one-row merges are ignored', () => {
    const rows = grid([head, [null, '甲', 1, ''], [null, null, 2, null], [3, '乙', 3, null]]);
    const body = shapeBody(
      rows,
      [range(2, 0, 3, 0), range(2, 3, 3, 3), range(1, 1, 2, 1), range(3, 1, 3, 2)],
      4,
      header,
    );
    assert.deepEqual(
      body.rows.map((row) => [row.r, row.cells[0], row.cells[1], row.carried]),
      [
        [2, undefined, '甲', undefined],
        [3, undefined, undefined, undefined],
        [4, 3, '乙', undefined],
      ],
    );
  });

  test('hidden rows stay data and say so; blank rows and the header itself are skipped', () => {
    const shaper = new BodyShaper([{ r: 1, cells: head }], [], 4, header);
    assert.equal(shaper.push({ r: 1, cells: head }), null, 'the header row');
    assert.equal(shaper.push({ r: 2, cells: [null, '', '  ', undefined] }), null, 'a blank row');
    assert.deepEqual(shaper.push({ r: 3, cells: [1, '甲', 5, null], hidden: true }), {
      r: 3,
      cells: [1, '甲', 5, null],
      hidden: true,
    });
    assert.deepEqual(
      shaper.push({ r: 4, cells: [0, null, null, null] }),
      { r: 4, cells: [0, null, null, null] },
      'a zero is a value',
    );
    assert.deepEqual(shaper.finish(), {
      rows: [
        { r: 3, cells: [1, '甲', 5, null], hidden: true },
        { r: 4, cells: [0, null, null, null] },
      ],
      setAside: [],
      totals: [],
    });
  });

  test('a header found at row 3 leaves rows 1–3 out of the body', () => {
    const at3: HeaderGuess = { ...header, headerRows: [3] };
    const body = shapeBody(grid([['标题'], ['附件'], head, [1, '甲', 1, null]]), [], 4, at3);
    assert.deepEqual(
      body.rows.map((row) => row.r),
      [4],
    );
    assert.deepEqual(body.setAside, []);
  });
});
