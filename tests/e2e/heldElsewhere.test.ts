import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import { lockFileOf } from '../../electron/core/store/planHolder';
import { SCREENSHOTS, launchChromium, servePlan, tempDir } from '../helpers';

/**
 * The workbench on a plan a colleague's computer has open (a shared folder): a banner says who
 * holds it and since when, everything that would change the plan is disabled, and a figure typed
 * into the grid is refused with the same words while the plan's bytes stay as they were. Once the
 * colleague closes the plan, the window may edit it without being reopened. The colleague's
 * computer is played by its lock file beside the plan (store/planHolder.ts), touched as it would
 * touch it; the beat is shortened so this takes a second, not a minute.
 */
process.env.PLANBENCH_HOLD_BEAT_MS = '300';
describe('the workbench on a plan another computer is editing', () => {
  let dir = '';
  let cleanup = () => undefined as void;
  let plan = '';
  let bytes: Buffer;
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let colleagueBeats: NodeJS.Timeout | undefined;

  before(async () => {
    ({ dir, cleanup } = tempDir());
    plan = path.join(dir, '共享盘上的规划.planbench');
    createSamplePlan(plan).close();
    const since = new Date(2026, 11, 5, 9, 12).toISOString();
    fs.writeFileSync(lockFileOf(plan), JSON.stringify({ host: 'GHB-PC-07', user: '王科长', pid: 5120, since }));
    colleagueBeats = setInterval(() => {
      const now = new Date();
      if (fs.existsSync(lockFileOf(plan))) fs.utimesSync(lockFileOf(plan), now, now);
    }, 100);
    bytes = fs.readFileSync(plan);
    server = await servePlan(plan);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await page.goto(server.url);
    await page.getByRole('heading', { name: /常州市生态文明建设规划/ }).waitFor();
  });

  after(async () => {
    clearInterval(colleagueBeats);
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  test('a banner names who holds the plan and since when; edits are refused in the same words', async () => {
    const banner = page.locator('.read-only-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /此规划正由王科长在电脑“GHB-PC-07”上（自 12月5日 09:12 起）编辑/);
    for (const name of ['导入…', '收回…', '分发…']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).isDisabled(), true, name);
    }
    assert.match(await page.title(), /（只读）/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-held-elsewhere.png') });

    await page.getByRole('tab', { name: /重点工程/ }).click();
    const grid = page.locator('.sheet-view[aria-label="重点工程"]');
    const total = grid.locator('.ag-row-pinned [col-id="investment"]').first();
    await total.waitFor();
    await grid.locator('.ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id="investment"]').first().click();
    await page.keyboard.type('25000');
    await page.keyboard.press('Enter');
    await page.getByTestId('status').filter({ hasText: 'GHB-PC-07' }).waitFor();
    assert.match(await total.innerText(), /3,309,473\.59/);
    assert.deepEqual(fs.readFileSync(plan), bytes, 'the plan file is untouched');
    assert.equal(fs.existsSync(`${plan}-shm`), false, 'nothing of SQLite’s beside it either');
  });

  test('once the colleague closes the plan, this window may edit it, without reopening', async () => {
    clearInterval(colleagueBeats);
    fs.rmSync(lockFileOf(plan));
    await page.locator('.read-only-banner').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: '导入…', exact: true }).isDisabled(), false);
    assert.doesNotMatch(await page.title(), /（只读）/);
    const grid = page.locator('.sheet-view[aria-label="重点工程"]');
    const total = grid.locator('.ag-row-pinned [col-id="investment"]').first();
    await grid.locator('.ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id="investment"]').first().click();
    await page.keyboard.type('25000');
    await page.keyboard.press('Enter');
    await page.getByTestId('status').filter({ hasText: '已保存' }).waitFor();
    assert.doesNotMatch(await total.innerText(), /3,309,473\.59/, 'the total follows the edit');
    assert.match(fs.readFileSync(lockFileOf(plan), 'utf8'), /"pid":\d+/, 'this computer holds it now');
    assert.doesNotMatch(fs.readFileSync(lockFileOf(plan), 'utf8'), /GHB-PC-07/);
  });
});
