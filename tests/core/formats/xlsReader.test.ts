import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import { readWorkbook } from '../../../electron/core/formats/workbook';
import { rkNumber } from '../../../electron/core/formats/xls/records';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { GridCell } from '../../../shared/import/importGrid';
import type { BiffSheet } from '../../fixtures/biff';
import {
  biff4Xls,
  bof,
  boolErr,
  eof,
  chars,
  colInfo,
  f64,
  format,
  formula,
  gbkString,
  label,
  labelSst,
  mergedCells,
  mulBlank,
  mulRk,
  numberCell,
  record,
  rkCell,
  rowRecord,
  specialResult,
  T,
  u16,
  u32,
  u8,
  workbookStream,
  xf,
  xlsFile,
  xlString,
} from '../../fixtures/biff';
import { compoundFile } from '../../fixtures/rawFiles';

/**
 * The BIFF8 reader record by record, on workbooks built byte by byte: what each record means,
 * where CONTINUE may split a string, and that damaged or hostile files are refused with a message
 * naming the file (and the sheet and cell where the damage is).
 */

async function read(stream: Buffer, sheetName?: string, name = '部门.xls') {
  return readWorkbook(bufferSource(name, xlsFile(stream)), sheetName);
}

function oneSheet(records: Buffer[], globals: Buffer[] = []): Buffer {
  return workbookStream(globals, [{ name: '表', records }]);
}

function cellsOf(grid: {
  rows: { r: number; cells: (GridCell | null | undefined)[] }[];
}): Record<number, (GridCell | null | undefined)[]> {
  return Object.fromEntries(grid.rows.map((row) => [row.r, Array.from(row.cells)]));
}

async function refused(bytes: Buffer, name: string): Promise<PlanbenchError['body']> {
  try {
    await readWorkbook(bufferSource(name, bytes));
  } catch (error) {
    assert.ok(error instanceof PlanbenchError, `a PlanbenchError, not ${String(error)}`);
    assert.equal(error.body.where?.file, name);
    assert.ok(error.body.messageZh.includes(name), 'the message names the file');
    return error.body;
  }
  assert.fail('the file was read');
}

/** An SST record whose strings are laid out by hand, then cut into CONTINUE records at the given byte offsets of the data. */
function sst(data: Buffer, cuts: { at: number; flag?: number }[], count: number): Buffer[] {
  const head = Buffer.concat([u32(count), u32(count)]);
  const whole = Buffer.concat([head, data]);
  const records: Buffer[] = [];
  let start = 0;
  cuts.forEach((cut, index) => {
    const part = whole.subarray(start, head.length + cut.at);
    const previousFlag = index === 0 ? undefined : cuts[index - 1]!.flag;
    records.push(
      record(index === 0 ? T.SST : T.CONTINUE, ...(previousFlag !== undefined ? [u8(previousFlag)] : []), part),
    );
    start = head.length + cut.at;
  });
  const lastFlag = cuts.length ? cuts[cuts.length - 1]!.flag : undefined;
  records.push(
    record(cuts.length ? T.CONTINUE : T.SST, ...(lastFlag !== undefined ? [u8(lastFlag)] : []), whole.subarray(start)),
  );
  return records;
}

