import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';

/** The checks as the workbench shows them: a count on the button, the panel, marked cells, the way to a row. */
describe('checks in the workbench', () => {
  const { dir, cleanup } = tempDir();
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  const badge = () => page.locator('.app-views .fail-badge');

  before(async () => {
    const plan = path.join(dir, 'checks.planbench');
    assert.equal((await runPlanbench(['new', plan, '--sample'])).code, 0);
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

  test('the sample opens with its four failing checks counted on the 检查 button', async () => {
    // Three in the plan's tables, and the 2023 work-plan tasks not done by their deadlines (逾期).
    await badge().waitFor();
    assert.equal((await badge().innerText()).trim(), '4');
  });

  test('the panel lists the duplicate projects and takes the user to row 55, which is marked', async () => {
    await page.getByRole('button', { name: /^检查/ }).click();
    const panel = page.locator('aside.side-panel');
    await panel.getByText('疑似重复：第55行与第71行').waitFor();
    await panel
      .locator('button', { hasText: /^第55行/ })
      .first()
      .click();
    const tab = page.getByRole('tab', { name: /重点工程/ });
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const selected = page.locator('.sheet-view[aria-label="重点工程"] .cell-in-range');
    await selected.first().waitFor();
    const rowIndex = await selected.first().locator('xpath=ancestor::div[@row-index][1]').getAttribute('row-index');
    const seq = page.locator(
      `.sheet-view[aria-label="重点工程"] .ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) [col-id="seq"]`,
    );
    assert.equal((await seq.innerText()).trim(), '55');
    // The marks arrive with the sheet's checks, a moment after the rows.
    await page.locator('.sheet-view[aria-label="重点工程"] .cell-in-range.cell-issue').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-checks-goto.png') });
  });

  test('changing one allocation cell breaks the reconciliation at once; undo mends it', async () => {
    await page.getByRole('tab', { name: /微电网试点分解表/ }).click();
    const grid = page.locator('.sheet-view[aria-label="微电网试点分解表"]');
    const cell = grid.locator('.ag-row[row-index="0"]:not(.ag-row-pinned) [col-id="y2024"]');
    await cell.click();
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const badgeText = (
        globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
      ).document.querySelector('.app-views .fail-badge')?.textContent;
      return badgeText !== undefined && Number(badgeText) > 4;
    });
    const totals = (await grid.locator('.ag-row-pinned').allInnerTexts()).join(' ');
    assert.match(totals, /\b11\b[\s\S]*\b31\b/, 'column 2024 now 11, grand total 31');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-checks-allocation.png') });
    await cell.click();
    await page.keyboard.press('Control+Z');
    await page.waitForFunction(() => {
      const text = (
        globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
      ).document.querySelector('.app-views .fail-badge')?.textContent;
      return text === '4';
    });
  });

  test('the dashboard draws the plan', async () => {
    await page.getByRole('button', { name: '仪表盘' }).click();
    await page.getByText('按大类的投资匡算').first().waitFor();
    assert.match(await page.locator('.dashboard').innerText(), /330\.95/);
  });
});
