/**
 * The page side of the grid benchmark (bench/grid.ts): a probe injected into every page before
 * the app's own scripts, and a small driver around it.
 *
 * Everything is timed inside the page with performance.now() (milliseconds since navigation
 * start), so the figures do not include Playwright's round trips to the page:
 *   - marks: when a watched condition first held in the DOM (a MutationObserver, or a check on
 *     every animation frame for conditions that depend on layout) and when the frame after it
 *     was painted (requestAnimationFrame, then a message: runs after that frame's paint);
 *   - start marks: the keydown of an armed key (Enter, Ctrl+V, Ctrl+End), seen first by a
 *     capture listener on window;
 *   - every API call: sent, answered (headers) and parsed (body + JSON.parse), joined with its
 *     Resource Timing entry (the network stack's clock, which a busy main thread cannot delay);
 *   - long tasks (main thread blocked ≥ 50 ms).
 * Waiting happens in the page too (a promise page.evaluate awaits): the app's CSP forbids the
 * string evaluation waitForFunction relies on, and polling from Node would add round trips.
 *
 * The probe is plain JavaScript in a string: functions handed to page.evaluate would be
 * serialised after tsx's transform, and the root tsconfig has no DOM types.
 *
 * Last, profileWindows: the V8 CPU profiler over CDP, its samples attributed through the
 * bundle's source map to AG Grid, React, zod, the app's own files and the browser's native work.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface ProbeConfig {
  /** The sheet view to watch (`.sheet-view[aria-label=…]`). */
  sheetName: string;
  /** Column keys: 序号 (to find a row by its number) and the money column the totals row shows. */
  seqKey: string;
  amountKey: string;
  /** Conditions to watch from the start of every navigation (first rows, all rows). */
  onLoad: Watch[];
}

export type WatchKind =
  /**
   * A data row is shown, its 序号 cell filled: in the table drawn while the grid loads
   * (FirstScreenTable) or in the grid itself.
   */
  | 'firstRow'
  /** A data row is in AG Grid's DOM: the grid has its first screen and can be edited. */
  | 'gridRow'
  /** The pinned totals row shows an amount (in the grid). */
  | 'totalsRow'
  /** The grid's aria-rowcount equals `arg` (header row + data rows + pinned row). */
  | 'rowCount'
  /** The pinned total of the money column reads exactly `arg`. */
  | 'total'
  /** The status line reads exactly `arg`. */
  | 'status'
  /**
   * The row whose 序号 is `arg` is on screen, not covered (checked every frame: layout), and
   * stays there for half a second: the time is that of its first frame. `<name>:first` marks
   * the first frame it was on screen at all, even if it moved away again.
   */
  | 'rowVisible';

export interface Watch {
  name: string;
  kind: WatchKind;
  arg?: string;
}

export interface Mark {
  /** When the condition first held (DOM), ms since navigation start. */
  dom: number;
  /** When the frame showing it had been painted. */
  painted: number | null;
  /** holdAtBottom: how many times the scrollbar had to be dragged down. */
  drags?: number;
}

export interface CallRecord {
  name: string;
  start: number;
  /** Response headers in: the server has answered (it writes the whole body at once). */
  headers: number | null;
  /** Body read and JSON.parse'd. */
  parsed: number | null;
  requestChars: number | null;
  /** The request body when small (which window of rows a sheet.rows asked for). */
  request: string | null;
  /**
   * The network stack's view (Resource Timing), which a busy main thread does not delay:
   * request sent, first byte of the answer, last byte; and the body's size.
   */
  net: { requestStart: number; responseStart: number; responseEnd: number; bytes: number } | null;
}

export interface LongTask {
  start: number;
  duration: number;
}

