import type { SheetProgress } from '../../../shared/contract/calls/supervision';
import { SUPERVISION_STATUS_LABELS, SUPERVISION_STATUSES } from '../../../shared/rules/supervision/status';
import { readThresholds } from '../../../shared/rules/supervision/thresholds';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToRead, openPlanToWrite } from '../openPlan';
import { textTable } from '../sheetText';
import { sheetNamed } from '../sheets';
import { asOfDate } from '../dates';
import { valueFlag } from './export';
import { roundNamed } from './round';

/**
 * `planbench progress PLAN --sheet NAME [--as-of DATE] [--json]`: each row's supervision status
 * (已完成/按序时推进/滞后/严重滞后/逾期/未报送/无时限) as of a date, through the API call the app uses.
 */

function countsLine(progress: SheetProgress): string {
  return SUPERVISION_STATUSES.map(
    (status) => `${SUPERVISION_STATUS_LABELS[status]} ${progress.counts[status] ?? 0}`,
  ).join('，');
}

export const progressCommand: CliCommand = {
  name: 'progress',
  usage:
    'progress PLAN --sheet NAME [--as-of DATE] [--round R] [--thresholds 10,30] [--json]\n' +
    '                               督查：各行截至某日的状态（已完成/按序时推进/滞后/严重滞后/逾期/未报送/无时限）；\n' +
    '                               --thresholds 先改本规划的滞后、严重滞后阈值（百分点，可撤销）\n' +
    '                               / supervision: each row’s status as of a date, and the counts; --thresholds\n' +
    '                               first sets the plan’s behind and seriously-behind thresholds (undoable)',
  flags: { '--sheet': 'value', '--as-of': 'value', '--round': 'value', '--thresholds': 'value' },
  async run({ positionals, flags, json, io }) {
    const [planFile] = planArgument('progress', positionals) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    if (sheetName === undefined) throw new UsageError('progress 需要 --sheet 工作表 / progress needs --sheet NAME');
    const asOfText = valueFlag(flags, '--as-of');
    const asOf = asOfText === undefined ? undefined : asOfDate(asOfText);
    const thresholdsText = valueFlag(flags, '--thresholds');
    const thresholds = thresholdsText === undefined ? undefined : readThresholds(thresholdsText);
    if (thresholds && !thresholds.ok) throw PlanbenchError.of('invalid_value', thresholds.zh, thresholds.en);
    const session = thresholds ? await openPlanToWrite(planFile, io) : openPlanToRead(planFile, io);
    try {
      const sheet = await sheetNamed(session.context, sheetName, planFile);
      if (thresholds) {
        const set = await callApi(session.context, 'supervision.thresholds.set', { thresholds: thresholds.thresholds });
        if (!json) {
          io.stdout(
            `督查阈值：滞后 ${set.thresholds.behind}、严重滞后 ${set.thresholds.seriouslyBehind} 个百分点 / thresholds set`,
          );
        }
      }
      const roundName = valueFlag(flags, '--round');
      const round =
        roundName === undefined ? undefined : await roundNamed(session.context, roundName, sheetName, planFile);
      const progress = await callApi(session.context, 'supervision.progress', {
        sheetId: sheet.id,
        ...(asOf === undefined ? {} : { asOf }),
        ...(round === undefined ? {} : { roundId: round.id }),
      });
      if (json) {
        io.stdout(
          JSON.stringify({
            sheet: progress.sheetName,
            asOf: progress.asOf,
            round: progress.round,
            previousRound: progress.previousRound,
            thresholds: progress.thresholds,
            rows: progress.rows.map((row) => ({
              seq: row.seq,
              title: row.title,
              departments: row.departments,
              deadline: row.deadline,
              deadlineText: row.deadlineText,
              progress: row.progress,
              elapsed: row.elapsed,
              note: row.note,
              status: row.status,
              previousProgress: row.previousProgress,
              previousStatus: row.previousStatus,
            })),
            counts: progress.counts,
          }),
        );
        return 0;
      }
      const roundText = progress.round
        ? `（${progress.round}${progress.previousRound ? `，对比${progress.previousRound}` : ''}）`
        : '';
      io.stdout(`工作表“${progress.sheetName}”${roundText}截至 ${progress.asOf} / as of ${progress.asOf}`);
      const lines = textTable(
        ['序号', '名称', '牵头单位', '完成时限', '完成率%', '上轮%', '序时进度%', '状态'],
        progress.rows.map((row) => [
          row.seq,
          row.title,
          row.departments[0] ?? '',
          row.deadlineText,
          row.progress ?? '',
          row.previousProgress ?? '',
          row.elapsed ?? '',
          SUPERVISION_STATUS_LABELS[row.status],
        ]),
      );
      for (const line of lines) io.stdout(line);
      io.stdout(countsLine(progress));
    } finally {
      session.close();
    }
    return 0;
  },
};
