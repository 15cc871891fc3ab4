import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, runPlanbench, SCREENSHOTS, servePlan, tempDir } from '../helpers';
import { apiCall } from './gridPage';

/**
 * One plan, many windows: two tabs on one browser-edition server and a third on a second
 * server (another program on the same file). What one window changes appears in the others as
 * it happens — the cell marked, the author named — and undo in a window never takes back
 * another window's edit.
 */
describe('windows on one plan see each other’s edits as they happen', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'live.planbench');
  let first: { url: string; stop: () => Promise<void> };
  let second: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  const pages: Page[] = [];

  const grid = (page: Page) => page.locator('.sheet-view[aria-label="重点工程"]');
  const cell = (page: Page, row: number, column: string) =>
    grid(page).locator(`.ag-row[row-index="${row}"]:not(.ag-row-pinned) .ag-cell[col-id="${column}"]`).first();

  async function open(url: string): Promise<Page> {
    // Each window in a context of its own, as separate windows of separate programs are.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('tab', { name: /重点工程/ }).click();
    await cell(page, 0, 'investment').waitFor();
    return page;
  }

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
    [first, second] = await Promise.all([servePlan(plan), servePlan(plan)]);
    browser = await launchChromium();
    pages.push(await open(first.url), await open(first.url), await open(second.url));
  });
  after(async () => {
    await browser?.close();
    await Promise.all([first?.stop(), second?.stop()]);
    cleanup();
  });

  test('an edit in one window shows in the others, marked, with who made it', async () => {
    const [a, b, c] = pages as [Page, Page, Page];
    await cell(a, 2, 'investment').click();
    await a.keyboard.type('4242');
    await a.keyboard.press('Enter');
    // The same server's other tab, and the tab of the other server (which polls the file).
    for (const page of [b, c]) {
      await cell(page, 2, 'investment').filter({ hasText: '4,242.00' }).waitFor({ timeout: 10_000 });
      await page.getByTestId('status').filter({ hasText: '（另一窗口）：' }).waitFor({ timeout: 10_000 });
    }
    // The 合计 row follows in the other windows too.
    const total = async (page: Page) =>
      (await page.locator('.ag-row-pinned .ag-cell[col-id="investment"]').first().textContent())?.trim();
    assert.equal(await total(c), await total(a));
    await c.screenshot({ path: path.join(SCREENSHOTS, 'live-updates-other-window.png') });
  });

  test('undo in another window does not take back this window’s edit', async () => {
    const [a, , c] = pages as [Page, Page, Page];
    const stored = async () => {
      const plan = await apiCall<{ sheets: { id: number; name: string }[] }>(c, 'plan.get', {});
      const sheetId = plan.sheets.find((sheet) => sheet.name === '重点工程')!.id;
      const { rows } = await apiCall<{ rows: { cells: Record<string, { text: string }> }[] }>(c, 'sheet.rows', {
        sheetId,
        offset: 0,
        limit: 5,
      });
      return rows[2]!.cells['investment']!.text;
    };
    await cell(c, 0, 'name').click();
    await c.keyboard.press('Control+z');
    await c.getByTestId('status').filter({ hasText: '没有可撤销的操作' }).waitFor({ timeout: 10_000 });
    assert.equal(await stored(), '4242');
    // The window that made the edit takes it back, and the others see that too.
    await cell(a, 0, 'name').click();
    await a.keyboard.press('Control+z');
    await a.getByTestId('status').filter({ hasText: '已撤销' }).waitFor({ timeout: 10_000 });
    assert.notEqual(await stored(), '4242');
    await cell(c, 2, 'investment').filter({ hasNotText: '4,242.00' }).waitFor({ timeout: 10_000 });
  });

  test('edits typed while the server cannot be reached are kept, and saved in order once it is back', async () => {
    const [a] = pages as [Page];
    const stored = async (row: number) => {
      const plan = await apiCall<{ sheets: { id: number; name: string }[] }>(a, 'plan.get', {});
      const sheetId = plan.sheets.find((sheet) => sheet.name === '重点工程')!.id;
      const { rows } = await apiCall<{ rows: { cells: Record<string, { text: string }> }[] }>(a, 'sheet.rows', {
        sheetId,
        offset: 0,
        limit: 10,
      });
      return rows[row]!.cells['investment']!.text;
    };
    await a.context().setOffline(true);
    await cell(a, 5, 'investment').click();
    await a.keyboard.type('111');
    await a.keyboard.press('Enter');
    await a.keyboard.type('222');
    await a.keyboard.press('Enter');
    await cell(a, 5, 'investment').click();
    await a.keyboard.type('333');
    await a.keyboard.press('Enter');
    await a.getByTestId('status').filter({ hasText: '连接已断开' }).waitFor({ timeout: 10_000 });
    // What was typed stays on screen while it waits.
    await cell(a, 5, 'investment').filter({ hasText: '333' }).waitFor();
    await a.context().setOffline(false);
    await a.getByTestId('status').filter({ hasText: '连接已恢复' }).waitFor({ timeout: 15_000 });
    assert.equal(await stored(5), '333', 'the later edit of the same cell lands last');
    assert.equal(await stored(6), '222');
  });
});
