import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import type { PlanStore } from '../../electron/core/store/planStore';
import { SCREENSHOTS, launchChromium, tempDir } from '../helpers';
import { buildHarness, pageProblems } from './componentPage';

/**
 * The checks components in a real Chromium, against the real API: the harness page
 * (renderer/src/panels/checks/harness) mounts them on their own, is built here with Vite, and is served
 * by the browser edition's own server (secret, CSP and all) on a fresh copy of the sample plan.
 */

describe('checks panel, dashboard and allocation matrix in Chromium', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  const sheetIds = new Map<string, number>();

  before(async () => {
    const outDir = path.join(dir, 'harness');
    await buildHarness('checks', outDir);
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    for (const sheet of store.listSheets()) sheetIds.set(sheet.name, sheet.id);
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir: outDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
    problems = pageProblems(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    cleanup();
  });

  const rowId = (sheet: string, rowNumber: number) =>
    store.listRows(sheetIds.get(sheet)!, rowNumber - 1, 1).rows[0]!.id;

  test('the checks panel lists the failing checks with their rows; a row link goes to the row', async () => {
    await page.goto(`${server.url}?view=checks`);
    const panel = page.getByRole('region', { name: '检查' });
    const duplicate = panel.locator('li.check-fail', { hasText: '疑似重复：第55行与第71行' });
    await duplicate.waitFor();
    // The duplicate, indicator 1 and indicator 34, and the 2023 tasks overdue (逾期未完成).
    assert.equal(await panel.locator('li.check-fail').count(), 4);
    assert.match(await panel.getByRole('button', { name: /未通过/ }).innerText(), /4/);
    assert.match(
      await panel.locator('li.check-fail', { hasText: '指标 1 ' }).innerText(),
      /记录\s*不达标[\s\S]*计算\s*达标/,
    );

    await duplicate.getByRole('button', { name: /第71行/ }).click();
    assert.equal(
      await page.getByTestId('went-to').innerText(),
      `${sheetIds.get('重点工程')}:${rowId('重点工程', 71)}:`,
    );

    // Passing checks are one click away, with the rounded totals and their exact differences.
    await panel.getByRole('button', { name: /^通过/ }).click();
    const safety = panel.locator('li.check-pass', { hasText: '生态安全类24项，投资104.3亿元（投资额）' });
    assert.match(await safety.innerText(), /差 -0\.021641亿元（四舍五入后相符）/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-checks-panel.png') });
  });

  test('after an edit the panel re-runs and shows the new failure', async () => {
    const sheetId = sheetIds.get('微电网试点分解表')!;
    store.updateCells(
      sheetId,
      [{ rowId: rowId('微电网试点分解表', 1), columnKey: 'y2026', text: '3' }],
      { source: 'user' },
      'abort',
    );
    await page.getByTestId('refresh').click();
    const panel = page.getByRole('region', { name: '检查' });
    await panel.locator('li.check-fail', { hasText: '总计30个' }).waitFor();
    assert.equal(await panel.locator('li.check-fail').count(), 7);
    store.undo();
    await page.getByTestId('refresh').click();
    await panel.locator('li.check-fail', { hasText: '总计30个' }).waitFor({ state: 'detached' });
  });

  test('the dashboard draws its charts, and one saves as a PNG', async () => {
    await page.goto(`${server.url}?view=dashboard`);
    const board = page.getByRole('region', { name: '看板' });
    await board.locator('.chart-card').first().waitFor();
    // 重点工程 and the 年度投资计划 made from it: category, year, unit each; the 42 sharing items by class;
    // the 资金分配表 by unit; indicators; the allocation matrix; the 2023 tasks' statuses over their
    // rounds (asked for on its own, so waited for).
    await board.locator('figure[aria-label="2023年工作方案任务·督查状态"] svg').waitFor();
    assert.equal(await board.locator('.chart-card svg').count(), 11);
    const category = board.locator('.chart-card', { hasText: '重点工程 · 按大类的投资匡算' });
    const categoryText = (await category.locator('svg').textContent()) ?? '';
    assert.match(categoryText, /生态安全类104\.28 亿（24项，3项金额未知）/);
    assert.match(categoryText, /生态制度类金额未知（9项）/, 'no amount is not drawn as 0');
    const indicators = await board.locator('.chart-card', { hasText: '达标情况' }).locator('svg').textContent();
    assert.match(indicators ?? '', /不一致或填写不规范的：2 项/);

    const download = page.waitForEvent('download');
    await category.getByRole('button', { name: '保存为图片' }).click();
    const file = await (await download).path();
    const png = fs.readFileSync(file);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
    assert.ok(png.length > 10_000, `a real picture (${png.length} bytes)`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-checks-dashboard.png'), fullPage: true });
  });

  test('the allocation matrix reconciles to 30; spreading 30 evenly keeps every column at 10', async () => {
    await page.goto(`${server.url}?view=allocation`);
    const panel = page.getByRole('region', { name: '分解矩阵' });
    await panel.getByText('各项合计与目标一致').waitFor();
    assert.match(await panel.locator('tfoot').innerText(), /10\s*目标 10[\s\S]*30\s*目标 30/);

    await panel.getByRole('button', { name: '分摊' }).click();
    await panel.getByText(/已分摊到 21 格/).waitFor();
    await panel.getByText('合计与目标不一致').waitFor();
    assert.match(await panel.locator('tfoot').innerText(), /10\s*目标 10\s*10\s*目标 10\s*10\s*目标 10\s*30\s*目标 30/);
    const cells = await panel.locator('tbody td.num:not(.total)').allInnerTexts();
    assert.deepEqual(cells.map(Number), [...Array(9).fill(2), ...Array(12).fill(1)]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-checks-allocation.png') });
    store.undo();
  });

  test('roll-ups by category, and as a new summary sheet', async () => {
    await page.goto(`${server.url}?view=rollup`);
    const panel = page.getByRole('region', { name: '分类汇总' });
    const first = panel.locator('tbody tr').first();
    await first.waitFor();
    assert.match(await first.innerText(), /生态安全类\s+24\s+27\.27%\s+21\s+3\s+1,042,783\.59\s+31\.51%/);
    assert.match(await panel.locator('tfoot').innerText(), /88\s+70\s+18\s+3,309,473\.59/);
    await panel.getByLabel('分组').selectOption({ label: '建设起止年限' });
    await panel.locator('tbody tr', { hasText: '2020' }).waitFor();
    await panel.getByRole('button', { name: '生成汇总表' }).click();
    await panel.getByText(/已生成汇总表“汇总·重点工程·建设起止年限（起始年份）”/).waitFor();
    assert.ok(store.listSheets().some((sheet) => sheet.name === '汇总·重点工程·建设起止年限（起始年份）'));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-checks-rollup.png') });
  });

  test('by department: everything a unit is involved in, found by its alias', async () => {
    await page.goto(`${server.url}?view=department`);
    const view = page.getByRole('region', { name: '按单位查看' });
    // 13 items, 5 of them projects that the 年度投资计划 lists again.
    await view.getByText(/市自然资源和规划局：共 18 项/).waitFor();
    const projects = view.locator('table', { hasText: '重点工程（5）' });
    await projects.locator('tbody tr').nth(1).click();
    assert.equal(
      await page.getByTestId('went-to').innerText(),
      `${sheetIds.get('重点工程')}:${rowId('重点工程', 31)}:responsible`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-checks-department.png') });
  });

  test('the page ran without console errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