describe('BIFF8 shared strings (SST) and CONTINUE', () => {
  test('a string split inside its characters: compressed → UTF-16 and UTF-16 → compressed, and in the middle of a UTF-16 run', async () => {
    // String 0: "ABCDE" + "常州市" — starts compressed, the continuation switches to UTF-16.
    const first = Buffer.concat([u16(8), u8(0), chars('ABCDE', false)]);
    const firstRest = chars('常州市', true);
    // String 1: "生态文明建设" — UTF-16, split after three characters, continued UTF-16.
    const second = Buffer.concat([u16(6), u8(1), chars('生态文', true)]);
    const secondRest = chars('明建设', true);
    // String 2: "绿岛xyz" — UTF-16, continued compressed.
    const third = Buffer.concat([u16(5), u8(1), chars('绿岛', true)]);
    const thirdRest = chars('xyz', false);
    const data = Buffer.concat([first, firstRest, second, secondRest, third, thirdRest]);
    const cut1 = first.length;
    const cut2 = cut1 + firstRest.length + second.length;
    const cut3 = cut2 + secondRest.length + third.length;
    const globals = sst(
      data,
      [
        { at: cut1, flag: 1 },
        { at: cut2, flag: 1 },
        { at: cut3, flag: 0 },
      ],
      3,
    );
    const book = await read(oneSheet([labelSst(0, 0, 0), labelSst(0, 1, 1), labelSst(0, 2, 2)], globals));
    assert.deepEqual(book.grid.rows[0]!.cells, ['ABCDE常州市', '生态文明建设', '绿岛xyz']);
  });

  test('a split between strings and inside rich-text runs and phonetic data takes no option byte', async () => {
    // String 0: rich text (2 runs) with phonetic data (6 bytes); the record ends inside the runs.
    const rich = Buffer.concat([u16(3), u8(0x0d), u16(2), u32(6), chars('重点工', true), Buffer.alloc(8, 0xaa)]);
    const richEnd = Buffer.alloc(6, 0xbb);
    // String 1 starts a new CONTINUE record exactly: no option byte.
    const plain = Buffer.concat([u16(2), u8(0), chars('OK', false)]);
    const data = Buffer.concat([rich.subarray(0, rich.length - 3), rich.subarray(rich.length - 3), richEnd, plain]);
    const globals = sst(data, [{ at: rich.length - 3 }, { at: rich.length + richEnd.length }], 2);
    const book = await read(oneSheet([labelSst(0, 0, 0), labelSst(0, 1, 1)], globals));
    assert.deepEqual(book.grid.rows[0]!.cells, ['重点工', 'OK']);
  });

  test('a count of strings larger than the table holds reads what is there and allocates nothing ahead', async () => {
    const globals = [record(T.SST, u32(0xffffffff), u32(0xffffffff), xlString('只有一个'))];
    const book = await read(oneSheet([labelSst(0, 0, 0)], globals));
    assert.deepEqual(book.grid.rows[0]!.cells, ['只有一个']);
  });

  test('a LABELSST pointing past the table is damage, naming sheet, row and column', async () => {
    const globals = [record(T.SST, u32(1), u32(1), xlString('甲'))];
    const error = await refused(xlsFile(oneSheet([label(0, 0, '序号'), labelSst(4, 2, 7)], globals)), '坏索引.xls');
    assert.match(error.messageZh, /不完整或已损坏.*missing shared string 7|不完整或已损坏/);
    assert.match(error.messageEn, /damaged.*shared string 7/);
    assert.deepEqual([error.where?.sheet, error.where?.row, error.where?.column], ['表', 5, 'C']);
  });

  test('phonetic data larger than the record is damage, not a huge skip', async () => {
    const globals = [record(T.SST, u32(1), u32(1), u16(1), u8(0x04), u32(0x7fffffff), chars('甲', false))];
    const error = await refused(xlsFile(oneSheet([labelSst(0, 0, 0)], globals)), '注音.xls');
    assert.match(error.messageEn, /damaged/);
  });
});

