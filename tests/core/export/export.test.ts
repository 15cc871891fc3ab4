import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { RowData } from '../../../shared/contract/contract';
import { columnHeader } from '../../../shared/model/columns';
import { runPlanbench, tempDir } from '../../helpers';
import {
  convertAll,
  CSV_ALL_SHEETS,
  parseCsv,
  sofficeSkip,
  workbookPart,
  XLSX,
} from '../exchange/exchange-libreoffice';
import { madeBytes, saveTo } from '../../fileRefs';
import type { MadeFile } from '../../../shared/contract/files';

/**
 * Export of the sample's 88 projects, read back by ExcelJS and by LibreOffice (CSV of every
 * sheet, and the workbook re-saved): every value identical, the exact total, merged category
 * runs, print titles, protection — and text that looks like a formula stays text.
 */

/** ExcelJS reads sheet protection but its typings do not declare it. */
function protectionOf(sheet: ExcelJS.Worksheet): { sheet?: boolean } | undefined {
  return (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
}

const INJECTIONS = ['=SUM(A1:A9)', '+86 0519 8888', '-5℃以下', '@cmd|calc'];

async function ok<T>(context: ApiContext, name: string, input: unknown): Promise<T> {
  const response = await dispatch(context, name, input);
  if (!response.ok) throw new Error(`${name}: ${response.error.messageEn}`);
  return response.result as T;
}

describe('export', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let sheetId: number;
  let rows: RowData[];
  const projectsFile = path.join(dir, '重点工程.xlsx');
  const planFile = path.join(dir, 'plan.planbench');
  const wholeFile = path.join(dir, 'whole.xlsx');
  const skip = sofficeSkip();

  before(async () => {
    store = createSamplePlan(planFile);
    context = { store, edition: 'cli' };
    sheetId = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    const first = store.listRows(sheetId, 0, 4).rows;
    store.updateCells(
      sheetId,
      INJECTIONS.map((text, index) => ({ rowId: first[index]!.id, columnKey: index === 1 ? 'content' : 'name', text })),
      { source: 'user' },
      'abort',
    );
    rows = store.listRows(sheetId, 0, 1000).rows;
    const exported = await ok<MadeFile & { sheets: { name: string; rows: number }[] }>(context, 'export.sheet', {
      sheetId,
      options: { protect: true },
      saveTo: saveTo('重点工程.xlsx'),
    });
    assert.equal(exported.fileName, '重点工程.xlsx');
    assert.deepEqual(exported.sheets, [{ name: '重点工程', rows: 88 }]);
    fs.writeFileSync(projectsFile, madeBytes(exported));
    store.close();
    // The whole plan through the command line, as a user runs it.
    const cli = await runPlanbench(['export', planFile, wholeFile, '--json']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal((JSON.parse(cli.stdout) as { sheets: unknown[] }).sheets.length, 9);
    store = (await import('../../../electron/core/store/planStore')).PlanStore.open(planFile);
    context = { store, edition: 'cli' };
  });

  after(() => {
    store.close();
    cleanup();
  });

  test('ExcelJS reads back every value, the exact total, merges, print setup and protection', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(projectsFile);
    const sheet = book.getWorksheet('重点工程')!;
    const columns = store.columns(sheetId);
    assert.equal(sheet.getCell('A1').value, '重点工程');
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), columns.map(columnHeader));
    rows.forEach((row, index) => {
      const excelRow = sheet.getRow(4 + index);
      columns.forEach((column, at) => {
        const cell = row.cells[column.key];
        const value = excelRow.getCell(at + 1).value;
        if (!cell || cell.text === '') return assert.equal(value, null, `${column.name} row ${index + 1}`);
        if (column.type === 'money' && cell.value !== null) {
          // The number in the file prints back as the store's exact decimal.
          assert.equal(typeof value, 'number');
          assert.equal(String(value), cell.value, `${column.name} row ${index + 1}`);
        } else if (column.type === 'number') {
          assert.equal(value, Number(cell.text));
        } else {
          assert.equal(value, cell.text, `${column.name} row ${index + 1}`);
        }
      });
    });
    for (const [index, text] of INJECTIONS.entries()) {
      const value = sheet.getRow(4 + index).getCell(index === 1 ? 5 : 4).value;
      assert.equal(value, text, 'formula-like text is a string, never a formula');
    }
    const totals = sheet.getRow(4 + rows.length);
    assert.match(String(totals.getCell(1).value), /^合计（共 88 项，其中 18 项投资匡算未知）/);
    const total = totals.getCell(7).value as { formula: string; result: number };
    assert.equal(total.formula, 'SUBTOTAL(109,G4:G91)');
    assert.equal(String(total.result), '3309473.59');
    assert.equal(sheet.getRow(4).getCell(7).numFmt, '#,##0.00');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    assert.ok(merges.includes('A1:H1'), 'title merged');
    // Every run of one category is one merged range in column B.
    const runs: string[] = [];
    let start = 0;
    rows.forEach((row, index) => {
      const next = rows[index + 1];
      if (!next || next.cells.category?.text !== row.cells.category?.text) {
        if (index > start) runs.push(`B${4 + start}:B${4 + index}`);
        start = index + 1;
      }
    });
    assert.equal(runs.length, 6);
    for (const run of runs) assert.ok(merges.includes(run), `category run ${run} merged`);
    assert.equal(sheet.pageSetup.printTitlesRow, '3:3');
    assert.equal(sheet.pageSetup.orientation, 'landscape');
    assert.equal(sheet.pageSetup.paperSize, 9);
    assert.equal(sheet.pageSetup.fitToWidth, 1);
    assert.match(sheet.headerFooter.oddFooter ?? '', /&P.*&N/);
    assert.equal(protectionOf(sheet)?.sheet, true);
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 3);
  });

  test('the whole plan: every sheet, two-row grouped headers where columns are grouped', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(wholeFile);
    assert.deepEqual(
      book.worksheets.map((sheet) => sheet.name),
      store.listSheets().map((sheet) => sheet.name),
    );
    const indicators = book.getWorksheet('指标体系')!;
    const top = (indicators.getRow(3).values as unknown[]).slice(1);
    const bottom = (indicators.getRow(4).values as unknown[]).slice(1);
    const at = top.indexOf('目标值');
    assert.ok(at >= 0, 'group header 目标值');
    assert.deepEqual(bottom.slice(at, at + 2), ['2025年', '2030年']);
    assert.equal(indicators.pageSetup.printTitlesRow, '3:4');
    assert.ok(!protectionOf(book.getWorksheet('重点工程')!), 'not protected unless asked');
  });

  test(
    'LibreOffice reads the same values and total, and keeps merges, print titles and protection',
    { skip, timeout: 240_000 },
    async () => {
      const csvDir = path.join(dir, 'csv');
      const resaved = path.join(dir, 'resaved');
      await convertAll([projectsFile, wholeFile], CSV_ALL_SHEETS, csvDir);
      await convertAll([projectsFile], XLSX, resaved);

      const csv = parseCsv(fs.readFileSync(path.join(csvDir, '重点工程-重点工程.csv'), 'utf8'));
      const columns = store.columns(sheetId);
      assert.equal(csv[0]![0], '重点工程');
      assert.deepEqual(csv[2], columns.map(columnHeader));
      const carried: string[] = [];
      rows.forEach((row, index) => {
        const line = csv[3 + index]!;
        columns.forEach((column, at) => {
          // Merged category cells: LibreOffice writes the value once, at the top of the run.
          const shown =
            line[at] === '' && (column.role === 'category' || column.role === 'subcategory') ? carried[at]! : line[at]!;
          carried[at] = shown;
          const cell = row.cells[column.key];
          const expected = column.type === 'money' && cell?.value != null ? (cell.value as string) : (cell?.text ?? '');
          assert.equal(shown, expected, `${column.name} row ${index + 1}`);
        });
      });
      const totals = csv[3 + rows.length]!;
      assert.equal(totals[6], '3309473.59');
      assert.ok(
        INJECTIONS.every((text) => csv.some((line) => line.includes(text))),
        'formula-like text comes back as the same text',
      );
      for (const sheet of store.listSheets()) {
        assert.ok(fs.existsSync(path.join(csvDir, `whole-${sheet.name}.csv`)), `sheet ${sheet.name} converted`);
      }
      const microgrid = parseCsv(fs.readFileSync(path.join(csvDir, 'whole-微电网试点分解表.csv'), 'utf8'));
      assert.deepEqual(microgrid[microgrid.length - 1]!.slice(1), ['10', '10', '10'], 'allocation column totals');

      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path.join(resaved, '重点工程.xlsx'));
      const sheet = book.getWorksheet('重点工程')!;
      assert.equal(sheet.pageSetup.printTitlesRow, '3:3');
      // LibreOffice writes sheet="true" (ExcelJS only understands "1" and reads it as unprotected).
      const xml = await workbookPart(path.join(resaved, '重点工程.xlsx'), 'xl/worksheets/sheet1.xml');
      assert.match(xml, /<sheetProtection[^>]*\ssheet="(1|true)"/);
      const merges = (sheet.model as unknown as { merges: string[] }).merges;
      assert.ok(merges.includes('B4:B27'));
      assert.equal(String((sheet.getRow(4 + rows.length).getCell(7).value as { result: number }).result), '3309473.59');
    },
  );
});
