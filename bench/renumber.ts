/**
 * 重排序号 on the whole 100,000-row sheet (npm run bench, section "Renumber"): rows.renumber
 * through dispatch after the last rows were moved to the top, so most 序号 change. It was
 * quadratic (each row's old number was looked up by a scan of the sheet); this keeps it linear.
 * One timed run, with the result checked: top-level rows numbered 1, 2, 3… in sheet order.
 */
import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';
import { PlanStore } from '../electron/core/store/planStore';
import { fmtMs, timed } from './stats';

const MOVED = 1_000;

export function renumberBench(
  planFile: string,
  sheetId: number,
  log: (message: string) => void,
): { figures: Record<string, unknown>; tableRows: string[][] } {
  const store = PlanStore.open(planFile);
  try {
    const context: ApiContext = { store, edition: 'cli' };
    const total = store.rowCount(sheetId);
    const first = store.listRows(sheetId, 0, 1).rows[0]!.id;
    const moved = store.listRows(sheetId, Math.max(0, total - MOVED), MOVED).rows.map((row) => row.id);
    store.moveRows(sheetId, moved, first, { source: 'user' });
    log(`renumber: rows.renumber over ${total.toLocaleString('en')} rows, ${moved.length} of them moved to the top …`);
    const run = timed(() => dispatch(context, 'rows.renumber', { sheetId, columnKey: 'seq' }));
    const response = run.result as { ok: boolean; result?: { changed: number } };
    if (!response.ok || response.result === undefined) throw new Error('rows.renumber failed');
    const topLevel = store.listRows(sheetId, 0, total).rows.filter((row) => row.parentId === null);
    const wrong = topLevel.findIndex((row, index) => row.cells.seq?.text !== String(index + 1));
    if (wrong >= 0)
      throw new Error(`rows.renumber left item ${wrong + 1} numbered ${topLevel[wrong]?.cells.seq?.text}`);
    const figures = { rows: total, moved: moved.length, changed: response.result.changed, ms: run.ms };
    return {
      figures,
      tableRows: [
        [
          'dispatch rows.renumber (one action)',
          fmtMs(run.ms),
          `${total.toLocaleString('en')} rows`,
          `${response.result.changed.toLocaleString('en')} changed`,
        ],
      ],
    };
  } finally {
    store.close();
  }
}
