import { z } from 'zod';
import type { ColumnDef } from '../model/columns';
import { isDepartmentType } from '../model/columns';
import { splitDepartmentText } from '../rules/departments';
import { keptExactlyByDouble } from './exactDecimal';
import {
  fenToDecimal,
  isApproximateText,
  parseMoneyText,
  spacedDigitsReason,
  toHalfWidth,
  withoutSpaces,
} from './money';
import { DATE_PRECISIONS, needsYear, readDeadline, parseYearRange } from './periods';

// The schema is marked pure (/* @__PURE__ */) so a bundle that imports this module's functions
// but not the schema can leave it out. (The renderer imports only its types.)
/**
 * A cell as the API carries it. `text` is what the cell says (as typed or imported: "4600", "/",
 * "约5000"); `value` is what it means to the domain logic:
 * - money: an exact decimal string in the column's unit ("3309473.59"), or null when unknown;
 * - number, percent, year: a number, or null;
 * - department, departmentList: the canonical department names it refers to, in order;
 * - yearRange: "2021-2025" however it was written, or null when no span of years can be read;
 * - date: the ISO date ("2023-06-30") where the text gives one unambiguously — the last day of
 *   the month, quarter, half or year it names ("2025年6月" → "2025-06-30", with `precision`);
 *   a deadline such as "6月底前" counts when the column has a year — or null (with `noDeadline`
 *   for "长期坚持");
 * - money also says whether it is `approximate` ("约5000");
 * - every other type: null (the text is the value).
 */
export const CellValue = /* @__PURE__ */ z
  .object({
    text: z.string(),
    value: z.union([z.string(), z.number(), z.array(z.string())]).nullable(),
    /** Money: the amount is approximate ("约500", "约3亿"): counted as its figure, shown with 约. */
    approximate: z.literal(true).optional(),
    /** Date: how finely the text gives it; the value is the last day of that period. */
    precision: z.enum(DATE_PRECISIONS).optional(),
    /** Date: the text says there is no deadline ("长期坚持", "持续推进"); the value is null. */
    noDeadline: z.literal(true).optional(),
  })
  .strict();
export type CellValue = z.infer<typeof CellValue>;

/** A cell as the store keeps it: text, plus its parsed number (bigint 分 for money). */
export interface StoredCell {
  text: string;
  num: bigint | number | null;
  /** Canonical department names, for department columns. */
  departments: string[] | null;
}

export type CellParse = { ok: true; cell: StoredCell } | { ok: false; reasonZh: string; reasonEn: string };

/** Resolves a department name or alias to its canonical name; null when the plan has no such unit. */
export type DepartmentResolver = (name: string) => string | null;

const UNKNOWN_NUMBER_MARKS = new Set(['', '/', '—', '-', '--', '——', '不涉及']);

/** A number's text read exactly, or why it cannot be: never a value other than the one written. */
function parseNumberText(input: string): number | null | { reasonZh: string; reasonEn: string } {
  const cleaned = withoutSpaces(input);
  if (cleaned === null) return spacedDigitsReason(input);
  if (UNKNOWN_NUMBER_MARKS.has(cleaned)) return null;
  const plain = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned) ? cleaned.replace(/,/g, '') : cleaned;
  if (!/^[+-]?\d+(\.\d+)?$/.test(plain)) {
    return { reasonZh: `“${input}”不是数字`, reasonEn: `"${input}" is not a number` };
  }
  if (!keptExactlyByDouble(plain)) {
    return {
      reasonZh: `“${input}”的有效数字过多（超过 15 位），无法精确保存为数值；请减少位数，或把此列改为文本`,
      reasonEn: `"${input}" has more significant digits than a number keeps exactly (over 15); shorten it, or make the column text`,
    };
  }
  return Number(plain);
}

/**
 * Parse input text for a column. The text is kept as given (trimmed, except long text); the
 * number or department references are derived from it. Text a column cannot accept is refused
 * with a reason in Chinese and English, and nothing is stored.
 */
