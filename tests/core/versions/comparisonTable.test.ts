import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { closePdfRenderer } from '../../../electron/core/print/engine';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/** The 修改对照表 written as .xlsx (read back with ExcelJS) and as PDF (read back with pdftotext). */
describe('修改对照表', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'table.planbench');
  let store: PlanStore;
  let projects: number;
  const context = () => ({ store, edition: 'cli' as const });
  let edited: { seq: string; name: string; before: string };

  before(async () => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    await callApi(context(), 'versions.save', { name: '送审稿' });
    const row = store
      .listRows(projects, 0, 20)
      .rows.find((candidate) => /^\d/.test(candidate.cells.investment?.text ?? ''))!;
    edited = { seq: row.cells.seq!.text, name: row.cells.name!.text, before: row.cells.investment!.text };
    await callApi(context(), 'cell.update', {
      sheetId: projects,
      rowId: row.id,
      columnKey: 'investment',
      text: '1234.5',
    });
    await callApi(context(), 'rows.delete', {
      sheetId: projects,
      rowIds: [store.listRows(projects, 0, 10).rows[7]!.id],
    });
  });
  after(async () => {
    store.close();
    await closePdfRenderer();
    cleanup();
  });

  test('.xlsx: before | after side by side, the change marked, the deleted row struck through', async () => {
    const out = path.join(dir, '对照表.xlsx');
    const made = await callApi(context(), 'versions.compareFile', {
      from: '送审稿',
      format: 'xlsx',
      saveTo: { path: out },
    });
    assert.equal(made.path, out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('修改对照表')!;
    assert.match(String(sheet.getCell(1, 1).value), /修改对照表（送审稿 → 当前）/);
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), [
      '类型',
      '工作表',
      '序号',
      '行',
      '列',
      '修改前',
      '修改后',
      '差额',
    ]);
    const lines = [];
    for (let number = 4; number <= sheet.rowCount; number++) lines.push(sheet.getRow(number));
    assert.equal(made.lines, lines.length);
    const change = lines.find((row) => row.getCell(1).value === '修改')!;
    assert.equal(change.getCell(3).value, edited.seq);
    assert.equal(change.getCell(4).value, `${edited.seq} ${edited.name}`);
    assert.equal(change.getCell(6).value, edited.before);
    assert.equal(change.getCell(7).value, '1234.5');
    assert.match(String(change.getCell(8).value), /^[+-][\d.]+万元$/);
    assert.equal((change.getCell(7).fill as ExcelJS.FillPattern).fgColor?.argb, 'FFFFF2CC');
    const deleted = lines.find((row) => row.getCell(1).value === '删除行')!;
    assert.equal(deleted.getCell(6).font.strike, true);
    assert.ok(lines.some((row) => row.getCell(1).value === '列合计' && row.getCell(5).value === '投资匡算'));
  });

  test('PDF through the print engine: the title and the change, before and after', async () => {
    const out = path.join(dir, '对照表.pdf');
    const made = await callApi(context(), 'versions.compareFile', {
      from: '送审稿',
      format: 'pdf',
      saveTo: { path: out },
    });
    assert.ok(made.pages! >= 1);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.match(text, /修改对照表（送审稿→当前）/);
    for (const value of [edited.name, edited.before, '1234.5', '修改前', '修改后', '删除行'])
      assert.ok(text.includes(value), value);
  });
});
