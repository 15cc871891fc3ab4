import type { PaperSize, PrintOptions } from '../../../shared/contract/calls/printing';

/**
 * The page: paper, orientation and margins, in millimetres, and the conversions to CSS pixels
 * the browser measures in (CSS fixes 96 px to the inch, on screen and in print alike).
 */

export const PX_PER_MM = 96 / 25.4;
export const MM_PER_PT = 25.4 / 72;

const PAPER_MM: Readonly<Record<PaperSize, { width: number; height: number }>> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
};

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageGeometry {
  paper: PaperSize;
  landscape: boolean;
  /** The sheet of paper as it is printed (landscape: the long side across). */
  widthMm: number;
  heightMm: number;
  margins: Margins;
  /** The text area (版心) the title, table and headings fill. */
  bodyWidthMm: number;
  bodyHeightMm: number;
  /** Distance from the text area's lower edge to the page-number line (GB/T 9704: 7 mm). */
  footerGapMm: number;
}

/**
 * GB/T 9704 margins for a portrait page: top 37, bottom 35, binding side (left) 28, right 26,
 * leaving the 156 × 225 mm text area. A landscape attachment is bound along its top edge, so its
 * top margin is the binding margin and the rest turn with the page.
 */
const STANDARD_PORTRAIT: Margins = { top: 37, right: 26, bottom: 35, left: 28 };
const STANDARD_LANDSCAPE: Margins = { top: 28, right: 37, bottom: 26, left: 35 };
const NARROW: Margins = { top: 15, right: 15, bottom: 18, left: 15 };

export function pageGeometry(options: Pick<PrintOptions, 'paper' | 'orientation' | 'margins'>): PageGeometry {
  const paper = PAPER_MM[options.paper];
  const landscape = options.orientation === 'landscape';
  const widthMm = landscape ? paper.height : paper.width;
  const heightMm = landscape ? paper.width : paper.height;
  const margins = options.margins === 'narrow' ? NARROW : landscape ? STANDARD_LANDSCAPE : STANDARD_PORTRAIT;
  return {
    paper: options.paper,
    landscape,
    widthMm,
    heightMm,
    margins,
    bodyWidthMm: widthMm - margins.left - margins.right,
    bodyHeightMm: heightMm - margins.top - margins.bottom,
    footerGapMm: options.margins === 'narrow' ? 5 : 7,
  };
}

export function mmToPx(mm: number): number {
  return mm * PX_PER_MM;
}
