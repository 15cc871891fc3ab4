import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { dispatch } from '../../electron/core/api/dispatch';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import type { PlanStore } from '../../electron/core/store/planStore';
import type { ApiOutput } from '../../shared/contract/contract';
import { decimalToFen, fenToDecimal } from '../../shared/values/money';
import { launchChromium, REPO_ROOT, tempDir } from '../helpers';
import { buildComponentPage } from './componentPage';
import { editSendOut } from '../core/exchange/exchange-libreoffice';
import { madeBytes, saveToFolder } from '../fileRefs';

/**
 * The collect dialog in a real Chromium: a returned 完成投资 over the project's 投资匡算 is shown
 * with its warning and left unticked; the user can tick it and accept it knowingly.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'exchange');
const DEPARTMENT = '市住房和城乡建设局';

describe('collect warnings in the browser edition', { timeout: 180_000 }, () => {
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
        "import { CollectDialog } from './renderer/src/panels/exchange/CollectDialog';",
        "const sheetId = Number(new URLSearchParams(location.search).get('sheet'));",
        "const done = (what) => () => document.body.setAttribute('data-' + what, '1');",
        "createRoot(document.getElementById('root')).render(<CollectDialog sheetId={sheetId} onClose={done('closed')} onApplied={done('applied')} />);",
      ].join('\n'),
      'collect-warnings-harness',
    );
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    cleanup();
  });

  test('完成投资 over 投资匡算: warned, not ticked, accepted only when ticked', async () => {
    const response = await dispatch({ store, edition: 'cli' }, 'sendout.create', {
      sheetId: projects,
      departments: [DEPARTMENT],
      package: 'files',
      saveTo: saveToFolder(),
    });
    assert.ok(response.ok);
    const created = response.result as ApiOutput<'sendout.create'>;
    const sent = path.join(dir, 'sent.xlsx');
    fs.writeFileSync(sent, madeBytes(created.files[0]!.file));
    const own = store
      .listRows(projects, 0, 100)
      .rows.filter((row) => (row.cells.responsible?.value as string[])[0] === DEPARTMENT);
    const budget = own[0]!.cells.investment!.value as string;
    const over = fenToDecimal(decimalToFen(budget, '万元')! + 180_000_000n, '万元');
    const returned = path.join(dir, '住建局返回.xlsx');
    await editSendOut(sent, returned, {
      cells: [
        [1, '完成投资', Number(over)],
        [2, '进展情况', '主体完工'],
      ],
    });

    await page.goto(`${server.url}?sheet=${projects}`);
    await page.locator('input[type=file]').setInputFiles(returned);
    await page.getByTestId('collect-summary').waitFor();
    const warning = page.getByTestId('collect-warning');
    assert.equal(await warning.count(), 1);
    assert.match(await warning.innerText(), /超出限度：完成投资 .* 万元超过投资匡算 .* 万元（多 180 万元）/);
    assert.match(await page.locator('body').innerText(), /有 1 处填报值超出填报说明的限度/);
    const doneBox = page.getByRole('checkbox', { name: /完成投资（万元）$/ });
    assert.equal(await doneBox.isChecked(), false, 'a warned value is not ticked by default');
    assert.equal(await page.getByRole('checkbox', { name: /进展情况$/ }).isChecked(), true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'collect-warning.png') });

    await doneBox.check();
    await page.getByRole('button', { name: '采用所选（2）' }).click();
    await page.getByTestId('collect-result').waitFor();
    const done = store.columns(projects).find((column) => column.name === '完成投资')!;
    assert.equal(
      store.listRows(projects, 0, 100).rows.find((row) => row.id === own[0]!.id)!.cells[done.key]?.value,
      over,
    );
    assert.deepEqual(errors, []);
  });
});
