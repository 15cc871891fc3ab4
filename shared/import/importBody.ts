import type { GridCell, GridRow, MergeRange } from './importGrid';
import type { HeaderGuess } from './importHeader';
import { headerCellText } from './importHeader';
import { isNoteText, isNumericText, isSectionLabel, totalLabelKind } from './importText';

/**
 * The rows under the header, sorted into data rows and rows set aside: the header repeated at a
 * page break, blank rows, 合计/小计 rows (kept to compare with the computed totals), notes (注：…),
 * and section rows ("一、生态安全类" alone on a row). Merged cells are carried down into the rows
 * they cover, and every carried cell is recorded, so the preview can flag it.
 */

export interface BodyRow {
  r: number;
  cells: (GridCell | null | undefined)[];
  /** Columns whose value was carried down from a merged cell above. */
  carried?: number[];
  hidden?: boolean;
  /** The section row this row sits under, if the table has such rows. */
  section?: string;
}

export type SetAsideKind = 'repeatedHeader' | 'total' | 'subtotal' | 'note' | 'section';

export interface SetAsideRow {
  r: number;
  kind: SetAsideKind;
  /** The row's text, cells joined with spaces. */
  text: string;
}

/** A 合计/小计 row with its cells, and the data rows it sums (for a 小计, those since the last). */
export interface TotalRow {
  r: number;
  kind: 'total' | 'subtotal';
  label: string;
  cells: (GridCell | null | undefined)[];
  /** Index range [from, to) into the data rows this row totals: all of them for a 合计. */
  from: number;
  to: number;
}

export interface ShapedBody {
  rows: BodyRow[];
  setAside: SetAsideRow[];
  totals: TotalRow[];
}

function rowTexts(row: GridRow, columnCount: number): string[] {
  const texts: string[] = [];
  for (let column = 0; column < columnCount; column++) texts.push(headerCellText(row.cells[column]));
  return texts;
}

/**
 * The row repeats a header row: most of the header's names, in the same columns, and nothing
 * else. A cell's text is only worked out when it is compared, so a data row is usually ruled
 * out at its first cell.
 */
function repeatsHeader(cells: readonly (GridCell | null | undefined)[], header: readonly string[]): boolean {
  let named = 0;
  let same = 0;
  for (let column = 0; column < header.length; column++) {
    // Stryker disable next-line StringLiteral: column stays below header.length, so the fallback is never used
    const name = header[column] ?? '';
    const text = headerCellText(cells[column]);
    if (name === '') {
      if (text !== '') return false;
      continue;
    }
    named++;
    if (text === name) same++;
    else if (text !== '') return false;
  }
  return named > 0 && same >= Math.max(1, Math.ceil(named * 0.7));
}

interface CarryRule {
  column: number;
  top: number;
  bottom: number;
  value?: GridCell | null | undefined;
}

/**
 * Sorts rows under the header one at a time, in sheet order, so a large sheet can be shaped
 * while it is still being read. `headRows` are the first rows of the sheet (they hold the
 * header); merges and the column count are the sheet's.
 */
export class BodyShaper {
  private readonly lastHeaderRow: number;
  private readonly headerTexts: string[][];
  /** Vertical merges below the header, by their top row: the value there fills the rows under it. */
  private readonly carryByTop = new Map<number, CarryRule[]>();
  private readonly wide: Set<number>;
  // Stryker disable next-line ArrayDeclaration: a stand-in entry is no carry rule (no rows, no value), so the loop skips it
  private readonly active: CarryRule[] = [];
  readonly body: BodyRow[] = [];
  readonly setAside: SetAsideRow[] = [];
  readonly totals: TotalRow[] = [];
  private section: string | undefined;
  private groupStart = 0;
  // After "备注：" the numbered lines that follow, one cell each, are the note's text.
  private inNotes = false;

  constructor(
    headRows: readonly GridRow[],
    merges: readonly MergeRange[],
    private readonly columnCount: number,
    header: HeaderGuess,
  ) {
    this.lastHeaderRow = header.headerRows.at(-1) ?? 0;
    this.headerTexts = header.headerRows.map((r) => {
      const row = headRows.find((candidate) => candidate.r === r);
      return row ? rowTexts(row, columnCount) : [];
    });
    for (const merge of merges) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: only saves work — a merge within one row, or starting in the header, never carries (push skips header rows, and a carry fills only rows below a merge's top)
      if (merge.bottom <= merge.top || merge.top <= this.lastHeaderRow) continue;
      const rule: CarryRule = { column: merge.left, top: merge.top, bottom: merge.bottom };
      const list = this.carryByTop.get(merge.top) ?? [];
      list.push(rule);
      this.carryByTop.set(merge.top, list);
    }
    this.wide = new Set(
      merges.filter((merge) => merge.right - merge.left + 1 >= Math.max(2, columnCount / 2)).map((merge) => merge.top),
    );
  }

