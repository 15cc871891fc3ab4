import type { Page } from 'playwright-core';

/**
 * Calls the plan's API from inside the page, the way the workbench itself does (same origin,
 * the per-launch secret in the page's URL): what a test reads back is what the plan stores.
 */
export async function apiCall<T>(page: Page, name: string, input: unknown): Promise<T> {
  const answer = (await page.evaluate(
    async ([call, body]) => {
      const response = await fetch(`./api/${call}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return (await response.json()) as unknown;
    },
    [name, input] as const,
  )) as { ok: boolean; result?: T; error?: unknown };
  if (!answer.ok) throw new Error(`${name} failed: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

/** The grid cell that has the keyboard focus: its displayed row index and column key. */
export async function focusedCell(page: Page): Promise<{ row: number; col: string } | null> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { closest(selector: string): { getAttribute(name: string): string | null } | null } | null } }).document.activeElement;
    const cell = active?.closest('.ag-cell');
    const row = active?.closest('.ag-row');
    if (!cell || !row) return null;
    return { row: Number(row.getAttribute('row-index')), col: cell.getAttribute('col-id') ?? '' };
  });
}
