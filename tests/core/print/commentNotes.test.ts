import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { closePdfRenderer } from '../../../electron/core/print/engine';
import { defaultPrintOptions } from '../../../electron/core/print/options';
import { layoutSheet, printSheetToPdf } from '../../../electron/core/print/printSheet';
import { actingAs } from '../../../electron/core/store/actor';
import { PlanStore } from '../../../electron/core/store/planStore';
import { runPlanbench, tempDir } from '../../helpers';

/**
 * Printing comments (批注): asked for, they come under the table as numbered 注 lines — the row as
 * printed, the column, the text, who wrote it — only for the rows printed; by default none.
 * Real Chromium, read back with pdftotext.
 */
describe('comments in print', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;

  before(() => {
    store = PlanStore.create(path.join(dir, 'print.planbench'), { title: '批注打印' });
    sheetId = store.inAction({ source: 'system' }, () =>
      store.createSheet({
        name: '重点工程',
        kind: 'projects',
        columns: [
          { key: 'seq', name: '序号', type: 'text', role: 'seq' },
          { key: 'name', name: '项目名称', type: 'text', role: 'name' },
          { key: 'lead', name: '牵头单位', type: 'text' },
          { key: 'investment', name: '投资匡算', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
        ],
      }),
    ).value;
    const { rowIds } = store.insertRows(
      sheetId,
      [
        { cells: { seq: '1', name: '甲工程', lead: '市发改委', investment: '100' } },
        { cells: { seq: '2', name: '乙工程', lead: '市住建局', investment: '200' } },
        { cells: { seq: '3', name: '丙工程', lead: '市发改委', investment: '300' } },
      ],
      { source: 'system' },
    );
    actingAs({ author: '张三', client: 'test' }, () => {
      const user = { source: 'user' as const };
      store.setComment(sheetId, { rowId: rowIds[0]!, columnKey: 'investment' }, { text: '含中央资金' }, user);
      store.setComment(sheetId, { rowId: rowIds[1]!, columnKey: null }, { text: '住建局待定' }, user);
      store.setComment(sheetId, { rowId: rowIds[2]!, columnKey: null }, { text: '前期滞后' }, user);
    });
  });
  after(async () => {
    store.close();
    await closePdfRenderer();
    cleanup();
  });

  test('by default no comment is printed', async () => {
    const layout = await layoutSheet(store, sheetId, defaultPrintOptions());
    assert.deepEqual(layout.model.commentNotes, []);
    assert.doesNotMatch(layout.html, /含中央资金/);
  });

  test('asked for: numbered 注 lines under the 合计, for the rows printed only', async () => {
    const options = {
      ...defaultPrintOptions(),
      comments: true,
      filters: [{ columnKey: 'lead', values: ['市发改委'] }],
    };
    const layout = await layoutSheet(store, sheetId, options);
    assert.deepEqual(
      layout.model.commentNotes?.map((note) => note.label),
      ['注：1. 第 1 行（甲工程） · 投资匡算：含中央资金（张三）', '　　2. 第 3 行（丙工程）：前期滞后（张三）'],
    );
    const pdf = await printSheetToPdf(store, sheetId, options);
    const file = path.join(dir, 'comments.pdf');
    fs.writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.match(text, /注：1\.第1行（甲工程）·投资匡算：含中央资金（张三）/);
    assert.match(text, /2\.第3行（丙工程）：前期滞后（张三）/);
    assert.doesNotMatch(text, /住建局待定/, 'a row the filter leaves out takes its comment with it');
    assert.ok(text.indexOf('合计') < text.indexOf('注：'));
  });

  test('the command line prints them with --comments', async () => {
    const out = path.join(dir, 'cli.pdf');
    const printed = await runPlanbench(['print', store.file, out, '--sheet', '重点工程', '--comments']);
    assert.equal(printed.code, 0, printed.stderr);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.match(text, /注：1\.第1行（甲工程）·投资匡算：含中央资金（张三）2\.第2行（乙工程）：住建局待定（张三）/);
  });
});
