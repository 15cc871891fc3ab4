/** The grid bench's measurements in the page: a load, a scroll to the end, an edit, a paste. */

import { dispatch } from '../electron/core/api/dispatch';
import type { ApiContext } from '../electron/core/api/handlers';
import type { BrowserServer } from '../electron/server/browserServer';
import { encodeTsv } from '../shared/values/tsv';
import type { Attribution, CallRecord, Mark } from './gridPage';
import { GridPage } from './gridPage';
import { MONEY_KEY, PASTE_COLUMNS, PASTE_KEYS, PASTE_ROWS, SEQ_KEY, ok } from './gridConfig';
import { StoreTimer, setText, totalText } from './gridSetup';
import type { Plan, SheetState } from './gridSetup';

// ---- measuring in the page -----------------------------------------------------------------

export interface Bench {
  server: BrowserServer;
  api: ApiContext;
  timer: StoreTimer;
  plan: Plan;
  state: SheetState;
  rows: number;
}

/** An interval in page time (ms since that document's navigation start). */
export interface PageWindow {
  from: number;
  to: number;
}

const span = (from: number | null | undefined, to: number | null | undefined): number | null =>
  from === null || from === undefined || to === null || to === undefined ? null : to - from;

export function painted(mark: Mark): number {
  if (mark.painted === null) throw new Error('mark not painted');
  return mark.painted;
}

function callBody(call: CallRecord): { offset?: number; limit?: number } {
  try {
    return call.request ? (JSON.parse(call.request) as { offset?: number; limit?: number }) : {};
  } catch {
    return {};
  }
}

/**
 * A call's phases. server: request sent → first byte of the answer, on the network stack's
 * clock (the server's work and loopback); late: first byte → the page's fetch resolving (the
 * main thread was busy); parse: → body read and JSON.parse'd.
 */
function phases(call: CallRecord | undefined): {
  server: number | null;
  late: number | null;
  parse: number | null;
  bytes: number | null;
} {
  if (!call) return { server: null, late: null, parse: null, bytes: null };
  const net = call.net;
  return {
    server: net ? net.responseStart - net.requestStart : span(call.start, call.headers),
    late: net ? span(net.responseStart, call.headers) : null,
    parse: span(call.headers, call.parsed),
    bytes: net?.bytes ?? null,
  };
}

/** The calls the sheet view and its grid make to show a sheet. */
const GRID_CALLS = new Set(['plan.get', 'sheet.get', 'sheet.view.get', 'history.state', 'sheet.rows', 'sheet.totals']);

export const sum = (values: (number | null)[]): number =>
  values.reduce<number>((total, value) => total + (value ?? 0), 0);

export interface LoadRun {
  firstRowMs: number;
  firstRowDomMs: number;
  /** The grid's own first rows painted: from here cells can be edited. */
  gridRowMs: number;
  totalsRowMs: number;
  allRowsMs: number;
  breakdown: Record<string, number | null>;
  /** Calls of other parts of the app made before the first row showed. */
  otherCalls: { name: string; request: string | null; sentMs: number; serverMs: number | null }[];
  window: { startup: PageWindow; firstScreen: PageWindow; gridBuild: PageWindow; rest: PageWindow };
}

