import type { GridCell, GridRow, MergeRange } from './importGrid';
import { cellText } from './importGrid';
import { rolesOfHeader } from './importSynonyms';
import type { MoneyUnit } from '../values/money';
import {
  isAttachmentLabel,
  isNoteText,
  isNumericText,
  joinWrappedLines,
  normaliseCellText,
  statedMoneyUnit,
  stripMarkup,
  totalLabelKind,
} from './importText';

/**
 * Where a table's header is. Real tables start with a title ("常州市生态文明建设重点工程表"), an
 * "附件1" line, a "单位：万元" line; their header may span two rows (目标值 over 2025年 and 2030年,
 * merged or not). The header is the early row that reads most like column names; a second row
 * under it is part of the header when it only names sub-columns of the first.
 */

export interface SkippedAbove {
  r: number;
  text: string;
  why: 'title' | 'attachment' | 'unitLine' | 'note';
}

export interface HeaderGuess {
  /** Source row numbers of the header: one row, or two for a two-row header. */
  headerRows: number[];
  /** Rows above the header, skipped, with why. */
  above: SkippedAbove[];
  /** Column names by 0-based source column ('' where a column has none); two rows join with ·. */
  names: string[];
  /** The money unit a "单位：万元" line above the header states. */
  moneyUnit: MoneyUnit | null;
  /** How sure the guess is, 0–1: high when the header names columns the workbench knows. */
  confidence: number;
}

/** How many rows from the top a header is looked for in. */
export const HEADER_SEARCH_ROWS = 30;

const NEEDS_CLEANING = /[<[\s\u00a0\u3000]/;

/** A header cell's text: markup gone, wrapped lines joined, spaces between Chinese removed. */
export function headerCellText(cell: GridCell | null | undefined): string {
  // Most cells are plain one-line text without markup or spaces: nothing to clean.
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut — cleaning a plain one-line text gives the same text
  if (typeof cell === 'string' && !NEEDS_CLEANING.test(cell)) return cell;
  const text = joinWrappedLines(normaliseCellText(stripMarkup(cellText(cell)).text));
  return text.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '');
}

function isYearLike(cell: GridCell | null | undefined): boolean {
  return typeof cell === 'number' && Number.isInteger(cell) && cell >= 1900 && cell <= 2200;
}

interface RowShape {
  row: GridRow;
  texts: string[];
  nonEmpty: number;
  numeric: number;
  known: number;
  longest: number;
}

function shape(row: GridRow, columnCount: number): RowShape {
  const texts: string[] = [];
  let nonEmpty = 0;
  let numeric = 0;
  let known = 0;
  let longest = 0;
  for (let column = 0; column < columnCount; column++) {
    const cell = row.cells[column];
    const text = headerCellText(cell);
    texts.push(text);
    if (text === '') continue;
    nonEmpty++;
    longest = Math.max(longest, text.length);
    if ((typeof cell === 'number' && !isYearLike(cell)) || (typeof cell === 'string' && isNumericText(text))) numeric++;
    if (rolesOfHeader(text).length > 0 || /^(?:19|20|21)\d{2}年?$/.test(text) || totalLabelKind(text) === 'total')
      known++;
  }
  return { row, texts, nonEmpty, numeric, known, longest };
}

/** How much a row reads like a header: many short texts, names the workbench knows, no numbers. */
function headerScore(candidate: RowShape, columnCount: number): number {
  if (candidate.nonEmpty < Math.min(2, columnCount)) return -1;
  if (candidate.texts.some((text) => totalLabelKind(text) !== null) && candidate.numeric > 0) return -1;
  const textual = candidate.nonEmpty - candidate.numeric;
  if (textual < Math.min(2, columnCount) || candidate.numeric > 1) return -1;
  return (
    candidate.known * 3 +
    textual -
    candidate.numeric * 2 +
    candidate.nonEmpty / Math.max(1, columnCount) -
    (candidate.longest > 40 ? 3 : 0)
  );
}

function mergesInRow(merges: readonly MergeRange[], r: number): MergeRange[] {
  return merges.filter((merge) => merge.top <= r && merge.bottom >= r && merge.right > merge.left);
}

function inMerge(merges: readonly MergeRange[], column: number): MergeRange | undefined {
  return merges.find((merge) => merge.left <= column && merge.right >= column);
}

/**
 * Whether `below` is the second row of a two-row header under `top`: only short texts (no
 * numbers, no 合计), and each of them under a merged group name or an empty top cell, or starting
 * a group whose name the top row gives once ("目标值", "" over "2025年", "2030年").
 */
