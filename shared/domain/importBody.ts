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

/** The row repeats a header row: most of the header's names, in the same columns, and nothing else. */
function repeatsHeader(texts: readonly string[], header: readonly string[]): boolean {
  let named = 0;
  let same = 0;
  for (let column = 0; column < header.length; column++) {
    const name = header[column] ?? '';
    const text = texts[column] ?? '';
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

export function shapeBody(
  rows: readonly GridRow[],
  merges: readonly MergeRange[],
  columnCount: number,
  header: HeaderGuess,
): ShapedBody {
  const lastHeaderRow = header.headerRows.at(-1) ?? 0;
  const headerTexts = header.headerRows.map((r) => {
    const row = rows.find((candidate) => candidate.r === r);
    return row ? rowTexts(row, columnCount) : [];
  });
  // Vertical merges below the header, by their top row: the value there fills the rows under it.
  const carryByTop = new Map<number, CarryRule[]>();
  for (const merge of merges) {
    if (merge.bottom <= merge.top || merge.top <= lastHeaderRow) continue;
    const rule: CarryRule = { column: merge.left, top: merge.top, bottom: merge.bottom };
    const list = carryByTop.get(merge.top) ?? [];
    list.push(rule);
    carryByTop.set(merge.top, list);
  }
  const wide = new Set(merges.filter((merge) => merge.right - merge.left + 1 >= Math.max(2, columnCount / 2)).map((merge) => merge.top));
  const active: CarryRule[] = [];

  const body: BodyRow[] = [];
  const setAside: SetAsideRow[] = [];
  const totals: TotalRow[] = [];
  let section: string | undefined;
  let groupStart = 0;
  // After "备注：" the numbered lines that follow, one cell each, are the note's text.
  let inNotes = false;

  for (const row of rows) {
    if (row.r <= lastHeaderRow) continue;
    // Start the carries whose merge begins here (their value is this row's cell) …
    for (const rule of carryByTop.get(row.r) ?? []) {
      rule.value = row.cells[rule.column];
      active.push(rule);
    }
    // … and fill the rows a merge covers below its top; an emptied cell means nothing else is there.
    let carried: number[] | undefined;
    let cells = row.cells;
    for (let index = active.length - 1; index >= 0; index--) {
      const rule = active[index]!;
      if (row.r > rule.bottom) {
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

    const texts = rowTexts({ r: row.r, cells }, columnCount);
    const filled = texts.filter((text) => text !== '');
    if (filled.length === 0) continue;
    const joined = filled.join(' ');
    if (headerTexts.some((names) => repeatsHeader(texts, names))) {
      setAside.push({ r: row.r, kind: 'repeatedHeader', text: joined });
      continue;
    }
    const label = texts.find((text) => totalLabelKind(text) !== null);
    if (label !== undefined) {
      const kind = totalLabelKind(label)!;
      totals.push({ r: row.r, kind, label, cells, from: kind === 'subtotal' ? groupStart : 0, to: body.length });
      setAside.push({ r: row.r, kind, text: joined });
      groupStart = body.length;
      continue;
    }
    if (filled.length > 1) inNotes = false;
    if (filled.length === 1 && columnCount > 2) {
      const only = filled[0]!;
      if (inNotes || isNoteText(only)) {
        inNotes = true;
        setAside.push({ r: row.r, kind: 'note', text: joined });
        continue;
      }
      if (!isNumericText(only) && (isSectionLabel(only) || wide.has(row.r))) {
        section = only;
        setAside.push({ r: row.r, kind: 'section', text: joined });
        groupStart = body.length;
        continue;
      }
    }
    const bodyRow: BodyRow = { r: row.r, cells };
    if (carried) bodyRow.carried = carried.sort((a, b) => a - b);
    if (row.hidden) bodyRow.hidden = true;
    if (section !== undefined) bodyRow.section = section;
    body.push(bodyRow);
  }
  // A 合计 covers the whole table, wherever it stands (the 88-project table has it at the top).
  for (const total of totals) if (total.kind === 'total') Object.assign(total, { from: 0, to: body.length });
  return { rows: body, setAside, totals };
}
