import type { ColumnDef } from '../../model/columns';
import type { CellValue } from '../../values/cells';
import { dec, fenToDec } from '../../values/exactDecimal';
import { decimalToFen } from '../../values/money';
import { parseYearRange, readDeadline } from '../../values/periods';
import { budgetColumn, doneInvestmentColumn, isCompletionRate } from '../completion';
import type { Progress, StatusInput } from './status';

/**
 * What a row of a task or project sheet says for supervision: when it started, its deadline and
 * its reported completion, read from the columns by their roles (开始时间 startDate, 完成时限
 * deadline, 完成率 completionRate, 完成投资 doneInvestment over 投资匡算 investment, 进展情况
 * progressNote) — or, in a sheet whose columns carry no role, by their usual names.
 */

type Column = Pick<ColumnDef, 'key' | 'name' | 'type' | 'role' | 'settings'>;

export interface SupervisionColumns<C extends Column = Column> {
  start: C | null;
  deadline: C | null;
  rate: C | null;
  doneInvestment: C | null;
  budget: C | null;
  note: C | null;
  /** 建设起止年限 of a project: its start and deadline when no 开始时间 or 完成时限 says otherwise. */
  period: C | null;
}

const START_NAMES = /^(?:开始|起始|启动|开工)(?:时间|日期)$/;
const DEADLINE_NAMES = /^(?:完成|办结)(?:时限|时间|期限)$|^时间节点$|^完成时限要求$/;
const NOTE_NAMES = /^(?:进展|推进|完成|工作进展|工作推进)情况$|^进展$/;

function byRoleOrName<C extends Column>(
  columns: readonly C[],
  role: ColumnDef['role'],
  names: RegExp,
  types: readonly ColumnDef['type'][],
): C | null {
  return (
    columns.find((column) => column.role === role) ??
    columns.find((column) => column.role === null && types.includes(column.type) && names.test(column.name.trim())) ??
    null
  );
}

export function supervisionColumns<C extends Column>(columns: readonly C[]): SupervisionColumns<C> {
  return {
    start: byRoleOrName(columns, 'startDate', START_NAMES, ['date', 'text']),
    deadline: byRoleOrName(columns, 'deadline', DEADLINE_NAMES, ['date', 'text']),
    rate: columns.find(isCompletionRate) ?? null,
    doneInvestment: doneInvestmentColumn(columns),
    budget: budgetColumn(columns),
    note: byRoleOrName(columns, 'progressNote', NOTE_NAMES, ['text', 'longText']),
    period: columns.find((column) => column.role === 'period') ?? null,
  };
}

/** Whether a sheet can be supervised: it has a deadline and some way to report completion. */
export function isSupervisable(found: SupervisionColumns): boolean {
  return (
    (found.deadline !== null || found.period !== null) &&
    (found.rate !== null || (found.doneInvestment !== null && found.budget !== null))
  );
}

const PART_SEPARATORS = /[；;，,、\n]+/;
/** Words before a deadline that do not change it: "到2023年", "于6月底前". */
const LEADING_WORDS = /^(?:到|至|于|在|截至|截止到?)/;

export type RowDeadline = { kind: 'date'; date: string } | { kind: 'none' };

/**
 * A row's deadline from its 完成时限 text. A task with several ("6月底前；年内") is due when its
 * last part is, so the latest date counts; parts that name no deadline ("6月1日起") are passed
 * over. An empty cell in a column that has a year (a work plan for 2023) means that year's end;
 * text that names no date, or "长期坚持", means no deadline.
 */
export function rowDeadline(text: string, contextYear?: number): RowDeadline {
  const trimmed = text.trim();
  if (trimmed === '') {
    return contextYear === undefined ? { kind: 'none' } : { kind: 'date', date: `${contextYear}-12-31` };
  }
  let latest: string | null = null;
  for (const part of trimmed.split(PART_SEPARATORS)) {
    const reading = readDeadline(part.trim().replace(LEADING_WORDS, ''), contextYear);
    if (reading?.kind === 'date' && (latest === null || reading.date > latest)) latest = reading.date;
  }
  return latest === null ? { kind: 'none' } : { kind: 'date', date: latest };
}

/** The first day of the period a start text names ("2023年3月" → 2023-03-01); null when none. */
export function rowStart(text: string, contextYear?: number): string | null {
  const reading = readDeadline(text.trim().replace(LEADING_WORDS, ''), contextYear);
  if (reading?.kind !== 'date') return null;
  const [year, month] = reading.date.split('-').map(Number) as [number, number];
  const monthsBack = { day: -1, month: 0, quarter: 2, half: 5, year: 11 }[reading.precision];
  if (monthsBack < 0) return reading.date;
  return `${year}-${String(month - monthsBack).padStart(2, '0')}-01`;
}

/**
 * The reported completion: 完成率 when filled in, else 完成投资 over a known, non-zero 投资匡算
 * (both exact, in 元). Null when the row reports neither.
 */
export function rowProgress(
  found: SupervisionColumns,
  cells: Readonly<Record<string, CellValue | undefined>>,
): Progress | null {
  const rate = found.rate ? cells[found.rate.key]?.value : null;
  if (typeof rate === 'number') return { done: dec(rate), of: dec(100) };
  if (!found.doneInvestment || !found.budget) return null;
  const done = amountInYuan(found.doneInvestment, cells[found.doneInvestment.key]);
  const budget = amountInYuan(found.budget, cells[found.budget.key]);
  if (done === null || budget === null || budget <= 0n) return null;
  return { done: fenToDec(done, '元'), of: fenToDec(budget, '元') };
}

function amountInYuan(column: Column, cell: CellValue | undefined): bigint | null {
  return typeof cell?.value === 'string' ? decimalToFen(cell.value, column.settings.moneyUnit ?? '万元') : null;
}

export interface RowContext {
  asOf: string;
  /** Where time is counted from when the row states no start: the sheet's or the plan's period start. */
  defaultStart: string;
}

/** Everything supervisionStatus needs, read from one row. */
export function rowStatusInput(
  found: SupervisionColumns,
  cells: Readonly<Record<string, CellValue | undefined>>,
  context: RowContext,
): StatusInput {
  const startColumn = found.start;
  const start = startColumn ? rowStart(cells[startColumn.key]?.text ?? '', startColumn.settings.year) : null;
  const span = found.period ? parseYearRange(cells[found.period.key]?.text ?? '') : null;
  const deadlineColumn = found.deadline;
  const deadline = deadlineColumn
    ? rowDeadline(cells[deadlineColumn.key]?.text ?? '', deadlineColumn.settings.year)
    : span
      ? ({ kind: 'date', date: `${span.end}-12-31` } as const)
      : ({ kind: 'none' } as const);
  return {
    asOf: context.asOf,
    start: start ?? (span ? `${span.start}-01-01` : context.defaultStart),
    deadline: deadline.kind === 'date' ? deadline.date : null,
    progress: rowProgress(found, cells),
  };
}

/**
 * Where a sheet's time starts when a row says nothing: 1 January of its deadline column's year (a
 * work plan for 2023), else of the plan's first year, else of the as-of date's year.
 */
export function defaultStart(found: SupervisionColumns, planStartYear: number | null, asOf: string): string {
  const year = found.deadline?.settings.year ?? planStartYear ?? Number(asOf.slice(0, 4));
  return `${year}-01-01`;
}
