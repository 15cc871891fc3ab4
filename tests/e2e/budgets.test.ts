import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PlanStore } from '../../electron/core/store/planStore';
import { callApi } from '../apiCall';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';
import { apiCall } from './gridPage';

/**
 * Budgets in the browser edition on the sample plan: a 资金预算 sheet's 执行率 is computed (never
 * typed) and follows an edit of 已支出; the 共同财政事权 sheet's panel shares the 区级 parts
 * among the districts and opens the matrix item × district.
 */
describe('budgets in the workbench', () => {
  const { dir, cleanup } = tempDir();
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let budgetSheet = 0;

  before(async () => {
    const plan = path.join(dir, 'budgets.planbench');
    assert.equal((await runPlanbench(['new', plan, '--sample'])).code, 0);
    const store = PlanStore.open(plan);
    try {
      const context = { store, edition: 'cli' as const };
      budgetSheet = (await callApi(context, 'sheets.create', { name: '2025年专项资金', kind: 'budget' })).id;
      await callApi(context, 'cells.update', {
        sheetId: budgetSheet,
        appendRows: 2,
        edits: [
          ['1', '污水管网改造', '1200', '1000', '548.04'],
          ['2', '农村环境整治', '0', '', ''],
        ].flatMap(([seq, name, investment, issued, spent], newRow) =>
          Object.entries({ seq, name, investment, issued, spent }).map(([columnKey, text]) => ({
            newRow,
            columnKey,
            text: text!,
          })),
        ),
      });
      const sharing = store.listSheets().find((sheet) => sheet.name === '共同财政事权')!.id;
      const [first, second] = store.listRows(sharing, 0, 2).rows;
      await callApi(context, 'cells.update', {
        sheetId: sharing,
        edits: [
          { rowId: first!.id, columnKey: 'rule', text: '市:区 = 5:5' },
          { rowId: first!.id, columnKey: 'spending', text: '1000001' },
          { rowId: second!.id, columnKey: 'rule', text: '省:市:区 = 4:3:3' },
          { rowId: second!.id, columnKey: 'spending', text: '300万' },
        ],
      });
      await callApi(context, 'costSharing.apply', { sheetId: sharing });
    } finally {
      store.close();
    }
    server = await servePlan(plan);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await page.goto(server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  const grid = (name: string) => page.locator(`.sheet-view[aria-label="${name}"]`);
  const cell = (sheet: string, row: number, column: string) =>
    grid(sheet).locator(`.ag-row[row-index="${row}"]:not(.ag-row-pinned) .ag-cell[col-id="${column}"]`).first();
  const textIs = async (sheet: string, row: number, column: string, text: string) => {
    const target = cell(sheet, row, column);
    for (let tries = 0; tries < 100; tries++) {
      if ((await target.innerText()).trim().startsWith(text)) return;
      await page.waitForTimeout(50);
    }
    assert.equal((await target.innerText()).trim(), text);
  };

  test('执行率 is computed, drawn as computed, not editable, and follows 已支出', async () => {
    await page.getByRole('tab', { name: /2025年专项资金/ }).click();
    const sheet = '2025年专项资金';
    await cell(sheet, 0, 'rate').waitFor();
    await textIs(sheet, 0, 'rate', '45.67');
    assert.match((await cell(sheet, 0, 'rate').getAttribute('class')) ?? '', /cell-computed/);
    assert.equal((await cell(sheet, 1, 'rate').innerText()).trim(), '', 'a budget of zero: blank, not NaN');

    // Typing on 执行率 opens no editor and changes nothing.
    await cell(sheet, 0, 'rate').click();
    await page.keyboard.type('99');
    assert.equal(await grid(sheet).locator('.cell-editor textarea').isVisible(), false);
    await page.keyboard.press('Enter');
    const { rows } = await apiCall<{ rows: { cells: Record<string, { text: string }> }[] }>(page, 'sheet.rows', {
      sheetId: budgetSheet,
      offset: 0,
      limit: 10,
    });
    assert.equal(rows[0]!.cells['rate']?.text, '45.67');

    // A new 已支出 gives a new rate at once: 600 ÷ 1200 = 50.00%.
    await cell(sheet, 0, 'spent').click();
    await page.keyboard.type('600');
    await page.keyboard.press('Enter');
    await textIs(sheet, 0, 'rate', '50.00');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-budget-execution.png') });
  });

  test('the 共同财政事权 panel shares the 区级 parts among the districts and opens the matrix', async () => {
    await page.getByRole('tab', { name: /^共同财政事权/ }).click();
    await cell('共同财政事权', 0, 'shareDistrict').waitFor();
    await page.getByRole('button', { name: '因素法分配' }).click();
    const form = page.locator('aside.side-panel form[aria-label="分区承担"]');
    await form.waitFor();
    assert.equal(await form.getByLabel('地区表').locator('option:checked').innerText(), '资金分配表');
    await form.getByRole('button', { name: '分到各区' }).click();
    const status = form.getByRole('status');
    await status.waitFor();
    assert.match(await status.innerText(), /已生成“共同财政事权分区承担”：2 项 × 7 个地区/);
    await form.getByRole('button', { name: '打开该表' }).click();
    const matrix = '共同财政事权分区承担';
    await cell(matrix, 0, 'shareDistrict').waitFor();
    await textIs(matrix, 0, 'shareDistrict', '500,000.00');
    await textIs(matrix, 0, 'district1', '');
    await page.locator('aside.side-panel [role="note"]').filter({ hasText: '区级承担分到各区' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-district-sharing.png') });
    // The matrix as stored: the seven districts add up to the 区级承担 exactly.
    const { sheets } = await apiCall<{ sheets: { id: number; name: string }[] }>(page, 'plan.get', {});
    const { rows } = await apiCall<{ rows: { cells: Record<string, { value: unknown }> }[] }>(page, 'sheet.rows', {
      sheetId: sheets.find((sheet) => sheet.name === matrix)!.id,
      offset: 0,
      limit: 10,
    });
    const fen = (value: unknown) => BigInt(Math.round(Number(value) * 100));
    for (const row of rows) {
      const parts = Array.from({ length: 7 }, (_, index) => fen(row.cells[`district${index + 1}`]?.value));
      assert.equal(
        parts.reduce((sum, part) => sum + part, 0n),
        fen(row.cells['shareDistrict']?.value),
      );
    }
  });
});
