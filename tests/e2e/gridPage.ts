import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, runPlanbench, servePlan, tempDir } from '../helpers';

/**
 * Calls the plan's API from inside the page, the way the workbench itself does (same origin,
 * the per-launch secret in the page's URL): what a test reads back is what the plan stores.
 */
export async function apiCall<T>(page: Page, name: string, input: unknown): Promise<T> {
  const answer = (await page.evaluate(
    async ([call, body]) => {
      const response = await fetch(`./api/${call}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as unknown;
    },
    [name, input] as const,
  )) as { ok: boolean; result?: T; error?: unknown };
  if (!answer.ok) throw new Error(`${name} failed: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

export interface GridFocus {
  row: number;
  col: string;
}

/**
 * The grid cell that has the keyboard focus: its displayed row index and column key. With
 * `expected`, waits up to five seconds for the focus to get there — a move far down the sheet
 * lands once the grid has drawn the rows it scrolled to, which a loaded machine takes a while
 * to do — and returns where the focus is then, for the assertion that follows to report.
 */
export async function focusedCell(page: Page, expected?: GridFocus): Promise<GridFocus | null> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const focus = await focusNow(page);
    const arrived = focus !== null && focus.row === expected?.row && focus.col === expected.col;
    if (!expected || arrived || Date.now() > deadline) return focus;
    await page.waitForTimeout(50);
  }
}

/** Asserts that the keyboard focus gets to `expected` (waiting as `focusedCell` does). */
export async function assertFocus(page: Page, expected: GridFocus, message?: string): Promise<void> {
  assert.deepEqual(await focusedCell(page, expected), expected, message);
}

function focusNow(page: Page): Promise<GridFocus | null> {
  return page.evaluate(() => {
    const active = (
      globalThis as unknown as {
        document: {
          activeElement: { closest(selector: string): { getAttribute(name: string): string | null } | null } | null;
        };
      }
    ).document.activeElement;
    const cell = active?.closest('.ag-cell');
    const row = active?.closest('.ag-row');
    if (!cell || !row) return null;
    return { row: Number(row.getAttribute('row-index')), col: cell.getAttribute('col-id') ?? '' };
  });
}

/** A fresh copy of the sample plan in the browser edition, open on 重点工程 in Chromium. */
export interface SampleWorkbench {
  page: Page;
  /** Messages of browser dialogs (confirm, prompt), which the workbench must never show. */
  nativeDialogs: string[];
}

/**
 * Registers the hooks (in the calling describe) that start a copy of the sample plan, serve it
 * and open 重点工程 in Chromium; the returned object's `page` is set once they have run.
 */
export function sampleWorkbench(
  name: string,
  options: { viewport?: { width: number; height: number }; clipboard?: boolean } = {},
): SampleWorkbench {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, `${name}.planbench`);
  const workbench = { nativeDialogs: [] as string[] } as SampleWorkbench;
  let server: { url: string; stop: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
    server = await servePlan(plan);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1600, height: 1000 },
      locale: 'zh-CN',
    });
    if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      workbench.nativeDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url);
    await page.getByRole('tab', { name: /重点工程/ }).click();
    await page.locator('.sheet-view[aria-label="重点工程"] .ag-row:not(.ag-row-pinned)').first().waitFor();
    workbench.page = page;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    cleanup();
  });
  return workbench;
}
