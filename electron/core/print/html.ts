import { fontFamily } from './fonts';
import type { PrintModel, PrintRow, PrintTotal } from './model';
import type { MergeCell, Page, PageBlock } from './paginate';
import { CELL_PADDING_X_MM } from './widths';
import { escapeHtml } from './text';

/**
 * The printable HTML. One stylesheet serves two documents: the galley (the whole table in one
 * piece, for the browser to measure) and the paged document (one fixed-size box per page, with
 * the page number in its footer), which the preview shows and the PDF is printed from. Neither
 * has scripts or external resources: fonts are the system's, by name.
 */

/** Marks printed inside the parts of a row taller than a page. */
export const CONTINUES_TO_MARK = '（转下页）';
export const CONTINUES_FROM_MARK = '（接上页）';

const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function styleSheet(model: PrintModel): string {
  const g = model.geometry;
  const body = fontFamily(model.fonts.body, 'serif');
  const heading = fontFamily(model.fonts.heading, 'sans-serif');
  return `
@page { size: ${g.widthMm}mm ${g.heightMm}mm; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: ${body}; font-size: ${model.fontSizePt}pt; line-height: 1.4; color: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; font-kerning: none; }
.page { position: relative; width: ${g.widthMm}mm; height: ${g.heightMm}mm; overflow: hidden; background: #fff;
  break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.area { position: absolute; left: ${g.margins.left}mm; top: ${g.margins.top}mm; width: ${g.bodyWidthMm}mm; height: ${g.bodyHeightMm}mm; }
.galley { width: ${g.bodyWidthMm}mm; }
.foot { position: absolute; left: 0; right: 0; top: ${g.margins.top + g.bodyHeightMm + g.footerGapMm}mm;
  text-align: center; font-size: 12pt; line-height: 1.2; }
.title-block { padding-bottom: 3mm; }
.attach { font-family: ${fontFamily(model.fonts.attachment, 'sans-serif')}; font-size: 16pt; line-height: 1.5; }
.title { font-family: ${heading}; font-size: 22pt; font-weight: normal; line-height: 1.35; text-align: center; margin: 1mm 0 0; }
.docno { text-align: center; font-size: 14pt; line-height: 1.5; margin-top: 1mm; }
.heading { font-family: ${heading}; font-size: ${model.fontSizePt + 1.5}pt; line-height: 1.5; padding: 1mm 0 1.5mm; }
table.grid { width: 100%; table-layout: fixed; border-collapse: collapse; }
.grid th, .grid td { border: 0.75pt solid #000; padding: 0.8mm ${CELL_PADDING_X_MM}mm; vertical-align: middle;
  white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; }
.grid th { font-family: ${heading}; font-weight: normal; text-align: center; text-wrap: balance; }
.grid td.l { text-align: left; }
.grid td.c { text-align: center; }
.grid td.r { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.grid td.m { text-align: center; }
.grid tr.child td.name { padding-left: ${CELL_PADDING_X_MM + 3}mm; }
.grid tr.total td { font-family: ${heading}; }
.grid tr.total td.label { text-align: center; }
.cont { display: block; text-align: center; font-size: 0.85em; }
#probes { margin-top: 5mm; }
@media screen {
  html { background: #7d7d7d; }
  body { background: transparent; padding: 6mm 0 0; }
  .page { margin: 0 auto 6mm; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.45); }
}`;
}

function documentShell(model: PrintModel, bodyHtml: string): string {
  return (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
    // Self-contained: no scripts, no fetches, whatever a cell says; fonts are the system's.
    `<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">` +
    `<title>${escapeHtml(model.title ?? '打印')}</title><style>${styleSheet(model)}</style></head>` +
    `<body>${bodyHtml}</body></html>`
  );
}

function colgroup(model: PrintModel): string {
  return `<colgroup>${model.columns.map((column) => `<col style="width:${column.widthMm.toFixed(2)}mm">`).join('')}</colgroup>`;
}

function thead(model: PrintModel): string {
  const rows = model.headerRows.map(
    (cells) =>
      '<tr>' +
      cells
        .map(
          (cell) =>
            `<th${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}>` +
            `${escapeHtml(cell.text)}</th>`,
        )
        .join('') +
      '</tr>',
  );
  return `<thead>${rows.join('')}</thead>`;
}

function titleBlock(model: PrintModel, variant: 'full' | 'title', id = ''): string {
  const attachment = variant === 'full' ? model.attachmentLabel : null;
  const docNumber = variant === 'full' ? model.docNumber : null;
  if (attachment === null && model.title === null && docNumber === null) return '';
  return (
    `<div class="title-block"${id ? ` id="${id}"` : ''}>` +
    (attachment !== null ? `<div class="attach">${escapeHtml(attachment)}</div>` : '') +
    (model.title !== null ? `<h1 class="title">${escapeHtml(model.title)}</h1>` : '') +
    (docNumber !== null ? `<div class="docno">${escapeHtml(docNumber)}</div>` : '') +
    '</div>'
  );
}

const ALIGN_CLASS = { left: 'l', center: 'c', right: 'r' } as const;

