/**
 * The scripts the browser runs on the HTML of html.ts. They are plain JavaScript in strings, not
 * compiled functions: the same text runs in headless Chromium (page.evaluate) and in Electron
 * (webContents.executeJavaScript), untouched by any bundler.
 *
 * The measuring script reports, in CSS px: the title block, every section heading, the header
 * rows, every galley row, every merged-cell label probe, and the （转下页） marker line; the
 * tallest row a page can take (text area − title − tallest heading − header rows); and, for each
 * row taller than that, where each of its cells' text must be cut so that every part fits.
 */

export interface MeasureParams {
  /** The text area's height, less the rounding allowance. */
  bodyHeight: number;
  /** Whether to compute split offsets for rows taller than a page. */
  split: boolean;
  /** The tallest row a page takes, when already known (re-cutting rows in a galley of their own). */
  maxRowHeight?: number;
  /** Room to give up in each part, when a first cut left a part too tall (px). */
  shrink?: number;
}

export interface GalleyMeasurement {
  title: number;
  header: number;
  headings: number[];
  items: number[];
  labels: number[];
  marker: number;
  maxRowHeight: number;
  /** Galley item index → per cell, the offsets where its text is cut (empty: not cut). */
  splits: Record<string, number[][]>;
}

const SCRIPT = String.raw`
(async (params) => {
  if (document.fonts && document.fonts.ready) await document.fonts.ready;
  const height = (element) => (element ? element.getBoundingClientRect().height : 0);
  const title = height(document.getElementById('title'));
  const galley = document.getElementById('galley');
  const header = height(galley.tHead);
  const headings = Array.from(document.querySelectorAll('[data-heading]'), height);
  const rows = galley.tBodies[0] ? Array.from(galley.tBodies[0].rows) : [];
  const items = rows.map(height);
  const probes = document.getElementById('probes');
  const labels = probes.tBodies[0] ? Array.from(probes.tBodies[0].rows, height) : [];
  const marker = height(document.getElementById('marker'));
  const maxRowHeight = params.maxRowHeight ?? params.bodyHeight - title - Math.max(0, ...headings) - header;
  const splits = {};
  if (params.split) {
    const range = document.createRange();
    const box = (node, start, end) => {
      range.setStart(node, start);
      range.setEnd(node, end);
      return range.getBoundingClientRect();
    };
    // Two characters are on one line when their boxes overlap vertically (fallback fonts may
    // make some boxes taller than others on the same line; a line break has no box at all).
    const sameLine = (a, b) => a.height > 0 && b.height > 0 && a.bottom > b.top + 1 && a.top < b.bottom - 1;
    const splitCell = (cell) => {
      const node = cell.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE || cell.childNodes.length !== 1) return [];
      const style = getComputedStyle(cell);
      const chrome = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + 2;
      // Room for text in one part: the tallest row, less padding and rules, less a marker line at each end.
      const room = maxRowHeight - chrome - 2 * marker - 2 - (params.shrink ?? 0);
      const n = node.data.length;
      const offsets = [];
      let start = 0;
      while (start < n) {
        const top = box(node, start, n).top;
        const limit = top + room;
        if (box(node, start, n).bottom <= limit) break;
        // The longest run from start whose boxes all end above the limit (its bottom only grows).
        let low = start + 1;
        let high = n;
        let fits = start + 1;
        while (low <= high) {
          const middle = (low + high) >> 1;
          if (box(node, start, middle).bottom <= limit) {
            fits = middle;
            low = middle + 1;
          } else {
            high = middle - 1;
          }
        }
        // Cut at the start of the line the next character is on, unless that is where we began.
        let cut = fits;
        const next = box(node, cut, Math.min(n, cut + 1));
        while (cut - 1 > start && sameLine(box(node, cut - 1, cut), next)) cut--;
        if (cut <= start) cut = fits;
        offsets.push(cut);
        start = cut;
      }
      return offsets;
    };
    rows.forEach((row, index) => {
      if (items[index] > maxRowHeight) splits[index] = Array.from(row.cells, splitCell);
    });
  }
  return { title, header, headings, items, labels, marker, maxRowHeight, splits };
})`;

/** The expression to evaluate in the galley page: a promise of a GalleyMeasurement. */
export function measureExpression(params: MeasureParams): string {
  return `${SCRIPT}(${JSON.stringify(params)})`;
}

/**
 * The expression that checks the paged document: the numbers of the pages whose content runs
 * past the text area (it would be cut off, since a page box clips). Empty when the layout holds.
 */
export function overflowExpression(): string {
  return String.raw`
(async () => {
  if (document.fonts && document.fonts.ready) await document.fonts.ready;
  return Array.from(document.querySelectorAll('section.page'))
    .filter((page) => {
      const area = page.querySelector('.area');
      return area && area.scrollHeight > area.clientHeight + 1;
    })
    .map((page) => Number(page.getAttribute('data-page')));
})()`;
}
