import { PlanbenchError } from '../../../shared/contract/errors';
import { parseCellInput } from '../../../shared/values/cells';
import type { CellIssue, CellOutcome } from '../../../shared/import/importCells';
import type { TargetColumn } from '../../../shared/import/importMapping';
import { decimalToFen, toHalfWidth } from '../../../shared/values/money';
import type { PlanStore } from '../store/planStore';
import type { PreparedRow } from './preparedRow';

/**
 * An update import: each row of the file finds its row in the sheet by a key column (序号, name…),
 * and only the cells whose value differs are changed. A file row with no match, with several
 * matches, or repeating a key the file already used is not imported, and says why. A cell the file
 * leaves empty does not clear the plan's value: an empty cell in a returned table means "no news".
 */

/** Keys compare without spaces, in half-width, and numbers without trailing zeros ("1.0" = "1"). */
export function keyText(text: string): string {
  const plain = toHalfWidth(text).replace(/\s+/g, '');
  return /^\d+\.0+$/.test(plain) ? plain.replace(/\.0+$/, '') : plain;
}

function flag(outcome: CellOutcome, issue: CellIssue): CellOutcome {
  return { ...outcome, issues: [...(outcome.issues ?? []), issue] };
}

/** Whether the plan's cell already says what the file says (by value for money and units). */
function sameValue(column: TargetColumn, current: { text: string; value: unknown }, next: CellOutcome): boolean {
  const parsed = parseCellInput(column, next.text);
  const nextText = parsed.ok ? parsed.cell.text : next.text;
  if (nextText === current.text) return true;
  if (column.type === 'money' && typeof current.value === 'string' && typeof next.num === 'bigint') {
    return decimalToFen(current.value, column.settings.moneyUnit ?? '万元') === next.num;
  }
  if ((column.type === 'departmentList' || column.type === 'department') && Array.isArray(current.value)) {
    const units = nextText.split('、').filter(Boolean);
    return current.value.length > 0 && JSON.stringify(current.value) === JSON.stringify(units);
  }
  return false;
}

export function matchUpdates(
  store: PlanStore,
  sheetId: number,
  keyColumn: string,
  columns: readonly TargetColumn[],
  rows: PreparedRow[],
  fileName: string,
  sourceOf: readonly number[],
): void {
  const keyIndex = columns.findIndex((column) => column.key === keyColumn);
  const key = columns[keyIndex]!;
  if (sourceOf[keyIndex]! < 0) {
    throw PlanbenchError.of(
      'invalid_value',
      `无法导入“${fileName}”：文件中没有对应键列“${key.name}”的列，无法按它匹配行`,
      `cannot import "${fileName}": no column of the file maps to the key column "${key.name}", so rows cannot be matched`,
      { file: fileName, column: key.name },
    );
  }
  const existing = store.allRows(sheetId);
  const byKey = new Map<string, typeof existing>();
  for (const row of existing) {
    const text = keyText(row.cells[keyColumn]?.text ?? '');
    if (text === '') continue;
    const list = byKey.get(text) ?? [];
    list.push(row);
    byKey.set(text, list);
  }
  const seen = new Set<string>();
  for (const row of rows) {
    const text = keyText(row.cells[keyIndex]!.text);
    const candidates = text === '' ? [] : (byKey.get(text) ?? []);
    const problem = (kind: CellIssue['kind'], zh: string, en: string): void => {
      row.cells[keyIndex] = flag(row.cells[keyIndex]!, { kind, level: 'warning', zh, en });
    };
    if (text !== '' && seen.has(text)) {
      row.action = 'duplicate';
      problem(
        'keyDuplicate',
        `文件中“${key.name}”为“${text}”的行不止一行，此行不导入`,
        `the file has more than one row whose ${key.name} is "${text}"; this one is not imported`,
      );
      continue;
    }
    seen.add(text);
    if (candidates.length !== 1) {
      row.action = candidates.length === 0 ? 'unmatched' : 'ambiguous';
      if (candidates.length === 0) {
        problem(
          'keyUnmatched',
          `工作表中没有“${key.name}”为“${text}”的行，此行不导入`,
          `the sheet has no row whose ${key.name} is "${text}"; this row is not imported`,
        );
      } else {
        problem(
          'keyAmbiguous',
          `工作表中有 ${candidates.length} 行的“${key.name}”都是“${text}”，无法确定更新哪一行`,
          `${candidates.length} rows of the sheet have ${key.name} "${text}"; which one to update is unclear`,
        );
      }
      continue;
    }
    const target = candidates[0]!;
    row.rowId = target.id;
    row.current = columns.map((column) => target.cells[column.key]?.text ?? '');
    const before = new Map<number, string>();
    columns.forEach((column, index) => {
      const next = row.cells[index]!;
      if (index === keyIndex || sourceOf[index]! < 0 || next.invalid || next.text === '') return;
      const current = target.cells[column.key] ?? { text: '', value: null };
      if (!sameValue(column, current, next)) before.set(index, current.text);
    });
    row.before = before;
    row.action = before.size > 0 ? 'update' : 'unchanged';
  }
}
