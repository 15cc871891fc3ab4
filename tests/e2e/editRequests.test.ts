import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, sampleWorkbench } from './gridPage';

/**
 * An edit costs one request: the mutation's answer says what it changed (the cell, the sheet's
 * new totals, the undo state, the checks), and the page's plan model applies it — no follow-up
 * reads. Counted in the browser edition, where every call is an HTTP request to ./api/<name>.
 */
describe('one edit, one request', () => {
  const workbench = sampleWorkbench('requests');
  let page: Page;
  before(() => {
    page = workbench.page;
  });

  test('typing an amount: only cells.update goes out, yet the 合计, the undo button and the 检查 badge all follow', async () => {
    const grid = page.locator('.sheet-view[aria-label="重点工程"]');
    const badge = page.locator('.app-views .fail-badge');
    const undo = page.getByRole('button', { name: /撤销/ });
    const totalCell = grid.locator('.ag-row-pinned [col-id="investment"]').first();
    // The first check run (after the first screen) says 4 checks fail on the sample; nothing to undo yet.
    await badge.filter({ hasText: /^4$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await undo.isEnabled(), false);
    const totalBefore = await totalCell.innerText();

    const calls: string[] = [];
    page.on('request', (request) => {
      const match = /\/api\/([^/?]+)$/.exec(request.url());
      if (match) calls.push(decodeURIComponent(match[1]!));
    });
    await grid.locator('.ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id="investment"]').first().click();
    await page.keyboard.type('99999');
    await page.keyboard.press('Enter');

    // 4600 → 99999 in the first project: three more stated totals disagree now.
    await badge.filter({ hasText: /^7$/ }).waitFor({ timeout: 5000 });
    for (const deadline = Date.now() + 5000; (await totalCell.innerText()) === totalBefore && Date.now() < deadline;)
      await page.waitForTimeout(50);
    assert.ok(await undo.isEnabled(), 'the undo button offers the edit');
    assert.match((await undo.getAttribute('title')) ?? '', /撤销：编辑单元格/);
    // Anything still to follow (a late refresh) would go out well within this.
    await page.waitForTimeout(1500);
    assert.deepEqual(calls, ['cells.update'], 'the edit made exactly one request');

    // The 合计 shown is the store's exact total.
    const sheets = (await apiCall<{ sheets: { id: number; name: string }[] }>(page, 'plan.get', {})).sheets;
    const sheetId = sheets.find((sheet) => sheet.name === '重点工程')!.id;
    const { totals } = await apiCall<{ totals: { columnKey: string; sum: string }[] }>(page, 'sheet.totals', {
      sheetId,
    });
    const investment = totals.find((total) => total.columnKey === 'investment')!;
    const shown = (await totalCell.innerText()).split('\n')[0]!.replace(/[,\s]/g, '');
    assert.equal(Number(shown), Number(investment.sum), `the 合计 ${shown} is the store's ${investment.sum}`);
  });
});