const PROBE = String.raw`(config) => {
  const bench = { marks: Object.create(null), calls: [], longTasks: [], pending: 0 };
  window.__gridBench = bench;

  // ---- API calls ----
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const match = /(?:^|\/)api\/([^/?#]+)$/.exec(url);
    if (!match) return originalFetch(input, init);
    const call = {
      name: decodeURIComponent(match[1]),
      start: performance.now(),
      headers: null,
      parsed: null,
      url: new URL(url, location.href).href,
      requestChars: init && typeof init.body === 'string' ? init.body.length : null,
      request: init && typeof init.body === 'string' && init.body.length <= 500 ? init.body : null,
      net: null,
    };
    bench.calls.push(call);
    bench.pending++;
    let response;
    try {
      response = await originalFetch(input, init);
    } catch (error) {
      call.parsed = performance.now();
      bench.pending--;
      throw error;
    }
    call.headers = performance.now();
    // A two-part answer (a write's checks after it, see shared/api/changes.ts) is read as a
    // stream: parsed when its first line is in, no longer pending once the second has come.
    if ((response.headers.get('Content-Type') || '').startsWith('application/x-ndjson') && response.body) {
      const reader = response.body.getReader();
      let firstLine = false;
      const body = new ReadableStream({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) {
            if (!firstLine) call.parsed = performance.now();
            bench.pending--;
            controller.close();
            return;
          }
          if (!firstLine && value.includes(10)) {
            firstLine = true;
            call.parsed = performance.now();
          }
          controller.enqueue(value);
        },
      });
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const json = response.json.bind(response);
    response.json = async () => {
      try {
        return await json();
      } finally {
        call.parsed = performance.now();
        bench.pending--;
      }
    };
    return response;
  };

  // Calls with their Resource Timing entries: the nth call to a URL is its nth entry.
  performance.setResourceTimingBufferSize(1000000);
  bench.callsSince = (since) => {
    const seen = new Map();
    const entries = performance.getEntriesByType('resource').filter((entry) => entry.initiatorType === 'fetch');
    return bench.calls.map((call) => {
      const index = seen.get(call.url) || 0;
      seen.set(call.url, index + 1);
      const entry = entries.filter((candidate) => candidate.name === call.url)[index];
      const net = entry
        ? { requestStart: entry.requestStart, responseStart: entry.responseStart, responseEnd: entry.responseEnd, bytes: entry.encodedBodySize }
        : null;
      return { ...call, net };
    }).filter((call) => call.start >= since);
  };

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser: the list stays empty
  }

  // ---- conditions ----
  const sheetView = () => [...document.querySelectorAll('.sheet-view')].find((el) => el.getAttribute('aria-label') === config.sheetName) || null;
  const dataCells = (view, key) => view.querySelectorAll('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="' + key + '"]');
  const totalText = (view) => {
    const cell = view.querySelector('.ag-row-pinned .ag-cell[col-id="' + config.amountKey + '"]');
    if (!cell) return null;
    const amount = cell.querySelector('.total-amount');
    return (amount ? amount.textContent : (cell.textContent || '')).trim();
  };
  const visible = (cell) => {
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const x = Math.min(window.innerWidth - 1, box.left + Math.min(box.width, 40) / 2);
    const y = box.top + box.height / 2;
    if (y < 0 || y >= window.innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && hit.closest('.ag-row') === cell.closest('.ag-row');
  };
  const tests = {
    firstRow: (view) => {
      const shown = view.querySelector('.first-screen-body .first-screen-row .first-screen-cell');
      return (!!shown && (shown.textContent || '').trim() !== '') || dataCells(view, config.seqKey).length > 0;
    },
    gridRow: (view) => dataCells(view, config.seqKey).length > 0,
    totalsRow: (view) => !!totalText(view),
    rowCount: (view, arg) => {
      const grid = view.querySelector('[aria-rowcount]');
      return !!grid && grid.getAttribute('aria-rowcount') === arg;
    },
    total: (view, arg) => totalText(view) === arg,
    status: (view, arg) => {
      const status = document.querySelector('[data-testid="status"]');
      return !!status && (status.textContent || '').trim() === arg;
    },
    rowVisible: (view, arg) => [...dataCells(view, config.seqKey)].some((cell) => (cell.textContent || '').trim() === arg && visible(cell)),
  };
  const layoutKinds = new Set(['rowVisible']);
  const STABLE_MS = 500;

  const watches = [];
  const afterPaint = (mark) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        mark.painted = performance.now();
      };
      channel.port2.postMessage(null);
    });
  const check = () => {
    const view = sheetView();
    if (!view) return;
    for (const watch of [...watches]) {
      let holds = false;
      try {
        holds = tests[watch.kind](view, watch.arg);
      } catch {
        holds = false;
      }
      if (!layoutKinds.has(watch.kind)) {
        if (!holds) continue;
        watches.splice(watches.indexOf(watch), 1);
        const mark = { dom: performance.now(), painted: null };
        bench.marks[watch.name] = mark;
        afterPaint(mark);
        continue;
      }
      // Layout can move again (rows re-measured): it counts from the first frame of a run in
      // which it held for STABLE_MS without a break.
      if (!holds) {
        watch.candidate = null;
        continue;
      }
      if (!bench.marks[watch.name + ':first']) {
        bench.marks[watch.name + ':first'] = { dom: performance.now(), painted: null };
        afterPaint(bench.marks[watch.name + ':first']);
      }
      if (!watch.candidate) {
        watch.candidate = { dom: performance.now(), painted: null };
        afterPaint(watch.candidate);
      } else if (performance.now() - watch.candidate.dom >= STABLE_MS) {
        watches.splice(watches.indexOf(watch), 1);
        bench.marks[watch.name] = watch.candidate;
      }
    }
    if (watches.length === 0) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  let framesRunning = false;
  const frame = () => {
    check();
    if (watches.some((watch) => layoutKinds.has(watch.kind))) requestAnimationFrame(frame);
    else framesRunning = false;
  };
  bench.watch = (name, kind, arg) => {
    delete bench.marks[name];
    delete bench.marks[name + ':first'];
    watches.push({ name, kind, arg: arg === undefined ? undefined : String(arg), candidate: null });
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    if (layoutKinds.has(kind) && !framesRunning) {
      framesRunning = true;
      requestAnimationFrame(frame);
    }
    check();
  };

  // ---- start marks ----
  let armed = null;
  bench.armKey = (name, key, ctrl) => {
    delete bench.marks[name];
    armed = { name, key: key.toLowerCase(), ctrl };
  };
  window.addEventListener(
    'keydown',
    (event) => {
      if (!armed || event.key.toLowerCase() !== armed.key || (event.ctrlKey || event.metaKey) !== armed.ctrl) return;
      bench.marks[armed.name] = { dom: performance.now(), painted: null };
      armed = null;
    },
    true,
  );
  // The scrollbar dragged to the bottom and held there: rows measured taller than estimated
  // (wrapped text) make the sheet grow after the jump, so the thumb is dragged down again on
  // each frame until the watched mark is set. How many drags it took is kept with the mark.
  bench.holdAtBottom = (selector, startName, doneName) => {
    const bar = document.querySelector(selector);
    const start = { dom: performance.now(), painted: null, drags: 0 };
    bench.marks[startName] = start;
    const deadline = start.dom + 30000;
    const drag = () => {
      if (bar.scrollTop + bar.clientHeight < bar.scrollHeight - 1) {
        bar.scrollTop = bar.scrollHeight;
        start.drags++;
      }
    };
    const hold = () => {
      if (bench.marks[doneName] || performance.now() > deadline) return;
      drag();
      requestAnimationFrame(hold);
    };
    drag();
    requestAnimationFrame(hold);
  };
  bench.mark = (name) => {
    bench.marks[name] = { dom: performance.now(), painted: null };
  };
  // Resolve when a mark is there (and painted, unless painted is false); null on timeout.
  bench.waitFor = (name, painted, timeoutMs) =>
    new Promise((resolve) => {
      const deadline = performance.now() + timeoutMs;
      const poll = () => {
        const mark = bench.marks[name];
        if (mark && (!painted || mark.painted !== null)) resolve(mark);
        else if (performance.now() > deadline) resolve(null);
        else setTimeout(poll, 5);
      };
      poll();
    });
  // Resolve true once no API call has been pending for quietMs and the main thread answers a
  // timer at once (work the last action queued, such as timers per row, has run); false on
  // timeout.
  bench.idle = (quietMs, timeoutMs) =>
    new Promise((resolve) => {
      const deadline = performance.now() + timeoutMs;
      let since = null;
      const poll = () => {
        const time = performance.now();
        if (bench.pending > 0) since = null;
        else if (since === null) since = time;
        if (since !== null && time - since >= quietMs) {
          const asked = performance.now();
          setTimeout(() => {
            if (performance.now() - asked < 8) resolve(true);
            else if (performance.now() > deadline) resolve(false);
            else setTimeout(poll, 10);
          }, 0);
        } else if (time > deadline) resolve(false);
        else setTimeout(poll, 10);
      };
      poll();
    });
  bench.totalText = () => {
    const view = sheetView();
    return view ? totalText(view) : null;
  };

  for (const watch of config.onLoad) bench.watch(watch.name, watch.kind, watch.arg);
}`;

