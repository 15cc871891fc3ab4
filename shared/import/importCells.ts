import { parseCellInput } from '../values/cells';
import type { UnitDirectory, UnitReading } from './importDepartments';
import { readUnits } from './importDepartments';
import type { GridCell } from './importGrid';
import { cellText, numberText } from './importGrid';
import type { TargetColumn } from './importMapping';
import { joinWrappedLines, normaliseCellText, stripMarkup } from './importText';
import type { MoneyUnit } from '../values/money';
import { keptExactlyByDouble } from '../values/exactDecimal';
import {
  APPROXIMATE_WORDS,
  decimalToFen,
  fenToDecimal,
  isWithinMoneyLimit,
  parseMoneyText,
  toHalfWidth,
  withoutSpaces,
} from '../values/money';

/**
 * One imported cell, read for its target column: the text the plan will store, and every issue
 * worth showing — nothing is changed silently. Carried merges, unknown amounts ("/", "—",
 * "不涉及"), approximate ones ("约5000"), amounts in another unit ("1.2亿元" into 万元), percent
 * text, stray markup, joined line breaks, department aliases and unknown units are marked; a cell
 * the column cannot take is marked invalid and imports as empty unless the user fixes it.
 */

export const ISSUE_KINDS = [
  'carried',
  'fromSection',
  'unknown',
  'approximate',
  'unitConverted',
  'percentText',
  'markupRemoved',
  'linesJoined',
  'departmentAlias',
  'departmentReassembled',
  'departmentUnknown',
  'formulaNoValue',
  'errorValue',
  'invalid',
  'keyUnmatched',
  'keyAmbiguous',
  'keyDuplicate',
  'fixed',
  'subItem',
  'sameAsAbove',
  'nameMissing',
] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];
export type IssueLevel = 'info' | 'warning' | 'error';

export interface CellIssue {
  kind: IssueKind;
  level: IssueLevel;
  zh: string;
  en: string;
}

export interface CellOutcome {
  /** The text the plan stores ('' leaves the cell empty). */
  text: string;
  issues: CellIssue[] | null;
  /** The column cannot take the source value; the cell imports as empty unless fixed. */
  invalid: boolean;
  /** Money in 分 (bigint) or a plain number, for totals; null when unknown or not numeric. */
  num: bigint | number | null;
  /**
   * An amount beyond what a plan holds (money.ts MONEY_LIMIT_FEN): not a cell to leave empty
   * but a file to refuse, since every total of the sheet would be meaningless.
   */
  outOfRange?: true;
}

export interface CellContext {
  /** The unit the header (or a 单位 line) gives amounts in, when it differs from the column's. */
  sourceUnit: MoneyUnit | null;
  carried: boolean;
  units: UnitDirectory;
  /** Readings of unit lists already seen in this file (the same few lists recur on every row). */
  unitCache?: Map<string, UnitReading>;
  /**
   * Outcomes of unit cells already read, by column type and text: a unit list recurs on row
   * after row, and an outcome is never changed once made (corrections replace it), so one serves
   * them all.
   */
  outcomeCache?: Map<string, CellOutcome>;
}

// Stryker disable next-line ArrayDeclaration: emptied before every use (parseImportCell)
const SCRATCH: CellIssue[] = [];
/** The outcome of an empty cell, shared (never modified: outcomes are replaced, not changed). */
export const EMPTY_CELL: CellOutcome = Object.freeze({
  text: '',
  issues: null,
  invalid: false,
  num: null,
}) as CellOutcome;

function result(
  text: string,
  issues: readonly CellIssue[],
  invalid: boolean,
  num: bigint | number | null,
): CellOutcome {
  return { text, issues: issues.length ? issues.slice() : null, invalid, num };
}

