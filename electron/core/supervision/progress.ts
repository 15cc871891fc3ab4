import type { ProgressRow, SheetProgress, Thresholds } from '../../../shared/contract/calls/supervision';
import type { RowData } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ColumnDef } from '../../../shared/model/columns';
import {
  defaultStart,
  isSupervisable,
  rowStatusInput,
  supervisionColumns,
} from '../../../shared/rules/supervision/rowReading';
import {
  countStatuses,
  DEFAULT_THRESHOLDS,
  supervisionStatus,
  validThresholds,
} from '../../../shared/rules/supervision/status';
import { checkThresholds } from '../../../shared/rules/supervision/thresholds';
import type { CellValue } from '../../../shared/values/cells';
import type { PlanStore } from '../store/planStore';

/**
 * Every row's supervision status on one sheet as of a date (shared/rules/supervision), read
 * from the plan as it stands — or, for a reporting round, with that round's reported figures in
 * place of the progress cells.
 */

const THRESHOLDS_SCOPE = 'plan';
const THRESHOLDS_KEY = 'supervisionThresholds';

export function planThresholds(store: PlanStore): Thresholds {
  return validThresholds(store.getSetting(THRESHOLDS_SCOPE, THRESHOLDS_KEY)) ?? DEFAULT_THRESHOLDS;
}

/**
 * The user's thresholds for the plan, as one undoable action in the change log; refused with the
 * reason (invalid_value, nothing changed) when they are not two numbers 0 ≤ behind < seriously ≤ 100.
 */
export function setPlanThresholds(store: PlanStore, wanted: { behind: number; seriouslyBehind: number }): Thresholds {
  const reading = checkThresholds(wanted.behind, wanted.seriouslyBehind);
  if (!reading.ok) throw PlanbenchError.of('invalid_value', reading.zh, reading.en);
  const { behind, seriouslyBehind } = reading.thresholds;
  store.setLoggedSetting(THRESHOLDS_SCOPE, THRESHOLDS_KEY, reading.thresholds, {
    source: 'user',
    label: `督查阈值改为滞后 ${behind}、严重滞后 ${seriouslyBehind} 个百分点`,
  });
  return reading.thresholds;
}

/** Today's date where the computer is (an official's "today"), as yyyy-mm-dd. */
export function today(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Cells of a row that replace the plan's own (a round's reported figures), by column key. */
export type FigureOverrides = (rowId: number) => Readonly<Record<string, CellValue>> | undefined;

/** Which round's figures a reading is of, and the statuses of the round before it by row. */
export interface RoundReading {
  overrides: FigureOverrides;
  round: string;
  previous: { round: string; rows: ReadonlyMap<number, Pick<ProgressRow, 'progress' | 'status'>> } | null;
}

function departmentsOf(columns: readonly ColumnDef[], cells: RowData['cells']): string[] {
  for (const role of ['leadUnit', 'responsibleUnits'] as const) {
    const column = columns.find((candidate) => candidate.role === role);
    const value = column ? cells[column.key]?.value : null;
    if (Array.isArray(value) && value.length > 0) return value;
  }
  return [];
}

export function sheetProgress(
  store: PlanStore,
  sheetId: number,
  asOf: string,
  reading: RoundReading | null = null,
): SheetProgress {
  const sheet = store.getSheet(sheetId);
  const found = supervisionColumns(sheet.columns);
  if (!isSupervisable(found)) {
    throw PlanbenchError.of(
      'invalid_input',
      `工作表“${sheet.name}”没有可督查的列：需要完成时限（或建设起止年限）以及完成率（或完成投资与投资匡算）`,
      `sheet "${sheet.name}" cannot be supervised: it needs a deadline (完成时限, or 建设起止年限) and 完成率 (or 完成投资 with 投资匡算)`,
      { sheet: sheet.name },
    );
  }
  const thresholds = planThresholds(store);
  const context = { asOf, defaultStart: defaultStart(found, store.getMeta().periodStart, asOf) };
  const seq = sheet.columns.find((column) => column.role === 'seq');
  const title =
    sheet.columns.find((column) => column.role === 'name') ?? sheet.columns.find((c) => c.role === 'content');
  const rows: ProgressRow[] = store.allRows(sheetId).map((row) => {
    const cells = { ...row.cells, ...reading?.overrides(row.id) };
    const input = rowStatusInput(found, cells, context);
    const status = supervisionStatus(input, thresholds);
    const previous = reading?.previous?.rows.get(row.id) ?? null;
    return {
      rowId: row.id,
      parentId: row.parentId,
      seq: seq ? (cells[seq.key]?.text ?? '') : '',
      title: title ? (cells[title.key]?.text ?? '') : '',
      departments: departmentsOf(sheet.columns, cells),
      deadlineText: found.deadline ? (cells[found.deadline.key]?.text ?? '') : '',
      deadline: input.deadline,
      start: input.start,
      progress: status.progressPercent,
      elapsed: status.elapsedPercent,
      note: found.note ? (cells[found.note.key]?.text ?? '') : '',
      status: status.status,
      previousProgress: previous?.progress ?? null,
      previousStatus: previous?.status ?? null,
    };
  });
  const key = (column: { key: string } | null) => column?.key ?? null;
  return {
    sheetId,
    sheetName: sheet.name,
    asOf,
    thresholds,
    columns: {
      start: key(found.start),
      deadline: key(found.deadline),
      rate: key(found.rate),
      doneInvestment: key(found.doneInvestment),
      budget: key(found.budget),
      note: key(found.note),
    },
    round: reading?.round ?? null,
    previousRound: reading?.previous?.round ?? null,
    rows,
    counts: countStatuses(rows.map((row) => row.status)),
  };
}
