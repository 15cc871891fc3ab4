import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runFactorAllocation } from '../../../electron/core/budgets/factorSheet';
import { closePdfRenderer } from '../../../electron/core/print/engine';
import { defaultPrintOptions } from '../../../electron/core/print/options';
import { layoutSheet, printSheetToPdf } from '../../../electron/core/print/printSheet';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { createFactorPlan } from '../../fixtures/factorPlan';
import { tempDir } from '../../helpers';

/**
 * A printed 资金分配表 carries the formula, the fund and each factor's weight in a note under the
 * table, as official attachments do; other sheets print as before. Real Chromium, read back with pdftotext.
 */
describe('the printed 资金分配表', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;
  before(() => {
    ({ store, sheetId } = createFactorPlan(path.join(dir, 'note.planbench')));
  });
  after(async () => {
    store.close();
    await closePdfRenderer();
    cleanup();
  });

  test('without an allocation there is no note', async () => {
    const layout = await layoutSheet(store, sheetId, defaultPrintOptions());
    assert.equal(layout.model.note, null);
    assert.doesNotMatch(layout.html, /因素法/);
  });

  test('after an allocation: 注 with the formula, the fund and the weights, under the 合计 on the last page', async () => {
    runFactorAllocation(store, sheetId, {
      total: '1000万元',
      weights: [
        { column: '常住人口', weight: '0.5' },
        { column: 'clients', weight: '30%' },
        { column: '绩效评价得分', weight: '20%' },
      ],
      into: '分配额',
      unit: '元',
      floorColumn: '保底',
      capColumn: null,
    });
    const pdf = await printSheetToPdf(store, sheetId, defaultPrintOptions());
    const file = path.join(dir, '资金分配表.pdf');
    fs.writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.match(
      text,
      /注：分配额按因素法计算，资金总额1000万元；因素及权重：常住人口50%，服务对象数30%，绩效评价得分20%。/,
    );
    assert.match(text, /最大余额法/);
    assert.match(text, /保底见“保底”/);
    // The note comes after the 合计 row, whose amount is the whole fund.
    assert.ok(text.indexOf('合计') < text.indexOf('注：'));
    assert.match(text, /1,000\.0000/);
  });
});