/** Install the probe in every page of the context, before the app's scripts run. */
export async function installProbe(context: BrowserContext, config: ProbeConfig): Promise<void> {
  await context.addInitScript(`(${PROBE})(${JSON.stringify(config)});`);
}

/** Drives one page through the probe. */
export class GridPage {
  constructor(
    readonly page: Page,
    private readonly config: ProbeConfig,
  ) {}

  /** The sheet view, for locators. */
  view() {
    return this.page.locator(`.sheet-view[aria-label=${JSON.stringify(this.config.sheetName)}]`);
  }

  /** A data cell by its displayed row index and column key. */
  cell(rowIndex: number, columnKey: string) {
    return this.view()
      .locator(`.ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) .ag-cell[col-id="${columnKey}"]`)
      .first();
  }

  /** The document's time origin (epoch ms): page times + this = epoch times. */
  async timeOrigin(): Promise<number> {
    return (await this.page.evaluate('performance.timeOrigin')) as number;
  }

  async watch(name: string, kind: WatchKind, arg?: string | number): Promise<void> {
    await this.page.evaluate(
      `window.__gridBench.watch(${JSON.stringify(name)}, ${JSON.stringify(kind)}, ${JSON.stringify(arg === undefined ? undefined : String(arg))})`,
    );
  }

