import type { DepartmentResolver } from '../../../shared/values/cells';
import { parseCellInput } from '../../../shared/values/cells';
import { splitDepartmentText } from '../../../shared/rules/departments';
import { readDeadline } from '../../../shared/values/periods';
import type { ColumnShape } from './fillColumns';

/**
 * When two texts of a cell mean the same. A value makes a round trip through a spreadsheet in
 * another form than it was sent: "约5000" comes back as the number 5000 (its 约 was a number
 * format), "1,234.50" as 1234.5, a date typed as text as a date cell, a department by its
 * alias. Such differences are not edits. Money is compared in exact 分, never as floats.
 */
export function comparable(shape: ColumnShape, text: string, resolve: DepartmentResolver): string {
  const parsed = parseCellInput(shape, text, resolve);
  const plain = text.replace(/\r\n?/g, '\n').trim();
  if (!parsed.ok) return `text:${plain}`;
  const { cell } = parsed;
  switch (shape.type) {
    case 'money':
    case 'number':
    case 'percent':
    case 'year':
      return cell.num === null ? `text:${plain}` : `num:${String(cell.num)}`;
    case 'date': {
      // "2025年6月" and "2025.6" are the same month; "2025-06-30" is a day, not the same value.
      const reading = readDeadline(plain, shape.settings.year);
      return reading?.kind === 'date' ? `date:${reading.date}/${reading.precision}` : `text:${plain}`;
    }
    case 'department':
    case 'departmentList': {
      const names =
        shape.type === 'department'
          ? plain
            ? [plain]
            : []
          : splitDepartmentText(plain, (name) => resolve(name) !== null);
      // Only when every name resolves are two spellings the same list of units.
      return cell.departments && cell.departments.length === names.length
        ? `units:${cell.departments.join('|')}`
        : `text:${plain}`;
    }
    default:
      return `text:${plain}`;
  }
}

export function sameValue(shape: ColumnShape, a: string, b: string, resolve: DepartmentResolver): boolean {
  if (a === b) return true;
  return comparable(shape, a, resolve) === comparable(shape, b, resolve);
}