describe('BIFF8 numbers: NUMBER, RK in its four encodings, MULRK, MULBLANK', () => {
  const rkDouble = (value: number, times100: boolean) => {
    const bytes = f64(value);
    return (bytes.readUInt32LE(4) & ~3) | (times100 ? 1 : 0);
  };
  const rkInteger = (value: number, times100: boolean) => (value << 2) | 2 | (times100 ? 1 : 0);

  test('rkNumber: IEEE, IEEE ÷ 100, integer, integer ÷ 100 (negative too)', () => {
    assert.equal(rkNumber(rkDouble(1234.5, false)), 1234.5);
    assert.equal(rkNumber(rkDouble(1234.5, true)), 12.345);
    assert.equal(rkNumber(rkInteger(-7, false)), -7);
    assert.equal(rkNumber(rkInteger(330947359, true)), 3309473.59);
    assert.equal(rkNumber(rkInteger(-12345, true)), -123.45);
    assert.equal(rkNumber(rkInteger(536870911, false)), 536870911, 'the largest 30-bit integer');
  });

  test('cells: NUMBER, RK, MULRK (with its own XF per cell) and MULBLANK (no content)', async () => {
    const globals = [xf(0), xf(14), xf(10)];
    const book = await read(
      oneSheet(
        [
          numberCell(0, 0, 0.1 + 0.2),
          rkCell(0, 1, rkInteger(330947359, true)),
          rkCell(0, 2, rkDouble(-0.5, false)),
          mulRk(1, 1, [
            { rk: rkInteger(45658, false), xf: 1 },
            { rk: rkDouble(0.25, false), xf: 2 },
            { rk: rkInteger(4600, false), xf: 0 },
          ]),
          mulBlank(2, 0, 5),
          label(3, 0, '末行'),
        ],
        globals,
      ),
    );
    const cells = cellsOf(book.grid);
    assert.deepEqual(cells[1], [0.1 + 0.2, 3309473.59, -0.5]);
    assert.deepEqual(cells[2], [undefined, { t: 'd', v: '2025-01-01' }, { t: 'n', v: 0.25, percent: true }, 4600]);
    assert.equal(cells[3], undefined, 'a row of blanks has no content');
    assert.equal(book.grid.columnCount, 4);
  });
});

describe('BIFF8 formulas, booleans and errors', () => {
  test('FORMULA caches: number, string (STRING after SHRFMLA, continued in a CONTINUE), boolean, error, empty; BOOLERR', async () => {
    const longText = '常州市生态环境局'.repeat(3);
    const stringRecord = Buffer.concat([u16(longText.length), u8(1), chars(longText.slice(0, 10), true)]);
    const book = await read(
      oneSheet([
        formula(0, 0, f64(3309473.59)),
        formula(0, 1, specialResult(0)),
        record(T.SHRFMLA, Buffer.alloc(10)),
        record(T.STRING, stringRecord),
        record(T.CONTINUE, u8(1), chars(longText.slice(10), true)),
        formula(0, 2, specialResult(1, 1)),
        formula(0, 3, specialResult(2, 0x07)),
        formula(0, 4, specialResult(3)),
        boolErr(0, 5, 0, false),
        boolErr(0, 6, 0x2a, true),
        // A string formula whose STRING never came: the cell stays empty, and a stray STRING later is nobody's.
        formula(1, 0, specialResult(0)),
        label(1, 1, '下一格'),
        record(T.STRING, xlString('无主的字符串')),
      ]),
    );
    const cells = cellsOf(book.grid);
    assert.deepEqual(cells[1], [
      3309473.59,
      longText,
      { t: 'b', v: true },
      { t: 'e', v: '#DIV/0!' },
      undefined,
      { t: 'b', v: false },
      { t: 'e', v: '#N/A' },
    ]);
    assert.deepEqual(cells[2], [undefined, '下一格']);
  });
});

