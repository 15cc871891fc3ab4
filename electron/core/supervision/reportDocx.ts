import type { Paragraph as ParagraphType } from 'docx';
import {
  AlignmentType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { SheetProgress } from '../../../shared/contract/calls/supervision';
import { SUPERVISION_STATUS_LABELS, SUPERVISION_STATUSES } from '../../../shared/rules/supervision/status';
import { cellParagraphs, officialDocxBytes, RULE, run, twips } from '../export/word/wordDocument';
import { runFont } from '../export/word/wordFonts';
import { pageGeometry } from '../print/geometry';
import { CELL_PADDING_X_MM } from '../print/widths';
import type { ReportBlock } from './reportBlocks';
import { reportBlocks, STATUS_COLOURS } from './reportBlocks';

/**
 * The 通报 as a Word document, with the same blocks as the PDF (reportBlocks.ts) written through
 * the Word exporter's official-document frame (export/word: A4 portrait, GB/T 9704 margins,
 * 仿宋 body, 小标宋 title, 黑体 headings, "— N —" page numbers): consecutive table rows become
 * one table whose header row repeats on each page, and the chart of statuses by department
 * becomes a table of coloured bars with a legend, which Word, WPS and LibreOffice all show.
 */

const GEOMETRY = pageGeometry({ paper: 'A4', orientation: 'portrait', margins: 'standard' });
const BODY_PT = 14;
const TABLE_PT = 10.5;
/** How many ■ the longest bar of the chart is. */
const BAR_CHARACTERS = 24;

const halfPoints = (pt: number) => Math.round(pt * 2);

function paragraph(
  text: string,
  options: { role: 'body' | 'title' | 'heading'; sizePt: number; center?: boolean; indent?: boolean },
) {
  return new Paragraph({
    children: [run(text, options.role, options.sizePt)],
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { before: options.role === 'heading' ? 120 : 0, after: 60 },
    ...(options.indent ? { indent: { firstLine: halfPoints(options.sizePt) * 20 } } : {}),
  });
}

function wordTable(widthsMm: readonly number[], header: readonly string[] | null, rows: readonly TableRow[]): Table {
  const widths = widthsMm.map(twips);
  const headerRow = header
    ? [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: header.map(
            (text, index) =>
              new TableCell({
                children: cellParagraphs(text, 'heading', TABLE_PT, 'center'),
                width: { size: widths[index]!, type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.CENTER,
              }),
          ),
        }),
      ]
    : [];
  return new Table({
    rows: [...headerRow, ...rows],
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    margins: { left: twips(CELL_PADDING_X_MM), right: twips(CELL_PADDING_X_MM), top: 20, bottom: 20 },
  });
}

function bodyRow(cells: readonly string[], widthsMm: readonly number[]): TableRow {
  return new TableRow({
    cantSplit: true,
    children: cells.map(
      (text, index) =>
        new TableCell({
          children: cellParagraphs(text, 'body', TABLE_PT, 'center'),
          width: { size: twips(widthsMm[index]!), type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
        }),
    ),
  });
}

/** The chart: one row per department, a bar of coloured ■ per status, its total after it. */
function chartTable(block: Extract<ReportBlock, { kind: 'chart' }>): (Table | ParagraphType)[] {
  const total = (counts: Record<string, number>) => SUPERVISION_STATUSES.reduce((sum, s) => sum + counts[s]!, 0);
  const most = Math.max(1, ...block.entries.map((entry) => total(entry.counts)));
  const widthsMm = [44, GEOMETRY.bodyWidthMm - 44 - 14, 14];
  const rows = block.entries.map(
    (entry) =>
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ children: cellParagraphs(entry.department, 'body', TABLE_PT, 'right') }),
          new TableCell({
            children: [
              new Paragraph({
                children: SUPERVISION_STATUSES.filter((status) => entry.counts[status] > 0).map(
                  (status) =>
                    new TextRun({
                      text: '■'.repeat(Math.max(1, Math.round((entry.counts[status] / most) * BAR_CHARACTERS))),
                      color: STATUS_COLOURS[status].slice(1),
                      font: runFont('body'),
                      size: halfPoints(TABLE_PT),
                    }),
                ),
              }),
            ],
          }),
          new TableCell({ children: cellParagraphs(String(total(entry.counts)), 'body', TABLE_PT, 'left') }),
        ],
      }),
  );
  const legend = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: SUPERVISION_STATUSES.flatMap((status) => [
      new TextRun({ text: '■', color: STATUS_COLOURS[status].slice(1), size: halfPoints(TABLE_PT) }),
      run(`${SUPERVISION_STATUS_LABELS[status]}  `, 'body', TABLE_PT),
    ]),
  });
  return [
    paragraph('各牵头单位事项状态分布', { role: 'heading', sizePt: TABLE_PT + 1, center: true }),
    wordTable(widthsMm, null, rows),
    legend,
  ];
}

/** The blocks as Word content: consecutive rows of one table become one table. */
export function blocksToWord(blocks: readonly ReportBlock[]): (Paragraph | Table)[] {
  const children: (Paragraph | Table)[] = [];
  const table: { open: { header: string; headers: string[]; widthsMm: number[]; rows: TableRow[] } | null } = {
    open: null,
  };
  const close = () => {
    const { open } = table;
    if (open) children.push(wordTable(open.widthsMm, open.headers, open.rows));
    table.open = null;
  };
  for (const block of blocks) {
    if (block.kind === 'row') {
      if (table.open?.header !== block.header) {
        close();
        table.open = { header: block.header, headers: block.headers, widthsMm: block.widthsMm, rows: [] };
      }
      table.open.rows.push(bodyRow(block.cells, block.widthsMm));
      continue;
    }
    close();
    if (block.kind === 'title') {
      children.push(paragraph(block.lines[0]!, { role: 'title', sizePt: 22, center: true }));
      for (const line of block.lines.slice(1))
        children.push(paragraph(line, { role: 'body', sizePt: BODY_PT, center: true }));
    } else if (block.kind === 'heading') children.push(paragraph(block.text, { role: 'heading', sizePt: BODY_PT + 1 }));
    else if (block.kind === 'text')
      children.push(paragraph(block.text, { role: 'body', sizePt: BODY_PT, indent: true }));
    else children.push(...chartTable(block));
  }
  close();
  return children;
}

export function reportDocx(title: string, progress: SheetProgress): Promise<Buffer> {
  const blocks = reportBlocks({ title, progress, bodyWidthMm: GEOMETRY.bodyWidthMm });
  return officialDocxBytes({ title, geometry: GEOMETRY, fontSizePt: BODY_PT, children: blocksToWord(blocks) });
}
