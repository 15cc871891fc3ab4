import type { ImportResult } from '../../../shared/contract/calls/importing';
import { PlanbenchError } from '../../../shared/contract/errors';
import { parseImportCell } from '../../../shared/import/importCells';
import { columnLetter } from '../../../shared/import/importGrid';
import type { TargetColumn } from '../../../shared/import/importMapping';
import type { ActionOrigin, CellEdit, SheetInit } from '../store/planStore';
import type { PlanStore } from '../store/planStore';
import { refreshDerivedCells } from '../budgets/derivedCells';
import { rememberLayout } from './layoutMemory';
import type { PreparedRow } from './preparedRow';
import type { BuiltPreview } from './preview';
import { refreshSummary } from './preview';
import { CHUNK_ROWS, RowBatchWriter, toRowBatch } from './rowBatches';

/**
 * Commit a preview: all of it as one change-log action whose source is the file, or nothing.
 * The rows go in in chunks (for progress) but inside one transaction and one action: a failure,
 * a crash or a kill before the end leaves the plan exactly as it was.
 */

export interface CellFix {
  /** Source row number. */
  r: number;
  columnKey: string;
  text: string;
}

export interface CommitOptions {
  fixes?: readonly CellFix[];
  /** Called after each chunk of rows is written (inside the transaction). */
  onProgress?: (done: number, total: number) => void;
}

function fixError(
  built: BuiltPreview,
  zh: string,
  en: string,
  where: { row?: number; column?: string } = {},
): PlanbenchError {
  return PlanbenchError.of('invalid_value', `修改无效：${zh}`, `invalid correction: ${en}`, {
    file: built.fileName,
    sheet: built.read.grid.name,
    ...where,
  });
}

/** Apply the user's corrections, each parsed like the file's own cells (in the column's unit). */
function applyFixes(built: BuiltPreview, fixes: readonly CellFix[]): void {
  if (fixes.length === 0) return;
  const byRow = new Map(built.rows.map((row) => [row.body.r, row]));
  const keyIndex = built.columns.findIndex((column) => column.key === built.target.keyColumn);
  // Every correction is read first; one that the column cannot take refuses them all.
  const parsed = fixes.map((fix) => {
    const row = byRow.get(fix.r);
    const index = built.columns.findIndex((column) => column.key === fix.columnKey);
    if (!row)
      throw fixError(
        built,
        `源文件第 ${fix.r} 行不在导入的行中`,
        `source row ${fix.r} is not among the rows being imported`,
        { row: fix.r },
      );
    if (index < 0)
      throw fixError(built, `没有列“${fix.columnKey}”`, `there is no column "${fix.columnKey}"`, {
        row: fix.r,
        column: fix.columnKey,
      });
    const column = built.columns[index]!;
    const outcome = parseImportCell(column, fix.text, { sourceUnit: null, carried: false, units: built.units });
    if (outcome.invalid) {
      const reason = outcome.issues?.find((item) => item.kind === 'invalid');
      throw fixError(
        built,
        reason?.zh ?? `“${fix.text}”不能填入此列`,
        reason?.en ?? `"${fix.text}" does not fit this column`,
        { row: fix.r, column: column.name },
      );
    }
    return { row, index, outcome };
  });
  for (const { row, index, outcome } of parsed) {
    row.cells[index] = {
      ...outcome,
      issues: [...(outcome.issues ?? []), { kind: 'fixed', level: 'info', zh: '已手动修改', en: 'corrected by hand' }],
    };
    if (row.current && index !== keyIndex) {
      // An update changes the cell only if the corrected text differs from the plan's.
      const before = row.current[index] ?? '';
      row.before ??= new Map();
      if (outcome.text !== '' && outcome.text !== before) row.before.set(index, before);
      else row.before.delete(index);
      if (row.action === 'update' || row.action === 'unchanged')
        row.action = row.before.size > 0 ? 'update' : 'unchanged';
    }
  }
  refreshSummary(built);
}

/** Write the rows to be imported in chunks, with progress, through the bulk path. */
function insertAll(
  store: PlanStore,
  sheetId: number,
  built: BuiltPreview,
  rows: readonly PreparedRow[],
  origin: ActionOrigin,
  options: CommitOptions,
): number | null {
  const writer = new RowBatchWriter(
    store,
    sheetId,
    built.columns.map((column) => column.key),
    origin,
  );
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    writer.write(toRowBatch(rows.slice(start, start + CHUNK_ROWS), start, false));
    options.onProgress?.(writer.rows, rows.length);
  }
  return writer.actionId;
}

/**
 * Refuse the whole import when a cell holds an amount out of range (金额超出范围): unlike an
 * unreadable cell, which imports as empty and is reported, such a figure is a wrong unit or a
 * corrupted file, and the plan's totals would mean nothing with it left out silently.
 */
