/**
 * Promises of a department's fill-in workbook (electron/core/exchange/sendoutWorkbook.ts, stamp.ts):
 * what it may fill in is unlocked and yellow with room to write, what identifies a row is locked
 * and grey, the row ids sit in a hidden locked column after the data, and the hidden stamp reads
 * back exactly as written.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { StampColumn } from '../../../electron/core/exchange/batches';
import { readReturnedWorkbook } from '../../../electron/core/exchange/returnedWorkbook';
import { buildDepartmentWorkbook, FILL_IN_FILL, LOCKED_FILL } from '../../../electron/core/exchange/sendoutWorkbook';
import type { Stamp } from '../../../electron/core/exchange/stamp';
import { fileFingerprint, ROW_ID_HEADER, rowFingerprint } from '../../../electron/core/exchange/stamp';
import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';

const DEPARTMENT = '市住房和城乡建设局';

const SHEET_COLUMNS: ColumnDef[] = [
  {
    id: 1,
    key: 'name',
    name: '项目名称',
    type: 'text',
    role: 'name',
    position: 0,
    width: null,
    hidden: false,
    settings: {},
  },
  {
    id: 2,
    key: 'seq',
    name: '序号',
    type: 'number',
    role: 'seq',
    position: 1,
    width: null,
    hidden: false,
    settings: {},
  },
  {
    id: 3,
    key: 'remark',
    name: '备注',
    type: 'text',
    role: null,
    position: 2,
    width: null,
    hidden: false,
    settings: {},
  },
];

const COLUMNS: StampColumn[] = [
  { key: 'seq', header: '序号', role: 'identifying', type: 'number', target: { kind: 'column', columnKey: 'seq' } },
  { key: 'name', header: '项目名称', role: 'identifying', type: 'text', target: { kind: 'column', columnKey: 'name' } },
  {
    key: 'fill:progress',
    header: '进展情况',
    role: 'fill',
    type: 'longText',
    target: { kind: 'standard', id: 'progress' },
  },
  { key: 'remark', header: '备注', role: 'fill', type: 'text', target: { kind: 'column', columnKey: 'remark' } },
];

const ROWS: RowData[] = [
  { id: 7, parentId: null, cells: { seq: { text: '1', value: 1 }, name: { text: '甲', value: null } } },
  { id: 9, parentId: null, cells: { seq: { text: '2', value: 2 }, name: { text: '乙', value: null } } },
  { id: 11, parentId: null, cells: {} },
];

function identityOf(rows: readonly RowData[]) {
  const prints = rows.map((row) => ({
    rowId: row.id,
    fingerprint: rowFingerprint(row.id, [row.cells.seq?.text ?? '', row.cells.name?.text ?? '', '', '']),
  }));
  return {
    planId: 'plan-1',
    batchId: 'batch-1',
    fileId: 'file-1',
    department: DEPARTMENT,
    sheetId: 3,
    columns: COLUMNS,
    rows: prints,
  };
}

async function build(rows: readonly RowData[]) {
  const identity = identityOf(rows);
  return buildDepartmentWorkbook({
    planTitle: '溧阳市规划',
    sheetName: '重点工程',
    department: DEPARTMENT,
    sheetColumns: SHEET_COLUMNS,
    columns: COLUMNS,
    rows,
    stamp: {
      ...identity,
      planTitle: '溧阳市规划',
      sheetName: '重点工程',
      createdAt: '2026-03-01T08:00:00.000Z',
      fingerprint: fileFingerprint(identity),
    },
  });
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe('promise: a department’s workbook lets it fill in only what it was asked, with room to write', () => {
  let sheet: ExcelJS.Worksheet;
  let bytes: Buffer;
  let written: Stamp;
  let headerRow = 0;
  let headers: unknown[] = [];

  let book: ExcelJS.Workbook;

  before(async () => {
    const built = await build(ROWS);
    bytes = built.bytes;
    written = built.stamp;
    book = await load(bytes);
    sheet = book.getWorksheet('重点工程')!;
    sheet.eachRow((row, number) => {
      if (!headerRow && (row.values as unknown[]).includes(ROW_ID_HEADER)) headerRow = number;
    });
    headers = sheet.getRow(headerRow).values as unknown[];
  });

  const columnOf = (header: string) => headers.indexOf(header);

  test('the header names each column as sent, with the row-id column last', () => {
    assert.deepEqual(headers.slice(1), ['序号', '项目名称', '进展情况', '备注', ROW_ID_HEADER]);
  });

  test('fill-in columns are yellow and unlocked; identifying ones grey and locked', () => {
    const first = headerRow + 1;
    for (const [header, fill, locked] of [
      ['序号', LOCKED_FILL, true],
      ['项目名称', LOCKED_FILL, true],
      ['进展情况', FILL_IN_FILL, false],
      ['备注', FILL_IN_FILL, false],
    ] as const) {
      const cell = sheet.getRow(first).getCell(columnOf(header));
      assert.equal((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, fill, `${header} fill`);
      assert.equal(cell.protection?.locked !== false, locked, `${header} locked`);
    }
  });

  test('fill-in columns get room to write: long text 36 wide, others at least 14', () => {
    const width = (header: string) => sheet.getColumn(columnOf(header)).width ?? 0;
    assert.equal(width('进展情况'), 36);
    assert.equal(width('备注'), 14);
    assert.equal(width('序号'), 6, 'an identifying column keeps its own width (an empty cell is empty, not text)');
    assert.equal(width('项目名称'), 10);
  });

  test('column widths follow the first 200 rows, as for any exported sheet', async () => {
    const many: RowData[] = Array.from({ length: 201 }, (_, index) => ({
      id: index + 1,
      parentId: null,
      cells: { name: { text: index === 200 ? '第二百零一个项目的名称特别长' : '甲', value: null } },
    }));
    const wide = (await load((await build(many)).bytes)).getWorksheet('重点工程')!;
    assert.equal(wide.getColumn(2).width, 10, 'the 201st row does not widen the column');
  });

  test('the row ids are in a hidden, locked text column 10 wide', () => {
    const column = sheet.getColumn(columnOf(ROW_ID_HEADER));
    assert.equal(column.hidden, true);
    assert.equal(column.width, 10);
    const ids = [headerRow + 1, headerRow + 2].map((row) => sheet.getRow(row).getCell(columnOf(ROW_ID_HEADER)));
    assert.deepEqual(
      ids.map((cell) => cell.value),
      ['7', '9'],
      'written as text',
    );
    assert.ok(ids.every((cell) => cell.protection?.locked !== false));
    assert.deepEqual(ids[0]!.alignment, { horizontal: 'left', vertical: 'middle' }, 'left, one line');
  });

  test('the stamp sheet is very hidden and holds every field as text, then the row checksums', () => {
    const stampSheet = book.getWorksheet('下发标记')!;
    assert.equal(stampSheet.state, 'veryHidden');
    assert.deepEqual([stampSheet.getColumn(1).width, stampSheet.getColumn(2).width], [20, 60]);
    const lines: unknown[][] = [];
    stampSheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1)));
    assert.deepEqual(lines, [
      ['planbench-sendout', '1'],
      ['规划标识', 'plan-1'],
      ['规划名称', '溧阳市规划'],
      ['工作表', '重点工程', '3'],
      ['下发批次', 'batch-1'],
      ['文件标识', 'file-1'],
      ['填报单位', DEPARTMENT],
      ['下发时间', '2026-03-01T08:00:00.000Z'],
      ['数据工作表', '重点工程'],
      ['表头行/首个数据行', String(headerRow), String(headerRow + 1)],
      ['列定义', JSON.stringify(COLUMNS)],
      ['校验码', written.fingerprint],
      ['行标识', '行校验码'],
      ...written.rows.map((row) => [String(row.rowId), row.fingerprint]),
    ]);
  });

  test('the stamp reads back exactly as written, with the layout it describes', async () => {
    const returned = await readReturnedWorkbook('住建局.xlsx', bytes);
    assert.deepEqual(returned.stamp, written);
    assert.equal(written.dataSheet, '重点工程');
    assert.equal(written.headerRow, headerRow);
    assert.equal(written.firstDataRow, headerRow + 1);
  });
});
