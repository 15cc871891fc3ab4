import type { PrintModel, PrintRow, PrintTotal } from './model';

/**
 * Cutting the print model into pages, from measured heights (CSS px). Pure: the heights come from
 * the browser that renders the same HTML (see measure.ts); the tests give made-up ones.
 *
 * Rules: a row never splits across pages (a row taller than a page arrives here already cut into
 * parts, see split.ts); every page repeats the header rows; on every page, runs of equal category
 * (and subcategory) cells merge into one cell, and a run carried over from the previous page
 * repeats its label with （续）; a section heading repeats with （续）atop its later pages; with
 * sections on new pages, each section's first page carries the title, so it can be handed out.
 */

export interface LayoutMetrics {
  /** The text area's height, less a small allowance for rounding. */
  bodyHeight: number;
  /** The 附件 line, title and document number. */
  titleHeight: number;
  /** The table's header rows. */
  headerHeight: number;
  rowHeight(item: PrintRow | PrintTotal): number;
  headingHeight(text: string): number;
  /** A merged cell's own height: its label in its column, alone in a row. */
  labelHeight(columnIndex: number, label: string): number;
}

/** A merged category cell: the first row of a run carries it over `span` rows. */
export interface MergeCell {
  span: number;
  label: string;
}

export interface PageRow {
  kind: 'row';
  row: PrintRow;
  /** Per printed column: the merged cell that starts here, 'covered' under one, or null (a plain cell). */
  merges: (MergeCell | 'covered' | null)[];
}

export interface PageTotal {
  kind: 'total';
  total: PrintTotal;
}

/** One table on a page, under its section heading (if any). */
export interface PageBlock {
  heading: string | null;
  items: (PageRow | PageTotal)[];
}

export interface Page {
  /** 1-based. */
  number: number;
  /**
   * 'full': the 附件 line, title and document number (the first page); 'title': the title alone,
   * atop a section that starts a new page, so its pages can be handed out on their own.
   */
  titleBlock: 'full' | 'title' | null;
  blocks: PageBlock[];
  /** The height laid out, for tests and diagnostics. */
  usedHeight: number;
}

export interface PaginateOptions {
  /** Start every section on a new page (with the title) instead of running on. */
  sectionPageBreak: boolean;
}

interface Segment {
  key: string;
  /** The row where the merged cell sits. */
  cell: MergeCell;
  rowsHeight: number;
  labelHeight: number;
}

export function paginate(model: PrintModel, metrics: LayoutMetrics, options: PaginateOptions): Page[] {
  const pages: Page[] = [];
  const budget = metrics.bodyHeight;
  const mergeColumns = model.columns.flatMap((column, index) => (column.mergeLevel === null ? [] : [index]));
  let page: Page | null = null;
  let block: PageBlock | null = null;
  let used = 0;
  /** Open merge runs on this page, per merge column. */
  let segments = new Map<number, Segment>();

  const newPage = (titleBlock: Page['titleBlock']): Page => {
    if (page) page.usedHeight = used;
    const next: Page = { number: pages.length + 1, titleBlock, blocks: [], usedHeight: 0 };
    pages.push(next);
    page = next;
    // The title alone is never taller than the full block, which is what was measured.
    used = titleBlock ? metrics.titleHeight : 0;
    return next;
  };
  const openBlock = (current: Page, heading: string | null): PageBlock => {
    const next: PageBlock = { heading, items: [] };
    current.blocks.push(next);
    block = next;
    used += (heading === null ? 0 : metrics.headingHeight(heading)) + metrics.headerHeight;
    segments = new Map();
    return next;
  };

  /** Extra height a row adds through merged cells whose label is taller than the rows under it. */
  const mergeGrowth = (row: PrintRow, previous: PrintRow | null, height: number) => {
    let growth = 0;
    const plan: { column: number; extend: Segment | null; label: string; labelHeight: number }[] = [];
    for (const column of mergeColumns) {
      const key = row.mergeKeys[column] ?? '';
      const open = segments.get(column);
      if (open && open.key === key) {
        const before = Math.max(0, open.labelHeight - open.rowsHeight);
        const after = Math.max(0, open.labelHeight - open.rowsHeight - height);
        growth += after - before;
        plan.push({ column, extend: open, label: '', labelHeight: 0 });
      } else {
        const value = row.cells[column] ?? '';
        const continued = value !== '' && previous !== null && previous.mergeKeys[column] === key;
        const label = continued ? `${value}（续）` : value;
        const labelHeight = metrics.labelHeight(column, label);
        growth += Math.max(0, labelHeight - height);
        plan.push({ column, extend: null, label, labelHeight });
      }
    }
    return { growth, plan };
  };

  const placeRow = (row: PrintRow, previous: PrintRow | null, heading: string | null) => {
    const height = metrics.rowHeight(row);
    let merge = mergeGrowth(row, previous, height);
    if (used + height + merge.growth > budget && block!.items.length > 0) {
      openBlock(newPage(null), heading);
      merge = mergeGrowth(row, previous, height);
    }
    const merges: PageRow['merges'] = row.cells.map(() => null);
    for (const step of merge.plan) {
      if (step.extend) {
        step.extend.cell.span++;
        step.extend.rowsHeight += height;
        merges[step.column] = 'covered';
      } else {
        const cell: MergeCell = { span: 1, label: step.label };
        segments.set(step.column, {
          key: row.mergeKeys[step.column] ?? '',
          cell,
          rowsHeight: height,
          labelHeight: step.labelHeight,
        });
        merges[step.column] = cell;
      }
    }
    block!.items.push({ kind: 'row', row, merges });
    used += height + merge.growth;
  };

  const placeTotal = (total: PrintTotal, heading: string | null) => {
    const height = metrics.rowHeight(total);
    if (used + height > budget && block!.items.length > 0) openBlock(newPage(null), heading);
    block!.items.push({ kind: 'total', total });
    used += height;
    // A totals row spans the merge columns: no run continues across it.
    segments = new Map();
  };

  const grouped = model.sections.some((section) => section.heading !== null);
  for (const section of model.sections) {
    const heading = section.heading;
    const first = section.rows[0] ?? section.subtotal;
    if (page === null || (grouped && options.sectionPageBreak)) {
      openBlock(newPage(page === null ? 'full' : 'title'), heading?.text ?? null);
    } else {
      // Running on: the heading, the header rows and at least one row must fit together.
      const need =
        (heading ? metrics.headingHeight(heading.text) : 0) +
        metrics.headerHeight +
        (first ? metrics.rowHeight(first) : 0);
      openBlock(used + need > budget ? newPage(null) : page, heading?.text ?? null);
    }
    let previous: PrintRow | null = null;
    for (const row of section.rows) {
      placeRow(row, previous, heading?.continued ?? null);
      previous = row;
    }
    if (section.subtotal) placeTotal(section.subtotal, heading?.continued ?? null);
  }
  if (model.total) {
    if (page === null) openBlock(newPage('full'), null);
    placeTotal(model.total, null);
  }
  if (model.note) {
    if (page === null) openBlock(newPage('full'), null);
    placeTotal(model.note, null);
  }
  for (const note of model.commentNotes ?? []) {
    if (page === null) openBlock(newPage('full'), null);
    placeTotal(note, null);
  }
  // Nothing to print still prints one page: the title and the header rows, so it is plain why.
  if (page === null) openBlock(newPage('full'), null);
  if (page) (page as Page).usedHeight = used;
  return pages;
}
