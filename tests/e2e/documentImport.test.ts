import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import type { PlanStore } from '../../electron/core/store/planStore';
import type { PolicyDocuments } from '../fixtures/policyDocuments';
import { policyDocuments } from '../fixtures/policyDocuments';
import { SCREENSHOTS, launchChromium, tempDir } from '../helpers';
import { buildHarness, pageProblems } from './componentPage';

/**
 * A policy document picked in the import dialog, in a real Chromium against the real API (the
 * import harness page, served by the browser edition's server on a copy of the sample plan): the
 * 2023 work plan as .docx is previewed as its 47 tasks, corrected (a row merged into the one above,
 * a lead unit re-assigned, a row left out) and imported as one 任务分解 sheet.
 */

describe('policy document in the import dialog', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let documents: PolicyDocuments;

  before(async () => {
    const outDir = path.join(dir, 'harness');
    await buildHarness('import', outDir);
    documents = policyDocuments();
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir: outDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 }, locale: 'zh-CN' });
    problems = pageProblems(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    cleanup();
  });

  test('preview the 47 tasks, merge, re-assign, leave one out, import 45 rows as one action', async () => {
    await page.goto(server.url);
    await page
      .getByRole('dialog', { name: '导入' })
      .getByLabel('选择要导入的文件')
      .setInputFiles(documents.workplan.docx);
    const dialog = page.getByRole('dialog', { name: '分解政策文件' });
    const rows = dialog.getByRole('table', { name: '拟导入的任务' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 47);
    assert.match(await dialog.innerText(), /来源：正文的编号任务；47 行/);
    assert.equal(await rows.nth(0).getByLabel('牵头单位').inputValue(), '市发展和改革委员会');

    // Task 10's next paragraph (10-1) is merged back into it.
    const paragraph = rows.filter({ has: page.locator('input[aria-label="序号"][value="10-1"]') });
    await paragraph.getByRole('button', { name: '并入上一行' }).click();
    await dialog.getByRole('button', { name: '导入 46 项任务' }).waitFor();
    // Task 2's lead re-assigned; task 36 left out.
    const lead = rows.nth(1).getByLabel('牵头单位');
    await lead.fill('市工业和信息化局、市发展和改革委员会');
    await lead.blur();
    await rows.last().getByRole('checkbox').uncheck();
    await dialog.getByLabel('新工作表名称').fill('2023年工作方案任务分解');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'document-import.png') });

    const before = store.latestActionId();
    await dialog.getByRole('button', { name: '导入 45 项任务' }).click();
    await page.getByTestId('imported').filter({ hasText: /\d+/ }).waitFor();
    const sheetId = Number(await page.getByTestId('imported').innerText());
    const sheet = store.getSheet(sheetId);
    assert.equal(sheet.name, '2023年工作方案任务分解');
    assert.equal(sheet.kind, 'tasks');
    assert.equal(store.rowCount(sheetId), 45);
    const stored = store.listRows(sheetId, 0, 50).rows;
    assert.deepEqual(stored[1]!.cells.lead!.value, ['市工业和信息化局', '市发展和改革委员会']);
    const ten = stored.find((row) => row.cells.seq!.text === '10')!;
    assert.match(ten.cells.content!.text, /推动活性炭核查整治全覆盖/);
    assert.ok(!stored.some((row) => row.cells.seq!.text === '36'));
    // The sheet and its rows are one action after the one before.
    assert.equal(store.history(2)[1]!.id, before);
    assert.deepEqual(problems, []);
  });

  test('a policy document saved as .txt goes to the breakdown too (in GBK as well); a table saved as .txt does not', async () => {
    await page.goto(server.url);
    const picker = page.getByRole('dialog', { name: '导入' }).getByLabel('选择要导入的文件');
    await picker.setInputFiles(documents.workplan.gbk);
    const dialog = page.getByRole('dialog', { name: '分解政策文件' });
    const rows = dialog.getByRole('table', { name: '拟导入的任务' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 47);

    await page.goto(server.url);
    const table = path.join(dir, 'projects-table.txt');
    fs.writeFileSync(table, '序号\t项目名称\t投资匡算（万元）\n1\t甲工程\t100\n2\t乙工程\t200\n');
    await page.getByRole('dialog', { name: '导入' }).getByLabel('选择要导入的文件').setInputFiles(table);
    await page.getByRole('dialog', { name: '导入' }).getByText('甲工程').first().waitFor();
    assert.equal(await page.getByRole('dialog', { name: '分解政策文件' }).count(), 0);
  });
});