export function refuseOutOfRange(built: BuiltPreview): void {
  for (const row of built.rows) {
    const index = row.cells.findIndex((cell) => cell.outOfRange);
    if (index < 0) continue;
    const column = built.columns[index]!;
    const source = built.sourceOf[index] ?? -1;
    const letter = source >= 0 ? `（${columnLetter(source)} 列）` : '';
    const reason = row.cells[index]!.issues?.find((item) => item.kind === 'invalid');
    const sheet = built.read.grid.name;
    throw PlanbenchError.of(
      'invalid_value',
      `无法导入“${built.fileName}”：工作表“${sheet}”第 ${row.body.r} 行“${column.name}”${letter}${reason?.zh ?? '金额超出范围'}。导入未进行，规划未改动`,
      `cannot import "${built.fileName}": sheet "${sheet}", row ${row.body.r}, column "${column.name}"${source >= 0 ? ` (${columnLetter(source)})` : ''}: ${reason?.en ?? 'amount out of range'}. Nothing was imported`,
      { file: built.fileName, sheet, row: row.body.r, column: column.name },
    );
  }
}

export function commitPreview(store: PlanStore, built: BuiltPreview, options: CommitOptions = {}): ImportResult {
  if (store.file !== built.planFile) {
    throw PlanbenchError.of(
      'invalid_input',
      '此预览属于另一个规划文件，请重新预览',
      'this preview belongs to another plan; preview the file again',
      {
        file: built.fileName,
      },
    );
  }
  if (built.target.kind === 'update' && (store.latestActionId() || null) !== built.baseActionId) {
    throw PlanbenchError.of(
      'invalid_input',
      '预览之后规划已有改动，更新前请重新预览，以免覆盖他人的修改',
      'the plan changed after the preview; preview again before updating, so no change is overwritten unseen',
      { file: built.fileName, sheet: built.target.sheetName },
    );
  }
  if (built.refusal) {
    throw PlanbenchError.of(
      'invalid_input',
      `无法导入“${built.fileName}”：${built.refusal.zh}`,
      `cannot import "${built.fileName}": ${built.refusal.en}`,
      {
        file: built.fileName,
        sheet: built.target.sheetName,
      },
    );
  }
  applyFixes(built, options.fixes ?? []);
  refuseOutOfRange(built);
  const origin = importOrigin(built.fileName);
  const imported = built.rows.filter((row) => row.action === 'insert' || row.action === 'update');
  const { value: result, actionId: loggedAction } = store.inAction(origin, () => {
    let sheetId: number;
    let actionId: number | null = null;
    let inserted = 0;
    let updated = 0;
    let cellsChanged = 0;
    if (built.target.kind === 'update') {
      sheetId = built.target.sheetId!;
      const edits: CellEdit[] = [];
      for (const row of imported) {
        for (const index of row.before?.keys() ?? []) {
          edits.push({ rowId: row.rowId!, columnKey: built.columns[index]!.key, text: row.cells[index]!.text });
        }
      }
      for (let start = 0; start < edits.length; start += CHUNK_ROWS * 4) {
        const outcome = store.updateCells(sheetId, edits.slice(start, start + CHUNK_ROWS * 4), origin, 'abort');
        actionId = outcome.actionId ?? actionId;
        cellsChanged += outcome.applied.length;
        options.onProgress?.(Math.min(edits.length, start + CHUNK_ROWS * 4), edits.length);
      }
      updated = imported.filter((row) => row.action === 'update').length;
    } else {
      sheetId =
        built.target.kind === 'new'
          ? store.createSheet(newSheetInit(built.fileName, built.read.grid.name, built.target, built.columns))
          : built.target.sheetId!;
      actionId = insertAll(store, sheetId, built, imported, origin, options);
      inserted = imported.length;
    }
    refreshDerivedCells(store, sheetId, 'all');
    rememberLayout(store, built.layoutKey, built.matches, built.columns);
    return { sheetId, actionId, inserted, updated, cellsChanged };
  });
  return importResult(built, { ...result, actionId: loggedAction ?? result.actionId });
}

/** The change log's source for an import of a file. */
export function importOrigin(fileName: string): ActionOrigin {
  return { source: 'import', detail: fileName, label: `导入 ${fileName}` };
}

/** The sheet an import into a new sheet creates. */
export function newSheetInit(
  fileName: string,
  sourceSheet: string,
  target: BuiltPreview['target'],
  columns: readonly TargetColumn[],
): SheetInit {
  return {
    name: target.sheetName,
    kind: target.sheetKind,
    description: `导入自 ${fileName}（工作表“${sourceSheet}”）`,
    columns: columns.map((column) => ({
      key: column.key,
      name: column.name,
      type: column.type,
      role: column.role,
      settings: column.settings,
    })),
  };
}

/** What an import reports once committed. */
export function importResult(
  built: BuiltPreview,
  done: { sheetId: number; actionId: number | null; inserted: number; updated: number; cellsChanged: number },
): ImportResult {
  let left = 0;
  for (const row of built.rows) for (const cell of row.cells) if (cell.invalid) left++;
  return {
    fileName: built.fileName,
    sheetId: done.sheetId,
    sheetName: built.target.sheetName,
    actionId: done.actionId,
    inserted: done.inserted,
    updated: done.updated,
    cellsChanged: done.cellsChanged,
    cellsLeftEmpty: left,
    summary: built.summary,
    totals: built.totals,
    problems: built.problems,
  };
}
