import type { PrintOptions } from '../../../../shared/contract/calls/printing';
import type { WordExportOptions } from '../../../../shared/contract/calls/wordExport';
import type { ColumnDef } from '../../../../shared/model/columns';
import { MM_PER_PT, pageGeometry } from '../../print/geometry';
import type { PrintModel, PrintRow, PrintSource } from '../../print/model';
import { buildPrintModel } from '../../print/model';
import { widestLineEm } from '../../print/text';
import type { WidthRequest } from '../../print/widths';
import { CELL_PADDING_X_MM, columnWidths } from '../../print/widths';
import { FONT_SIZE_PT } from './wordFonts';
import { rowFit } from './wordRowHeights';

/**
 * What a sheet's Word attachment shows and how it sits on the page. The table itself — columns,
 * headers, display texts, merged categories, sections and exact totals — is the print model, so
 * Word and print show the same table; this module picks what Word decides differently: always
 * A4 with the standard's margins, portrait or landscape by the table's width, the body in 四号
 * or, where that does not fit, 小四, and column widths from the sheet's own widths.
 */

export interface WordLayout {
  model: PrintModel;
  orientation: 'landscape' | 'portrait';
  fontSizePt: number;
  /**
   * Rows that flow on over a page break rather than leave a page blank: those taller than a page
   * (no word processor can keep them whole), and a first row too tall for the first page.
   */
  flowingRows: ReadonlySet<PrintRow>;
  /** The print model's warnings, and one per flowing row. */
  warnings: string[];
}

/** A column wider than this (in characters) would wrap anyway: it counts this wide towards the table's width. */
const WRAP_AT_EM = 20;
/** 四号 is used when the columns' minimum widths leave at least this share of the text area for the rest. */
const ROOM_FOR_LARGE_TYPE = 2 / 3;
/** The grid's widths are CSS pixels (96 to the inch). */
const MM_PER_PX = 25.4 / 96;

export function wordLayout(source: PrintSource, setup: PrintOptions, options: WordExportOptions): WordLayout {
  const base: PrintOptions = {
    ...setup,
    paper: 'A4',
    margins: 'standard',
    attachmentNumber: options.attachmentNumber,
    columns: columnChoices(source.sheet.columns, setup),
  };
  // The texts do not depend on the page: one model tells how wide the table wants to be.
  const probe = buildPrintModel(source, { ...base, orientation: 'landscape', fontSizePt: FONT_SIZE_PT.小四 });
  const requests = widthRequests(probe, source.sheet.columns, base.columns ?? []);
  const orientation =
    options.orientation !== 'auto'
      ? options.orientation
      : naturalWidthMm(requests, FONT_SIZE_PT.小四) <= pageGeometry({ ...base, orientation: 'portrait' }).bodyWidthMm
        ? 'portrait'
        : 'landscape';
  const bodyWidthMm = pageGeometry({ ...base, orientation }).bodyWidthMm;
  const large = !columnWidths(requests, bodyWidthMm * ROOM_FOR_LARGE_TYPE, FONT_SIZE_PT.四号).cramped;
  const fontSizePt = large ? FONT_SIZE_PT.四号 : FONT_SIZE_PT.小四;
  const model = buildPrintModel(source, { ...base, orientation, fontSizePt });
  const fit = rowFit(model, fontSizePt);
  const flowing = new Set(fit.tallerThanPage);
  const warnings = [
    ...model.warnings,
    ...fit.tallerThanPage.map(
      (row) =>
        `${row.label}高于一页，在 Word 中接续排到下一页 / ${row.label} is taller than a page; it continues on the next page`,
    ),
  ];
  if (fit.firstRowOverflows && !flowing.has(fit.firstRowOverflows)) {
    const { label } = fit.firstRowOverflows;
    flowing.add(fit.firstRowOverflows);
    warnings.push(
      `${label}在首页标题下放不下，接续排到下一页 / ${label} does not fit under the title; it continues on the next page`,
    );
  }
  return { model, orientation, fontSizePt, flowingRows: flowing, warnings };
}

/**
 * The columns as the print setup lists them (or the visible ones), each with a width: the one
 * the print setup fixes, else the one the user gave the column in the grid, else none (shared out
 * by the texts' lengths, as print does).
 */
function columnChoices(columns: readonly ColumnDef[], setup: PrintOptions): NonNullable<PrintOptions['columns']> {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const chosen =
    setup.columns ?? columns.filter((column) => !column.hidden).map((column) => ({ key: column.key, widthMm: null }));
  return chosen.map((choice) => {
    const width = byKey.get(choice.key)?.width ?? null;
    return { key: choice.key, widthMm: choice.widthMm ?? (width !== null && width > 0 ? width * MM_PER_PX : null) };
  });
}

/** The print model's columns as the width sharing takes them. */
function widthRequests(
  model: PrintModel,
  columns: readonly ColumnDef[],
  choices: NonNullable<PrintOptions['columns']>,
): WidthRequest[] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const fixed = new Map(choices.map((choice) => [choice.key, choice.widthMm]));
  const rows = model.sections.flatMap((section) => section.rows);
  return model.columns.map((column, index) => ({
    type: byKey.get(column.key)?.type ?? 'text',
    header: column.header,
    texts: [...rows.map((row) => row.cells[index] ?? ''), model.total?.cells[index] ?? ''],
    fixedMm: fixed.get(column.key) ?? null,
    noWrap: column.noWrap,
  }));
}

/** The table's width with every cell on one line, a long text counting as a wrapped one. */
function naturalWidthMm(requests: readonly WidthRequest[], fontSizePt: number): number {
  const emMm = fontSizePt * MM_PER_PT;
  return requests.reduce((sum, request) => {
    if (request.fixedMm !== null) return sum + request.fixedMm;
    let widest = widestLineEm(request.header);
    for (const text of request.texts) widest = Math.max(widest, widestLineEm(text));
    const em = request.noWrap ? widest : Math.min(widest, WRAP_AT_EM);
    return sum + em * emMm + 2 * CELL_PADDING_X_MM;
  }, 0);
}
