import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { bufferSource } from '../../electron/core/formats/byteSource';
import { openZip, readEntry } from '../../electron/core/formats/zip';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import type { PlanStore } from '../../electron/core/store/planStore';
import { launchChromium, REPO_ROOT, tempDir } from '../helpers';
import { buildComponentPage } from './componentPage';
import { editSendOut } from '../core/exchange/exchange-libreoffice';

/**
 * Export, send-out and collect-back in a real Chromium against the browser edition's server
 * and its CSP. The components are bundled on their own (the lead's app shell mounts them):
 * ?view=export|sendout|collect|status picks one.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'exchange');
const DEPARTMENT = '市住房和城乡建设局';

describe('exchange in the browser edition', { timeout: 180_000 }, () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  let projects: number;
  const errors: string[] = [];

  before(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    projects = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    const rendererDir = path.join(dir, 'renderer');
    await buildComponentPage(
      rendererDir,
      [
        "import { createRoot } from 'react-dom/client';",
        "import { ExportButton } from './renderer/src/panels/exchange/ExportButton';",
        "import { SendOutDialog } from './renderer/src/panels/exchange/SendOutDialog';",
        "import { CollectDialog } from './renderer/src/panels/exchange/CollectDialog';",
        "import { ReturnsStatus } from './renderer/src/panels/exchange/ReturnsStatus';",
        'const query = new URLSearchParams(location.search);',
        "const sheetId = Number(query.get('sheet'));",
        "const done = (what) => () => document.body.setAttribute('data-' + what, String(Number(document.body.getAttribute('data-' + what) ?? 0) + 1));",
        "const views = { export: <ExportButton sheetId={sheetId} />, sendout: <SendOutDialog sheetId={sheetId} onClose={done('closed')} onApplied={done('applied')} />, collect: <CollectDialog sheetId={sheetId} onClose={done('closed')} onApplied={done('applied')} />, status: <ReturnsStatus sheetId={sheetId} /> };",
        "createRoot(document.getElementById('root')).render(views[query.get('view')]);",
      ].join('\n'),
      'exchange-harness',
    );
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (error) => errors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    cleanup();
  });

  test('the export button downloads the sheet as a workbook', async () => {
    await page.goto(`${server.url}?view=export&sheet=${projects}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), '重点工程.xlsx');
    const file = path.join(dir, 'exported.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    assert.equal(book.worksheets[0]!.name, '重点工程');
  });

  test('send out, collect one return cell by cell, and see it in the status', async () => {
    await page.goto(`${server.url}?view=sendout&sheet=${projects}`);
    await page.getByRole('checkbox', { name: DEPARTMENT }).waitFor();
    await page.getByRole('checkbox', { name: '推进状态' }).check();
    // 各辖市区人民政府 leads three projects: the dialog says it goes to its six members.
    assert.match(
      await page.getByTestId('sendout-expanded').innerText(),
      /“各辖市区人民政府”（3 行）下发给其 6 个成员单位：溧阳市人民政府、金坛区人民政府/,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sendout.png') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /生成并下载（23 个单位）/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^重点工程_下发_\d{8}\.zip$/);
    const zipFile = path.join(dir, 'sent.zip');
    await download.saveAs(zipFile);
    await page.getByText('已生成 23 个单位的填报表').waitFor();

    const zip = await openZip(bufferSource('sent.zip', fs.readFileSync(zipFile)));
    const entry = [...zip.entries.values()].find((candidate) => candidate.name.includes(DEPARTMENT))!;
    const sent = path.join(dir, 'sent.xlsx');
    fs.writeFileSync(sent, await readEntry(zip, entry, 64 * 1024 * 1024));
    const returned = path.join(dir, '住建局返回.xlsx');
    await editSendOut(sent, returned, {
      cells: [
        [1, '进展情况', '主体完工'],
        [1, '推进状态', '推进中'],
        [2, '完成投资', 300],
        [6, '项目名称', '新增的项目'],
      ],
    });

    await page.goto(`${server.url}?view=collect&sheet=${projects}`);
    await page.locator('input[type=file]').setInputFiles(returned);
    const summary = page.getByTestId('collect-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /提议修改 3，冲突 0，锁定列被改 0，不能采用 0，新增行 1/);
    assert.equal(await page.locator('tr[data-kind=proposed]').count(), 3);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'collect.png') });
    // Leave 完成投资 and the added row out: only the two ticked cells are applied.
    await page.getByRole('checkbox', { name: /完成投资（万元）$/ }).uncheck();
    await page.locator('tr[data-kind=insert]').getByRole('checkbox').uncheck();
    await page.getByRole('button', { name: '采用所选（2）' }).click();
    await page.getByTestId('collect-result').waitFor();
    assert.match(
      await page.getByTestId('collect-result').innerText(),
      /已合并 2 个单元格、0 行新增，新建列：进展情况、推进状态/,
    );
    assert.equal(await page.locator('body').getAttribute('data-applied'), '1');
    const [action] = store.history(1);
    assert.equal(action!.source, 'merge');
    assert.match(action!.detail, /市住房和城乡建设局 · 住建局返回\.xlsx/);

    await page.goto(`${server.url}?view=status&sheet=${projects}`);
    await page.getByText('已收回 1/23').waitFor();
    const row = page.locator('tr', { hasText: DEPARTMENT });
    assert.match(await row.innerText(), /已收回.*\s2$/s);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'status.png') });
    assert.deepEqual(errors, []);
  });
});