function isSubHeader(top: RowShape, below: RowShape, topMerges: readonly MergeRange[]): boolean {
  if (below.nonEmpty === 0 || below.numeric > 0 || below.longest > 30) return false;
  if (below.texts.some((text) => totalLabelKind(text) !== null || isNoteText(text))) return false;
  let underGroup = 0;
  for (let column = 0; column < below.texts.length; column++) {
    if (below.texts[column] === '') continue;
    // Stryker disable next-line StringLiteral: both rows have columnCount texts, so the fallback is never used
    const topText = top.texts[column] ?? '';
    const merged = inMerge(topMerges, column);
    const startsGroup =
      topText !== '' && (top.texts[column + 1] ?? '') === '' && (below.texts[column + 1] ?? '') !== '';
    if (merged || startsGroup || topText === '') {
      if (merged || startsGroup || (column > 0 && (top.texts[column - 1] ?? '') !== '')) underGroup++;
      continue;
    }
    return false;
  }
  return underGroup > 0 && below.nonEmpty < top.nonEmpty;
}

/** The top row's group names carried across the sub-columns they stand over. */
function groupNames(top: RowShape, below: RowShape | null, topMerges: readonly MergeRange[]): string[] {
  const names = [...top.texts];
  for (const merge of topMerges) {
    // Stryker disable next-line StringLiteral: a merge left of the last column has a text; one beyond it names no column, whatever its fallback
    const name = top.texts[merge.left] ?? '';
    for (let column = merge.left + 1; column <= merge.right && column < names.length; column++) {
      if (names[column] === '') names[column] = name;
    }
  }
  if (below) {
    // Without merges: a name followed by empty top cells spans them while the row below has texts.
    for (let column = 1; column < names.length; column++) {
      if (top.texts[column] === '' && below.texts[column] !== '' && names[column] === '')
        names[column] = names[column - 1] ?? '';
    }
  }
  return names;
}

function classifyAbove(text: string): SkippedAbove['why'] {
  if (isAttachmentLabel(text)) return 'attachment';
  if (/^单位[:：]/.test(text.replace(/\s+/g, ''))) return 'unitLine';
  if (isNoteText(text)) return 'note';
  return 'title';
}

/**
 * Find the header among the first rows of a sheet. `override` (the user's choice in the wizard or
 * --header on the command line) fixes the header's first row and its number of rows.
 */
export function detectHeader(
  rows: readonly GridRow[],
  merges: readonly MergeRange[],
  columnCount: number,
  override?: { row: number; count: 1 | 2 },
): HeaderGuess {
  const shapes = rows.slice(0, HEADER_SEARCH_ROWS).map((row) => shape(row, columnCount));
  let index: number;
  let confidence: number;
  if (override) {
    index = shapes.findIndex((candidate) => candidate.row.r === override.row);
    if (index < 0) index = 0;
    confidence = 1;
  } else {
    index = 0;
    let best = -Infinity;
    shapes.forEach((candidate, at) => {
      // Earlier rows win ties: a data row rarely outscores the header above it.
      const score = headerScore(candidate, columnCount) - at * 0.1;
      if (score > best) {
        best = score;
        index = at;
      }
    });
    const top = shapes[index];
    confidence = top && top.nonEmpty > 0 ? Math.min(1, 0.4 + (0.6 * top.known) / Math.max(1, top.nonEmpty)) : 0;
  }
  const top = shapes[index];
  if (!top) return { headerRows: [], above: [], names: [], moneyUnit: null, confidence: 0 };
  const topMerges = mergesInRow(merges, top.row.r);
  const next = shapes[index + 1];
  const twoRows = override
    ? override.count === 2 && next !== undefined
    : next !== undefined && next.row.r === top.row.r + 1 && isSubHeader(top, next, topMerges);
  const below = twoRows ? next! : null;
  const groups = groupNames(top, below, topMerges);
  const names = groups.map((name, column) => {
    const sub = below?.texts[column] ?? '';
    if (sub === '' || sub === name) return name;
    return name === '' ? sub : `${name}·${sub}`;
  });
  const above: SkippedAbove[] = [];
  let moneyUnit: MoneyUnit | null = null;
  for (const candidate of shapes.slice(0, index)) {
    const text = candidate.texts.filter((part) => part !== '').join(' ');
    if (text === '') continue;
    const why = classifyAbove(text);
    if (why === 'unitLine' || why === 'title') moneyUnit ??= statedMoneyUnit(text);
    above.push({ r: candidate.row.r, text, why });
  }
  return { headerRows: below ? [top.row.r, below.row.r] : [top.row.r], above, names, moneyUnit, confidence };
}
