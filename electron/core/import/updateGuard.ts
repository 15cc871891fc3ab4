import type { TargetColumn } from '../../../shared/import/importMapping';
import type { PreparedRow } from './preparedRow';
import { keyText } from './updateMatch';

/**
 * Whether an update's key column really identifies the file's rows in the target sheet. An update
 * through the wrong sheet or key (a project table matched on 序号 against the 41 indicators) would
 * overwrite rows that merely share a number; it is refused in the preview, before anything is
 * written, when
 * - fewer than half of the file's keyed rows find their row in the sheet, or
 * - the key is not the name, the file's name column maps to the sheet's name column, and most of
 *   the matched rows have another name in the sheet (the same 序号, a different item).
 */

export interface UpdateRefusal {
  zh: string;
  en: string;
}

/** Names compare as keys do, so "1.0" and full-width forms make no difference. */
function sameName(a: string, b: string): boolean {
  return keyText(a) === keyText(b);
}

export function updateRefusal(
  rows: readonly PreparedRow[],
  columns: readonly TargetColumn[],
  sourceOf: readonly number[],
  keyColumn: string,
  sheetName: string,
): UpdateRefusal | null {
  const keyIndex = columns.findIndex((column) => column.key === keyColumn);
  const key = columns[keyIndex]!;
  const keyed = rows.filter((row) => keyText(row.cells[keyIndex]?.text ?? '') !== '');
  const matched = keyed.filter((row) => row.rowId !== null);
  if (keyed.length === 0 || matched.length * 2 < keyed.length) {
    return {
      zh: `键列“${key.name}”与工作表“${sheetName}”不符：文件中 ${keyed.length} 行有${key.name}，只有 ${matched.length} 行在该工作表中找到；请选择正确的工作表或键列（未写入任何内容）`,
      en: `the key column "${key.name}" does not fit sheet "${sheetName}": of the file's ${keyed.length} rows with a ${key.name}, only ${matched.length} are found in that sheet; choose the right sheet or key column (nothing was written)`,
    };
  }
  const nameIndex = columns.findIndex((column) => column.role === 'name');
  if (nameIndex < 0 || nameIndex === keyIndex || sourceOf[nameIndex]! < 0) return null;
  const compared = matched.filter(
    (row) => row.cells[nameIndex]!.text !== '' && (row.current?.[nameIndex] ?? '') !== '',
  );
  const differing = compared.filter((row) => !sameName(row.cells[nameIndex]!.text, row.current![nameIndex]!));
  if (compared.length === 0 || differing.length * 2 <= compared.length) return null;
  const example = differing[0]!;
  const name = columns[nameIndex]!.name;
  return {
    zh: `按“${key.name}”匹配到的 ${compared.length} 行中有 ${differing.length} 行的${name}与工作表“${sheetName}”不同（如 ${key.name} ${example.cells[keyIndex]!.text}：文件为“${example.cells[nameIndex]!.text}”，工作表为“${example.current![nameIndex]}”）；键列对应的不是同一批行，请选择正确的工作表或键列（未写入任何内容）`,
    en: `of the ${compared.length} rows matched on "${key.name}", ${differing.length} have another ${name} in sheet "${sheetName}" (e.g. ${key.name} ${example.cells[keyIndex]!.text}: "${example.cells[nameIndex]!.text}" in the file, "${example.current![nameIndex]}" in the sheet); the key does not identify the same rows — choose the right sheet or key column (nothing was written)`,
  };
}
