import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import type { PlanStore } from '../../electron/core/store/planStore';
import { convertWithLibreOffice } from '../fixtures/libreoffice';
import { PROJECTS_EXPECTED, projectsLayout } from '../fixtures/seedLayouts';
import { writeCsv, writeExcelJs } from '../fixtures/writers';
import { SCREENSHOTS, launchChromium, tempDir } from '../helpers';
import { buildHarness, pageProblems } from './componentPage';

/**
 * The import wizard in a real Chromium against the real API: the harness page mounts it alone and
 * is served by the browser edition's server on a copy of the sample plan. A department's 88-project
 * table with one unreadable amount is picked, previewed as a 重点工程 sheet, corrected and imported;
 * a GB18030 CSV is dropped onto the window; a WPS .et (an Excel 97-2003 workbook) is picked.
 */

describe('import wizard in Chromium', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  let problems: string[] = [];
  let workbook: string;
  let csv: string;
  let legacy: string;

  before(async () => {
    const outDir = path.join(dir, 'harness');
    await buildHarness('import', outDir);
    const layout = projectsLayout();
    layout.rows[6]![6] = '一百万';
    workbook = path.join(dir, '重点工程（部门报送）.xlsx');
    await writeExcelJs(layout, workbook);
    csv = path.join(dir, '重点工程.csv');
    writeCsv(projectsLayout(), csv, 'gb18030');
    const original = path.join(dir, 'legacy-projects.xlsx');
    await writeExcelJs(projectsLayout(), original);
    legacy = path.join(dir, '重点工程（旧格式）.et');
    fs.copyFileSync(convertWithLibreOffice([original], 'xls')[0]!, legacy);
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

  test('pick a workbook, map it onto a 重点工程 sheet, correct a cell, import all 88 rows', async () => {
    await page.goto(server.url);
    const wizard = page.getByRole('dialog', { name: '导入' });
    await wizard.getByLabel('选择要导入的文件').setInputFiles(workbook);
    await wizard.locator('.import-grid tbody tr').first().waitFor();
    await wizard.getByLabel('类型').selectOption('projects');
    await wizard.getByLabel('名称').fill('部门报送的重点工程');
    await wizard.getByRole('button', { name: '重新预览' }).click();
    await wizard.locator('.import-grid th', { hasText: '投资匡算（万元）' }).waitFor();

    const summary = wizard.getByRole('region', { name: '导入摘要' });
    assert.match(await summary.innerText(), /导入 88 行/);
    assert.match(await summary.locator('.import-totals').innerText(), /3309473\.59/);
    assert.match(await summary.innerText(), /无法读取（将留空）\s*1/);
    assert.match(await wizard.getByRole('button', { name: /^导入 88 行/ }).innerText(), /1 格留空/);
    const mapping = wizard.getByRole('region', { name: '表头与列对应' });
    assert.equal(await mapping.getByLabel('第 H 列导入到').inputValue(), 'responsible');
    assert.ok((await wizard.locator('td.carried').count()) > 50, 'carried cells are marked');

    const bad = wizard.locator('td.mark-error').first();
    assert.match(await bad.innerText(), /一百万/);
    await bad.click();
    const editor = wizard.getByLabel(/第 7 行 投资匡算 的修改/);
    await editor.fill('100');
    await editor.press('Enter');
    await wizard.locator('td.mark-fixed', { hasText: '100' }).waitFor();
    assert.doesNotMatch(await wizard.getByRole('button', { name: /^导入 88 行/ }).innerText(), /留空/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'import-wizard.png') });

    await wizard.getByRole('button', { name: /^导入 88 行/ }).click();
    await page.getByTestId('imported').filter({ hasText: /\d+/ }).waitFor();
    const sheetId = Number(await page.getByTestId('imported').innerText());
    const sheet = store.getSheet(sheetId);
    assert.equal(sheet.name, '部门报送的重点工程');
    assert.equal(store.rowCount(sheetId), 88);
    assert.equal(store.listRows(sheetId, 2, 1).rows[0]!.cells.investment?.value, '100');
    assert.equal(store.history(1)[0]!.detail, '重点工程（部门报送）.xlsx');
    assert.deepEqual(problems, []);
  });

  test('update 重点工程 by 序号: only the changed cell is shown as a change, old → new', async () => {
    const layout = projectsLayout();
    layout.rows[5]![6] = 25000; // project 2: 24000 → 25000
    const file = path.join(dir, '重点工程（第二季度）.xlsx');
    await writeExcelJs(layout, file);
    await page.goto(server.url);
    const wizard = page.getByRole('dialog', { name: '导入' });
    await wizard.getByLabel('选择要导入的文件').setInputFiles(file);
    await wizard.locator('.import-grid tbody tr').first().waitFor();
    await wizard.getByLabel('按键列更新已有行').check();
    await wizard.getByLabel('目标工作表').selectOption({ label: '重点工程（88 行）' });
    const summary = wizard.getByRole('region', { name: '导入摘要' });
    await summary.getByText(/更新 1 行（1 格），无变化 87 行/).waitFor();
    await wizard.getByLabel('显示哪些行').selectOption('changes');
    // The window of rows is replaced by the one changed row.
    await wizard.locator('.import-grid tbody tr').nth(1).waitFor({ state: 'detached' });
    assert.equal(await wizard.locator('.import-grid tbody tr').count(), 1);
    assert.match(await wizard.locator('td.changed').innerText(), /24000 → 25000/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'import-wizard-update.png') });
    await wizard.getByRole('button', { name: /^导入 1 行/ }).click();
    await page.getByTestId('imported').filter({ hasText: /\d+/ }).waitFor();
    const sheetId = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    assert.equal(store.listRows(sheetId, 1, 1).rows[0]!.cells.investment?.value, '25000');
    assert.deepEqual(problems, []);
  });

  test('update: the target defaults to the sheet the file fits (重点工程, not the first sheet); the wrong sheet is refused', async () => {
    const file = path.join(dir, '重点工程（核对）.xlsx');
    await writeExcelJs(projectsLayout(), file);
    const indicatorsId = store.listSheets().find((sheet) => sheet.name === '指标体系')!.id;
    const indicatorsBefore = store.listRows(indicatorsId, 0, 100).rows;
    await page.goto(server.url);
    const wizard = page.getByRole('dialog', { name: '导入' });
    await wizard.getByLabel('选择要导入的文件').setInputFiles(file);
    await wizard.locator('.import-grid tbody tr').first().waitFor();
    await wizard.getByLabel('按键列更新已有行').check();
    const summary = wizard.getByRole('region', { name: '导入摘要' });
    await summary.getByText(/无变化 8[78] 行/).waitFor();
    assert.equal(
      await wizard.getByLabel('目标工作表').inputValue(),
      String(store.listSheets().find((sheet) => sheet.name === '重点工程')!.id),
    );
    assert.equal(await wizard.getByRole('alert').count(), 0);

    await wizard.getByLabel('目标工作表').selectOption({ label: '指标体系（58 行）' });
    const refusal = wizard.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /键列“序号”与工作表“指标体系”不符/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'import-wizard-wrong-target.png') });
    assert.equal(await wizard.getByRole('button', { name: /^导入/ }).isDisabled(), true, 'nothing can be written');
    assert.deepEqual(store.listRows(indicatorsId, 0, 100).rows, indicatorsBefore);
    assert.deepEqual(problems, []);
  });

  test('drop a GB18030 CSV onto the window: its encoding is detected and shown', async () => {
    await page.goto(server.url);
    const bytes = fs.readFileSync(csv).toString('base64');
    const transfer = await page.evaluateHandle(
      ({ name, data }) => {
        const binary = atob(data);
        const array = Uint8Array.from(binary, (char) => char.charCodeAt(0));
        // Runs in the page: DataTransfer is a browser global the Node typings do not declare.
        const Transfer = (globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } })
          .DataTransfer;
        const dataTransfer = new Transfer();
        dataTransfer.items.add(new File([array], name, { type: 'text/csv' }));
        return dataTransfer;
      },
      { name: path.basename(csv), data: bytes },
    );
    await page.dispatchEvent('.import-wizard', 'drop', { dataTransfer: transfer });
    const wizard = page.getByRole('dialog', { name: '导入' });
    await wizard.locator('.import-format', { hasText: 'GB18030' }).waitFor();
    await wizard.locator('.import-grid td', { hasText: '深化工业园区、企业集群综合治理' }).first().waitFor();
    assert.equal(
      await wizard.getByLabel('名称').inputValue(),
      '重点工程（2）',
      'the new sheet is named after the file, without clashing',
    );
    assert.deepEqual(problems, []);
  });

  test('pick a WPS .et (Excel 97-2003 inside): previewed and imported like the .xlsx, 88 rows and the exact total', async () => {
    await page.goto(server.url);
    const wizard = page.getByRole('dialog', { name: '导入' });
    await wizard.getByLabel('选择要导入的文件').setInputFiles(legacy);
    await wizard.locator('.import-format', { hasText: 'xls' }).waitFor();
    await wizard.getByLabel('类型').selectOption('projects');
    await wizard.getByLabel('名称').fill('旧格式的重点工程');
    await wizard.getByRole('button', { name: '重新预览' }).click();
    await wizard.locator('.import-grid th', { hasText: '投资匡算（万元）' }).waitFor();
    const summary = wizard.getByRole('region', { name: '导入摘要' });
    assert.match(await summary.innerText(), /导入 88 行/);
    assert.match(await summary.locator('.import-totals').innerText(), /3309473\.59/);
    await wizard.getByRole('button', { name: /^导入 88 行/ }).click();
    await page.getByTestId('imported').filter({ hasText: /\d+/ }).waitFor();
    const sheetId = Number(await page.getByTestId('imported').innerText());
    assert.equal(store.getSheet(sheetId).name, '旧格式的重点工程');
    const money = store.totals(sheetId).find((column) => column.columnKey === 'investment')!;
    assert.deepEqual(
      [store.rowCount(sheetId), money.sum, money.unknown],
      [PROJECTS_EXPECTED.rows, PROJECTS_EXPECTED.total, PROJECTS_EXPECTED.unknown],
    );
    assert.deepEqual(problems, []);
  });
});
