import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { Align, PrintModel, PrintRow, PrintTotal } from '../../print/model';
import type { WordLayout } from './wordLayout';
import type { WordFontRole } from './wordFonts';
import { FONT_SIZE_PT, fontTableXml, runFont } from './wordFonts';
import { CELL_PADDING_X_MM } from '../../print/widths';
import { CELL_PADDING_Y_MM, HEADING_LINES, LINE_HEIGHT_EM } from './wordRowHeights';

/**
 * The .docx of a laid-out sheet: "附件N" top left in 黑体 三号, the title centred in 小标宋 二号,
 * then one table — fixed column widths filling the text area, the header rows (黑体) repeated on
 * every page, no row split across pages (but one taller than a page), category runs merged,
 * multi-line cells kept as lines —
 * on A4 with GB/T 9704 margins and page numbers "— N —" (odd pages right, even pages left, one
 * character in from the edge). Word lays the pages out itself, so nothing here paginates.
 */

const TWIPS_PER_MM = 1440 / 25.4;
const A4_TWIPS = { width: Math.round(210 * TWIPS_PER_MM), height: Math.round(297 * TWIPS_PER_MM) };
/** GB/T 9704: the page number's rule sits 7 mm below the text area. */
const PAGE_NUMBER_GAP_MM = 7;
export const RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const ALIGNMENT = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

export const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
/** docx sizes runs in half-points. */
const halfPoints = (pt: number) => Math.round(pt * 2);

export function run(text: string, role: WordFontRole, sizePt: number): TextRun {
  return new TextRun({ text, font: runFont(role), size: halfPoints(sizePt) });
}

/** One paragraph per line of the text, so a cell's line breaks stay. */
export function cellParagraphs(
  text: string,
  role: WordFontRole,
  sizePt: number,
  align: Align,
  indentMm = 0,
): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        children: line === '' ? [] : [run(line, role, sizePt)],
        alignment: ALIGNMENT[align],
        // An exact line height, the same in Word, WPS and LibreOffice, so row heights can be told.
        spacing: { before: 0, after: 0, line: Math.round(LINE_HEIGHT_EM * sizePt * 20), lineRule: LineRuleType.EXACT },
        ...(indentMm > 0 ? { indent: { left: twips(indentMm) } } : {}),
      }),
  );
}

export async function wordDocumentBytes(layout: WordLayout): Promise<Buffer> {
  const { model, fontSizePt } = layout;
  const { geometry } = model;
  const children: (Paragraph | Table)[] = [];
  const heading = (
    text: string | null,
    role: WordFontRole,
    line: (typeof HEADING_LINES)[keyof typeof HEADING_LINES],
  ) => {
    if (text === null) return;
    children.push(
      new Paragraph({
        children: [run(text, role, line.sizePt)],
        alignment: role === 'heading' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: {
          before: line.beforePt * 20,
          after: line.afterPt * 20,
          line: Math.round(line.lineEm * line.sizePt * 20),
          lineRule: LineRuleType.EXACT,
        },
      }),
    );
  };
  heading(model.attachmentLabel, 'heading', HEADING_LINES.attachment);
  heading(model.title, 'title', HEADING_LINES.title);
  heading(model.docNumber, 'body', HEADING_LINES.docNumber);
  children.push(table(layout));

  return officialDocxBytes({ title: model.title ?? '', geometry, fontSizePt, children });
}

/** What an official document is made of: its title (the file's), page setup, body size and content. */
export interface OfficialDocx {
  title: string;
  geometry: Pick<PrintModel['geometry'], 'landscape' | 'margins'>;
  fontSizePt: number;
  children: (Paragraph | Table)[];
}

/**
 * A .docx in official style: A4 with the given margins, the body in 仿宋 at `fontSizePt`, page
 * numbers "— N —" (odd pages right, even pages left), the font table naming each font's
 * fallbacks. The sheet's Word attachment and the 督查通报 (supervision/reportDocx.ts) are both made here.
 */
export async function officialDocxBytes({ title, geometry, fontSizePt, children }: OfficialDocx): Promise<Buffer> {
  const { margins } = geometry;
  const document = new Document({
    creator: 'Planbench',
    title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: runFont('body'), size: halfPoints(fontSizePt) } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              ...A4_TWIPS,
              orientation: geometry.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: twips(margins.top),
              right: twips(margins.right),
              bottom: twips(margins.bottom),
              left: twips(margins.left),
              // The footer's baseline sits a line below the 7 mm gap under the text area.
              footer: twips(Math.max(5, margins.bottom - PAGE_NUMBER_GAP_MM - FONT_SIZE_PT.四号 * (25.4 / 72))),
            },
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}

