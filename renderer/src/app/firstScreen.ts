import type { ApiClient, ApiResponse, ApiTransport } from '../../../shared/contract/client';
import { createApiClient } from '../../../shared/contract/client';
import type { ApiOutput, ColumnTotal, SheetDetail, SheetView } from '../../../shared/contract/contract';

/**
 * The calls the workbench makes to show its first screen, sent before the application's code has
 * loaded. The page's small first script (boot.ts) sends them as soon as the HTML is read; the
 * main bundle takes a while to parse and run, and by the time the app asks for the plan, the
 * sheet and its first rows, the answers are there. Without this the calls would go one after
 * another (the plan names the sheet, the sheet's columns come before its rows), each waiting for
 * the code before it to run.
 *
 * Each answer is used once, by the first identical call, and only shortly after the page
 * loaded: a later call always asks the plan again.
 */

/**
 * Rows for the first screen: shown at once, before the rest of a large sheet arrives. A full
 * screen is about 30 rows; the rest come in the next page moments later.
 */
export const FIRST_SCREEN_ROWS = 100;

/** An answer not asked for within this time is dropped (the app went another way). */
const FRESH_MS = 10_000;

/** The sheet shown is kept in the URL (#sheet=N), so a reload returns to it. */
export function sheetFromHash(): number | null {
  const match = /sheet=(\d+)/.exec(window.location.hash);
  return match ? Number(match[1]) : null;
}

/** What showing a sheet needs, as it arrives. */
export interface SheetScreen {
  detail: Promise<SheetDetail>;
  view: Promise<SheetView>;
  /** The first screen of rows, in the plan's order, and how many rows the sheet has. */
  firstRows: Promise<ApiOutput<'sheet.rows'>>;
  totals: Promise<ColumnTotal[]>;
}

/**
 * Ask for what shows a sheet. The one place these calls are made: the prefetch below and the
 * sheet view both come here, so the app's calls are exactly the ones that were prefetched.
 */
export function openSheet(client: ApiClient, sheetId: number): SheetScreen {
  const screen: SheetScreen = {
    detail: client['sheet.get']({ sheetId }),
    view: client['sheet.view.get']({ sheetId }),
    // The rows before the totals: the server answers in order, and the rows are what shows first.
    firstRows: client['sheet.rows']({ sheetId, offset: 0, limit: FIRST_SCREEN_ROWS }),
    totals: client['sheet.totals']({ sheetId }).then((answer) => answer.totals),
  };
  // Whoever uses an answer handles its failure; an unused one must not be an unhandled rejection.
  for (const answer of Object.values(screen) as Promise<unknown>[]) answer.catch(() => undefined);
  return screen;
}

/** Which sheet the app opens: the one in the URL if the plan has it, else the first. */
export function firstSheet(plan: ApiOutput<'plan.get'>, wanted: number | null): number | null {
  return wanted !== null && plan.sheets.some((sheet) => sheet.id === wanted) ? wanted : (plan.sheets[0]?.id ?? null);
}

const pending = new Map<string, Promise<ApiResponse>>();
let sentAt = 0;

/** One key per call and input (flat inputs; key order does not matter). */
function callKey(name: string, input: unknown): string {
  const record = (input ?? {}) as Record<string, unknown>;
  return `${name} ${JSON.stringify(record, Object.keys(record).sort())}`;
}

/**
 * Send the first screen's calls: the plan, and the sheet the app will show — at once when the URL
 * names it, else as soon as the plan says which sheet comes first.
 */
export function prefetchFirstScreen(transport: ApiTransport): void {
  sentAt = performance.now();
  // A client whose calls are kept for the app to take (see takePrefetched).
  const client = createApiClient((name, input) => {
    const answer = transport(name, input);
    pending.set(callKey(name, input), answer);
    return answer;
  });
  const wanted = sheetFromHash();
  const plan = client['plan.get']({});
  const sent = new Set<number>();
  const sendSheet = (sheetId: number) => {
    if (sent.has(sheetId)) return;
    sent.add(sheetId);
    openSheet(client, sheetId);
  };
  if (wanted !== null) sendSheet(wanted);
  plan.then(
    (loaded) => {
      const sheetId = firstSheet(loaded, wanted);
      if (sheetId !== null) sendSheet(sheetId);
    },
    () => undefined,
  );
}

/** The prefetched answer to this call, if there is one still fresh; it is used only once. */
export function takePrefetched(name: string, input: unknown): Promise<ApiResponse> | null {
  if (pending.size === 0) return null;
  if (performance.now() - sentAt > FRESH_MS) {
    pending.clear();
    return null;
  }
  const key = callKey(name, input);
  const answer = pending.get(key);
  if (!answer) return null;
  pending.delete(key);
  return answer;
}
