import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { exportWorkbook } from '../../../electron/core/export/exportWorkbook';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import { openXlsx } from '../../../electron/core/formats/xlsx';
import type { GridComment } from '../../../electron/core/formats/xlsxCommentsRead';
import { readXlsxComments } from '../../../electron/core/formats/xlsxCommentsRead';
import { openZip } from '../../../electron/core/formats/zip';
import { MemorySink } from '../../../electron/core/formats/zipWriter';
import { actingAs } from '../../../electron/core/store/actor';
import { PlanStore } from '../../../electron/core/store/planStore';
import { assertGolden, excelRuleProblems, goldenText, prettyXml, workbookParts } from '../../fixtures/goldenWorkbook';
import { tempDir } from '../../helpers';
import { convertAll, sofficeSkip, XLSX } from '../exchange/exchange-libreoffice';

/**
 * Comments (批注) go out in an exported .xlsx as real Excel comments: the comments part with its
 * author list, the legacy VML drawing Excel needs to show them, the sheet's relationships and
 * content types — pinned in a golden file, shaped as ExcelJS writes comments, and read back by
 * ExcelJS and by LibreOffice (which re-saves them).
 */

const COMMENT_PARTS =
  /^(xl\/comments\d+\.xml|xl\/drawings\/vmlDrawing\d+\.vml|xl\/worksheets\/_rels\/.*|\[Content_Types\]\.xml)$/;

function makePlan(file: string): { store: PlanStore; sheetId: number } {
  const store = PlanStore.create(file, { title: '批注导出' });
  const { value: sheetId } = store.inAction({ source: 'system' }, () =>
    store.createSheet({
      name: '重点工程',
      kind: 'projects',
      columns: [
        { key: 'seq', name: '序号', type: 'text', role: 'seq' },
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '投资匡算', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      ],
    }),
  );
  const { rowIds } = store.insertRows(
    sheetId,
    [
      { cells: { seq: '1', name: '甲工程', investment: '100' } },
      { cells: { seq: '2', name: '乙工程', investment: '200' } },
    ],
    { source: 'system' },
  );
  const origin = { source: 'user' as const };
  actingAs({ author: '张三', client: 'test' }, () => {
    store.setComment(
      sheetId,
      { rowId: rowIds[0]!, columnKey: 'investment' },
      { text: '含中央资金\n30万元 & <备注>' },
      origin,
    );
    store.setComment(sheetId, { rowId: rowIds[1]!, columnKey: null }, { text: '待论证' }, origin);
  });
  actingAs({ author: '李四', client: 'test' }, () =>
    store.setComment(sheetId, { rowId: rowIds[1]!, columnKey: 'name' }, { text: '名称以批复为准' }, origin),
  );
  return { store, sheetId };
}

/** The notes of a workbook's first sheet as ExcelJS reads them: cell → text. */
async function notesOf(bytes: Buffer | ArrayBuffer): Promise<Record<string, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as ArrayBuffer);
  const notes: Record<string, string> = {};
  book.worksheets[0]!.eachRow((row) =>
    row.eachCell((cell) => {
      const note = cell.note as ExcelJS.Comment | string | undefined;
      if (note === undefined) return;
      notes[cell.address] =
        typeof note === 'string' ? note : (note.texts ?? []).map((run: { text: string }) => run.text).join('');
    }),
  );
  return notes;
}

const EXPECTED_READING = [
  { row: 3, column: 2, text: '含中央资金\n30万元 & <备注>', author: '张三' },
  { row: 4, column: 0, text: '待论证', author: '张三' },
  { row: 4, column: 1, text: '名称以批复为准', author: '李四' },
];

/** The first sheet's comments as our .xlsx reader reads them. */
async function ourReading(bytes: Buffer): Promise<GridComment[]> {
  const book = await openXlsx(await openZip(bufferSource('read.xlsx', bytes)));
  return readXlsxComments(book, book.sheets[0]!);
}

