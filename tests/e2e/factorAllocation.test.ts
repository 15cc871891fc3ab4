import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { allocateByFactors } from '../../shared/rules/budgets/factorAllocation';
import { dec } from '../../shared/values/exactDecimal';
import { formatMoney } from '../../shared/values/money';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';

/** 因素法分配 in the workbench: the panel shows the sheet's saved allocation, re-allocates, and undo takes it back. */
describe('factor allocation panel', () => {
  const { dir, cleanup } = tempDir();
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  before(async () => {
    const plan = path.join(dir, 'factors.planbench');
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

  /** The sample's 资金分配表: pilots and key projects per district, at 60% / 40%. */
  const expectedShares = (totalYuan: bigint) => {
    const factors = [
      [4, 8],
      [4, 6],
      [6, 11],
      [6, 11],
      [3, 2],
      [3, 3],
      [4, 3],
    ].map((row) => row.map((value) => dec(value)));
    const result = allocateByFactors({ total: totalYuan, weights: [dec('0.6'), dec('0.4')], factors });
    assert.ok(result.ok);
    return result.shares.map((yuan) => formatMoney(yuan * 100n, '万元', 4));
  };
  const shareCell = (row: number) =>
    page.locator(
      `.sheet-view[aria-label="资金分配表"] .ag-row[row-index="${row}"]:not(.ag-row-pinned) [col-id="share"]`,
    );

  test('the panel opens on the saved allocation; a new total re-allocates the grid; undo takes it back', async () => {
    await page.getByRole('tab', { name: /资金分配表/ }).click();
    await shareCell(0).waitFor();
    const before = expectedShares(10_000_000n);
    assert.equal((await shareCell(0).innerText()).trim(), before[0]);
    await page.getByRole('button', { name: '因素法分配' }).click();
    const panel = page.locator('aside.side-panel section[aria-label="因素法分配"]');
    const total = panel.getByLabel('资金总额');
    await total.waitFor();
    assert.equal(await total.inputValue(), '1000万元');
    assert.equal(await panel.getByLabel('试点任务数的权重').inputValue(), '60%');

    await total.fill('2000万');
    await panel.getByRole('button', { name: '分配' }).click();
    await panel.getByRole('status').waitFor();
    const after = expectedShares(20_000_000n);
    await page.waitForFunction(
      ([selector, text]) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
        ).document
          .querySelector(selector!)
          ?.textContent?.trim() === text,
      [
        '.sheet-view[aria-label="资金分配表"] .ag-row[row-index="2"]:not(.ag-row-pinned) [col-id="share"]',
        after[2]!,
      ] as const,
    );
    assert.match(await panel.getByRole('status').innerText(), /已分配 2000万元/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-factor-allocation.png') });

    // A wrong weight is refused with a message, and nothing changes.
    await panel.getByLabel('试点任务数的权重').fill('70%');
    await panel.getByRole('button', { name: '分配' }).click();
    await panel.getByRole('alert').filter({ hasText: '权重之和为 110%，应为 100%' }).waitFor();
    assert.equal((await shareCell(2).innerText()).trim(), after[2]);

    await page.getByRole('button', { name: /撤销/ }).click();
    await page.waitForFunction(
      ([selector, text]) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }
        ).document
          .querySelector(selector!)
          ?.textContent?.trim() === text,
      [
        '.sheet-view[aria-label="资金分配表"] .ag-row[row-index="2"]:not(.ag-row-pinned) [col-id="share"]',
        before[2]!,
      ] as const,
    );
    // The settings are in the change log: undo gave the panel its earlier total back too.
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }
        ).document.querySelector('aside.side-panel section[aria-label="因素法分配"] input[placeholder="如 1000万"]')
          ?.value === '1000万元',
    );
    assert.equal(await panel.getByLabel('试点任务数的权重').inputValue(), '60%');
  });
});