  /** Take the next row of the sheet; returns it as a data row, or null when it is set aside or blank. */
  push(row: GridRow): BodyRow | null {
    const { columnCount, active, body, setAside, totals } = this;
    if (row.r <= this.lastHeaderRow) return null;
    // Start the carries whose merge begins here (their value is this row's cell) …
    for (const rule of this.carryByTop.get(row.r) ?? []) {
      rule.value = row.cells[rule.column];
      active.push(rule);
    }
    // … and fill the rows a merge covers below its top; an emptied cell means nothing else is there.
    let carried: number[] | undefined;
    let cells = row.cells;
    for (let index = active.length - 1; index >= 0; index--) {
      const rule = active[index]!;
      if (row.r > rule.bottom) {
        // Stryker disable next-line CallExpression: only forgets an expired rule; the continue below skips it anyway
        active.splice(index, 1);
        continue;
      }
      if (row.r === rule.top || rule.value === null || rule.value === undefined || rule.value === '') continue;
      const own = cells[rule.column];
      if (own !== null && own !== undefined && own !== '') continue;
      if (cells === row.cells) cells = [...row.cells];
      cells[rule.column] = rule.value;
      (carried ??= []).push(rule.column);
    }

    // How many cells show something, the only one when there is one, and the first total label.
    // A number's text is not needed for that: it shows something and is never a label.
    let filledCount = 0;
    // Stryker disable next-line UnaryOperator: read only when exactly one cell is filled, which sets it
    let onlyColumn = -1;
    let label: string | undefined;
    for (let column = 0; column < columnCount; column++) {
      const cell = cells[column];
      // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a shortcut — an empty cell's text is '' and the text test below skips it too
      if (cell === null || cell === undefined || cell === '') continue;
      if (typeof cell !== 'number') {
        const text = headerCellText(cell);
        if (text === '') continue;
        if (label === undefined && totalLabelKind(text) !== null) label = text;
      }
      filledCount++;
      onlyColumn = column;
    }
    if (filledCount === 0) return null;
    if (this.headerTexts.some((names) => repeatsHeader(cells, names))) {
      setAside.push({ r: row.r, kind: 'repeatedHeader', text: this.joined(row.r, cells) });
      return null;
    }
    if (label !== undefined) {
      const kind = totalLabelKind(label)!;
      totals.push({ r: row.r, kind, label, cells, from: kind === 'subtotal' ? this.groupStart : 0, to: body.length });
      setAside.push({ r: row.r, kind, text: this.joined(row.r, cells) });
      this.groupStart = body.length;
      return null;
    }
    if (filledCount > 1) this.inNotes = false;
    if (filledCount === 1 && columnCount > 2) {
      const only = headerCellText(cells[onlyColumn]);
      if (this.inNotes || isNoteText(only)) {
        this.inNotes = true;
        setAside.push({ r: row.r, kind: 'note', text: only });
        return null;
      }
      if (!isNumericText(only) && (isSectionLabel(only) || this.wide.has(row.r))) {
        this.section = only;
        setAside.push({ r: row.r, kind: 'section', text: only });
        this.groupStart = body.length;
        return null;
      }
    }
    const bodyRow: BodyRow = { r: row.r, cells };
    if (carried) bodyRow.carried = carried.sort((a, b) => a - b);
    if (row.hidden) bodyRow.hidden = true;
    if (this.section !== undefined) bodyRow.section = this.section;
    body.push(bodyRow);
    return bodyRow;
  }

  /** A set-aside row's text: its cells' texts joined with spaces. */
  private joined(r: number, cells: GridRow['cells']): string {
    return rowTexts({ r, cells }, this.columnCount)
      .filter((text) => text !== '')
      .join(' ');
  }

  /** The shaped body, once every row has been taken. */
  finish(): ShapedBody {
    // A 合计 covers the whole table, wherever it stands (the 88-project table has it at the top).
    for (const total of this.totals)
      if (total.kind === 'total') Object.assign(total, { from: 0, to: this.body.length });
    return { rows: this.body, setAside: this.setAside, totals: this.totals };
  }
}

export function shapeBody(
  rows: readonly GridRow[],
  merges: readonly MergeRange[],
  columnCount: number,
  header: HeaderGuess,
): ShapedBody {
  const shaper = new BodyShaper(rows, merges, columnCount, header);
  for (const row of rows) shaper.push(row);
  return shaper.finish();
}