/** Navigate (goto or reload) and time the first rows, the totals row and all rows. */
export async function measureLoad(bench: Bench, page: GridPage, navigate: () => Promise<unknown>): Promise<LoadRun> {
  await navigate();
  const firstRow = await page.mark('firstRow', { what: 'first data row' });
  const gridRow = await page.mark('gridRow', { what: 'first data row in the grid' });
  const totalsRow = await page.mark('totalsRow', { what: 'pinned totals row' });
  const allRows = await page.mark('allRows', { timeoutMs: 300_000, what: `all ${bench.rows} rows loaded` });
  await page.idle();
  const calls = await page.calls();
  const timing = (await page.page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    // The bundle's chunks (the small boot script, then the workbench): first asked, last loaded.
    const scripts = performance.getEntriesByType('resource').filter((entry) => /\\.js$/.test(entry.name));
    if (scripts.length === 0) return { html: nav ? nav.responseEnd : null, scriptRequested: null, scriptFirstByte: null, script: null, scriptBytes: null };
    return {
      html: nav ? nav.responseEnd : null,
      scriptRequested: Math.min(...scripts.map((entry) => entry.requestStart)),
      scriptFirstByte: Math.min(...scripts.map((entry) => entry.responseStart)),
      script: Math.max(...scripts.map((entry) => entry.responseEnd)),
      scriptBytes: scripts.reduce((total, entry) => total + entry.encodedBodySize, 0),
    };
  })()`)) as {
    html: number | null;
    scriptRequested: number | null;
    scriptFirstByte: number | null;
    script: number | null;
    scriptBytes: number | null;
  };
  const named = (name: string) => calls.find((call) => call.name === name);
  const pages = calls.filter((call) => call.name === 'sheet.rows');
  const first = pages.find((call) => callBody(call).offset === 0);
  const totals = named('sheet.totals');
  const rest = pages.filter((call) => call !== first);
  const lastPage = rest[rest.length - 1];
  // The first rows show without waiting for the totals.
  const firstScreenData = first?.parsed ?? 0;
  const longTasks = (await page.longTasks()).filter((task) => task.start < allRows.dom);
  const restPhases = rest.map(phases);
  // Calls of other parts of the app (checks, panels) answered before the first row: the server
  // runs one call at a time, so their time is time the grid's calls wait.
  const others = calls.filter((call) => call.start < firstRow.dom && !GRID_CALLS.has(call.name));
  return {
    firstRowMs: painted(firstRow),
    firstRowDomMs: firstRow.dom,
    gridRowMs: painted(gridRow),
    totalsRowMs: painted(totalsRow),
    allRowsMs: painted(allRows),
    otherCalls: others.map((call) => ({
      name: call.name,
      request: call.request,
      sentMs: call.start,
      serverMs: phases(call).server,
    })),
    breakdown: {
      htmlMs: timing.html,
      scriptRequestedMs: timing.scriptRequested,
      scriptFirstByteMs: timing.scriptFirstByte,
      scriptLoadedMs: timing.script,
      scriptBytes: timing.scriptBytes,
      appFirstCallMs: calls[0]?.start ?? null,
      planGetDoneMs: named('plan.get')?.parsed ?? null,
      sheetGetDoneMs: Math.max(named('sheet.get')?.parsed ?? 0, named('sheet.view.get')?.parsed ?? 0) || null,
      firstPageSentMs: first?.start ?? null,
      firstPageServerMs: phases(first).server,
      firstPageLateMs: phases(first).late,
      firstPageParseMs: phases(first).parse,
      firstPageBytes: phases(first).bytes,
      totalsServerMs: phases(totals).server,
      otherCallsBeforeFirstRow: others.length,
      otherCallsServerMs: sum(others.map((call) => phases(call).server)),
      firstScreenDataMs: firstScreenData || null,
      firstScreenDataToRowDomMs: firstScreenData ? firstRow.dom - firstScreenData : null,
      firstRowPaintMs: span(firstRow.dom, firstRow.painted),
      restPages: rest.length,
      restPagesServerMs: sum(restPhases.map((phase) => phase.server)),
      restPagesLateMs: sum(restPhases.map((phase) => phase.late)),
      restPagesParseMs: sum(restPhases.map((phase) => phase.parse)),
      restPagesBytes: sum(restPhases.map((phase) => phase.bytes)),
      restPagesWallMs: span(rest[0]?.start, lastPage?.parsed),
      lastPageToAllRowsDomMs: span(lastPage?.parsed, allRows.dom),
      longTasksMs: sum(longTasks.map((task) => task.duration)),
      longestTaskMs: Math.max(0, ...longTasks.map((task) => task.duration)),
    },
    window: {
      startup: { from: 0, to: calls[0]?.start ?? 0 },
      firstScreen: { from: calls[0]?.start ?? 0, to: painted(firstRow) },
      gridBuild: { from: painted(firstRow), to: painted(gridRow) },
      rest: { from: painted(gridRow), to: painted(allRows) },
    },
  };
}

export interface ScrollRun {
  /** Ctrl+End (pressed again while needed) → the last row's first frame on screen; null: never. */
  keyFirstMs: number | null;
  /** Ctrl+End presses until the last row stayed on screen (null: not within MAX_PRESSES). */
  keyPresses: number | null;
  /** The scrollbar dragged to the bottom → the last row's first frame on screen. */
  scrollbarFirstMs: number;
  /** … and, the thumb held at the bottom, the first frame of it staying on screen. */
  scrollbarStableMs: number;
  /** Drags to the bottom it took (1: the first one reached the end for good). */
  scrollbarDrags: number;
  /** Ctrl+Home pressed again because row 1 did not come back on screen. */
  homeRetries: number;
}

export const MAX_PRESSES = 5;

/**
 * Scrolling to the end of a loaded sheet. Rows with wrapped text are measured only when
 * rendered, so the sheet can grow after the jump and push the last row off screen again: both
 * the first frame showing the last row and what it takes for it to stay are reported.
 */
export async function measureScroll(bench: Bench, page: GridPage): Promise<ScrollRun> {
  const last = String(bench.rows);
  let homeRetries = 0;
  const backToTop = async () => {
    await page.watch('top', 'rowVisible', '1');
    await page.page.keyboard.press('Control+Home');
    // Ctrl+Home has been seen to leave the grid's rows and its scroll position apart: say how
    // often, press again, and give up (with what the page shows) after three presses.
    while (!(await page.markWithin('top', 5000))) {
      if (++homeRetries > 3) await page.mark('top', { timeoutMs: 1, what: 'row 1 on screen after Ctrl+Home' });
      await page.page.keyboard.press('Control+Home');
    }
  };
  await page.cell(0, SEQ_KEY).click();
  await page.armKey('scrollKey', 'End', true);
  await page.watch('scrollKeyEnd', 'rowVisible', last);
  await page.page.keyboard.press('Control+End');
  const keyStart = await page.mark('scrollKey', { painted: false, what: 'Ctrl+End keydown' });
  // As a user would: press again while the last row is not on screen for good.
  let keyPresses: number | null = 1;
  while (!(await page.markWithin('scrollKeyEnd', 2000))) {
    if (keyPresses >= MAX_PRESSES) {
      keyPresses = null;
      break;
    }
    await page.page.keyboard.press('Control+End');
    keyPresses++;
  }
  const keyFirst = await page.markWithin('scrollKeyEnd:first', 500);
  await backToTop();

  // The scrollbar (AG Grid's vertical scrollbar element) dragged to the bottom and held there.
  await page.watch('scrollBarEnd', 'rowVisible', last);
  await page.holdAtBottom('.sheet-view .ag-body-vertical-scroll-viewport', 'scrollBar', 'scrollBarEnd');
  const barStart = await page.mark('scrollBar', { painted: false });
  const barFirst = await page.mark('scrollBarEnd:first', {
    what: `row ${last} on screen after dragging the scrollbar down`,
  });
  const barStable = await page.mark('scrollBarEnd', {
    what: `row ${last} staying on screen with the scrollbar held at the bottom`,
  });
  const drags = (await page.mark('scrollBar', { painted: false })).drags ?? 0;
  await backToTop();
  return {
    keyFirstMs: keyFirst ? painted(keyFirst) - keyStart.dom : null,
    keyPresses,
    scrollbarFirstMs: painted(barFirst) - barStart.dom,
    scrollbarStableMs: painted(barStable) - barStart.dom,
    scrollbarDrags: drags,
    homeRetries,
  };
}

export interface EditRun {
  ms: number;
  domMs: number;
  breakdown: Record<string, number | null>;
  window: PageWindow;
}

/** One amount typed into row `rowIndex`, Enter, until the pinned total shows the new exact value. */
export async function measureEdit(bench: Bench, page: GridPage, rowIndex: number, text: string): Promise<EditRun> {
  const { state } = bench;
  setText(state, rowIndex, MONEY_KEY, text);
  const expected = totalText(state.totalFen);
  await page.cell(rowIndex, MONEY_KEY).click();
  await page.page.keyboard.type(text);
  await page.idle(50);
  bench.timer.take();
  await page.armKey('editStart', 'Enter', false);
  await page.watch('editTotal', 'total', expected);
  await page.page.keyboard.press('Enter');
  const start = await page.mark('editStart', { painted: false, what: 'Enter keydown' });
  const end = await page.mark('editTotal', {
    what: `the pinned total ${expected} after typing ${text} into row ${rowIndex + 1}`,
  });
  await page.idle();
  const store = bench.timer.take();
  const calls = await page.calls(start.dom);
  const update = calls.find((call) => call.name === 'cells.update');
  const totals = calls.find(
    (call) => call.name === 'sheet.totals' && update && call.start >= (update.parsed ?? Infinity),
  );
  return {
    ms: painted(end) - start.dom,
    domMs: end.dom - start.dom,
    breakdown: {
      keyToRequestMs: span(start.dom, update?.start),
      updateServerMs: phases(update).server,
      updateStoreMs: store.updateCells ?? null,
      updateLateMs: phases(update).late,
      updateParseMs: phases(update).parse,
      betweenCallsMs: span(update?.parsed, totals?.start),
      totalsServerMs: phases(totals).server,
      totalsStoreMs: store.totals ?? null,
      totalsLateMs: phases(totals).late,
      totalsParseMs: phases(totals).parse,
      // From the last answer the page waited for (the totals, if it still asks for them).
      renderMs: span(totals?.parsed ?? update?.parsed, end.dom),
      paintMs: span(end.dom, end.painted),
    },
    window: { from: start.dom, to: painted(end) },
  };
}

export interface PasteRun {
  statusMs: number;
  totalMs: number;
  breakdown: Record<string, number | null>;
  window: PageWindow;
}

/**
 * Paste `block` (1,000 × 10) with Ctrl+V over rows 0… from 类别 on, until the status line
 * reports it and until the new total shows; then check the change log.
 */
export async function measurePaste(
  bench: Bench,
  page: GridPage,
  block: string[][],
  resetText: string,
  resetRow: number,
): Promise<PasteRun> {
  const { state, api } = bench;
  // Reset the status line with one ordinary edit: two pastes of the same size say the same words.
  await page.page.keyboard.press('Control+Home');
  await measureEdit(bench, page, resetRow, resetText);

  block.forEach((line, r) => line.forEach((text, c) => setText(state, r, PASTE_KEYS[c]!, text)));
  const expectedTotal = totalText(state.totalFen);
  const expectedStatus = `已更新 ${PASTE_ROWS * PASTE_COLUMNS} 个单元格`;
  await page.page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(encodeTsv(block))})`);
  await page.page.keyboard.press('Control+Home');
  await page.cell(0, PASTE_KEYS[0]!).click();
  const before =
    ok<{ actions: { id: number }[] }>(dispatch(api, 'history.list', { limit: 1 }), 'history.list').actions[0]?.id ?? 0;
  await page.idle(50);
  bench.timer.take();
  await page.armKey('pasteStart', 'v', true);
  await page.watch('pasteStatus', 'status', expectedStatus);
  await page.watch('pasteTotal', 'total', expectedTotal);
  await page.page.keyboard.press('Control+V');
  const start = await page.mark('pasteStart', { painted: false, what: 'Ctrl+V keydown' });
  const status = await page.mark('pasteStatus', { what: `status "${expectedStatus}"` });
  const total = await page.mark('pasteTotal', { what: `the pinned total ${expectedTotal} after the paste` });
  await page.idle();
  const store = bench.timer.take();
  const calls = await page.calls(start.dom);
  verifyPaste(bench, before, block);

  const update = calls.find((call) => call.name === 'cells.update');
  const totals = calls.find(
    (call) => call.name === 'sheet.totals' && update && call.start >= (update.parsed ?? Infinity),
  );
  return {
    statusMs: painted(status) - start.dom,
    totalMs: painted(total) - start.dom,
    breakdown: {
      keyToRequestMs: span(start.dom, update?.start),
      requestChars: update?.requestChars ?? null,
      updateServerMs: phases(update).server,
      updateStoreMs: store.updateCells ?? null,
      updateLateMs: phases(update).late,
      updateParseMs: phases(update).parse,
      responseBytes: phases(update).bytes,
      parsedToStatusDomMs: span(update?.parsed, status.dom),
      totalsServerMs: phases(totals).server,
      totalsStoreMs: store.totals ?? null,
      totalsParsedToTotalDomMs: span(totals?.parsed ?? update?.parsed, total.dom),
      paintMs: span(total.dom, total.painted),
    },
    window: { from: start.dom, to: painted(total) },
  };
}

