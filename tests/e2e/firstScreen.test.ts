import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';
import { pageProblems } from './componentPage';

/** A fresh copy of the sample plan, served, and a Chromium page (1600×1000) whose problems are collected. */
interface SampleInChromium {
  server: { url: string; stop: () => Promise<void> };
  browser: Browser;
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

async function sampleInChromium(): Promise<SampleInChromium> {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'sample.planbench');
  const created = await runPlanbench(['new', plan, '--sample']);
  assert.equal(created.code, 0, created.stderr);
  const server = await servePlan(plan);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  return {
    server,
    browser,
    page,
    problems: pageProblems(page),
    close: async () => {
      await browser.close();
      await server.stop();
      cleanup();
    },
  };
}

/**
 * The first screen of a sheet shows in a plain table while the grid's code loads
 * (FirstScreenTable): the same figures as the grid, and a cell clicked meanwhile is where the
 * grid starts. The grid's chunk is held back here until the table has been checked, as a slow
 * machine would hold it.
 */
describe('first screen before the grid is ready', () => {
  let sample: SampleInChromium;
  let server: SampleInChromium['server'];
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let releaseGrid: () => void = () => undefined;
  const gridHeld = new Promise<void>((resolve) => (releaseGrid = resolve));

  /** Visible texts of the table's first rows, by column key. */
  const tableRows = (count: number) =>
    page.evaluate(`(() => [...document.querySelectorAll('.first-screen-body .first-screen-row')].slice(0, ${count}).map((row) =>
      Object.fromEntries([...row.querySelectorAll('[data-col]')].map((cell) =>
        [cell.getAttribute('data-col'), cell.innerText.trim()]))))()`) as Promise<Record<string, string>[]>;
  /** The same from the grid, by row index. */
  const gridRows = (count: number) =>
    page.evaluate(`(() => Array.from({ length: ${count} }, (_, index) => {
      const cells = [...document.querySelectorAll('.ag-row[row-index="' + index + '"]:not(.ag-row-pinned) .ag-cell[col-id]')];
      return Object.fromEntries(cells.map((cell) => [cell.getAttribute('col-id'), cell.innerText.trim()]));
    }))()`) as Promise<Record<string, string>[]>;

  before(async () => {
    sample = await sampleInChromium();
    ({ server, browser, page, problems } = sample);
    await page.route(/\/assets\/SheetGrid-[\w-]+\.js$/, async (route) => {
      await gridHeld;
      await route.continue();
    });
  });

  after(async () => {
    releaseGrid();
    await sample?.close();
  });

  let shown: Record<string, string>[] = [];

  test('重点工程 shows its first rows and 合计 while the grid is still loading', async () => {
    await page.goto(`${server.url}#sheet=2`);
    const table = page.locator('.sheet-view[aria-label="重点工程"] .first-screen');
    await table.locator('.first-screen-body .first-screen-row').first().waitFor();
    await table.locator('.first-screen-totals').waitFor();
    assert.equal(await page.locator('.ag-row').count(), 0, 'the grid is not there yet');

    const headers = await table.locator('.first-screen-header [data-col]').allInnerTexts();
    assert.deepEqual(headers.slice(0, 4), ['序号', '大类', '小类', '项目名称']);
    assert.ok(headers.includes('投资匡算（万元）'), headers.join('|'));

    shown = await tableRows(10);
    assert.equal(shown.length, 10);
    assert.equal(shown[0]!.seq, '1');
    assert.equal(shown[0]!.name, '深化工业园区、企业集群综合治理');
    assert.equal(shown[0]!.investment, '4,600.00');
    assert.equal(shown[1]!.investment, '24,000.00');
    // Project 3's amount is "/": unknown, shown as written and greyed.
    assert.equal(shown[2]!.investment, '/');
    const unknown = table.locator('.first-screen-body .first-screen-row').nth(2).locator('[data-col="investment"]');
    assert.equal(await unknown.getAttribute('class'), 'first-screen-cell numeric cell-unknown');

    const totals = table.locator('.first-screen-totals');
    assert.equal((await totals.locator('[data-col="name"]').innerText()).trim(), '合计');
    assert.equal((await totals.locator('[data-col="investment"] .total-amount').innerText()).trim(), '3,309,473.59');
    assert.equal((await totals.locator('[data-col="investment"] .total-known').innerText()).trim(), '70/88 有金额');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'first-screen-table.png') });
  });

  test('the grid replaces it with the same figures, starting at the cell clicked meanwhile', async () => {
    // Project 3's 投资匡算, clicked before the grid exists.
    await page.locator('.first-screen-body .first-screen-row').nth(2).locator('[data-col="investment"]').click();
    releaseGrid();
    const view = page.locator('.sheet-view[aria-label="重点工程"]');
    await view.locator('.ag-row-pinned').first().waitFor();
    await view.locator('.first-screen').waitFor({ state: 'detached' });

    const inGrid = await gridRows(10);
    for (const [index, row] of shown.entries()) {
      for (const [key, text] of Object.entries(row)) {
        // Long text the table wraps may break lines differently; compare it without the breaks.
        assert.equal(
          inGrid[index]![key]?.replace(/\s+/g, ''),
          text.replace(/\s+/g, ''),
          `row ${index + 1}, column ${key}`,
        );
      }
    }

    const focused = view.locator('.ag-cell-focus');
    assert.equal(await focused.getAttribute('col-id'), 'investment');
    assert.equal(
      await focused.locator('xpath=ancestor::div[contains(@class,"ag-row")][1]').getAttribute('row-index'),
      '2',
    );

    // Typing goes into that cell, as it would in the grid clicked directly.
    await page.keyboard.type('777');
    await page.keyboard.press('Enter');
    await page.getByTestId('status').filter({ hasText: '已保存' }).waitFor();
    const total = view.locator('.ag-row-pinned [col-id="investment"]').first();
    await total
      .locator('.total-amount')
      .filter({ hasText: /^3,310,250\.59$/ })
      .waitFor();
    assert.match(await total.innerText(), /71\/88 有金额/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'first-screen-grid.png') });
  });

  test('the page ran without console errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });

  test("if the grid's code cannot be loaded, the window says so over the table", async () => {
    const other = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    try {
      await other.route(/\/assets\/SheetGrid-[\w-]+\.js$/, (route) => route.abort());
      await other.goto(`${server.url}#sheet=2`);
      const alert = other.locator('.sheet-view[aria-label="重点工程"] [role="alert"]');
      await alert.waitFor();
      assert.match(await alert.innerText(), /无法显示此部分界面.*could not be shown/s);
      // Shown above the first-screen table, not hidden under it.
      const box = (await alert.boundingBox())!;
      const hit = (await other.evaluate(
        `document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2})?.closest('[role="alert"]') !== null`,
      )) as boolean;
      assert.ok(hit, 'the message is on top');
    } finally {
      await other.close();
    }
  });
});