/**
 * One table row. Each cell holds its text as a single text node (markers aside), which the
 * measuring script relies on to find where a too-tall cell's lines break.
 */
function rowHtml(model: PrintModel, row: PrintRow, merges: readonly (MergeCell | 'covered' | null)[] | null): string {
  const cells: string[] = [];
  row.cells.forEach((text, index) => {
    const column = model.columns[index]!;
    const merge = merges?.[index] ?? null;
    if (merge === 'covered') return;
    if (merge !== null) {
      cells.push(`<td class="m"${merge.span > 1 ? ` rowspan="${merge.span}"` : ''}>${escapeHtml(merge.label)}</td>`);
      return;
    }
    // In the galley, merge columns are measured apart (labelHeight); their cells stay empty here.
    const content = merges === null && column.mergeLevel !== null ? '' : text;
    const from = row.part?.continuesFrom[index] ? `<span class="cont">${CONTINUES_FROM_MARK}</span>` : '';
    const to = row.part?.continuesTo[index] ? `<span class="cont">${CONTINUES_TO_MARK}</span>` : '';
    const name = column.role === 'name' ? ' name' : '';
    // An amount column's "/" (unknown) or note is centred, as officials set it; figures stay right.
    const align = column.align === 'right' && !/\d/.test(content) ? 'c' : ALIGN_CLASS[column.align];
    cells.push(`<td class="${align}${name}">${from}${escapeHtml(content)}${to}</td>`);
  });
  return `<tr${row.child ? ' class="child"' : ''}>${cells.join('')}</tr>`;
}

function totalHtml(model: PrintModel, total: PrintTotal): string {
  if (total.note)
    return `<tr class="note"><td class="l" colspan="${model.columns.length}">${escapeHtml(total.label)}</td></tr>`;
  const firstSummed = total.cells.findIndex((cell) => cell !== null);
  const span = firstSummed < 0 ? model.columns.length : firstSummed;
  const cells: string[] = [];
  if (span > 0) cells.push(`<td class="label"${span > 1 ? ` colspan="${span}"` : ''}>${escapeHtml(total.label)}</td>`);
  total.cells.forEach((cell, index) => {
    if (index < span) return;
    const text = index === 0 && span === 0 ? `${total.label} ${cell ?? ''}` : (cell ?? '');
    cells.push(`<td class="${cell === null ? 'c' : 'r'}">${escapeHtml(text)}</td>`);
  });
  return `<tr class="total">${cells.join('')}</tr>`;
}

function blockHtml(model: PrintModel, block: PageBlock): string {
  const body = block.items
    .map((item) => (item.kind === 'row' ? rowHtml(model, item.row, item.merges) : totalHtml(model, item.total)))
    .join('');
  return (
    (block.heading !== null ? `<div class="heading">${escapeHtml(block.heading)}</div>` : '') +
    `<table class="grid">${colgroup(model)}${thead(model)}<tbody>${body}</tbody></table>`
  );
}

export function pageFooter(page: number, pages: number): string {
  return `第 ${page} 页 共 ${pages} 页`;
}

/** The paged document: what the preview shows and the PDF prints. */
export function documentHtml(model: PrintModel, pages: readonly Page[]): string {
  const body = pages
    .map(
      (page) =>
        `<section class="page" data-page="${page.number}"><div class="area">` +
        (page.titleBlock ? titleBlock(model, page.titleBlock) : '') +
        page.blocks.map((block) => blockHtml(model, block)).join('') +
        `</div><div class="foot">${pageFooter(page.number, pages.length)}</div></section>`,
    )
    .join('');
  return documentShell(model, body);
}

/** What the galley lays out to be measured, in the order measure.ts reports heights. */
export interface GalleyContent {
  items: readonly (PrintRow | PrintTotal)[];
  headings: readonly string[];
  /** Merged-cell labels: column index and text. */
  labels: readonly { column: number; text: string }[];
  withTitle: boolean;
}

/**
 * The galley: the title block, every heading, the table with every row in one piece (merge
 * columns left empty), and a second table with each merged-cell label alone in a row.
 */
export function galleyHtml(model: PrintModel, content: GalleyContent): string {
  const items = content.items
    .map((item) => (item.kind === 'row' ? rowHtml(model, item, null) : totalHtml(model, item)))
    .join('');
  const labels = content.labels
    .map(({ column, text }) => {
      const cells = model.columns.map((_, index) => `<td class="m">${index === column ? escapeHtml(text) : ''}</td>`);
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return documentShell(
    model,
    '<div class="galley">' +
      (content.withTitle ? titleBlock(model, 'full', 'title') : '') +
      content.headings.map((text) => `<div class="heading" data-heading>${escapeHtml(text)}</div>`).join('') +
      `<table class="grid" id="galley">${colgroup(model)}${thead(model)}<tbody>${items}</tbody></table>` +
      `<table class="grid" id="probes">${colgroup(model)}<tbody>${labels}</tbody></table>` +
      `<table class="grid"><tbody><tr><td id="marker-cell"><span class="cont" id="marker">${CONTINUES_TO_MARK}</span></td></tr></tbody></table>` +
      '</div>',
  );
}