function issue(kind: IssueKind, level: IssueLevel, zh: string, en: string): CellIssue {
  return { kind, level, zh, en };
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
/** Marks of an unknown value, in half-width form (full-width ／ and －－ are the same marks). */
const UNKNOWN_TEXTS = new Set(['/', '—', '——', '-', '--', '不涉及', '待定', '无', '暂无', '未定']);
const APPROXIMATE = /^(约|大约|近|逾|超过|不少于|≈|~)/;
/** The words that make an amount approximate, as parseMoneyText reads them (约, 大约, 近, 逾). */
const APPROXIMATE_AMOUNT = new RegExp(`^(?:${APPROXIMATE_WORDS.join('|')})`);

export function isUnknownText(text: string): boolean {
  return UNKNOWN_TEXTS.has(toHalfWidth(text).replace(/\s/g, ''));
}

/** The source value as text, with the issues reading it raised; null for a value that is not there. */
function sourceText(cell: GridCell, issues: CellIssue[]): string {
  if (typeof cell === 'object') {
    if (cell.t === 'f') {
      issues.push(
        issue(
          'formulaNoValue',
          'warning',
          `公式 =${cell.formula} 没有保存计算结果，此格留空；请在 Excel/WPS 中打开并保存文件后重新导入`,
          `the formula =${cell.formula} has no saved result, so the cell is left empty; open and save the file in Excel or WPS, then import again`,
        ),
      );
      return '';
    }
    if (cell.t === 'e') {
      issues.push(
        issue(
          'errorValue',
          'warning',
          `单元格是错误值 ${cell.v}，此格留空`,
          `the cell holds the error ${cell.v}; it is left empty`,
        ),
      );
      return '';
    }
  }
  const raw = cellText(cell);
  if (typeof cell !== 'string') return raw;
  const stripped = stripMarkup(raw);
  if (stripped.changed)
    issues.push(
      issue(
        'markupRemoved',
        'info',
        '已去除其中的排版标记（如 <p>、[bookmark]）',
        'stray markup (<p>, [bookmark]) was removed',
      ),
    );
  return normaliseCellText(stripped.text);
}

function moneyCell(
  column: TargetColumn,
  cell: GridCell,
  text: string,
  context: CellContext,
  issues: CellIssue[],
): CellOutcome {
  const columnUnit = column.settings.moneyUnit ?? '万元';
  // A number cell in the column's own unit (the bulk of a large sheet): its text is a plain
  // decimal, which parseMoneyText would read exactly like this.
  if (typeof cell === 'number' && (!context.sourceUnit || context.sourceUnit === columnUnit)) {
    const fen = decimalToFen(text, columnUnit);
    if (fen !== null && isWithinMoneyLimit(fen)) return result(text, issues, false, fen);
  }
  if (isUnknownText(text)) {
    issues.push(
      issue(
        'unknown',
        'info',
        `金额未知（“${text}”），不计入合计`,
        `amount unknown ("${text}"); not counted in totals`,
      ),
    );
    return result(text, issues, false, null);
  }
  // A plain number under a header in another unit is written with that unit, so the plan reads
  // it exactly as the file meant it (1.2 under 投资（亿元） → "1.2亿元" = 12000 万元); so is an
  // approximate one (约1.2 → "约1.2亿元", not 1.2 万元).
  const figure = toHalfWidth(text).replace(/\s/g, '').replace(APPROXIMATE_AMOUNT, '');
  const plainNumber = typeof cell === 'number' || /^[+-]?[\d,]+(\.\d+)?$/.test(figure);
  let stored = text;
  if (plainNumber && context.sourceUnit && context.sourceUnit !== columnUnit) stored = `${stored}${context.sourceUnit}`;
  const parsed = parseMoneyText(stored, columnUnit);
  if (parsed.kind === 'invalid') {
    issues.push(issue('invalid', 'error', parsed.reasonZh, parsed.reasonEn));
    const refused = result('', issues, true, null);
    if (parsed.outOfRange) refused.outOfRange = true;
    return refused;
  }
  // Stryker disable next-line all: unreachable: every text parseMoneyText reads as unknown was caught by isUnknownText above; kept for the type
  if (parsed.kind === 'unknown') return result('', issues, false, null);
  if (parsed.approximate) {
    issues.push(
      issue(
        'approximate',
        'warning',
        `约数：按 ${fenToDecimal(parsed.fen, columnUnit)} ${columnUnit} 计入`,
        `approximate: counted as ${fenToDecimal(parsed.fen, columnUnit)} ${columnUnit}`,
      ),
    );
  }
  const written = /亿元?$|万元?$|元$/.exec(toHalfWidth(stored).replace(/\s/g, ''));
  const writtenUnit: MoneyUnit | null = written
    ? written[0].startsWith('亿')
      ? '亿元'
      : written[0].startsWith('万')
        ? '万元'
        : '元'
    : null;
  if (writtenUnit && writtenUnit !== columnUnit) {
    issues.push(
      issue(
        'unitConverted',
        'info',
        `“${stored}”换算为 ${fenToDecimal(parsed.fen, columnUnit)} ${columnUnit}`,
        `"${stored}" converted to ${fenToDecimal(parsed.fen, columnUnit)} ${columnUnit}`,
      ),
    );
  }
  return result(stored, issues, false, parsed.fen);
}

function numberCell(column: TargetColumn, cell: GridCell, text: string, issues: CellIssue[]): CellOutcome {
  // A number cell under a number column: its text is a plain decimal, read as parseCellInput would.
  if (typeof cell === 'number' && column.type === 'number' && PLAIN_DECIMAL.test(text) && keptExactlyByDouble(text)) {
    return result(text, issues, false, Number(text));
  }
  let stored = text;
  if (typeof cell === 'object' && cell.t === 'n' && cell.percent) {
    // A cell formatted as a percentage holds 0.2662 and shows 26.62%: the plan keeps 26.62.
    stored = column.type === 'percent' ? `${numberText(cell.v * 100)}%` : numberText(cell.v * 100);
    if (column.type === 'number')
      issues.push(
        issue('percentText', 'info', `百分数 ${text} 按 ${stored} 导入`, `percentage ${text} imported as ${stored}`),
      );
  } else if (typeof cell === 'string' || (typeof cell === 'object' && cell.t === 'n')) {
    // A figure with a space between its digits stays as written, for parseCellInput to refuse.
    const plain = withoutSpaces(text) ?? text;
    if (isUnknownText(plain)) {
      issues.push(issue('unknown', 'info', `数值未知（“${text}”）`, `value unknown ("${text}")`));
      return result(text, issues, false, null);
    }
    const approximate = APPROXIMATE.exec(plain);
    const rest = approximate ? plain.slice(approximate[0].length) : plain;
    if (approximate && /^[+-]?[\d,]+(\.\d+)?%?$/.test(rest)) {
      stored = rest;
      issues.push(
        issue('approximate', 'warning', `约数“${text}”按 ${rest} 导入`, `approximate "${text}" imported as ${rest}`),
      );
    }
    if (column.type === 'number' && /^[+-]?[\d,]+(\.\d+)?%$/.test(stored)) {
      stored = stored.slice(0, -1);
      issues.push(
        issue('percentText', 'info', `百分数“${text}”按 ${stored} 导入`, `percentage "${text}" imported as ${stored}`),
      );
    }
  }
  const parsed = parseCellInput(column, stored);
  if (!parsed.ok) {
    issues.push(issue('invalid', 'error', parsed.reasonZh, parsed.reasonEn));
    return result('', issues, true, null);
  }
  return result(parsed.cell.text, issues, false, parsed.cell.num);
}

function departmentCell(column: TargetColumn, text: string, context: CellContext, issues: CellIssue[]): CellOutcome {
  // Only a cell with no issue of its own yet (not carried, no markup removed) can share an outcome.
  const key = issues.length === 0 && context.outcomeCache ? `${column.type}\u0000${text}` : null;
  const known = key === null ? undefined : context.outcomeCache!.get(key);
  if (known) return known;
  const outcome = readDepartmentCell(column, text, context, issues);
  if (key !== null) context.outcomeCache!.set(key, outcome);
  return outcome;
}

function readDepartmentCell(
  column: TargetColumn,
  text: string,
  context: CellContext,
  issues: CellIssue[],
): CellOutcome {
  let reading = context.unitCache?.get(text);
  if (!reading) {
    reading = readUnits(text, context.units);
    context.unitCache?.set(text, reading);
  }
  if (reading.aliased || reading.reassembled) {
    issues.push(
      issue(
        reading.reassembled ? 'departmentReassembled' : 'departmentAlias',
        'info',
        `责任单位识别为：${reading.units.join('、')}`,
        `units read as: ${reading.units.join(', ')}`,
      ),
    );
  }
  if (reading.unknown.length > 0) {
    issues.push(
      issue(
        'departmentUnknown',
        'warning',
        `单位名录中没有：${reading.unknown.join('、')}（保留原文，请核对或在单位名录中添加）`,
        `not in the plan's list of units: ${reading.unknown.join(', ')} (kept as written; check it or add the unit)`,
      ),
    );
  }
  const names = reading.names;
  if (column.type === 'department' && names.length > 1) {
    issues.push(
      issue(
        'invalid',
        'error',
        `此列只能填一个单位，这里有 ${names.length} 个`,
        `this column takes one unit; the cell names ${names.length}`,
      ),
    );
    return result('', issues, true, null);
  }
  return result(names.join('、'), issues, false, null);
}

export function parseImportCell(
  column: TargetColumn,
  cell: GridCell | null | undefined,
  context: CellContext,
): CellOutcome {
  if (cell === null || cell === undefined || cell === '') return EMPTY_CELL;
  // One scratch list for every cell (parsing is synchronous); a cell with issues gets its own copy.
  const issues = SCRATCH;
  issues.length = 0;
  if (context.carried)
    issues.push(issue('carried', 'info', '由上方合并单元格向下带入', 'carried down from a merged cell above'));
  let text = sourceText(cell, issues);
  if (text === '') return result('', issues, false, null);
  switch (column.type) {
    case 'longText':
      return result(text, issues, false, null);
    case 'money':
      return moneyCell(column, cell, joinWrappedLines(text), context, issues);
    case 'department':
    case 'departmentList':
      return departmentCell(column, text, context, issues);
    default:
      break;
  }
  if (text.includes('\n')) {
    text = joinWrappedLines(text);
    issues.push(
      issue(
        'linesJoined',
        'info',
        '单元格内的换行已合并为一行',
        'line breaks inside the cell were joined into one line',
      ),
    );
  }
  if (column.type === 'number' || column.type === 'percent' || column.type === 'year')
    return numberCell(column, cell, text, issues);
  // Text and year spans take any text, trimmed, as parseCellInput would store it.
  if (column.type === 'text' || column.type === 'yearRange') return result(text.trim(), issues, false, null);
  const parsed = parseCellInput(column, text);
  if (!parsed.ok) {
    issues.push(issue('invalid', 'error', parsed.reasonZh, parsed.reasonEn));
    return result('', issues, true, null);
  }
  return result(parsed.cell.text, issues, false, null);
}
