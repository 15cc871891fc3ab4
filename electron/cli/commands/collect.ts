import type { CollectPreview, CollectResult } from '../../../shared/contract/calls/exchange';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { valueFlag } from './export';
import { openPlanToRead, openPlanToWrite } from '../openPlan';

const KIND_LABELS = { proposed: '提议', conflict: '冲突', locked: '锁定列被改', invalid: '不能采用' } as const;

function report(preview: CollectPreview, result: CollectResult | null): string[] {
  const { counts } = preview;
  const lines = [
    `${preview.fileName}：${preview.department} 交回的“${preview.sheetName}”（${preview.sentAt.slice(0, 10)} 下发）`,
    `  提议修改 ${counts.proposed}，冲突 ${counts.conflicts}，锁定列被改 ${counts.locked}，不能采用 ${counts.invalid}，新增行 ${counts.inserts}，删除行 ${counts.deleted}，未改动行 ${counts.unchangedRows}`,
    ...preview.notes.map((note) => `  ${note.level === 'warning' ? '注意' : '说明'}：${note.zh}`),
  ];
  for (const row of preview.rows) {
    lines.push(`  第 ${row.fileRow} 行 ${row.label}`);
    for (const cell of row.cells) {
      const current = cell.kind === 'conflict' || cell.kind === 'locked' ? `；规划现为“${cell.current}”` : '';
      lines.push(
        `    [${KIND_LABELS[cell.kind]}] ${cell.header}：“${cell.sent}” → “${cell.returned}”${current}${cell.reasonZh && cell.kind === 'invalid' ? `（${cell.reasonZh}）` : ''}`,
      );
      for (const warning of cell.warnings ?? []) lines.push(`      注意 / warning：${warning.zh}（${warning.en}）`);
    }
  }
  for (const insert of preview.inserts) {
    lines.push(
      `  [新增行] 第 ${insert.fileRow} 行 ${insert.label}${insert.reasonZh ? `（不能采用：${insert.reasonZh}）` : ''}`,
    );
    for (const warning of insert.warnings ?? []) lines.push(`      注意 / warning：${warning.zh}（${warning.en}）`);
  }
  for (const comment of preview.comments) {
    const was = comment.current === null ? '' : `（原为“${comment.current}”）`;
    lines.push(
      `  [批注] 第 ${comment.fileRow} 行 ${comment.label} · ${comment.header}：${comment.author}：“${comment.returned}”${was}`,
    );
  }
  for (const row of preview.deleted) lines.push(`  [删除行，不会自动删除] ${row.label}`);
  if (result) {
    lines.push(
      `已合并：${result.applied.cells} 个单元格、${result.applied.inserts} 行新增${result.applied.comments ? `、${result.applied.comments} 条批注` : ''}${result.applied.columnsAdded.length ? `，新建列 ${result.applied.columnsAdded.join('、')}` : ''}；未采用：冲突 ${result.left.conflicts}、锁定列 ${result.left.locked}、删除行 ${result.left.deleted}`,
    );
  } else {
    lines.push('仅报告，未修改规划（用 --apply all 合并提议修改和新增行）/ report only; use --apply all to merge');
  }
  return lines;
}

/**
 * `planbench collect PLAN FILE [--apply all|none] [--json]`: read a returned workbook and report
 * its changes, conflicts and rejected edits; with --apply all, merge the proposed changes and
 * added rows as one action (conflicts and locked-column edits are left for a person to decide).
 */
export const collectCommand: CliCommand = {
  name: 'collect',
  usage:
    'collect PLAN FILE [--apply all|none]\n' +
    '                               收回单位交回的填报表：修改、冲突、被拒改动 / collect a returned workbook',
  flags: { '--apply': 'value' },
  async run({ positionals, flags, json, io }) {
    const [planFile, returnedFile] = planArgument('collect', positionals, 2) as [string, string];
    const apply = valueFlag(flags, '--apply') ?? 'none';
    if (apply !== 'all' && apply !== 'none')
      throw new UsageError('--apply 须为 all 或 none / --apply must be all or none');
    // Only --apply all changes the plan; looking at a return works on a read-only plan too.
    const session = apply === 'all' ? await openPlanToWrite(planFile, io) : openPlanToRead(planFile, io);
    try {
      const preview = await callApi(session.context, 'collect.preview', { file: { path: returnedFile } });
      const result =
        apply === 'all'
          ? await callApi(session.context, 'collect.apply', { previewId: preview.previewId, accept: 'all' })
          : null;
      if (json) io.stdout(JSON.stringify({ ok: true, preview, applied: result }));
      else for (const line of report(preview, result)) io.stdout(line);
    } finally {
      session.close();
    }
    return 0;
  },
};