describe('BIFF8 sheets, merges, hidden rows and columns, formats', () => {
  const sheets = (): BiffSheet[] => [
    { name: '说明', state: 1, records: [label(0, 0, '隐藏的说明')] },
    { name: '图表', type: 2, substream: 0x0020, records: [] },
    {
      name: '重点工程',
      records: [
        rowRecord(2, true),
        label(0, 0, '大类'),
        label(0, 1, '项目'),
        label(1, 0, '生态安全类'),
        label(1, 1, '甲'),
        label(2, 1, '乙'),
        colInfo(3, 4, true),
        label(2, 4, '隐藏列'),
        mergedCells([
          [1, 2, 0, 0],
          [5, 4, 3, 2],
        ]),
      ],
    },
    { name: '空表', records: [] },
    { name: '极隐藏', state: 2, records: [label(0, 0, 'x')] },
  ];

  test('BOUNDSHEET: several sheets, hidden and very hidden flagged, chart sheets left out; the first visible sheet with content is read', async () => {
    const book = await read(workbookStream([], sheets()));
    assert.deepEqual(book.sheets, [
      { name: '说明', hidden: true },
      { name: '重点工程', hidden: false },
      { name: '空表', hidden: false },
      { name: '极隐藏', hidden: true },
    ]);
    assert.equal(book.format, 'xls');
    assert.equal(book.grid.name, '重点工程');
    assert.deepEqual(book.grid.merges, [
      { top: 2, bottom: 3, left: 0, right: 0 },
      { top: 5, bottom: 6, left: 2, right: 3 },
    ]);
    assert.deepEqual(
      book.grid.rows.map((row) => [row.r, row.hidden ?? false]),
      [
        [1, false],
        [2, false],
        [3, true],
      ],
    );
    assert.deepEqual(book.grid.hiddenColumns, [3, 4]);
    assert.equal(book.grid.columnCount, 5);
  });

  test('a sheet by name, a hidden one too; an empty or missing one is refused by name', async () => {
    const hidden = await read(workbookStream([], sheets()), '说明');
    assert.equal(hidden.grid.hidden, true);
    assert.deepEqual(hidden.grid.rows[0]!.cells, ['隐藏的说明']);
    await assert.rejects(read(workbookStream([], sheets()), '空表'), /是空的/);
    await assert.rejects(read(workbookStream([], sheets()), '图表'), /没有名为“图表”的工作表/);
  });

  test('a chart embedded in a worksheet (its own BOF…EOF inside the sheet) is skipped, and the sheet read past it', async () => {
    const book = await read(
      oneSheet([label(0, 0, '前'), bof(0x0020), numberCell(5, 5, 999), eof(), label(1, 0, '后')]),
    );
    assert.deepEqual(
      book.grid.rows.map((row) => Array.from(row.cells)),
      [['前'], ['后']],
    );
  });

  test('FORMAT and XF: built-in and custom (Chinese) date formats, percentages, the 1904 date system', async () => {
    const records = [
      numberCell(0, 0, 45658, 1),
      numberCell(0, 1, 45658.5, 2),
      numberCell(0, 2, 0.2662, 3),
      numberCell(0, 3, 45658, 4),
      numberCell(0, 4, 12.5, 0),
    ];
    const styles = [
      format(164, 'yyyy"年"m"月"d"日"'),
      format(165, '0.00%'),
      format(166, '#,##0.00"万元"'),
      xf(0),
      xf(14),
      xf(164),
      xf(165),
      xf(166),
    ];
    // XF 0 is General; 1 builtin date; 2 custom 年月日 date (with a time here); 3 custom percent; 4 a number format with 万元 in quotes.
    const book1900 = await read(oneSheet(records, styles));
    assert.deepEqual(book1900.grid.rows[0]!.cells, [
      { t: 'd', v: '2025-01-01' },
      { t: 'd', v: '2025-01-01 12:00' },
      { t: 'n', v: 0.2662, percent: true },
      45658,
      12.5,
    ]);
    const book1904 = await read(oneSheet(records, [record(T.DATEMODE, u16(1)), ...styles]));
    assert.deepEqual(book1904.grid.rows[0]!.cells[0], { t: 'd', v: '2029-01-02' });
  });
});

