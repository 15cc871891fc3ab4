import type { FillColumnChoice } from '../../../shared/contract/calls/exchange';
import type { Round, RoundDepartment, RoundStatus, SheetProgress } from '../../../shared/contract/calls/supervision';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ColumnDef } from '../../../shared/model/columns';
import { isSupervisable, supervisionColumns } from '../../../shared/rules/supervision/rowReading';
import type { CellValue } from '../../../shared/values/cells';
import { parseCellInput, toCellValue } from '../../../shared/values/cells';
import { readDeadline } from '../../../shared/values/periods';
import { listBatches, returnsOf } from '../exchange/batches';
import { actionUndone } from '../exchange/collect';
import type { PlanStore } from '../store/planStore';
import type { RoundRecord } from '../store/rounds';
import type { RoundReading } from './progress';
import { sheetProgress, today } from './progress';

/**
 * Reporting rounds (报送轮次): opening one, the columns a round's send-out leaves open, the figures
 * a collected return stores for its round, each round's view of the sheet (with the change since
 * the round before), and 回收情况 — who returned, who is late, and what to chase them for.
 */

/** The columns a department reports in: 完成率, 完成投资, 进展情况 — whichever the sheet has. */
export function progressColumns(columns: readonly ColumnDef[]): ColumnDef[] {
  const found = supervisionColumns(columns);
  return [found.rate, found.doneInvestment, found.note].filter((column): column is ColumnDef => column !== null);
}

function supervisableSheet(store: PlanStore, sheetId: number): ColumnDef[] {
  const sheet = store.getSheet(sheetId);
  if (!isSupervisable(supervisionColumns(sheet.columns))) {
    throw PlanbenchError.of(
      'invalid_input',
      `工作表“${sheet.name}”没有可督查的列：需要完成时限（或建设起止年限）以及完成率（或完成投资与投资匡算）`,
      `sheet "${sheet.name}" cannot be supervised: it needs a deadline (完成时限, or 建设起止年限) and 完成率 (or 完成投资 with 投资匡算)`,
      { sheet: sheet.name },
    );
  }
  return sheet.columns;
}

export function openRound(
  store: PlanStore,
  input: { sheetId: number; name: string; due: string; asOf?: string | undefined },
): Round {
  supervisableSheet(store, input.sheetId);
  const named = readDeadline(input.name);
  const asOf = input.asOf ?? (named?.kind === 'date' ? named.date : null);
  if (asOf === null) {
    throw PlanbenchError.of(
      'invalid_value',
      `轮次名称“${input.name}”没有说明截至哪一天，请另给截至日期（如 2025-09-30）`,
      `the round name "${input.name}" names no date its figures are for; give the as-of date too (e.g. 2025-09-30)`,
    );
  }
  return store.rounds.open({ sheetId: input.sheetId, name: input.name, asOf, due: input.due });
}

/** What a round's send-out asks for: its progress columns, as the sheet's own (sent with their values). */
export function roundFill(store: PlanStore, round: RoundRecord): FillColumnChoice[] {
  return progressColumns(supervisableSheet(store, round.sheetId)).map((column) => ({ columnKey: column.key }));
}

/**
 * After a return of a round's send-out is merged (as `actionId`): the progress cells of the
 * department's rows, as the plan now has them, are that round's figures.
 */
export function recordRoundReturn(
  store: PlanStore,
  batchId: string,
  rowIds: readonly number[],
  actionId: number | null,
): void {
  const round = store.rounds.ofBatch(batchId);
  if (!round) return;
  const columns = progressColumns(store.columns(round.sheetId));
  const rows = store.rowsById(round.sheetId, rowIds);
  const figures = rows.flatMap((row) =>
    columns.map((column) => ({ rowId: row.id, columnKey: column.key, text: row.cells[column.key]?.text ?? '' })),
  );
  store.rounds.record(round.id, figures, actionId);
}

/** A round's figures as cells: every row's progress columns, empty where it reported nothing. */
export function roundCells(store: PlanStore, round: RoundRecord): RoundReading['overrides'] {
  const columns = progressColumns(store.columns(round.sheetId));
  const figures = store.rounds.figures(round.id);
  const cellOf = (column: ColumnDef, text: string): CellValue => {
    const parsed = parseCellInput(column, text);
    return parsed.ok ? toCellValue(column, parsed.cell) : { text, value: null };
  };
  return (rowId) => {
    const reported = figures.get(rowId) ?? {};
    return Object.fromEntries(columns.map((column) => [column.key, cellOf(column, reported[column.key] ?? '')]));
  };
}

function roundBefore(store: PlanStore, round: RoundRecord): RoundRecord | null {
  const earlier = store.rounds.list(round.sheetId).filter((other) => other.asOf < round.asOf);
  return earlier[earlier.length - 1] ?? null;
}

/** The sheet as a round reported it (as of its date, unless another is given), with the round before. */
export function roundProgress(store: PlanStore, roundId: number, asOf?: string): SheetProgress {
  const round = store.rounds.get(roundId);
  const before = roundBefore(store, round);
  const previous = before
    ? sheetProgress(store, round.sheetId, before.asOf, {
        overrides: roundCells(store, before),
        round: before.name,
        previous: null,
      })
    : null;
  return sheetProgress(store, round.sheetId, asOf ?? round.asOf, {
    overrides: roundCells(store, round),
    round: round.name,
    previous: previous ? { round: previous.round!, rows: new Map(previous.rows.map((row) => [row.rowId, row])) } : null,
  });
}

const CHASED = new Set(['overdue', 'seriously_behind']);

/**
 * 回收情况 of a round on a date: per department of its send-out, whether it returned, whether it
 * is late, and its rows that are 逾期 or 严重滞后 as of the round's date by the latest figures
 * the plan has (for a department that has not returned, those are all there are).
 */
export function roundStatus(store: PlanStore, roundId: number, on: string = today()): RoundStatus {
  const round = store.rounds.get(roundId);
  const batch = round.batchId ? listBatches(store).find((candidate) => candidate.id === round.batchId) : undefined;
  const contacts = store.rounds.contacts();
  const progress = batch ? sheetProgress(store, round.sheetId, round.asOf) : null;
  const byRow = new Map(progress?.rows.map((row) => [row.rowId, row]));
  const departments: RoundDepartment[] = (batch?.files ?? []).map((file) => {
    const returns = returnsOf(store, file.fileId).filter((record) => !actionUndone(store, record.actionId));
    const returned = returns.length > 0;
    return {
      department: file.department,
      contact: contacts.get(file.department) ?? '',
      rows: file.rowIds.length,
      returned,
      lastReturnAt: returns[returns.length - 1]?.at ?? null,
      late: !returned && on > round.due,
      overdueRows: file.rowIds
        .map((id) => byRow.get(id))
        .filter((row) => row !== undefined && CHASED.has(row.status))
        .map((row) => ({ seq: row!.seq, title: row!.title, deadlineText: row!.deadlineText, status: row!.status })),
    };
  });
  return { round: { ...round }, today: on, departments };
}