/**
 * An edit made while a sheet's rows are still arriving: it is saved and shown at once, and stays
 * when the rest arrives (pages asked for before it carry the old value) — without loading the
 * whole sheet again. 2023年量化目标 has 169 rows: the first 100, then 69, which are held back
 * here until the edit is saved.
 */
describe('editing while the rest of a sheet arrives', () => {
  let sample: SampleInChromium;
  let server: SampleInChromium['server'];
  let page: Page;
  let problems: string[] = [];
  let releaseRest: () => void = () => undefined;
  const restHeld = new Promise<void>((resolve) => (releaseRest = resolve));
  const offsets: number[] = [];

  before(async () => {
    sample = await sampleInChromium();
    ({ server, page, problems } = sample);
    await page.route(/\/api\/sheet\.rows$/, async (route) => {
      const { offset } = route.request().postDataJSON() as { offset: number };
      offsets.push(offset);
      if (offset > 0) await restHeld;
      await route.continue();
    });
  });

  after(async () => {
    releaseRest();
    await sample?.close();
  });

  test('the edit is kept when the held rows arrive, and the sheet is not loaded again', async () => {
    await page.goto(`${server.url}#sheet=4`);
    const view = page.locator('.sheet-view[aria-label="2023年量化目标"]');
    const cell = view.locator('.ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id="number"]');
    await cell.waitFor();
    assert.notEqual((await cell.innerText()).trim(), '4321');
    await cell.click();
    await page.keyboard.type('4321');
    await page.keyboard.press('Enter');
    await page.getByTestId('status').filter({ hasText: '已保存' }).waitFor();
    assert.equal((await cell.innerText()).trim(), '4321');

    releaseRest();
    await view.locator('[aria-rowcount="170"], [aria-rowcount="171"]').first().waitFor();
    assert.equal((await cell.innerText()).trim(), '4321', 'the edit survived the rows that came after it');
    assert.deepEqual(offsets, [0, 100], 'one first page, one more page: nothing loaded twice');

    await page.reload();
    await cell.waitFor();
    assert.equal((await cell.innerText()).trim(), '4321', 'and it is in the plan');
  });

  test('the page ran without console errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
