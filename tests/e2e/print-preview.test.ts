import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closePdfRenderer } from '../../electron/core/print/engine';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import type { PlanStore } from '../../electron/core/store/planStore';
import { launchChromium, REPO_ROOT, tempDir } from '../helpers';
import { buildComponentPage } from './componentPage';

/**
 * The print preview component in a real Chromium, against the real browser-edition server and
 * its CSP: it shows the pages in a sandboxed frame, reacts to the options, saves them with the
 * sheet, and exports a PDF the browser downloads. The component is bundled on its own (the app
 * shell that mounts it is not needed to test it).
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'print');

describe('print preview in the browser edition', { timeout: 120_000 }, () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  let autismId: number;

  before(async () => {
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    autismId = store.listSheets().find((sheet) => sheet.name === '孤独症任务分解表')!.id;
    const rendererDir = path.join(dir, 'renderer');
    await buildComponentPage(
      rendererDir,
      "import { createRoot } from 'react-dom/client';\n" +
        "import { PrintPreview } from './renderer/src/panels/print/PrintPreview';\n" +
        "const sheetId = Number(new URLSearchParams(location.search).get('sheet'));\n" +
        "createRoot(document.getElementById('root')).render(<PrintPreview sheetId={sheetId} onClose={() => document.body.setAttribute('data-closed', '1')} />);\n",
      'print-preview-harness',
    );
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await closePdfRenderer();
    store?.close();
    cleanup();
  });

  test('shows the pages, groups by 牵头单位, saves the setup and exports the PDF', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}?sheet=${autismId}`);
    const frame = page.frameLocator('iframe.print-frame');
    await frame.locator('section.page').first().waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.print-preview-info').innerText(), /\d+ 页 · 33 行/);
    assert.match(await frame.locator('section.page').first().innerText(), /第 1 页 共 \d+ 页/);

    await page.locator('label:has-text("分组") select').selectOption('lead');
    await frame.locator('.heading', { hasText: '牵头单位：市教育局' }).first().waitFor({ timeout: 30_000 });
    assert.ok((await page.locator('.print-warnings').innerText()).includes('牵头单位不止一个'));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'preview-grouped.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 PDF' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), '孤独症任务分解表.pdf');
    const saved = path.join(dir, 'downloaded.pdf');
    await download.saveAs(saved);
    const info = execFileSync('pdfinfo', [saved], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+841\.9\d x 59[45]\.\d+ pts/);
    await page.locator('.print-preview-status', { hasText: '已导出' }).waitFor();

    // Exporting saved the setup with the sheet: a fresh preview opens grouped.
    const options = store.getSetting<{ groupBy: string | null }>(`sheet:${autismId}`, 'print');
    assert.equal(options?.groupBy, 'lead');
    assert.equal(
      await page.getByRole('button', { name: '打印…' }).count(),
      0,
      'no Print button outside the desktop app',
    );

    await page.keyboard.press('Escape');
    assert.equal(await page.locator('body').getAttribute('data-closed'), '1');
    assert.deepEqual(errors, []);
  });
});