export function parseCellInput(
  column: Pick<ColumnDef, 'type' | 'settings' | 'name' | 'role'>,
  input: string,
  resolveDepartment?: DepartmentResolver,
): CellParse {
  const text = column.type === 'longText' ? input.replace(/\r\n?/g, '\n') : input.trim();
  const plain = (cell: Partial<StoredCell> = {}): CellParse => ({
    ok: true,
    cell: { text, num: null, departments: null, ...cell },
  });
  switch (column.type) {
    case 'money': {
      const parsed = parseMoneyText(text, column.settings.moneyUnit ?? '万元');
      if (parsed.kind === 'invalid') return { ok: false, reasonZh: parsed.reasonZh, reasonEn: parsed.reasonEn };
      return plain({ num: parsed.kind === 'amount' ? parsed.fen : null });
    }
    case 'number':
    case 'percent': {
      const source = column.type === 'percent' ? text.replace(/[%％]$/, '') : text;
      const num = parseNumberText(source);
      if (num !== null && typeof num === 'object') return { ok: false, ...num };
      return plain({ num });
    }
    case 'year': {
      const cleaned = toHalfWidth(text).replace(/年$/, '');
      if (cleaned === '') return plain();
      if (!/^\d{4}$/.test(cleaned)) {
        return { ok: false, reasonZh: `“${input}”不是年份`, reasonEn: `"${input}" is not a year` };
      }
      return plain({ num: Number(cleaned) });
    }
    case 'date': {
      // A deadline column keeps any text ("按进度推进"); a plain date column wants a date, a
      // month, quarter, half or year ("2025年6月", "2025年底前"), or "长期坚持" (no deadline).
      if (text === '' || column.role === 'deadline' || readDeadline(text, column.settings.year)) return plain();
      if (needsYear(text)) {
        return {
          ok: false,
          reasonZh: `“${input}”没有年份，请写明年份（如 2025年${text}）`,
          reasonEn: `"${input}" gives no year; write the year too (e.g. 2025年${text})`,
        };
      }
      return {
        ok: false,
        reasonZh: `“${input}”不是日期（如 2025-06-30、2025年6月、2025年底前、2025年第三季度，或“长期坚持”）`,
        reasonEn: `"${input}" is not a date (e.g. 2025-06-30, 2025年6月 for a month, 2025年底前, 2025年第三季度, or 长期坚持 for no deadline)`,
      };
    }
    case 'choice':
    case 'status': {
      const choices = column.settings.choices;
      if (text !== '' && choices && !choices.includes(text)) {
        return {
          ok: false,
          reasonZh: `“${input}”不在可选值中（${choices.join('、')}）`,
          reasonEn: `"${input}" is not one of the choices (${choices.join(', ')})`,
        };
      }
      return plain();
    }
    case 'department':
    case 'departmentList': {
      const isKnown = resolveDepartment ? (name: string) => resolveDepartment(name) !== null : undefined;
      const names = column.type === 'department' ? (text ? [text] : []) : splitDepartmentText(text, isKnown);
      const resolved: string[] = [];
      for (const name of names) {
        const canonical = resolveDepartment?.(name) ?? null;
        if (canonical && !resolved.includes(canonical)) resolved.push(canonical);
      }
      return plain({ departments: resolved });
    }
    default:
      return plain();
  }
}

/** The API form of a stored cell. */
export function toCellValue(column: Pick<ColumnDef, 'type' | 'settings'>, cell: StoredCell): CellValue {
  if (column.type === 'yearRange') {
    const range = parseYearRange(cell.text);
    return { text: cell.text, value: range ? `${range.start}-${range.end}` : null };
  }
  if (column.type === 'date') return dateValue(cell.text, column.settings.year);
  if (column.type === 'money') {
    const value = typeof cell.num === 'bigint' ? fenToDecimal(cell.num, column.settings.moneyUnit ?? '万元') : null;
    return value !== null && isApproximateText(cell.text)
      ? { text: cell.text, value, approximate: true }
      : { text: cell.text, value };
  }
  if (isDepartmentType(column.type)) return { text: cell.text, value: cell.departments ?? [] };
  if (cell.num === null) return { text: cell.text, value: null };
  return { text: cell.text, value: Number(cell.num) };
}

/** The API form of a date cell: its date (the end of the period it names) and how precise it is. */
function dateValue(text: string, contextYear: number | undefined): CellValue {
  const reading = readDeadline(text, contextYear);
  if (reading?.kind === 'date') return { text, value: reading.date, precision: reading.precision };
  if (reading?.kind === 'ongoing') return { text, value: null, noDeadline: true };
  return { text, value: null };
}
