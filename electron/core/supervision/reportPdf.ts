import type { SheetProgress } from '../../../shared/contract/calls/supervision';
import { getPdfRenderer } from '../print/engine';
import { fontFamily, TRUETYPE_PLAN } from '../print/fonts';
import { mmToPx, pageGeometry } from '../print/geometry';
import { pageFooter } from '../print/html';
import type { ReportBlock } from './reportBlocks';
import { reportBlocks } from './reportBlocks';

/**
 * The 通报 as an official document: A4 portrait with GB/T 9704 margins, the title in 小标宋/黑体,
 * body in 仿宋, 第 X 页 共 Y 页 under every page — through the print engine's renderer (headless
 * Chromium, or the desktop app's). Blocks are measured once in a galley as wide as the text area,
 * then placed whole on pages; a table continued on a new page repeats its header row.
 */

const GEOMETRY = pageGeometry({ paper: 'A4', orientation: 'portrait', margins: 'standard' });

function styleSheet(): string {
  const g = GEOMETRY;
  const body = fontFamily(TRUETYPE_PLAN.body, 'serif');
  const heading = fontFamily(TRUETYPE_PLAN.heading, 'sans-serif');
  return `
@page { size: ${g.widthMm}mm ${g.heightMm}mm; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: ${body}; font-size: 14pt; line-height: 1.6; color: #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { position: relative; width: ${g.widthMm}mm; height: ${g.heightMm}mm; overflow: hidden; break-after: page; }
.page:last-child { break-after: auto; }
.area { position: absolute; left: ${g.margins.left}mm; top: ${g.margins.top}mm; width: ${g.bodyWidthMm}mm; height: ${g.bodyHeightMm}mm; }
.galley { width: ${g.bodyWidthMm}mm; }
.galley > div { display: flow-root; }
.foot { position: absolute; left: 0; right: 0; top: ${g.margins.top + g.bodyHeightMm + g.footerGapMm}mm; text-align: center; font-size: 12pt; }
.title { font-family: ${heading}; font-size: 22pt; line-height: 1.4; text-align: center; }
.sub { text-align: center; font-size: 14pt; margin: 1mm 0 4mm; }
.heading { font-family: ${heading}; font-size: 15pt; padding: 2mm 0 1mm; }
.text { text-indent: 2em; text-align: justify; padding-bottom: 1mm; }
.chart { padding: 2mm 0; }
table.t { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 10.5pt; line-height: 1.35; }
table.t td, table.t th { border: 0.75pt solid #000; border-top: none; padding: 0.6mm 1mm; overflow-wrap: anywhere; text-align: center; }
table.t.h th { border-top: 0.75pt solid #000; font-family: ${heading}; font-weight: normal; }
`;
}

function shell(body: string): string {
  return (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
    `<title>通报</title><style>${styleSheet()}</style></head><body>${body}</body></html>`
  );
}

function blockHtml(block: ReportBlock): string {
  const css = block.kind === 'row' ? 'row' : block.kind;
  return `<div class="${css}">${block.html}</div>`;
}

/** Each block's height in CSS px, and each distinct table header's, once fonts have loaded. */
async function measure(blocks: readonly ReportBlock[]): Promise<{ blocks: number[]; headers: Map<string, number> }> {
  const headers = [...new Set(blocks.flatMap((block) => (block.kind === 'row' ? [block.header] : [])))];
  const galley = [...blocks.map(blockHtml), ...headers.map((header) => `<div class="row">${header}</div>`)].join('');
  const expression =
    'document.fonts.ready.then(() => Array.from(document.querySelectorAll(".galley > div")).map((e) => e.getBoundingClientRect().height))';
  const heights = (await getPdfRenderer().evaluate(
    shell(`<div class="galley">${galley}</div>`),
    expression,
    Math.ceil(mmToPx(GEOMETRY.widthMm)),
  )) as number[];
  return {
    blocks: heights.slice(0, blocks.length),
    headers: new Map(headers.map((header, index) => [header, heights[blocks.length + index]!])),
  };
}

/** Blocks onto pages: a heading stays with what follows it; a row starting a page brings its header. */
export function paginate(
  blocks: readonly ReportBlock[],
  heights: readonly number[],
  headerHeights: ReadonlyMap<string, number>,
  pageHeight: number,
): string[][] {
  const pages: string[][] = [[]];
  let used = 0;
  let openHeader: string | null = null;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  blocks.forEach((block, index) => {
    let height = heights[index]!;
    const next = blocks[index + 1];
    // A heading needs room for at least the next block (and its header) under it.
    const keep =
      block.kind === 'heading' && next
        ? heights[index + 1]! + (next.kind === 'row' ? headerHeights.get(next.header)! : 0)
        : 0;
    const needsHeader = block.kind === 'row' && openHeader !== block.header;
    if (needsHeader) height += headerHeights.get(block.header)!;
    if (used > 0 && used + height + keep > pageHeight) {
      newPage();
      if (block.kind === 'row' && !needsHeader) height += headerHeights.get(block.header)!;
    }
    const page = pages[pages.length - 1]!;
    if (block.kind === 'row' && (used === 0 || needsHeader)) page.push(`<div class="row">${block.header}</div>`);
    openHeader = block.kind === 'row' ? block.header : null;
    page.push(blockHtml(block));
    used += height;
  });
  return pages;
}

export interface ReportPdf {
  bytes: Uint8Array;
  pages: number;
}

export async function reportPdf(title: string, progress: SheetProgress): Promise<ReportPdf> {
  return blocksPdf(reportBlocks({ title, progress, bodyWidthMm: GEOMETRY.bodyWidthMm }));
}

/** The text area's width on the page, for blocks whose tables fill it. */
export const BODY_WIDTH_MM = GEOMETRY.bodyWidthMm;

/** Any document made of blocks (the 通报, the 催报 page) on A4 portrait pages, numbered 第 X 页 共 Y 页. */
export async function blocksPdf(blocks: readonly ReportBlock[]): Promise<ReportPdf> {
  const measured = await measure(blocks);
  const pages = paginate(blocks, measured.blocks, measured.headers, mmToPx(GEOMETRY.bodyHeightMm));
  const html = shell(
    pages
      .map(
        (content, index) =>
          `<section class="page"><div class="area">${content.join('')}</div>` +
          `<div class="foot">${pageFooter(index + 1, pages.length)}</div></section>`,
      )
      .join(''),
  );
  const bytes = await getPdfRenderer().pdf(html, { widthMm: GEOMETRY.widthMm, heightMm: GEOMETRY.heightMm });
  return { bytes, pages: pages.length };
}
