import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';

/** The 督查 panel on the sample's 2023 tasks: statuses by round, a filter, 回收情况, and the 通报. */
describe('the supervision panel', { timeout: 120_000 }, () => {
  const { dir, cleanup } = tempDir();
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  before(async () => {
    const plan = path.join(dir, 'supervision.planbench');
    assert.equal((await runPlanbench(['new', plan, '--sample'])).code, 0);
    server = await servePlan(plan);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
    await page.goto(server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  test('a round’s statuses, coloured and filtered; 回收情况; the 通报 downloads as a PDF', async () => {
    await page.getByRole('tab', { name: /2023年工作方案任务/ }).click();
    await page.getByRole('button', { name: /^督查/ }).click();
    const panel = page.locator('section.sv-panel');
    // Today the 2023 tasks not done are overdue.
    await panel.getByRole('button', { name: /^逾期 44$/ }).waitFor();
    await panel.getByLabel('报送轮次').selectOption({ label: '2023年第3季度' });
    await panel.getByText('对比2023年第2季度').waitFor();
    await panel.getByRole('button', { name: /^严重滞后 8$/ }).click();
    const statuses = panel.locator('tbody .sv-status');
    await panel.locator('tbody tr').nth(7).waitFor();
    assert.equal(await panel.locator('tbody tr').count(), 8);
    assert.deepEqual([...new Set(await statuses.allInnerTexts())], ['严重滞后']);
    const colour = await statuses
      .first()
      .evaluate(
        (element) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(
            element,
          ).backgroundColor,
      );
    assert.equal(colour, 'rgb(249, 214, 213)', 'red for 严重滞后');
    await panel.getByText('回收情况：已报 0/0').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-supervision-panel.png') });

    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: '通报' }).click();
    const file = await (await download).path();
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  });
});
