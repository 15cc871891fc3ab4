import { rowDeadline } from '../../../shared/rules/supervision/rowReading';
import { daysBetween } from '../../../shared/rules/supervision/status';
import { PrintOptions } from '../../../shared/contract/calls/printing';
import { savePrintOptions } from '../print/options';
import type { PlanStore } from '../store/planStore';

/**
 * Two reporting rounds of progress on the sample's 2023 work-plan tasks, so a new user sees
 * supervision at work the moment the app opens: 2023年第2季度 and 2023年第3季度, each task's 完成率
 * and 进展情况 as its lead department might have reported them. The figures are made up but
 * deterministic and plausible: each task keeps to (or falls behind) the time between 1 January
 * 2023 and its deadline as read from its own text ("6月底前", "年内"), at a pace fixed by its 序号,
 * and never goes backwards between rounds. The sheet's cells hold the latest round's figures.
 */

export const SAMPLE_WORK_YEAR = 2023;
export const SAMPLE_ROUNDS = [
  { name: '2023年第2季度', asOf: '2023-06-30', due: '2023-07-10' },
  { name: '2023年第3季度', asOf: '2023-09-30', due: '2023-10-10' },
] as const;

/** A stable number in [0, 1) from a task's 序号, so the same task always gets the same pace. */
function spread(seq: string): number {
  let hash = 17;
  for (const char of seq) hash = (hash * 31 + char.charCodeAt(0)) % 10_007;
  return ((hash * 7919) % 10_007) / 10_007;
}

/** How a task keeps pace with its time: most ahead or on time, some behind, a few far behind. */
function paceOf(seq: string): number {
  const draw = spread(seq);
  if (draw < 0.55) return 1.1;
  if (draw < 0.8) return 0.8;
  if (draw < 0.93) return 0.55;
  return 0.35;
}

export interface SampleFigures {
  rate: string;
  progress: string;
}

/** A task's figures in each round (in SAMPLE_ROUNDS order). */
export function sampleFigures(seq: string, deadlineText: string): SampleFigures[] {
  const deadline = rowDeadline(deadlineText, SAMPLE_WORK_YEAR);
  const due = deadline.kind === 'date' ? deadline.date : `${SAMPLE_WORK_YEAR}-12-31`;
  const start = `${SAMPLE_WORK_YEAR}-01-01`;
  const pace = paceOf(seq);
  let previous = 0;
  return SAMPLE_ROUNDS.map((round) => {
    const elapsed = Math.min(1, (daysBetween(start, round.asOf) + 1) / (daysBetween(start, due) + 1));
    // Past its deadline a task that kept pace is done; one that did not is still short of it.
    const reached = elapsed >= 1 && pace >= 0.8 ? 100 : Math.min(pace >= 1 ? 100 : 95, elapsed * 100 * pace);
    const rate = Math.max(previous, Math.round(reached / 5) * 5);
    previous = rate;
    return { rate: String(rate), progress: progressText(rate, pace) };
  });
}

function progressText(rate: number, pace: number): string {
  if (rate >= 100) return '已完成年度任务。';
  if (pace >= 1) return `按计划推进，已完成年度任务的${rate}%。`;
  if (pace >= 0.8) return `正在推进，已完成年度任务的${rate}%，部分事项尚在协调。`;
  return `进度滞后，已完成年度任务的${rate}%，正在研究加快推进措施。`;
}

/**
 * Open the sample's two rounds on its work-plan sheet and store each round's figures for every
 * task (the sheet's cells already hold the last round's: sheets.ts fills them from sampleFigures).
 */
export function addSampleRounds(store: PlanStore, sheetName: string): void {
  const sheet = store.listSheets().find((candidate) => candidate.name === sheetName);
  if (!sheet) throw new Error(`the sample has no sheet ${sheetName}`);
  const rows = store.allRows(sheet.id);
  SAMPLE_ROUNDS.forEach((round, index) => {
    const opened = store.rounds.open({ sheetId: sheet.id, name: round.name, asOf: round.asOf, due: round.due });
    const figures = rows.flatMap((row) => {
      const reported = sampleFigures(row.cells.seq?.text ?? '', row.cells.deadline?.text ?? '')[index]!;
      return [
        { rowId: row.id, columnKey: 'rate', text: reported.rate },
        { rowId: row.id, columnKey: 'progress', text: reported.progress },
      ];
    });
    store.rounds.record(opened.id, figures, null);
  });
  // The sheet prints (and goes out as a Word attachment) as the 任务分解表 the office files:
  // the progress columns are for supervision on screen and in the 通报, not for the attachment.
  const PROGRESS_ROLES = new Set(['startDate', 'completionRate', 'progressNote']);
  const printed = store
    .columns(sheet.id)
    .filter((column) => !column.hidden && !PROGRESS_ROLES.has(column.role ?? ''))
    .map((column) => ({ key: column.key, widthMm: null }));
  savePrintOptions(store, sheet.id, PrintOptions.parse({ columns: printed }));
}
