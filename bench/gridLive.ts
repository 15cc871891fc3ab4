import { performance } from 'node:perf_hooks';
import type { PlanStore } from '../electron/core/store/planStore';
import type { Bench } from './gridMeasure';
import { painted } from './gridMeasure';
import type { GridPage } from './gridPage';
import { MONEY_KEY } from './gridConfig';
import { setText, totalText } from './gridSetup';

/** One edit made by another program on the same plan file, as the window saw it. */
export interface OthersEditRun {
  /** From the other program's commit to the window painting the new exact 合计. */
  ms: number;
}

/**
 * Live updates (issue 15): another program — a second server, a colleague's copy, the command
 * line — commits one amount through a connection of its own; the window, which never asked,
 * hears it on its event stream and paints the new exact total. Timed from the moment the commit
 * returned (Node's clock) to the painted frame (the page's clock), both read as wall time.
 */
export async function measureOthersEdit(
  bench: Bench,
  page: GridPage,
  other: PlanStore,
  rowIndex: number,
  text: string,
): Promise<OthersEditRun> {
  const { state, plan } = bench;
  setText(state, rowIndex, MONEY_KEY, text);
  const expected = totalText(state.totalFen);
  await page.idle(50);
  await page.watch('othersTotal', 'total', expected);
  const pageOrigin = (await page.page.evaluate('performance.timeOrigin')) as number;
  other.updateCell(plan.sheetId, plan.rowIds[rowIndex]!, MONEY_KEY, text, { source: 'user', label: '另一程序' });
  const committed = performance.timeOrigin + performance.now();
  const end = await page.mark('othersTotal', {
    what: `the pinned total ${expected} after another program set row ${rowIndex + 1} to ${text}`,
  });
  await page.idle();
  return { ms: pageOrigin + painted(end) - committed };
}
