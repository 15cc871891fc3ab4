import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../../electron/core/api/dispatch';
import type { ApiContext } from '../../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../../electron/core/store/planStore';
import fs from 'node:fs';
import { DEPARTMENTS, generateProjects, PROJECT_COLUMNS } from '../../../../bench/data';
import { WORD_MAX_ROWS } from '../../../../electron/core/export/word/exportWord';
import { tempDir } from '../../../helpers';
import { docxPart } from './wordPages';

/**
 * The Word attachment follows the sheet: the widths given to its columns in the grid, and its
 * print setup (columns, grouping with subtotals, title, document number). Read back from the
 * .docx's XML.
 */

describe('a Word attachment follows the sheet’s widths and print setup', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  const sheetId = (name: string) => store.listSheets().find((sheet) => sheet.name === name)!.id;
  const call = async (name: string, input: unknown) => {
    const response = await dispatch(context, name, input);
    assert.ok(response.ok, JSON.stringify(response));
    return response.result as Record<string, unknown>;
  };
  const exportWord = async (sheet: string, options: unknown = {}) => {
    const file = path.join(dir, `${sheet}-${Math.random().toString(36).slice(2)}.docx`);
    await call('export.word', { sheetId: sheetId(sheet), options, saveTo: { path: file } });
    return docxPart(file, 'word/document.xml');
  };
  const gridColumns = (document: string) =>
    [...document.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));

  before(() => {
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    context = { store, edition: 'cli' };
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('widths set in the grid are the columns’ proportions on paper', async () => {
    const pixels = { seq: 60, section: 100, item: 150, content: 500, lead: 150, coop: 200 };
    await call('columns.layout', {
      sheetId: sheetId('孤独症任务分解表'),
      layout: Object.entries(pixels).map(([key, width]) => ({ key, width })),
    });
    const widths = gridColumns(await exportWord('孤独症任务分解表'));
    const total = widths.reduce((sum, width) => sum + width, 0);
    Object.values(pixels).forEach((px, index) => {
      const share = widths[index]! / total;
      const wanted = px / 1160;
      assert.ok(
        Math.abs(share - wanted) < 0.005,
        `column ${index}: ${share.toFixed(3)} of the width, not ${wanted.toFixed(3)}`,
      );
    });
  });

  test('the print setup’s columns, sections with subtotals, custom title and document number; no 附件 line when asked', async () => {
    const sheet = sheetId('重点工程');
    await call('print.options.save', {
      sheetId: sheet,
      options: {
        columns: ['seq', 'name', 'investment', 'responsible'].map((key) => ({ key, widthMm: null })),
        groupBy: 'category',
        titleSource: 'custom',
        customTitle: '重点工程分类汇总表',
        docNumber: '常政发〔2021〕1号',
      },
    });
    const document = await exportWord('重点工程', { attachmentNumber: null, orientation: 'auto' });
    assert.equal(gridColumns(document).length, 4);
    const texts = [...document.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]!);
    assert.deepEqual(texts.slice(0, 6), [
      '重点工程分类汇总表',
      '常政发〔2021〕1号',
      '序号',
      '项目名称',
      '投资匡算',
      '（万元）',
    ]);
    assert.ok(!texts.some((text) => text.startsWith('附件')));
    const sections = texts.filter((text) => /^大类：.+（\d+ 项）$/.test(text));
    assert.equal(sections.length, 6, sections.join(' '));
    const counted = sections.reduce((sum, text) => sum + Number(/（(\d+) 项）$/.exec(text)![1]), 0);
    assert.equal(counted, 88);
    assert.equal(texts.filter((text) => text.startsWith('小计（共')).length, 6);
    assert.ok(texts.some((text) => text.startsWith('合计（共 88 项')));
    assert.ok(!texts.includes('建设内容、规模'), 'a column the setup leaves out is not in the table');
  });

  test('a sheet past the Word table’s row limit is refused with what to do, and no file is written', async () => {
    const large = store.createSheet({ name: '大表', kind: 'projects', columns: PROJECT_COLUMNS });
    store.addDepartments(DEPARTMENTS.filter((department) => !store.resolveDepartment(department.name)));
    store.insertRows(
      large,
      generateProjects(WORD_MAX_ROWS + 1).rows.map((row) => ({ cells: row.cells })),
      { source: 'system' },
    );
    const file = path.join(dir, '大表.docx');
    const response = await dispatch(context, 'export.word', { sheetId: large, saveTo: { path: file } });
    assert.equal(response.ok, false);
    if (response.ok) return;
    assert.equal(response.error.code, 'invalid_input');
    assert.match(response.error.messageZh, /有 3,001 行要导出，Word 附件表格最多 3,000 行；请在打印设置中筛选行/);
    assert.match(response.error.messageEn, /3,001 rows/);
    assert.ok(!fs.existsSync(file));
    // Filtered down in the print setup, the same sheet goes out.
    await call('print.options.save', {
      sheetId: large,
      options: {
        filters: [{ columnKey: 'category', values: [store.listRows(large, 0, 1).rows[0]!.cells.category!.text] }],
      },
    });
    const made = await call('export.word', { sheetId: large, saveTo: { path: file } });
    assert.ok((made.rows as number) < WORD_MAX_ROWS && fs.existsSync(file));
  });
});
