import { mmToPx } from './geometry';
import type { GalleyContent } from './html';
import { documentHtml, galleyHtml } from './html';
import type { GalleyMeasurement, MeasureParams } from './measureScript';
import { measureExpression, overflowExpression } from './measureScript';
import type { PrintModel, PrintRow, PrintTotal } from './model';
import type { LayoutMetrics, Page } from './paginate';
import { paginate } from './paginate';
import type { PdfRenderer } from './pdfRenderer';
import { chooseFontPlan } from './fontPlan';
import { splitRow } from './split';

/**
 * From the print model to the paged document: lay the whole table out once in the browser (the
 * galley), measure it, cut rows taller than a page into parts (and measure those), paginate,
 * and render the pages. The result is the one HTML every front end previews and prints.
 */

export interface PrintLayout {
  model: PrintModel;
  pages: Page[];
  html: string;
  warnings: string[];
}

/** Allowance (px) kept free on every page for rounding between measuring and printing. */
const ROUNDING_ALLOWANCE_PX = 4;

export async function layoutPrint(
  built: PrintModel,
  renderer: Pick<PdfRenderer, 'evaluate' | 'pdf'>,
  options: { sectionPageBreak: boolean },
): Promise<PrintLayout> {
  const model: PrintModel = { ...built, fonts: await chooseFontPlan(built, renderer) };
  const warnings = [...model.warnings];
  const bodyHeight = mmToPx(model.geometry.bodyHeightMm) - ROUNDING_ALLOWANCE_PX;
  const viewportWidth = mmToPx(model.geometry.widthMm);

  const items: (PrintRow | PrintTotal)[] = [];
  for (const section of model.sections) {
    items.push(...section.rows);
    if (section.subtotal) items.push(section.subtotal);
  }
  if (model.total) items.push(model.total);
  if (model.note) items.push(model.note);
  items.push(...(model.commentNotes ?? []));
  const headings = [
    ...new Set(
      model.sections.flatMap((section) => (section.heading ? [section.heading.text, section.heading.continued] : [])),
    ),
  ];
  const labels = mergeLabels(model);
  const content: GalleyContent = { items, headings, labels, withTitle: true };
  const measured = await measure(renderer, galleyHtml(model, content), { bodyHeight, split: true }, viewportWidth);
  if (measured.items.length !== items.length || measured.labels.length !== labels.length) {
    throw new Error(
      `galley measurement mismatch: ${measured.items.length}/${items.length} rows, ${measured.labels.length}/${labels.length} labels`,
    );
  }

  const heights = new Map<PrintRow | PrintTotal, number>();
  items.forEach((item, index) => heights.set(item, measured.items[index]!));

  const replacements = await cutTallRows(model, items, measured, heights, warnings, (html, params) =>
    measure(renderer, html, { bodyHeight, ...params }, viewportWidth),
  );
  const paged: PrintModel =
    replacements.size === 0
      ? model
      : {
          ...model,
          sections: model.sections.map((section) => ({
            ...section,
            rows: section.rows.flatMap((row) => replacements.get(row) ?? [row]),
          })),
        };

  const headingHeights = new Map(headings.map((text, index) => [text, measured.headings[index] ?? 0]));
  const labelHeights = new Map(
    labels.map((label, index) => [labelKey(label.column, label.text), measured.labels[index] ?? 0]),
  );
  const metrics: LayoutMetrics = {
    bodyHeight,
    titleHeight: measured.title,
    headerHeight: measured.header,
    rowHeight: (item) => heights.get(item) ?? 0,
    headingHeight: (text) => headingHeights.get(text) ?? 0,
    labelHeight: (column, text) => labelHeights.get(labelKey(column, text)) ?? 0,
  };
  const pages = paginate(paged, metrics, options);
  const html = documentHtml(paged, pages);
  // The paged document, laid out once more: a page whose content runs past its box would be cut off.
  const overflowing = (await renderer.evaluate(html, overflowExpression(), viewportWidth)) as number[];
  if (overflowing.length > 0) {
    warnings.push(
      `第 ${overflowing.join('、')} 页的内容超出版心，可能显示不全 / the content of page ${overflowing.join(', ')} runs past the text area and may be cut off`,
    );
  }
  return { model: paged, pages, html, warnings };
}

/** How many times a row is cut again when a part of it still does not fit. */
const MAX_CUTS = 3;

