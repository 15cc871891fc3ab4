import { z } from 'zod';
import type { ColumnDef } from './columns';
import { isDepartmentType } from './columns';
import { splitDepartmentText } from './departments';
import { fenToDecimal, parseMoneyText, toHalfWidth } from './money';
import { parseDate, parseDeadline, parseYearRange } from './periods';

// The schema is marked pure (/* @__PURE__ */) so a bundle that imports this module's functions
// but not the schema can leave it out. (The renderer imports only its types.)
/**
 * A cell as the API carries it. `text` is what the cell says (as typed or imported: "4600", "/",
 * "约5000"); `value` is what it means to the domain logic:
 * - money: an exact decimal string in the column's unit ("3309473.59"), or null when unknown;
 * - number, percent, year: a number, or null;
 * - department, departmentList: the canonical department names it refers to, in order;
 * - yearRange: "2021-2025" however it was written, or null when no span of years can be read;
 * - date: the ISO date ("2023-06-30") where the text gives one unambiguously — a deadline such as
 *   "6月底前" counts when the column has a year — or null;
 * - every other type: null (the text is the value).
 */
export const CellValue = /* @__PURE__ */ z
  .object({
    text: z.string(),
    value: z.union([z.string(), z.number(), z.array(z.string())]).nullable(),
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

export type CellParse =
  | { ok: true; cell: StoredCell }
  | { ok: false; reasonZh: string; reasonEn: string };

/** Resolves a department name or alias to its canonical name; null when the plan has no such unit. */
export type DepartmentResolver = (name: string) => string | null;

const UNKNOWN_NUMBER_MARKS = new Set(['', '/', '—', '-', '--', '——', '不涉及']);

function parseNumberText(text: string): number | null | 'invalid' {
  const cleaned = toHalfWidth(text).replace(/\s+/g, '');
  if (UNKNOWN_NUMBER_MARKS.has(cleaned)) return null;
  const plain = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned) ? cleaned.replace(/,/g, '') : cleaned;
  if (!/^[+-]?\d+(\.\d+)?$/.test(plain)) return 'invalid';
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
      if (num === 'invalid') {
        return {
          ok: false,
          reasonZh: `“${input}”不是数字`,
          reasonEn: `"${input}" is not a number`,
        };
      }
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
      // A deadline column keeps text such as "年内" or "长期坚持"; a plain date column wants a date.
      if (text === '' || column.role === 'deadline' || parseDate(text)) return plain();
      return {
        ok: false,
        reasonZh: `“${input}”不是日期（如 2023-06-30 或 2023年6月30日）`,
        reasonEn: `"${input}" is not a date (e.g. 2023-06-30)`,
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
  if (column.type === 'date') return { text: cell.text, value: parseDeadline(cell.text, column.settings.year) };
  if (column.type === 'money') {
    const value = typeof cell.num === 'bigint' ? fenToDecimal(cell.num, column.settings.moneyUnit ?? '万元') : null;
    return { text: cell.text, value };
  }
  if (isDepartmentType(column.type)) return { text: cell.text, value: cell.departments ?? [] };
  if (cell.num === null) return { text: cell.text, value: null };
  return { text: cell.text, value: Number(cell.num) };
}
