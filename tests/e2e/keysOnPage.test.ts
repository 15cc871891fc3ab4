import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { apiCall, sampleWorkbench } from './gridPage';

/**
 * A keystroke never falls on the floor: while the focus moves from cell to cell it may rest on
 * the page itself for a moment (a move that scrolls renders the next cell a little later); a
 * character typed then still starts the entry in the grid's active cell. Played here by taking
 * the focus off the cell, then typing as a person does; the stored value is read back.
 */
describe('keys typed while the focus rests on the page', () => {
  const workbench = sampleWorkbench('keys-on-page');
  let page: Page;
  let sheetId = 0;
  const grid = () => page.locator('.sheet-view[aria-label="重点工程"]');
  const cell = (row: number, column: string): Locator =>
    grid().locator(`.ag-row[row-index="${row}"]:not(.ag-row-pinned) .ag-cell[col-id="${column}"]`).first();
  const storedName = async (row: number) => {
    const { rows } = await apiCall<{ rows: { cells: Record<string, { text: string }> }[] }>(page, 'sheet.rows', {
      sheetId,
      offset: 0,
      limit: 10,
    });
    return rows[row]!.cells.name?.text ?? '';
  };
  const blurToPage = () =>
    page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { activeElement: { blur(): void } | null; body: unknown } })
        .document;
      doc.activeElement?.blur();
      return doc.activeElement === doc.body;
    });

  before(async () => {
    page = workbench.page;
    const { sheets } = await apiCall<{ sheets: { id: number; name: string }[] }>(page, 'plan.get', {});
    sheetId = sheets.find((sheet) => sheet.name === '重点工程')!.id;
  });

  test('the first character typed on the page starts the entry in the active cell; none is lost', async () => {
    await cell(2, 'name').click();
    assert.equal(await blurToPage(), true, 'the focus rests on the page');
    await page.keyboard.type('82122号工程');
    await page.keyboard.press('Enter');
    for (let waited = 0; waited < 50 && (await storedName(2)) !== '82122号工程'; waited++)
      await page.waitForTimeout(100);
    assert.equal(await storedName(2), '82122号工程');
  });

  test('not behind a dialog: what is typed there is not for the sheet', async () => {
    const before = await storedName(3);
    await cell(3, 'name').click();
    await page.getByRole('button', { name: '收回…' }).click();
    await page.getByRole('dialog').waitFor();
    await blurToPage();
    await page.keyboard.type('99');
    await page.waitForTimeout(200);
    assert.equal(await grid().locator('.cell-editor textarea').isVisible(), false, 'no entry opened behind the dialog');
    await page.keyboard.press('Escape');
    assert.equal(await storedName(3), before);
  });
});
