import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';

/**
 * The 版本 panel in the workbench: a version saved from the command line is listed; after an edit
 * the comparison with now lists the change, which takes the user to its cell; restoring asks
 * first and brings the old value back, and Ctrl+Z takes the restore back.
 */
describe('the versions panel', () => {
  const { dir, cleanup } = tempDir();
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const grid = () => page.locator('.sheet-view[aria-label="重点工程"]');
  const cell = (rowIndex: number, column: string) =>
    grid().locator(`.ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) [col-id="${column}"]`);

  before(async () => {
    const plan = path.join(dir, 'versions.planbench');
    assert.equal((await runPlanbench(['new', plan, '--sample'])).code, 0);
    assert.equal((await runPlanbench(['version', 'save', plan, '--name', '初稿'])).code, 0);
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

  test('an edit shows in the comparison with now, and its button goes to the cell', async () => {
    await page.getByRole('tab', { name: /重点工程/ }).click();
    await cell(2, 'name').waitFor();
    await cell(2, 'name').click();
    // An ASCII first key opens the editor (输入 mode); the rest goes in as text.
    await page.keyboard.type('X改名后的工程');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes(
        'X改名后的工程',
      ),
    );
    await page.getByRole('button', { name: /^版本/ }).click();
    const panel = page.locator('aside.side-panel');
    await panel.locator('.hv-version', { hasText: '初稿' }).getByRole('button', { name: '比较' }).click();
    const change = panel.locator('.hv-change', { hasText: 'X改名后的工程' });
    await change.waitFor();
    assert.match(await change.innerText(), /项目名称/);
    await cell(5, 'seq').click();
    await change.click();
    const selected = grid().locator('.cell-in-range');
    await selected.first().waitFor();
    assert.equal(await selected.first().getAttribute('col-id'), 'name');
    assert.match(await selected.first().innerText(), /X改名后的工程/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-versions-compare.png') });
  });

  test('restore asks first, brings the old name back; Ctrl+Z takes the restore back', async () => {
    const panel = page.locator('aside.side-panel');
    await panel.locator('.hv-version', { hasText: '初稿' }).getByRole('button', { name: '恢复' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
    await panel.getByText('没有变化。').waitFor();
    assert.doesNotMatch(await cell(2, 'name').innerText(), /X改名后的工程/);
    await cell(2, 'seq').click();
    await page.keyboard.press('Control+Z');
    await panel.locator('.hv-change', { hasText: 'X改名后的工程' }).waitFor();
    await cell(2, 'name').getByText('X改名后的工程').waitFor();
  });
});

describe('a cell’s history in the workbench', () => {
  const { dir, cleanup } = tempDir();
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const cell = (rowIndex: number, column: string) =>
    page.locator(
      `.sheet-view[aria-label="重点工程"] .ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) [col-id="${column}"]`,
    );

  before(async () => {
    const plan = path.join(dir, 'history.planbench');
    assert.equal((await runPlanbench(['new', plan, '--sample'])).code, 0);
    server = await servePlan(plan);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await page.goto(server.url);
    await page.getByRole('tab', { name: /重点工程/ }).click();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  test('right-click → 单元格历史… lists the edits; 恢复此值 sets an earlier value back', async () => {
    const amount = cell(0, 'investment');
    await amount.waitFor();
    for (const typed of ['111', '222']) {
      await amount.click();
      await page.keyboard.type(typed);
      await page.keyboard.press('Enter');
      await amount.getByText(typed).waitFor();
    }
    await amount.click({ button: 'right' });
    await page.getByRole('menuitem', { name: /单元格历史/ }).click();
    const dialog = page.getByRole('dialog', { name: '单元格历史' });
    await dialog.getByText('现为：222').waitFor();
    const steps = dialog.locator('.hv-step');
    assert.equal(await steps.count(), 3, 'the sample row added, then two edits');
    assert.match(await steps.nth(0).innerText(), /用户编辑.*111.*→.*222/s);
    assert.match(await steps.nth(2).innerText(), /系统.*新增行/s);
    await steps.nth(1).getByRole('button', { name: '恢复此值' }).click();
    await dialog.getByText('现为：111').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-cell-history.png') });
    await page.keyboard.press('Escape');
    await amount.getByText('111').waitFor();
  });
});
