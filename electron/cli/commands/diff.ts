import type { VersionComparison } from '../../../shared/contract/calls/versions';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import path from 'node:path';
import { closePdfRenderer } from '../../core/print/engine';
import { openPlanToRead } from '../openPlan';
import { valueFlag } from './export';

const signed = (value: string | null) => (value === null ? '' : value.startsWith('-') ? value : `+${value}`);

/** The comparison as lines for people: per sheet, totals, cells, rows added and deleted. */
export function comparisonText(comparison: VersionComparison): string[] {
  const to = comparison.to ? `“${comparison.to.name}”` : '当前';
  const lines = [`版本“${comparison.from.name}” → ${to}`];
  if (comparison.sheets.length === 0) lines.push('  没有变化 / no changes');
  for (const sheet of comparison.sheets) {
    const status = sheet.status === 'added' ? '（新建）' : sheet.status === 'deleted' ? '（已删除）' : '';
    const renamed = sheet.nameBefore ? `（原名“${sheet.nameBefore}”）` : '';
    lines.push(`工作表“${sheet.name}”${status}${renamed}`);
    for (const total of sheet.totals) {
      lines.push(
        `  合计 ${total.columnName}：${total.sumBefore ?? '—'} → ${total.sumAfter ?? '—'}（${signed(total.difference)}${total.unit ?? ''}）`,
      );
    }
    for (const group of sheet.categories) {
      lines.push(
        `  分类 ${group.category || '（未分类）'}：${group.countBefore} 项 ${group.sumBefore ?? '—'} → ${group.countAfter} 项 ${group.sumAfter ?? '—'}（${signed(group.difference)}）`,
      );
    }
    for (const cell of sheet.cells) {
      const difference = cell.difference === null ? '' : `（${signed(cell.difference)}${cell.unit}）`;
      lines.push(`  修改 ${cell.label} · ${cell.columnName}：“${cell.before}” → “${cell.after}”${difference}`);
    }
    for (const row of sheet.addedRows) lines.push(`  新增行 ${row.label}`);
    for (const row of sheet.deletedRows) lines.push(`  删除行 ${row.label}`);
  }
  return lines;
}

/**
 * `planbench diff PLAN --from VERSION [--to VERSION] [--json]`: what changed from a saved version
 * to another, or to the plan as it is now.
 */
export const diffCommand: CliCommand = {
  name: 'diff',
  usage:
    'diff PLAN --from VERSION [--to VERSION] [--out 修改对照表.xlsx|.pdf]\n' +
    '                               比较两个版本（或某版本与当前）：修改的单元格、增删的行、分类合计；--out 写出修改对照表 / compare versions',
  flags: { '--from': 'value', '--to': 'value', '--out': 'value' },
  async run({ positionals, flags, json, io }) {
    const [planFile] = planArgument('diff', positionals) as [string];
    const from = valueFlag(flags, '--from');
    const to = valueFlag(flags, '--to');
    if (from === undefined) throw new UsageError('diff 需要 --from 版本名称 / diff needs --from VERSION');
    const out = valueFlag(flags, '--out');
    const format = out === undefined ? null : path.extname(out).toLowerCase().slice(1);
    if (format !== null && format !== 'xlsx' && format !== 'pdf') {
      throw new UsageError('--out 须为 .xlsx 或 .pdf 文件 / --out must be an .xlsx or .pdf file');
    }
    const session = openPlanToRead(planFile, io);
    try {
      if (out !== undefined && format !== null) {
        const made = await callApi(session.context, 'versions.compareFile', {
          from,
          ...(to === undefined ? {} : { to }),
          format,
          saveTo: { path: path.resolve(out) },
        });
        if (json) io.stdout(JSON.stringify({ ok: true, ...made }, null, 2));
        else io.stdout(`已写出修改对照表 ${made.path}（${made.lines} 条${made.pages ? `，${made.pages} 页` : ''}）`);
        return 0;
      }
      const comparison = await callApi(session.context, 'versions.compare', to === undefined ? { from } : { from, to });
      if (json) io.stdout(JSON.stringify({ ok: true, ...comparison }, null, 2));
      else for (const line of comparisonText(comparison)) io.stdout(line);
    } finally {
      session.close();
      if (format === 'pdf') await closePdfRenderer();
    }
    return 0;
  },
};