/** "— N —" in 宋体 四号, one character in from the outer edge. */
function pageNumberFooter(side: 'left' | 'right'): Footer {
  const oneCharacter = halfPoints(FONT_SIZE_PT.四号) * 10;
  const size = halfPoints(FONT_SIZE_PT.四号);
  const font = runFont('pageNumber');
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: oneCharacter } : { left: oneCharacter },
        children: [new TextRun({ font, size, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

function table({ model, fontSizePt, flowingRows }: WordLayout): Table {
  const widths = model.columns.map((column) => twips(column.widthMm));
  const cellWidth = (first: number, span: number) => ({
    size: widths.slice(first, first + span).reduce((sum, width) => sum + width, 0),
    type: WidthType.DXA,
  });
  const rows: TableRow[] = [];

  // The header rows: repeated atop every page.
  model.headerRows.forEach((cells) => {
    let column = 0;
    rows.push(
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cells.map((cell) => {
          const at = column;
          column += cell.colspan;
          return new TableCell({
            children: cellParagraphs(cell.text, 'heading', fontSizePt, 'center'),
            columnSpan: cell.colspan,
            rowSpan: cell.rowspan,
            width: cellWidth(at, cell.colspan),
            verticalAlign: VerticalAlignTable.CENTER,
          });
        }),
      }),
    );
  });
  // A row spanning the whole table, such as a section's heading.
  const spanning = (text: string) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          children: cellParagraphs(text, 'heading', fontSizePt, 'left'),
          columnSpan: widths.length,
          width: cellWidth(0, widths.length),
        }),
      ],
    });

  for (const section of model.sections) {
    if (section.heading) rows.push(spanning(section.heading.text));
    let previous: PrintRow | null = null;
    for (const row of section.rows) {
      rows.push(bodyRow(model, row, previous, fontSizePt, cellWidth, !flowingRows.has(row)));
      previous = row;
    }
    if (section.subtotal) rows.push(totalRow(model, section.subtotal, fontSizePt, cellWidth));
  }
  if (model.total) rows.push(totalRow(model, model.total, fontSizePt, cellWidth));

  return new Table({
    rows,
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: RULE,
      bottom: RULE,
      left: RULE,
      right: RULE,
      insideHorizontal: RULE,
      insideVertical: RULE,
    },
    margins: {
      left: twips(CELL_PADDING_X_MM),
      right: twips(CELL_PADDING_X_MM),
      top: twips(CELL_PADDING_Y_MM),
      bottom: twips(CELL_PADDING_Y_MM),
    },
  });
}

type CellWidth = (first: number, span: number) => { size: number; type: typeof WidthType.DXA };

/** A sheet row; a category cell equal to the one above continues its merge. */
function bodyRow(
  model: PrintModel,
  row: PrintRow,
  previous: PrintRow | null,
  fontSizePt: number,
  cellWidth: CellWidth,
  keepWhole: boolean,
): TableRow {
  return new TableRow({
    // A row that cannot be kept whole flows on from where it starts rather than leave a page blank.
    cantSplit: keepWhole,
    children: model.columns.map((column, index) => {
      const key = row.mergeKeys[index] ?? null;
      const merge =
        key === null
          ? undefined
          : previous?.mergeKeys[index] === key
            ? VerticalMergeType.CONTINUE
            : VerticalMergeType.RESTART;
      const text = merge === VerticalMergeType.CONTINUE ? '' : (row.cells[index] ?? '');
      // An amount column's "/" (unknown) or note is centred, as officials set it; figures stay right.
      const align = column.align === 'right' && !/\d/.test(text) ? 'center' : column.align;
      const indent = row.child && column.role === 'name' ? fontSizePt * (25.4 / 72) : 0;
      return new TableCell({
        children: cellParagraphs(text, 'body', fontSizePt, align, indent),
        width: cellWidth(index, 1),
        verticalAlign: VerticalAlignTable.CENTER,
        ...(merge ? { verticalMerge: merge } : {}),
      });
    }),
  });
}

/** 合计 or 小计: the label spans the columns before the first summed one, as print sets it. */
function totalRow(model: PrintModel, total: PrintTotal, fontSizePt: number, cellWidth: CellWidth): TableRow {
  const firstSummed = total.cells.findIndex((cell) => cell !== null);
  const span = firstSummed < 0 ? model.columns.length : firstSummed;
  const cells: TableCell[] = [];
  if (span > 0) {
    cells.push(
      new TableCell({
        children: cellParagraphs(total.label, 'heading', fontSizePt, 'center'),
        columnSpan: span,
        width: cellWidth(0, span),
        verticalAlign: VerticalAlignTable.CENTER,
      }),
    );
  }
  total.cells.forEach((cell, index) => {
    if (index < span) return;
    const text = index === 0 && span === 0 ? `${total.label} ${cell ?? ''}` : (cell ?? '');
    cells.push(
      new TableCell({
        children: cellParagraphs(text, 'heading', fontSizePt, cell === null ? 'center' : 'right'),
        width: cellWidth(index, 1),
        verticalAlign: VerticalAlignTable.CENTER,
      }),
    );
  });
  return new TableRow({ cantSplit: true, children: cells });
}
