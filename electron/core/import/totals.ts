import type { TotalCheck } from '../../../shared/contract/calls/importing';
import type { TotalRow } from '../../../shared/import/importBody';
import { parseImportCell } from '../../../shared/import/importCells';
import type { UnitDirectory } from '../../../shared/import/importDepartments';
import { cellText } from '../../../shared/import/importGrid';
import type { ColumnMatch, TargetColumn } from '../../../shared/import/importMapping';
import { totalLabelKind } from '../../../shared/import/importText';
import { sumDecimals } from '../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../shared/values/money';
import { fenToDecimal } from '../../../shared/values/money';
import type { PreparedRow } from './preparedRow';

/**
 * The file's own totals against the rows imported: each 合计 row per money or number column, each
 * 小计 row over the rows of its group, and a row-total column (合计 at the right of a matrix) per
 * row. Differences are shown, never corrected: a 合计 that does not add up is a finding.
 */

/** Row-total checks listed one by one (mismatches always come first). */
const ROW_TOTAL_LIST_CAP = 200;

function summable(column: TargetColumn): boolean {
  // Stryker disable next-line ConditionalExpression: a text column's cells never read as a figure, so summing it finds nothing to compare
  return (column.type === 'money' || column.type === 'number') && column.role !== 'seq';
}

interface Sum {
  value: string;
  rows: number;
  unknown: number;
}

function columnSum(rows: readonly PreparedRow[], index: number, column: TargetColumn, from: number, to: number): Sum {
  let fen = 0n;
  const numbers: string[] = [];
  let counted = 0;
  let unknown = 0;
  for (let at = from; at < to; at++) {
    const row = rows[at]!;
    if (row.parentIndex !== undefined) continue; // a sub-item is part of its item's figure
    counted++;
    const num = row.cells[index]!.num;
    if (num === null) unknown++;
    else if (typeof num === 'bigint') fen += num;
    else numbers.push(String(num));
  }
  const value = column.type === 'money' ? fenToDecimal(fen, column.settings.moneyUnit ?? '万元') : sumDecimals(numbers);
  return { value, rows: counted, unknown };
}

/** stated − computed, exactly (both are decimal texts in the same unit). */
function difference(stated: string, computed: string): string {
  return sumDecimals([stated, computed.startsWith('-') ? computed.slice(1) : `-${computed}`]);
}

export function compareTotals(
  totalRows: readonly TotalRow[],
  rows: readonly PreparedRow[],
  columns: readonly TargetColumn[],
  sourceOf: readonly number[],
  headers: readonly string[],
  sourceUnits: readonly (MoneyUnit | null)[],
  units: UnitDirectory,
  matches: readonly ColumnMatch[],
): TotalCheck[] {
  const checks: TotalCheck[] = [];
  // A data-row index in the body is the same as in `rows` (one prepared row per body row).
  for (const total of totalRows) {
    columns.forEach((column, index) => {
      const source = sourceOf[index]!;
      if (!summable(column) || source < 0) return;
      // Stryker disable next-line BooleanLiteral: `carried` only adds a note to the cell; a 合计 cell's figure is all that is compared
      const stated = parseImportCell(column, total.cells[source], {
        sourceUnit: sourceUnits[source] ?? null,
        carried: false,
        units,
      });
      if (stated.num === null) return;
      const statedText =
        typeof stated.num === 'bigint'
          ? fenToDecimal(stated.num, column.settings.moneyUnit ?? '万元')
          : String(stated.num);
      const sum = columnSum(rows, index, column, total.from, total.to);
      const diff = difference(statedText, sum.value);
      checks.push({
        r: total.r,
        kind: total.kind,
        label: total.label,
        columnKey: column.key,
        columnName: column.name,
        stated: statedText,
        computed: sum.value,
        difference: diff,
        matches: diff === '0',
        rows: sum.rows,
        unknown: sum.unknown,
      });
    });
  }
  checks.push(...rowTotalChecks(totalRows, rows, columns, sourceOf, headers, matches));
  return checks;
}

/** A 合计 column (unmapped) checked against the imported numbers of its row. */
function rowTotalChecks(
  totalRows: readonly TotalRow[],
  rows: readonly PreparedRow[],
  columns: readonly TargetColumn[],
  sourceOf: readonly number[],
  headers: readonly string[],
  matches: readonly ColumnMatch[],
): TotalCheck[] {
  // Stryker disable next-line StringLiteral: every match's source has a header; any stand-in for a missing one is no total label either
  const totalColumn = matches.find(
    (match) => match.target === null && totalLabelKind(headers[match.source] ?? '') !== null,
  );
  const summed = columns
    .map((column, index) => (summable(column) && column.type === 'number' && sourceOf[index]! >= 0 ? index : -1))
    .filter((index) => index >= 0);
  if (!totalColumn || summed.length === 0) return [];
  const checks: TotalCheck[] = [];
  // Stryker disable next-line StringLiteral: the 合计 column was found by its header, so it has one
  const label = headers[totalColumn.source] ?? '合计';
  const rowSum = (row: PreparedRow): { value: string; unknown: number } => {
    const values: string[] = [];
    let unknown = 0;
    for (const index of summed) {
      const num = row.cells[index]!.num;
      if (num === null) unknown++;
      else values.push(String(num));
    }
    return { value: sumDecimals(values), unknown };
  };
  for (const row of rows) {
    const statedText = cellText(row.body.cells[totalColumn.source]).replace(/,/g, '');
    if (!/^[+-]?\d+(\.\d+)?$/.test(statedText)) continue;
    const sum = rowSum(row);
    const diff = difference(statedText, sum.value);
    checks.push({
      r: row.body.r,
      kind: 'rowTotal',
      label,
      columnKey: null,
      columnName: label,
      stated: statedText,
      computed: sum.value,
      difference: diff,
      matches: diff === '0',
      rows: 1,
      unknown: sum.unknown,
    });
  }
  // The grand total in the 合计 row's 合计 column, against every imported number.
  for (const total of totalRows.filter((candidate) => candidate.kind === 'total')) {
    const statedText = cellText(total.cells[totalColumn.source]).replace(/,/g, '');
    if (!/^[+-]?\d+(\.\d+)?$/.test(statedText)) continue;
    const values = rows.slice(total.from, total.to).map((row) => rowSum(row).value);
    const computed = sumDecimals(values);
    const diff = difference(statedText, computed);
    checks.push({
      r: total.r,
      kind: 'total',
      label: total.label,
      columnKey: null,
      columnName: label,
      stated: statedText,
      computed,
      difference: diff,
      matches: diff === '0',
      rows: total.to - total.from,
      unknown: 0,
    });
  }
  const rowChecks = checks.filter((check) => check.kind === 'rowTotal');
  const listed = [...rowChecks.filter((check) => !check.matches), ...rowChecks.filter((check) => check.matches)].slice(
    0,
    ROW_TOTAL_LIST_CAP,
  );
  return [...listed.sort((a, b) => a.r - b.r), ...checks.filter((check) => check.kind !== 'rowTotal')];
}
