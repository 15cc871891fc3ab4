import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Tmpfs } from '../fileSystems';
import { mountedTmpfs, tmpfsAvailable } from '../fileSystems';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';

/**
 * The workbench on a plan that cannot be written (here on a read-only mount, as from a CD): the
 * header says 只读, what would change the plan is disabled, and an edit typed into the grid is
 * refused with a clear message while the figures stay as they were.
 */
const tmpfs = tmpfsAvailable();

describe('the workbench on a read-only plan', { skip: tmpfs === true ? false : tmpfs }, () => {
  let media: Tmpfs | undefined;
  let plan = '';
  let bytes: Buffer;
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  before(async () => {
    media = mountedTmpfs('8m');
    plan = path.join(media.dir, 'sample.planbench');
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
    media.remountReadOnly();
    bytes = fs.readFileSync(plan);
    server = await servePlan(plan);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await page.goto(server.url);
    await page.getByRole('heading', { name: /常州市生态文明建设规划/ }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    media?.unmount();
  });

  test('the header shows 只读 and the actions that would change the plan are disabled', async () => {
    const badge = page.locator('.app-header .read-only-badge');
    await badge.waitFor();
    assert.equal((await badge.innerText()).trim(), '只读');
    assert.match((await badge.getAttribute('title')) ?? '', /不可写/);
    for (const name of ['导入…', '收回…', '分发…']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).isDisabled(), true, name);
    }
    assert.equal(await page.getByRole('button', { name: '新建工作表' }).isDisabled(), true);
    assert.match(await page.title(), /（只读）/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-read-only.png') });
  });

  test('printing a read-only plan to PDF works and says it opened it read-only', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const pdf = path.join(dir, 'projects.pdf');
      const result = await runPlanbench(['print', plan, pdf, '--sheet', '重点工程']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /只读打开 \/ opened read-only/);
      assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    } finally {
      cleanup();
    }
    assert.deepEqual(fs.readFileSync(plan), bytes);
  });

  test('an edit typed into the grid is refused with a clear message; the total stays', async () => {
    await page.getByRole('tab', { name: /重点工程/ }).click();
    const grid = page.locator('.sheet-view[aria-label="重点工程"]');
    const total = grid.locator('.ag-row-pinned [col-id="investment"]').first();
    await total.waitFor();
    assert.match(await total.innerText(), /3,309,473\.59/);
    assert.match(await page.getByTestId('status').innerText(), /^只读：/, 'the status line does not promise saving');
    for (const name of ['上方插入行', '下方插入行', '复制行', '删除行', '添加列', '列设置']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).isDisabled(), true, name);
    }

    // Grouping is a way of looking: it works for this session and is not refused.
    await page.getByLabel('分组').selectOption({ label: '按大类、小类' });
    await grid.locator('.ag-row.group-level-0').first().waitFor();
    assert.match(await page.getByTestId('status').innerText(), /^只读：/, 'no refusal for a view change');
    await page.getByLabel('分组').selectOption({ label: '不分组' });

    await grid.locator('.ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id="investment"]').first().click();
    await page.keyboard.type('25000');
    await page.keyboard.press('Enter');
    await page.getByTestId('status').filter({ hasText: 'open read-only' }).waitFor();
    assert.match(await page.getByTestId('status').innerText(), /只读方式打开.*不能修改/);
    assert.match(await total.innerText(), /3,309,473\.59/);
    assert.deepEqual(fs.readFileSync(plan), bytes, 'the plan file is untouched');
  });
});