/**
 * Rows taller than a page, cut into parts at the offsets the browser found; the parts are
 * measured in a galley of their own, and a row whose part still does not fit (a fallback font
 * made a line taller than the rest) is cut again with less room. Records each part's height.
 */
async function cutTallRows(
  model: PrintModel,
  items: readonly (PrintRow | PrintTotal)[],
  measured: GalleyMeasurement,
  heights: Map<PrintRow | PrintTotal, number>,
  warnings: string[],
  measureGalley: (
    html: string,
    params: { split: boolean; maxRowHeight: number; shrink?: number },
  ) => Promise<GalleyMeasurement>,
): Promise<Map<PrintRow, PrintRow[]>> {
  const { maxRowHeight } = measured;
  const replacements = new Map<PrintRow, PrintRow[]>();
  let pending = Object.entries(measured.splits).flatMap(([index, offsets]) => {
    const row = items[Number(index)];
    return row?.kind === 'row' ? [{ row, offsets }] : [];
  });
  let shrink = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const cut = pending.map(({ row, offsets }) => ({ row, parts: splitRow(row, offsets, model.columns) }));
    for (const { row, parts } of cut.filter((entry) => entry.parts.length === 1)) {
      warnings.push(
        `${row.label}高于一页且无法分割，可能显示不全 / ${row.label} is taller than a page and cannot be cut; it may be clipped`,
      );
      replacements.set(row, parts);
    }
    const split = cut.filter((entry) => entry.parts.length > 1);
    const parts = split.flatMap((entry) => entry.parts);
    if (parts.length === 0) break;
    const partHeights = await measureGalley(
      galleyHtml(model, { items: parts, headings: [], labels: [], withTitle: false }),
      {
        split: false,
        maxRowHeight,
      },
    );
    parts.forEach((part, index) => heights.set(part, partHeights.items[index] ?? maxRowHeight));
    const tallest = (parts: readonly PrintRow[]) => Math.max(...parts.map((part) => heights.get(part) ?? 0));
    const tooTall = split.filter((entry) => tallest(entry.parts) > maxRowHeight + 1);
    for (const entry of split) {
      if (tooTall.includes(entry) && attempt < MAX_CUTS) continue;
      replacements.set(entry.row, entry.parts);
      warnings.push(
        `${entry.row.label}高于一页，分 ${entry.parts.length} 页打印，以“转下页”“接上页”标明 / ` +
          `${entry.row.label} is taller than a page and is printed over ${entry.parts.length} pages, marked 转下页/接上页`,
      );
      if (tooTall.includes(entry)) {
        warnings.push(
          `${entry.row.label}的某一部分仍高于一页，可能显示不全 / a part of ${entry.row.label} is still taller than a page and may be clipped`,
        );
      }
    }
    if (tooTall.length === 0 || attempt >= MAX_CUTS) break;
    // Cut those rows again, alone in a galley, giving up the excess (and a little more) in every part.
    shrink += Math.max(...tooTall.map((entry) => tallest(entry.parts) - maxRowHeight)) + 4;
    const again = await measureGalley(
      galleyHtml(model, { items: tooTall.map((entry) => entry.row), headings: [], labels: [], withTitle: false }),
      { split: true, maxRowHeight, shrink },
    );
    pending = tooTall.map((entry, index) => ({ row: entry.row, offsets: again.splits[String(index)] ?? [] }));
  }
  return replacements;
}

function labelKey(column: number, text: string): string {
  return `${column}\u0000${text}`;
}

/** Every label a merged cell can show: each value of a merge column, plain and with （续）. */
function mergeLabels(model: PrintModel): { column: number; text: string }[] {
  const labels = new Map<string, { column: number; text: string }>();
  model.columns.forEach((column, index) => {
    if (column.mergeLevel === null) return;
    for (const section of model.sections) {
      for (const row of section.rows) {
        const value = row.cells[index] ?? '';
        for (const text of value === '' ? [''] : [value, `${value}（续）`])
          labels.set(labelKey(index, text), { column: index, text });
      }
    }
  });
  return [...labels.values()];
}

async function measure(
  renderer: Pick<PdfRenderer, 'evaluate'>,
  html: string,
  params: MeasureParams,
  viewportWidth: number,
): Promise<GalleyMeasurement> {
  const result = (await renderer.evaluate(html, measureExpression(params), viewportWidth)) as GalleyMeasurement | null;
  if (!result || !Array.isArray(result.items)) throw new Error('the browser returned no measurements');
  return result;
}
