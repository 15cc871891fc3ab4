import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';
import { pageProblems } from './componentPage';

/** Debian's Chromium (Playwright cannot download its own browser here). */

describe('browser edition, end to end in Chromium', () => {
  const { dir, cleanup } = tempDir();
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[] = [];

  before(async () => {
    const plan = path.join(dir, 'sample.planbench');
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
    server = await servePlan(plan);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
    consoleProblems = pageProblems(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  test('the sample opens with its sheets listed', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: /常州市生态文明建设规划/ }).waitFor();
    const tabs = await page.getByRole('tab').allInnerTexts();
    for (const name of ['指标体系', '重点工程', '2023年工作方案任务', '孤独症任务分解表', '微电网试点分解表']) {
      assert.ok(
        tabs.some((tab) => tab.includes(name)),
        `tab ${name} in ${tabs.join(' | ')}`,
      );
    }
  });

  test('重点工程 shows 88 rows and 3,309,473.59 in the totals row', async () => {
    await page.getByRole('tab', { name: /重点工程/ }).click();
    const grid = page.locator('.sheet-view[aria-label="重点工程"]');
    await grid.locator('.ag-row').first().waitFor();
    assert.equal((await page.getByTestId('row-count').innerText()).trim(), '共 88 行');
    // AG Grid reports its displayed row count (header row + data rows + pinned rows) to assistive tech.
    const ariaRowCount = Number(
      await grid.locator('[role="treegrid"], [role="grid"]').first().getAttribute('aria-rowcount'),
    );
    assert.equal(ariaRowCount, 1 + 88 + 1, 'header + 88 projects + totals row');

    const totals = grid.locator('.ag-row-pinned');
    await totals.first().waitFor();
    const totalText = await totals.allInnerTexts();
    assert.match(totalText.join(' '), /合计/);
    assert.match(totalText.join(' '), /3,309,473\.59/);
    assert.match(totalText.join(' '), /70\/88 有金额/);
    assert.match(await grid.locator('.ag-header').innerText(), /投资匡算（万元）/);

    // An unknown amount shows as written ("/"), not as 0.
    const third = grid.locator('.ag-row[row-index="2"]:not(.ag-row-pinned) [col-id="investment"]');
    assert.equal((await third.innerText()).trim(), '/');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-projects.png') });
  });

  test('the allocation matrix reconciles to 30', async () => {
    await page.getByRole('tab', { name: /微电网试点分解表/ }).click();
    const grid = page.locator('.sheet-view[aria-label="微电网试点分解表"]');
    await grid.locator('.ag-row-pinned').first().waitFor();
    const totals = (await grid.locator('.ag-row-pinned').allInnerTexts()).join(' ');
    assert.match(totals, /\b10\b[\s\S]*\b10\b[\s\S]*\b10\b[\s\S]*\b30\b/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-allocation.png') });
  });

  test('打印… opens the print preview of the sheet, with its pages, and Export PDF downloads it', async () => {
    await page.getByRole('tab', { name: /重点工程/ }).click();
    await page.getByRole('button', { name: '打印…' }).click();
    const preview = page.getByRole('dialog', { name: '打印预览' });
    await preview.getByText(/\d+ 页 · 88 行/).waitFor({ timeout: 60_000 });
    const frame = page.frameLocator('iframe.print-frame');
    await frame.getByText('第 1 页').first().waitFor();
    const download = page.waitForEvent('download');
    await preview.getByRole('button', { name: '导出 PDF' }).click();
    const file = await (await download).path();
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-print-preview.png') });
    await preview.getByRole('button', { name: '关闭' }).click();
    await preview.waitFor({ state: 'detached' });
  });

  test('a new sheet of a kind comes with its columns; a double-click renames its tab', async () => {
    await page.getByRole('button', { name: '新建工作表' }).click();
    const dialog = page.getByRole('dialog', { name: '新建工作表' });
    await dialog.getByLabel('工作表名称').fill('2024年资金预算');
    await dialog.getByLabel('工作表类型').selectOption({ label: '资金预算' });
    await dialog.getByRole('button', { name: '新建' }).click();
    const grid = page.locator('.sheet-view[aria-label="2024年资金预算"]');
    await grid.waitFor();
    // The grid is made once the sheet's (empty) first page is here: wait for its header.
    await grid.locator('.ag-header-cell-text', { hasText: '资金（万元）' }).waitFor();
    assert.match(await grid.locator('.ag-header').innerText(), /资金（万元）/);
    // Renaming asks in the workbench's own dialog (Electron has no window.prompt): Enter confirms.
    let nativeDialog = false;
    page.once('dialog', (prompt) => {
      nativeDialog = true;
      void prompt.dismiss();
    });
    await page.getByRole('tab', { name: /2024年资金预算/ }).dblclick();
    const rename = page.getByRole('dialog', { name: '重命名工作表' });
    await rename.getByLabel(/工作表名称/).fill('资金预算表');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: /资金预算表/ }).waitFor();
    assert.equal(nativeDialog, false, 'no browser prompt');
    // Esc cancels without renaming.
    await page.getByRole('tab', { name: /资金预算表/ }).dblclick();
    await rename.getByLabel(/工作表名称/).fill('不要');
    await page.keyboard.press('Escape');
    await rename.waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('tab', { name: /不要/ }).count(), 0);
  });

  test('the page ran without console errors or CSP violations', () => {
    assert.deepEqual(consoleProblems, []);
  });
});