/** The change log holds exactly one new action, a paste of the 10,000 cells with the pasted texts. */
function verifyPaste(bench: Bench, beforeId: number, block: string[][]): void {
  const { api, plan } = bench;
  const actions = ok<{
    actions: {
      id: number;
      source: string;
      changes: {
        sheetId: number | null;
        rowId: number | null;
        columnKey: string | null;
        kind: string;
        after: unknown;
      }[];
    }[];
  }>(
    // Two: the paste and the edit before it, so a paste split into several actions shows.
    dispatch(api, 'history.list', { limit: 2 }),
    'history.list',
  ).actions.filter((action) => action.id > beforeId);
  if (actions.length !== 1) throw new Error(`grid bench: the paste made ${actions.length} actions, expected exactly 1`);
  const action = actions[0]!;
  const expected = new Map<string, string>();
  block.forEach((line, r) => line.forEach((text, c) => expected.set(`${plan.rowIds[r]}:${PASTE_KEYS[c]}`, text)));
  if (action.source !== 'paste') throw new Error(`grid bench: the paste was logged as '${action.source}'`);
  if (action.changes.length !== expected.size)
    throw new Error(`grid bench: the paste logged ${action.changes.length} changes, expected ${expected.size}`);
  for (const change of action.changes) {
    const key = `${change.rowId}:${change.columnKey}`;
    const text = (change.after as { text?: string } | null)?.text;
    if (change.kind !== 'cell' || change.sheetId !== plan.sheetId || expected.get(key) !== text) {
      throw new Error(
        `grid bench: logged change ${key} → ${JSON.stringify(text)}, pasted ${JSON.stringify(expected.get(key))}`,
      );
    }
    expected.delete(key);
  }
  if (expected.size > 0) throw new Error(`grid bench: ${expected.size} pasted cells are missing from the log`);
}

/** Where the main thread's time went in one profiled load, edit and paste. */
export interface Profiles {
  startup: Attribution;
  firstScreen: Attribution;
  gridBuild: Attribution;
  restOfLoad: Attribution;
  edit: Attribution;
  paste: Attribution;
}
