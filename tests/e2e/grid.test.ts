import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';

/**
 * The grid as an Excel user drives it, in Chromium against the browser edition, on a fresh
 * copy of the sample plan: typing, pasting, undo, sorting, copying, reloading, restarting.
 */
describe('editing the grid like a spreadsheet', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'grid.planbench');
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  const grid = () => page.locator('.sheet-view[aria-label="重点工程"]');
  /** The row of project N (by its 序号), wherever sorting or grouping put it. */
  const project = (seq: number): Locator =>
    grid()
      .locator('.ag-row:not(.ag-row-pinned):not(.group-row)')
      .filter({ has: page.locator(`.ag-cell[col-id="seq"]`, { hasText: new RegExp(`^${seq}$`) }) });
  const projectCell = async (seq: number, column: string): Promise<Locator> => {
    const rowIndex = await project(seq).first().getAttribute('row-index');
    return grid().locator(`.ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) .ag-cell[col-id="${column}"]`).first();
  };
  const grandTotal = async () =>
    (await grid().locator('.ag-row-pinned [col-id="investment"]').first().innerText()).split('\n')[0]!.trim();
  const status = () => page.getByTestId('status').innerText();
  const openProjects = async () => {
    await page.getByRole('tab', { name: /重点工程/ }).click();
    await grid().locator('.ag-row:not(.ag-row-pinned):not(.group-row)').first().waitFor();
    await grid().locator('.ag-row-pinned').first().waitFor();
  };
  /** Wait until the pinned 合计 row shows `expectedTotal` (the edit has reached the totals). */
  const settle = async (expectedTotal: string) => {
    await page.waitForFunction(
      (expected: string) => {
        // Runs in the page (this tsconfig has no DOM types, hence the loose typing).
        const page = globalThis as unknown as {
          document: { querySelector(selector: string): { innerText: string } | null };
        };
        const cell = page.document.querySelector(
          '.sheet-view[aria-label="重点工程"] .ag-row-pinned [col-id="investment"]',
        );
        return !!cell && cell.innerText.split('\n')[0]!.trim() === expected;
      },
      expectedTotal,
      { timeout: 10_000 },
    );
  };

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
    server = await servePlan(plan);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.goto(server.url);
    await openProjects();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });

  test('typing an amount into project 2 updates its category subtotal and the grand total exactly', async () => {
    await page.getByLabel('分组').selectOption({ label: '按大类、小类' });
    const safety = grid().locator('.ag-row.group-level-0').filter({ hasText: '生态安全类' }).first();
    await safety.waitFor();
    assert.match(await safety.innerText(), /1,042,783\.59/);

    await (await projectCell(2, 'investment')).click();
    await page.keyboard.type('25000');
    await page.keyboard.press('Enter');
    await settle('3,310,473.59');
    assert.match(await safety.innerText(), /1,043,783\.59/, '生态安全类 rises by exactly 1,000.00');
    assert.match(await safety.innerText(), /21\/24 有金额/);
    assert.equal((await (await projectCell(2, 'investment')).innerText()).trim(), '25,000.00');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-grid-grouped.png') });

    // A value the column cannot read is refused, said in Chinese and English, and not saved.
    await (await projectCell(2, 'investment')).click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.getByTestId('status').filter({ hasText: '不是金额' }).waitFor();
    assert.match(await status(), /is not an amount/);
    assert.equal(await grandTotal(), '3,310,473.59');
    await page.getByLabel('分组').selectOption({ label: '不分组' });
  });

  test('a 3×4 paste from Excel: applied, the bad cell reported, copied back as Excel would; undone as one step', async () => {
    await (await projectCell(1, 'name')).click();
    await page.evaluate(
      'navigator.clipboard.writeText("新名称甲\\t\\"第一行\\r\\n第二行\\"\\t2021-2025\\t1,000.5\\r\\n新名称乙\\t内容乙\\t2022年—2024年\\tabc\\r\\n新名称丙\\t内容丙\\t2023～2025\\t1.2亿\\r\\n")',
    );
    await page.keyboard.press('Control+V');
    // 3,310,473.59 − 4,600 (project 1) + 1,000.5 + 12,000 (project 3 was "/") = 3,318,874.09
    await settle('3,318,874.09');
    const said = await status();
    assert.match(said, /1 个单元格未能读取/);
    assert.match(said, /第 2 行「投资匡算」“abc”/);
    assert.equal((await (await projectCell(1, 'name')).innerText()).trim(), '新名称甲');
    assert.equal((await (await projectCell(1, 'content')).innerText()).trim(), '第一行\n第二行');
    assert.equal((await (await projectCell(2, 'period')).innerText()).trim(), '2022年—2024年');
    assert.equal(
      (await (await projectCell(2, 'investment')).innerText()).trim(),
      '25,000.00',
      'the refused cell kept its value',
    );
    assert.equal((await (await projectCell(3, 'investment')).innerText()).trim(), '12,000.00', '1.2亿 into 万元');
    assert.match(await grid().locator('.ag-row-pinned').first().innerText(), /71\/88 有金额/);

    // Copy the first pasted row back: tab-separated, the multi-line cell quoted, CRLF — like Excel.
    await (await projectCell(1, 'name')).click();
    for (let step = 1; step <= 3; step++) {
      await page.keyboard.press('Shift+ArrowRight');
      await grid().locator('.cell-in-range').nth(step).waitFor({ timeout: 2000 });
    }
    await page.keyboard.press('Control+C');
    const copied = await page.evaluate('navigator.clipboard.readText()');
    assert.equal(copied, '新名称甲\t"第一行\n第二行"\t2021-2025\t1,000.50\r\n');

    await page.keyboard.press('Control+Z');
    await settle('3,310,473.59');
    assert.match(await status(), /已撤销：粘贴/);
    assert.equal((await (await projectCell(1, 'name')).innerText()).trim(), '深化工业园区、企业集群综合治理');
    assert.equal((await (await projectCell(3, 'investment')).innerText()).trim(), '/');
  });

  test('after sorting, undo still reaches an earlier edit', async () => {
    await grid().locator('.ag-header-cell[col-id="investment"] .ag-header-cell-label').click();
    await page.waitForTimeout(300);
    await grid()
      .locator('.ag-header-cell[col-id="investment"]')
      .getAttribute('aria-sort')
      .then((sort) => assert.equal(sort, 'ascending'));
    await grid().locator('.ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id="seq"]').click();
    await page.keyboard.press('Control+Z');
    await settle('3,309,473.59');
    assert.match(await status(), /已撤销/);
    await page.keyboard.press('Control+Y');
    await settle('3,310,473.59');
  });

  test('a reload and a server restart keep every edit, and the undo history still works', async () => {
    await page.reload();
    await openProjects();
    assert.equal(await grandTotal(), '3,310,473.59');
    // A reloaded tab is the same window (its id is kept in the tab's session storage): its undo
    // history is still its own.
    assert.ok(await page.getByRole('button', { name: /撤销/ }).isEnabled());
    const windowId = (await page.evaluate('sessionStorage.getItem("planbench.window")')) as string;

    await server.stop();
    server = await servePlan(plan);
    await page.goto(server.url);
    await openProjects();
    assert.equal(await grandTotal(), '3,310,473.59');
    assert.equal((await (await projectCell(2, 'investment')).innerText()).trim(), '25,000.00');
    // The restarted server is on another port, another origin: this page is a new window there,
    // and the edits of the window before are not its to undo (undo is yours)…
    assert.ok(await page.getByRole('button', { name: /撤销/ }).isDisabled());
    // …but that window's history is in the plan file: undone as that window, and this page sees
    // it through its event stream.
    const undone = await page.evaluate(
      async ([id]) =>
        (await (
          await fetch('./api/history.undo', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'x-planbench-window': id! },
            body: '{}',
          })
        ).json()) as { ok: boolean },
      [windowId] as const,
    );
    assert.ok(undone.ok);
    await settle('3,309,473.59');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-grid-after-restart.png') });
  });

  test('the page asked nothing unexpected', () => {
    assert.deepEqual(dialogs, []);
  });
});
