import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';

/**
 * A version opened read-only beside the current sheet: its banner, its texts, the cells that
 * differ now marked, nothing in it editable; and the 规划文件… dialog: a bad 文号 is named before
 * anything is sent, a good one is saved and shows in the header.
 */
describe('a version beside the plan, and the plan’s details', () => {
  const { dir, cleanup } = tempDir();
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const cell = (rowIndex: number, column: string) =>
    page.locator(
      `.sheet-view[aria-label="重点工程"] .ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) [col-id="${column}"]`,
    );

  before(async () => {
    const plan = path.join(dir, 'view.planbench');
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

  test('查看 shows the version read-only beside the sheet, the edited cell marked with its text now', async () => {
    await page.getByRole('tab', { name: /重点工程/ }).click();
    await cell(1, 'name').waitFor();
    const oldName = (await cell(1, 'name').innerText()).trim();
    await cell(1, 'name').click();
    await page.keyboard.type('X新名称');
    await page.keyboard.press('Enter');
    await cell(1, 'name').getByText('X新名称').waitFor();

    await page.getByRole('button', { name: /^版本/ }).click();
    await page.locator('.hv-version', { hasText: '初稿' }).getByRole('button', { name: '查看' }).click();
    const view = page.locator('section.vs-view');
    await view.getByText('只读：版本 初稿').waitFor();
    const marked = view.locator('td.vs-changed');
    await marked.first().waitFor();
    assert.equal(await marked.count(), 1, 'one cell differs now');
    assert.equal((await marked.innerText()).trim(), oldName, 'the version’s text');
    assert.equal(await marked.getAttribute('title'), '现为：X新名称');
    assert.equal(await view.locator('input, textarea, [contenteditable="true"]').count(), 0, 'nothing to type into');
    await marked.dblclick();
    await page.keyboard.type('试图修改');
    assert.equal((await marked.innerText()).trim(), oldName, 'typing changes nothing');
    await cell(1, 'name').getByText('X新名称').waitFor();
    assert.ok(
      await page.locator('.sheet-view[aria-label="重点工程"]').isVisible(),
      'the current sheet stays beside it',
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-version-beside.png') });
    await view.getByRole('button', { name: '关闭版本' }).click();
    await view.waitFor({ state: 'detached' });
  });

  test('规划文件…: a bad 文号 is named and not saved; a good one shows in the header', async () => {
    await page.getByRole('button', { name: '规划文件…' }).click();
    const dialog = page.getByRole('dialog', { name: '规划文件' });
    await dialog.getByLabel('文号').fill('第三号');
    await dialog.getByText(/文号：“第三号”不是文号的写法/).waitFor();
    assert.equal(await dialog.getByRole('button', { name: '保存' }).isDisabled(), true);
    await dialog.getByLabel('文号').fill('常政发〔2021〕12号');
    await dialog.getByLabel('发文机关').fill('常州市人民政府');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-plan-file-dialog.png') });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.plan-meta', { hasText: '常政发〔2021〕12号' }).waitFor();
    assert.match(await page.locator('.plan-meta').innerText(), /常州市人民政府/);
  });
});
