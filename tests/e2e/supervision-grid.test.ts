import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';
import { apiCall } from './gridPage';

/**
 * 督查's 状态 column inside the grid, on the sample's 2023 tasks: a status per row from the same
 * rule as `planbench progress`, coloured, changing when a 完成率 is typed, and the panel's status
 * filter (several statuses at once) applied to the grid's rows.
 */
describe('the grid’s 状态 column', { timeout: 120_000 }, () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'status-column.planbench');
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  const grid = () => page.locator('.sheet-view[aria-label="2023年工作方案任务"]');
  const statusCell = (row: number): Locator =>
    grid().locator(`.ag-row[row-index="${row}"]:not(.ag-row-pinned) .ag-cell[col-id="__supervisionStatus"]`).first();
  const background = (cell: Locator) =>
    cell.evaluate(
      (element) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(
          element,
        ).backgroundColor,
    );
  /** The status cell's text once it is `text` (the statuses are read again after the edit is saved). */
  const statusBecomes = async (row: number, text: string) => {
    await grid()
      .locator(`.ag-row[row-index="${row}"]:not(.ag-row-pinned) .ag-cell[col-id="__supervisionStatus"]`, {
        hasText: new RegExp(`^${text}$`),
      })
      .first()
      .waitFor();
    return statusCell(row).innerText();
  };

  before(async () => {
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

  test('a typed 完成率 changes the row’s status and colour; 滞后 + 严重滞后 leaves only those rows', async () => {
    await page.getByRole('tab', { name: /2023年工作方案任务/ }).click();
    await grid().locator('.ag-header-cell[col-id="__supervisionStatus"]', { hasText: '状态' }).waitFor();
    await page.getByRole('button', { name: /^督查/ }).click();
    const panel = page.locator('section.sv-panel');
    // Row 1 (开展绿色低碳循环发展专项行动, due in 2023, 40% done): 逾期 today, as the CLI says.
    const cli = await runPlanbench(['progress', plan, '--sheet', '2023年工作方案任务', '--json']);
    const first = (JSON.parse(cli.stdout) as { rows: { seq: string; status: string }[] }).rows[0]!;
    assert.deepEqual([first.seq, first.status], ['1', 'overdue']);
    // Clicking the row in the panel brings its 完成率 cell (next to 状态) into view; typed into, it is saved.
    await panel.locator('tbody tr').first().click();
    assert.equal(await statusBecomes(0, '逾期'), '逾期');
    assert.equal(await background(statusCell(0)), 'rgb(139, 26, 26)', 'dark red for 逾期');

    await grid().locator('.ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id="rate"]').first().click();
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    assert.equal(await statusBecomes(0, '已完成'), '已完成');
    assert.equal(await background(statusCell(0)), 'rgb(214, 239, 220)', 'green for 已完成');

    // The third-quarter round: its figures, and the filter picked in the panel applies to the grid.
    await panel.getByLabel('报送轮次').selectOption({ label: '2023年第3季度' });
    await panel.getByText('对比2023年第2季度').waitFor();
    assert.equal(await statusBecomes(0, '严重滞后'), '严重滞后', 'the round reported 40%');
    const behind = Number((await panel.getByRole('button', { name: /^滞后 \d+$/ }).innerText()).split(' ')[1]);
    const serious = Number((await panel.getByRole('button', { name: /^严重滞后 \d+$/ }).innerText()).split(' ')[1]);
    assert.ok(behind > 0 && serious > 0, `${behind} behind and ${serious} seriously behind in the round`);
    await panel.getByRole('button', { name: /^滞后 \d+$/ }).click();
    await panel.getByRole('button', { name: /^严重滞后 \d+$/ }).click();
    const rows = await runPlanbench(['rows', plan, '--sheet', '2023年工作方案任务', '--json']);
    const total = (JSON.parse(rows.stdout) as { rows: unknown[] }).rows.length;
    await page.getByText(`筛选后显示 ${behind + serious} 行 / 共 ${total} 行`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-supervision-grid.png') });
    const shown = await grid()
      .locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="__supervisionStatus"]')
      .allInnerTexts();
    assert.ok(shown.length >= 3, `${shown.length} rows drawn`);
    assert.deepEqual([...new Set(shown)].sort(), ['滞后', '严重滞后'].sort(), 'only the chosen statuses are shown');

    await panel.getByRole('button', { name: '全部' }).click();
    await page.getByText(`共 ${total} 行`, { exact: true }).waitFor();
  });

  test('the thresholds are changed in the panel: a bad value is refused with the reason, a good one re-colours', async () => {
    const panel = page.locator('section.sv-panel');
    const seriousCount = async () =>
      Number((await panel.getByRole('button', { name: /^严重滞后 \d+$/ }).innerText()).split(' ')[1]);
    const before = await seriousCount();
    await panel.getByLabel('滞后阈值', { exact: true }).fill('40');
    await panel.getByRole('button', { name: '保存阈值' }).click();
    await panel
      .getByRole('alert')
      .getByText(/滞后阈值（40）须小于严重滞后阈值（30）.*must be below/)
      .waitFor();
    await panel.getByLabel('滞后阈值', { exact: true }).fill('5');
    await panel.getByLabel('严重滞后阈值').fill('12');
    await panel.getByRole('button', { name: '保存阈值' }).click();
    await panel.getByRole('button', { name: new RegExp(`^严重滞后 (?!${before}$)\\d+$`) }).waitFor();
    assert.ok((await seriousCount()) > before, 'the rows 14.8 points behind are 严重滞后 beyond 12');
    assert.equal(await panel.getByRole('alert').count(), 0);
    const { actions } = await apiCall<{ actions: { label: string }[] }>(page, 'history.list', { limit: 1 });
    assert.match(actions[0]?.label ?? '', /督查阈值改为滞后 5、严重滞后 12 个百分点/, 'one action in the change log');
  });

  test('a round sent out and not returned: its 回收情况 offers the 催报 list as a printable PDF', async () => {
    const panel = page.locator('section.sv-panel');
    const { rounds } = await apiCall<{ rounds: { id: number; name: string }[] }>(page, 'rounds.list', {});
    const q2 = rounds.find((round) => round.name === '2023年第2季度')!;
    await apiCall(page, 'rounds.sendout', { roundId: q2.id, package: 'zip' });
    await panel.getByLabel('报送轮次').selectOption({ label: '2023年第2季度' });
    await panel.getByText(/回收情况：已报 0\/\d+/).waitFor();
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: '打印页（PDF）' }).click();
    const file = await (await download).path();
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.match(text, /2023年工作方案任务2023年第2季度催报清单/);
    assert.match(text, /逾期未报单位/);
    assert.match(text, /第1页共\d+页/);
  });

  test('the dashboard charts each department’s statuses over the rounds', async () => {
    await page.getByRole('button', { name: '仪表盘' }).click();
    const chart = page.locator('figure[aria-label="2023年工作方案任务·督查状态"] svg');
    await chart.waitFor();
    const text = await chart.textContent();
    for (const words of ['2023年第2季度', '2023年第3季度', '当前', '全部', '市生态环境局', '严重滞后', '逾期']) {
      assert.ok(text?.includes(words), words);
    }
    // Bars in the status colours: the 2023 tasks are overdue now, so dark red is drawn.
    assert.ok((await chart.locator('rect[fill="#8b1a1a"]').count()) > 1);
    await chart.screenshot({ path: path.join(SCREENSHOTS, 'e2e-supervision-dashboard.png') });
  });
});
