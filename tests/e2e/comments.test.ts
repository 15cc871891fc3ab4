import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { SCREENSHOTS } from '../helpers';
import { sampleWorkbench } from './gridPage';

/**
 * Comments (批注) in the grid, as Excel shows them: Shift+F2 on a cell opens its comment, a red
 * triangle marks the commented cell, hovering reads the text with its author; a comment on the
 * 序号 cell is the row's; the right-click menu edits and deletes; all of it is still there after
 * reloading the page.
 */
describe('comments in the grid', () => {
  const workbench = sampleWorkbench('comments');
  const grid = () => workbench.page.locator('.sheet-view[aria-label="重点工程"]');
  const cell = (rowIndex: number, column: string) =>
    grid().locator(`.ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) [col-id="${column}"]`);
  const triangleOf = (rowIndex: number, column: string) =>
    cell(rowIndex, column).evaluate((element) => {
      type Style = { content: string; borderRightColor: string; borderRightWidth: string };
      const view = globalThis as unknown as { getComputedStyle(element: unknown, pseudo: string): Style };
      const after = view.getComputedStyle(element, '::after');
      return { content: after.content, color: after.borderRightColor, width: after.borderRightWidth };
    });

  test('Shift+F2 adds a comment; the red corner marks it; hovering reads it with its author; a reload keeps it', async () => {
    const { page } = workbench;
    await cell(1, 'investment').click();
    await page.keyboard.press('Shift+F2');
    const editor = page.getByRole('dialog', { name: '批注' });
    await editor.waitFor();
    assert.match(await editor.locator('h2').innerText(), /插入批注 · 投资匡算/);
    await page.keyboard.type('含中央预算内资金1200万元');
    await page.keyboard.press('Control+Enter');
    await editor.waitFor({ state: 'detached' });
    await cell(1, 'investment').and(page.locator('.cell-commented')).waitFor();
    const mark = await triangleOf(1, 'investment');
    assert.equal(mark.content, '""', 'a corner mark is drawn');
    assert.equal(mark.color, 'rgb(220, 38, 38)', 'in red');
    assert.equal(await grid().locator('.cell-commented').count(), 1, 'only the commented cell is marked');

    // The row's own comment, written on its 序号 cell.
    await cell(3, 'seq').click();
    await page.keyboard.press('Shift+F2');
    await editor.waitFor();
    assert.match(await editor.locator('h2').innerText(), /插入批注 · 整行/);
    await page.keyboard.type('前期工作滞后，需督办');
    await editor.getByRole('button', { name: '确定' }).click();
    await cell(3, 'seq').and(page.locator('.cell-commented')).waitFor();

    await cell(1, 'investment').hover();
    const tooltip = page.locator('.ag-tooltip');
    await tooltip.waitFor();
    const tip = await tooltip.innerText();
    assert.match(tip, /^批注 · \S+ · \d{4}-\d\d-\d\d/, 'headed with the author and the time');
    assert.match(tip, /含中央预算内资金1200万元/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-comments-hover.png') });

    await page.reload();
    await page.getByRole('tab', { name: /重点工程/ }).click();
    await cell(1, 'investment').and(page.locator('.cell-commented')).waitFor();
    await cell(3, 'seq').and(page.locator('.cell-commented')).waitFor();
    await cell(3, 'seq').hover();
    await tooltip.waitFor();
    assert.match(await tooltip.innerText(), /^整行批注 · [\s\S]*前期工作滞后，需督办/);
  });

  test('the right-click menu edits and deletes a comment; Ctrl+Z brings it back', async () => {
    const { page } = workbench;
    await cell(1, 'investment').click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: /编辑批注/ }).click();
    const editor = page.getByRole('dialog', { name: '批注' });
    const text = editor.getByRole('textbox', { name: '批注内容' });
    assert.equal(await text.inputValue(), '含中央预算内资金1200万元');
    await text.fill('含中央预算内资金1500万元');
    await editor.getByRole('button', { name: '确定' }).click();
    await editor.waitFor({ state: 'detached' });

    await cell(1, 'investment').click({ button: 'right' });
    await menu.getByRole('menuitem', { name: /删除批注/ }).click();
    // The deleted comment's corner goes; the row's own comment stays. (A locator, not waitForFunction:
    // the page's CSP allows no string evaluated as script.)
    await cell(1, 'investment').and(page.locator('.cell-commented')).waitFor({ state: 'detached' });
    assert.equal(await grid().locator('.cell-commented').count(), 1);
    await page.keyboard.press('Control+z');
    await cell(1, 'investment').and(page.locator('.cell-commented')).waitFor();
    await cell(1, 'investment').hover();
    await page.locator('.ag-tooltip', { hasText: '1500万元' }).waitFor();
  });
});
