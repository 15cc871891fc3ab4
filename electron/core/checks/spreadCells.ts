import { PlanbenchError } from '../../../shared/contract/errors';
import type { Dec } from '../../../shared/values/exactDecimal';
import { dec, toText, ZERO } from '../../../shared/values/exactDecimal';
import { SPREAD_RULE_EN, SPREAD_RULE_ZH, spreadDecimal } from '../../../shared/values/spread';
import type { PlanStore } from '../store/planStore';
import { cellDecimals } from './allocation';
import type { CheckEngine } from './engine';
import { cellNumber } from './indexes/totals';
import type { SheetState } from './snapshot';

/**
 * Spreading a total over cells of a sheet (an allocation matrix, a budget), evenly or in
 * proportion to another row or column, in whole units of the cells' columns (1 for counts,
 * 0.01 for 万元 amounts), written as one action so one undo takes it back. The rule for the
 * units left over is in shared/values/spread.ts.
 */

export interface SpreadRequest {
  sheetId: number;
  total: string;
  mode: 'even' | 'proportional';
  basis?: { rowId: number } | { columnKey: string } | undefined;
  cells: { rowId: number; columnKey: string }[];
}

function fail(sheet: SheetState, zh: string, en: string, column?: string): never {
  throw PlanbenchError.of('invalid_value', zh, en, { sheet: sheet.info.name, ...(column ? { column } : {}) });
}

export function spreadIntoCells(store: PlanStore, engine: CheckEngine, request: SpreadRequest) {
  engine.sync();
  const sheet = engine.sheet(request.sheetId);
  if (!sheet)
    throw PlanbenchError.of('not_found', `找不到工作表（${request.sheetId}）`, `no such sheet (${request.sheetId})`);
  const columns = [...new Set(request.cells.map((cell) => cell.columnKey))].map((key) => {
    const column = sheet.columnsByKey.get(key);
    if (!column)
      throw PlanbenchError.of('not_found', `找不到列（${key}）`, `no such column (${key})`, { sheet: sheet.info.name });
    if (column.type !== 'number' && column.type !== 'money') {
      fail(
        sheet,
        `“${column.name}”不是数值或金额列，不能分摊`,
        `"${column.name}" is not a number or money column`,
        column.name,
      );
    }
    return column;
  });
  const decimals = new Set(columns.map((column) => cellDecimals([column])));
  if (decimals.size > 1)
    fail(
      sheet,
      '所选单元格所在列的精度不同，请分别分摊',
      'the cells are in columns of different precision; spread them separately',
    );
  for (const cell of request.cells) {
    if (!sheet.rows.has(cell.rowId))
      throw PlanbenchError.of('not_found', `找不到行（${cell.rowId}）`, `no such row (${cell.rowId})`, {
        sheet: sheet.info.name,
      });
  }
  // Sheet order: rows top to bottom, then columns left to right — the order ties are broken in.
  const position = new Map(sheet.columns.map((column, index) => [column.key, index]));
  const cells = [...request.cells].sort(
    (a, b) =>
      sheet.rowNumber(a.rowId) - sheet.rowNumber(b.rowId) ||
      (position.get(a.columnKey) ?? 0) - (position.get(b.columnKey) ?? 0),
  );
  const weights = cells.map((cell) => weightOf(sheet, request, cell));
  const outcome = spreadDecimal(dec(request.total), weights, [...decimals][0] ?? 0);
  if (!outcome.ok) fail(sheet, outcome.reasonZh, outcome.reasonEn);
  const edits = cells.map((cell, index) => ({ ...cell, text: toText(outcome.parts[index] ?? ZERO) }));
  const how = request.mode === 'even' ? '平均' : '按比例';
  const { actionId } = store.updateCells(
    sheet.info.id,
    edits,
    { source: 'user', label: `${how}分摊 ${request.total}` },
    'abort',
  );
  return { actionId, cells: edits, ruleZh: SPREAD_RULE_ZH, ruleEn: SPREAD_RULE_EN };
}

/** A cell's weight: 1 evenly; else the basis row's value in its column, or the basis column's in its row. */
function weightOf(sheet: SheetState, request: SpreadRequest, cell: { rowId: number; columnKey: string }): Dec {
  if (request.mode === 'even' || !request.basis) return dec(1);
  const basis = request.basis;
  const rowId = 'rowId' in basis ? basis.rowId : cell.rowId;
  const columnKey = 'columnKey' in basis ? basis.columnKey : cell.columnKey;
  const row = sheet.rows.get(rowId);
  if (!row)
    throw PlanbenchError.of('not_found', `找不到依据行（${rowId}）`, `no such basis row (${rowId})`, {
      sheet: sheet.info.name,
    });
  const column = sheet.columnsByKey.get(columnKey);
  if (!column)
    throw PlanbenchError.of('not_found', `找不到依据列（${columnKey}）`, `no such basis column (${columnKey})`, {
      sheet: sheet.info.name,
    });
  return cellNumber(row, column) ?? ZERO;
}
