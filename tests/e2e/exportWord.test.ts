import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import type { PlanStore } from '../../electron/core/store/planStore';
import { launchChromium, tempDir } from '../helpers';
import { docxPart } from '../core/export/word/wordPages';
import { buildComponentPage } from './componentPage';

/**
 * 导出 Word in a real Chromium against the browser edition's server and its CSP: the button
 * downloads the sheet as a Word attachment (the component is bundled on its own).
 */

describe('导出 Word in the browser edition', { timeout: 120_000 }, () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    store = createSamplePlan(path.join(dir, 'sample.planbench'));
    const rendererDir = path.join(dir, 'renderer');
    await buildComponentPage(
      rendererDir,
      [
        "import { createRoot } from 'react-dom/client';",
        "import { ExportWordButton } from './renderer/src/panels/word/ExportWordButton';",
        "const sheetId = Number(new URLSearchParams(location.search).get('sheet'));",
        "createRoot(document.getElementById('root')).render(<ExportWordButton sheetId={sheetId} />);",
      ].join('\n'),
      'word-harness',
    );
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir });
    browser = await launchChromium();
    page = await browser.newPage({ acceptDownloads: true });
    page.on('pageerror', (error) => errors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    cleanup();
  });

  test('the button downloads the sheet as a .docx attachment table', async () => {
    const sheetId = store.listSheets().find((sheet) => sheet.name === '孤独症任务分解表')!.id;
    await page.goto(`${server.url}?sheet=${sheetId}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Word' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), '孤独症任务分解表.docx');
    const file = path.join(dir, 'downloaded.docx');
    await download.saveAs(file);
    const document = await docxPart(file, 'word/document.xml');
    assert.match(document, /<w:t[^>]*>附件1<\/w:t>/);
    assert.match(document, /常州市深化孤独症全程支持服务实施方案任务分解表/);
    assert.equal(document.match(/<w:tblHeader\/>/g)?.length, 1);
    assert.deepEqual(errors, []);
  });
});