  async armKey(name: string, key: string, ctrl: boolean): Promise<void> {
    await this.page.evaluate(`window.__gridBench.armKey(${JSON.stringify(name)}, ${JSON.stringify(key)}, ${ctrl})`);
  }

  /** Drag the scrollbar at `selector` to the bottom and hold it there until `doneName` is marked. */
  async holdAtBottom(selector: string, startName: string, doneName: string): Promise<void> {
    await this.page.evaluate(
      `window.__gridBench.holdAtBottom(${JSON.stringify(selector)}, ${JSON.stringify(startName)}, ${JSON.stringify(doneName)})`,
    );
  }

  /** Wait until a mark exists and (unless it is a start mark) its frame has been painted. */
  async mark(name: string, options: { painted?: boolean; timeoutMs?: number; what?: string } = {}): Promise<Mark> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const mark = (await this.page.evaluate(
      `window.__gridBench.waitFor(${JSON.stringify(name)}, ${options.painted ?? true}, ${timeoutMs})`,
    )) as Mark | null;
    if (mark) return mark;
    throw new Error(
      `grid bench: ${options.what ?? name} did not happen within ${timeoutMs} ms (${await this.describe()})`,
    );
  }

  /** The mark, or null if it has not happened within `timeoutMs`. */
  async markWithin(name: string, timeoutMs: number): Promise<Mark | null> {
    try {
      return await this.mark(name, { timeoutMs });
    } catch {
      return null;
    }
  }

  /** What the page shows now, for error messages. */
  async describe(): Promise<string> {
    return (await this.page.evaluate(`(() => {
      const status = document.querySelector('[data-testid="status"]');
      const grid = document.querySelector('[aria-rowcount]');
      const bar = document.querySelector('.sheet-view .ag-body-vertical-scroll-viewport');
      const seqs = [...document.querySelectorAll('.sheet-view .ag-row:not(.ag-row-pinned) .ag-cell[col-id="${this.config.seqKey}"]')];
      return 'status: ' + (status ? status.textContent.trim() : '—') + '; total: ' + window.__gridBench.totalText() +
        '; aria-rowcount: ' + (grid ? grid.getAttribute('aria-rowcount') : '—') + '; pending calls: ' + window.__gridBench.pending +
        '; rows in DOM: ' + seqs.map((cell) => cell.textContent.trim() + '@' + Math.round(cell.getBoundingClientRect().top)).join(',') +
        '; scrollbar: ' + (bar ? bar.scrollTop + '+' + bar.clientHeight + '/' + bar.scrollHeight : '—');
    })()`)) as string;
  }

  async calls(since = 0): Promise<CallRecord[]> {
    return (await this.page.evaluate(`window.__gridBench.callsSince(${since})`)) as CallRecord[];
  }

  async longTasks(since = 0): Promise<LongTask[]> {
    return (await this.page.evaluate(
      `window.__gridBench.longTasks.filter((task) => task.start + task.duration >= ${since})`,
    )) as LongTask[];
  }

  /**
   * Wait until no API call has been pending for `quietMs` and the main thread answers at once
   * (the app's follow-up refreshes, and work queued per row, are done).
   */
  async idle(quietMs = 150, timeoutMs = 60_000): Promise<void> {
    if (!(await this.page.evaluate(`window.__gridBench.idle(${quietMs}, ${timeoutMs})`))) {
      throw new Error(`grid bench: the page never went quiet (${await this.describe()})`);
    }
  }

  async totalText(): Promise<string | null> {
    return (await this.page.evaluate('window.__gridBench.totalText()')) as string | null;
  }
}

export type { Attribution, ProfileWindow } from './gridProfile';
export { profileWindows, SourceMap } from './gridProfile';