describe('BIFF5 (Excel 5.0/95): 8-bit strings in the CODEPAGE', () => {
  /** A BIFF5 cell string: rw, col, ixfe, a 2-byte count and GBK bytes. */
  const label5 = (row: number, column: number, text: string) =>
    record(T.LABEL, u16(row), u16(column), u16(0), gbkString(text));

  test('a Chinese Excel 95 workbook (CODEPAGE 936) in a "Book" stream: sheet names, labels, formats, numbers, formula strings', async () => {
    const globals = [
      record(T.CODEPAGE, u16(936)),
      record(T.FORMAT, u16(164), gbkString('yyyy"年"m"月"d"日"', 1)),
      xf(0),
      xf(164),
    ];
    const stream = workbookStream(
      globals,
      [
        { name: '说明', state: 1, records: [label5(0, 0, '隐藏')] },
        {
          name: '重点工程',
          records: [
            label5(0, 0, '责任单位'),
            label5(0, 1, '完成日期'),
            label5(1, 0, '常州市生态环境局'),
            numberCell(1, 1, 45658, 1),
            rkCell(1, 2, (330947359 << 2) | 3),
            formula(1, 3, specialResult(0)),
            record(T.STRING, gbkString('溧阳市、金坛区')),
            mergedCells([[0, 0, 4, 5]]),
          ],
        },
      ],
      0x0500,
    );
    const book = await readWorkbook(bufferSource('九五.xls', xlsFile(stream, 'Book')));
    assert.deepEqual(book.sheets, [
      { name: '说明', hidden: true },
      { name: '重点工程', hidden: false },
    ]);
    assert.deepEqual(
      book.grid.rows.map((row) => Array.from(row.cells)),
      [
        ['责任单位', '完成日期'],
        ['常州市生态环境局', { t: 'd', v: '2025-01-01' }, 3309473.59, '溧阳市、金坛区'],
      ],
    );
  });

  test('without a CODEPAGE record, Windows-1252 (Excel’s default)', async () => {
    const stream = workbookStream(
      [],
      [
        {
          name: 'Sheet1',
          records: [record(T.LABEL, u16(0), u16(0), u16(0), u16(4), Buffer.from([0x43, 0x61, 0x66, 0xe9]))],
        },
      ],
      0x0500,
    );
    const book = await readWorkbook(bufferSource('old.xls', xlsFile(stream, 'Book')));
    assert.deepEqual(book.grid.rows[0]!.cells, ['Café']);
  });

  test('a BIFF5 string longer than its record is damage', async () => {
    const stream = workbookStream(
      [],
      [{ name: 'Sheet1', records: [record(T.LABEL, u16(0), u16(0), u16(0), u16(400), Buffer.from('short'))] }],
      0x0500,
    );
    assert.match((await refused(xlsFile(stream, 'Book'), '短.xls')).messageZh, /不完整或已损坏/);
  });
});

describe('the compound file around the stream', () => {
  test('the stream name in any case ("WORKBOOK"), as some writers spell it', async () => {
    const book = await readWorkbook(bufferSource('大写.xls', xlsFile(oneSheet([label(0, 0, '大写')]), 'WORKBOOK')));
    assert.deepEqual(book.grid.rows[0]!.cells, ['大写']);
  });

  test('a small Workbook stream in the mini stream, a large one in sectors, 512- and 4096-byte sectors', async () => {
    const small = oneSheet([label(0, 0, '小')]);
    const large = oneSheet(Array.from({ length: 2000 }, (_, index) => label(index, 0, `第${index}行`)));
    assert.ok(small.length < 4096 && large.length > 40_000);
    for (const shift of [9, 12] as const) {
      assert.deepEqual(
        (await readWorkbook(bufferSource('小.xls', xlsFile(small, 'Workbook', { shift })))).grid.rows[0]!.cells,
        ['小'],
      );
      const rows = (await readWorkbook(bufferSource('大.xls', xlsFile(large, 'Workbook', { shift })))).grid.rows;
      assert.deepEqual([rows.length, rows[1999]!.cells[0]], [2000, '第1999行']);
    }
  });
});