describe('comments in an exported workbook', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let bytes: Buffer;

  before(async () => {
    const plan = makePlan(path.join(dir, 'comments.planbench'));
    store = plan.store;
    const sink = new MemorySink();
    await exportWorkbook(store, [plan.sheetId], { protect: false, totals: true }, sink);
    bytes = sink.bytes();
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('the comment parts, pinned; nothing Excel would refuse', async () => {
    const parts = await workbookParts(bytes, 'comments.xlsx');
    assert.deepEqual(excelRuleProblems(parts), []);
    assert.match(parts.get('xl/worksheets/sheet1.xml')!, /<legacyDrawing r:id="rIdNotes"\/><\/worksheet>$/);
    const commentParts = new Map([...parts].filter(([name]) => COMMENT_PARTS.test(name)));
    assert.deepEqual([...commentParts.keys()].sort(), [
      '[Content_Types].xml',
      'xl/comments1.xml',
      'xl/drawings/vmlDrawing1.vml',
      'xl/worksheets/_rels/sheet1.xml.rels',
    ]);
    assertGolden('export-comments.golden.txt', goldenText(commentParts));
    // The VML drawing is XML too, though not named so: pinned in its own golden file.
    assertGolden('export-comments-vml.golden.txt', prettyXml(parts.get('xl/drawings/vmlDrawing1.vml')!));
  });

  test('ExcelJS reads each comment on its cell, the row’s on its 序号, headed by its author', async () => {
    // Title row 1, header row 2: the data starts on row 3.
    assert.deepEqual(await notesOf(bytes), {
      C3: '张三:\n含中央资金\n30万元 & <备注>',
      A4: '张三:\n待论证',
      B4: '李四:\n名称以批复为准',
    });
  });

  test('shaped as ExcelJS writes comments: the same relationship and content types, the same note anchoring', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('表');
    sheet.getCell('C3').value = 1;
    sheet.getCell('C3').note = '含中央资金';
    const theirs = await workbookParts(Buffer.from(await book.xlsx.writeBuffer()), 'exceljs.xlsx');
    const ours = await workbookParts(bytes, 'comments.xlsx');
    const relTypes = (parts: Map<string, string>) =>
      [...(parts.get('xl/worksheets/_rels/sheet1.xml.rels') ?? '').matchAll(/Type="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(relTypes(ours), relTypes(theirs));
    const contentType = (parts: Map<string, string>, part: string) =>
      new RegExp(`PartName="/${part}" ContentType="([^"]+)"`).exec(parts.get('[Content_Types].xml')!)?.[1];
    assert.equal(contentType(ours, 'xl/comments1.xml'), contentType(theirs, 'xl/comments1.xml'));
    const vmlType = (parts: Map<string, string>) =>
      /Extension="vml" ContentType="([^"]+)"/.exec(parts.get('[Content_Types].xml')!)?.[1];
    assert.equal(vmlType(ours), vmlType(theirs));
    const clientData = (vml: string) =>
      /<x:ClientData ObjectType="Note">[\s\S]*?<x:Row>(\d+)<\/x:Row>\s*<x:Column>(\d+)<\/x:Column>/.exec(vml)?.slice(1);
    const theirVml = [...theirs].find(([name]) => name.endsWith('.vml'))![1];
    assert.deepEqual(clientData(ours.get('xl/drawings/vmlDrawing1.vml')!), clientData(theirVml), 'C3 anchored alike');
  });

  test(
    'LibreOffice reads them and keeps them when it saves the workbook again; we read its re-save, authors from the headings it keeps',
    { skip: sofficeSkip() },
    async () => {
      const exported = path.join(dir, 'exported.xlsx');
      fs.writeFileSync(exported, bytes);
      const resaved = path.join(dir, 'resaved');
      await convertAll([exported], XLSX, resaved);
      const notes = await notesOf(fs.readFileSync(path.join(resaved, 'exported.xlsx')));
      assert.deepEqual(Object.keys(notes).sort(), ['A4', 'B4', 'C3']);
      assert.match(notes.C3!, /含中央资金\n30万元 & <备注>/);
      assert.match(notes.B4!, /名称以批复为准/);
      assert.deepEqual(await ourReading(fs.readFileSync(path.join(resaved, 'exported.xlsx'))), EXPECTED_READING);
    },
  );

  test('our reader reads them back: the text without Excel’s author heading, the author apart', async () => {
    assert.deepEqual(await ourReading(bytes), EXPECTED_READING);
  });

  test('our reader reads ExcelJS’s notes (its default author, no heading) and keeps a bold first line that is not its author', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('表');
    sheet.getCell('B2').note = '普通批注';
    sheet.getCell('D5').note = {
      texts: [{ text: '重要:', font: { bold: true } }, { text: '\n请核实' }],
    };
    assert.deepEqual(await ourReading(Buffer.from(await book.xlsx.writeBuffer())), [
      { row: 2, column: 1, text: '普通批注', author: 'Author' },
      { row: 5, column: 3, text: '重要:\n请核实', author: 'Author' },
    ]);
  });
});
