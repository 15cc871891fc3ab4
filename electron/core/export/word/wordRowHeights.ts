import { MM_PER_PT } from '../../print/geometry';
import { CELL_PADDING_X_MM } from '../../print/widths';
import type { PrintModel, PrintRow } from '../../print/model';
import { emWidth } from '../../print/text';
import { FONT_SIZE_PT } from './wordFonts';

/**
 * How tall a row of the Word table comes out. Word, WPS and LibreOffice each lay the table out
 * themselves, so nothing can be measured here; but every line is set at an exact height
 * (LINE_HEIGHT_EM of the type size) and CJK characters are one em wide in every Chinese font, so
 * a cell's lines — each text line wrapped at the column's width — tell its height closely enough
 * to name the rows too tall for a page: those a word processor cannot keep whole, whatever the
 * document asks (it continues them on the next page, under the repeated header).
 */

export const LINE_HEIGHT_EM = 1.3;
/** Cell padding above and below, in mm (the table's cell margins); left and right as print pads its cells. */
export const CELL_PADDING_Y_MM = 0.6;

/** The lines a text takes in a column of this width. */
function linesOf(text: string, widthMm: number, fontSizePt: number): number {
  // Whole characters to a line: a CJK character that does not fit goes to the next line.
  const perLine = Math.max(1, Math.floor((widthMm - 2 * CELL_PADDING_X_MM) / (fontSizePt * MM_PER_PT) + 1e-9));
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(emWidth(line) / perLine - 1e-9)), 0);
}

function rowHeightMm(cells: readonly string[], widthsMm: readonly number[], fontSizePt: number): number {
  let lines = 1;
  cells.forEach((text, index) => (lines = Math.max(lines, linesOf(text, widthsMm[index] ?? 0, fontSizePt))));
  return lines * LINE_HEIGHT_EM * fontSizePt * MM_PER_PT + 2 * CELL_PADDING_Y_MM;
}

/** The lines above the table, each at an exact height: 附件N in 三号, the title in 二号, the document number. */
export const HEADING_LINES = {
  attachment: { sizePt: FONT_SIZE_PT.三号, lineEm: 1.5, beforePt: 0, afterPt: 0 },
  title: { sizePt: FONT_SIZE_PT.二号, lineEm: 1.4, beforePt: 12, afterPt: 12 },
  docNumber: { sizePt: FONT_SIZE_PT.三号, lineEm: 1.5, beforePt: 0, afterPt: 12 },
} as const;

/** The height of what stands above the table on the first page. */
function headingHeightMm(model: PrintModel): number {
  const bodyWidthMm = model.geometry.bodyWidthMm;
  const block = (text: string | null, line: (typeof HEADING_LINES)[keyof typeof HEADING_LINES]) => {
    if (text === null) return 0;
    const lines = linesOf(text, bodyWidthMm + 2 * CELL_PADDING_X_MM, line.sizePt);
    return (lines * line.lineEm * line.sizePt + line.beforePt + line.afterPt) * MM_PER_PT;
  };
  return (
    block(model.attachmentLabel, HEADING_LINES.attachment) +
    block(model.title, HEADING_LINES.title) +
    block(model.docNumber, HEADING_LINES.docNumber)
  );
}

export interface RowFit {
  /** Rows taller than what a page leaves under the repeated header rows: no word processor keeps them whole. */
  tallerThanPage: PrintRow[];
  /** The table's first row, when it does not fit under the title on the first page. */
  firstRowOverflows: PrintRow | null;
}

export function rowFit(model: PrintModel, fontSizePt: number): RowFit {
  const widths = model.columns.map((column) => column.widthMm);
  const header = model.headerRows.reduce((sum, cells) => {
    let at = 0;
    const spanned = cells.map((cell) => {
      const width = widths.slice(at, at + cell.colspan).reduce((total, value) => total + value, 0);
      at += cell.colspan;
      return { text: cell.text, width };
    });
    return (
      sum +
      rowHeightMm(
        spanned.map((cell) => cell.text),
        spanned.map((cell) => cell.width),
        fontSizePt,
      )
    );
  }, 0);
  const room = model.geometry.bodyHeightMm - header;
  const height = (row: PrintRow) => rowHeightMm(row.cells, widths, fontSizePt);
  const first = model.sections[0]?.heading ? undefined : model.sections[0]?.rows[0];
  return {
    tallerThanPage: model.sections.flatMap((section) => section.rows.filter((row) => height(row) > room)),
    firstRowOverflows: first && height(first) > room - headingHeightMm(model) ? first : null,
  };
}