describe('BIFF8 refusals: encrypted, old formats, damage, hostile sizes', () => {
  test('FILEPASS: 文件已加密, not a crash', async () => {
    const error = await refused(
      xlsFile(workbookStream([record(T.FILEPASS, u16(1), Buffer.alloc(52, 3))], [{ name: '表', records: [] }])),
      '加密.et',
    );
    assert.match(error.messageZh, /文件已加密/);
    assert.match(error.messageEn, /encrypted/);
  });

  test('BIFF4 and older (Excel 4.0: a bare stream, or a BOF of version 0x0400 in a compound file) are refused, saying how to convert', async () => {
    for (const [bytes, pattern] of [
      [biff4Xls(), /Excel 2\.x–4\.0/],
      [xlsFile(workbookStream([], [{ name: '表', records: [] }], 0x0400), 'Book'), /Excel 4\.0 或更早/],
    ] as const) {
      const error = await refused(bytes, '四点零.xls');
      assert.match(error.messageZh, pattern);
      assert.match(error.messageZh, /另存为/);
      assert.match(error.messageEn, /Save As/);
    }
  });

  test('a stream cut off inside a record, a sheet without EOF, a sheet offset past the end: damage named', async () => {
    const whole = oneSheet([label(0, 0, '序号'), label(1, 0, '甲')]);
    for (const [bytes, what] of [
      [whole.subarray(0, whole.length - 10), 'cut inside a record'],
      [whole.subarray(0, whole.length - 4), 'no EOF'],
      [whole.subarray(0, whole.length - 2), 'a record header cut off'],
    ] as const) {
      const error = await refused(xlsFile(bytes), '截断.xls');
      assert.match(error.messageZh, /不完整或已损坏/, what);
      assert.match(error.messageEn, /incomplete or damaged/, what);
    }
    const badOffset = workbookStream([], [{ name: '表', records: [] }]);
    badOffset.writeUInt32LE(0x7fffffff, badOffset.indexOf(Buffer.from([T.BOUNDSHEET & 0xff, T.BOUNDSHEET >> 8])) + 4);
    assert.match((await refused(xlsFile(badOffset), '偏移.xls')).messageEn, /starts past the end/);
  });

  test('caps: a column past 1,000, more than 100,000 merged ranges, a stream larger than 256 MiB', async () => {
    assert.match(
      (await refused(xlsFile(oneSheet([label(0, 0, '序号'), label(0, 1500, '远')])), '宽.xls')).messageZh,
      /1,000 列的上限/,
    );
    const ranges: [number, number, number, number][] = Array.from({ length: 1000 }, (_, index) => [index, index, 0, 1]);
    const merges = Array.from({ length: 101 }, () => mergedCells(ranges));
    assert.match(
      (await refused(xlsFile(oneSheet([label(0, 0, '序号'), ...merges])), '合并.xls')).messageZh,
      /100,000 处的上限/,
    );
    // A directory entry claiming a 300 MiB stream: refused before anything is read or allocated.
    const bytes = xlsFile(oneSheet([label(0, 0, '序号')]));
    const directory = 1024; // header, FAT sector, then the directory (tests/fixtures/biff.ts)
    bytes.writeUInt32LE(300 * 1024 * 1024, directory + 128 + 0x78);
    assert.match((await refused(bytes, '巨大.xls')).messageZh, /256 MiB 的上限/);
  });

  test('more than 5,000,000 cells in one sheet is refused with the cap', async () => {
    // 65,536 rows × 77 columns of MULRK: about 31 MB of records.
    const rows: Buffer[] = [];
    const cells = Array.from({ length: 77 }, () => ({ rk: (1 << 2) | 2 }));
    const row = mulRk(0, 0, cells);
    for (let index = 0; index < 65536; index++) {
      const copy = Buffer.from(row);
      copy.writeUInt16LE(index, 4);
      rows.push(copy);
    }
    const error = await refused(xlsFile(oneSheet(rows), 'Workbook', { shift: 12 }), '巨表.xls');
    assert.match(error.messageZh, /5,000,000 个的上限/);
  });

  test('a compound file whose sector chain loops, or whose FAT points past the end, is damage', async () => {
    const bytes = xlsFile(oneSheet(Array.from({ length: 400 }, (_, index) => label(index, 0, `第${index}行`))));
    const looped = Buffer.from(bytes);
    // A stream of 4096 bytes or more has sectors of its own, from sector 2 (after the FAT and the directory); make its first FAT entry point back to itself.
    looped.writeUInt32LE(2, 512 + 2 * 4);
    assert.match((await refused(looped, '环.xls')).messageZh, /不完整或已损坏/);
    const outside = Buffer.from(bytes);
    outside.writeUInt32LE(0x00ffffff, 512 + 2 * 4);
    assert.match((await refused(outside, '越界.xls')).messageZh, /不完整或已损坏/);
  });

  test('a compound file with a Workbook stream that is not BIFF at all', async () => {
    const error = await refused(compoundFile([{ name: 'Workbook', data: Buffer.alloc(5000, 0x41) }]), '乱码.xls');
    assert.match(error.messageZh, /不完整或已损坏/);
  });
});
