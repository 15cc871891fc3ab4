import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToRead, openPlanToWrite } from '../openPlan';
import { valueFlag } from './export';
import { localTime } from './history';

const ACTIONS = ['save', 'list', 'restore'] as const;

/**
 * `planbench version save|list|restore PLAN [--name NAME] [--note TEXT] [--json]`: save the plan
 * as a named version, list the versions, or bring the plan back to one (one undoable action).
 */
export const versionCommand: CliCommand = {
  name: 'version',
  usage:
    'version save|list|restore PLAN [--name NAME] [--note TEXT]\n' +
    '                               保存、列出命名版本，或将规划恢复到某一版本（可撤销）/ save, list or restore named versions',
  flags: { '--name': 'value', '--note': 'value' },
  async run({ positionals, flags, json, io }) {
    const [action, ...rest] = positionals;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw new UsageError('version 后须为 save、list 或 restore / version takes save, list or restore');
    }
    const [planFile] = planArgument(`version ${action}`, rest) as [string];
    const name = valueFlag(flags, '--name');
    const note = valueFlag(flags, '--note') ?? '';
    if (action !== 'list' && name === undefined) {
      throw new UsageError(`version ${action} 需要 --name 版本名称 / version ${action} needs --name NAME`);
    }
    const session = action === 'list' ? openPlanToRead(planFile, io) : await openPlanToWrite(planFile, io);
    try {
      const context = session.context;
      if (action === 'save') {
        const { version } = await callApi(context, 'versions.save', { name: name!, note });
        if (json) io.stdout(JSON.stringify({ ok: true, version }, null, 2));
        else
          io.stdout(
            `已保存版本“${version.name}”（${localTime(version.at)}，占用 ${Math.ceil(version.bytes / 1024)} KB）`,
          );
      } else if (action === 'list') {
        const { versions } = await callApi(context, 'versions.list', {});
        if (json) io.stdout(JSON.stringify({ ok: true, versions }, null, 2));
        else if (versions.length === 0) io.stdout('尚未保存任何版本 / no versions saved yet');
        else
          for (const version of versions) {
            io.stdout(`${version.name}\t${localTime(version.at)}${version.note ? `\t${version.note}` : ''}`);
          }
      } else {
        const result = await callApi(context, 'versions.restore', { version: name! });
        if (json) io.stdout(JSON.stringify({ ok: true, ...result }, null, 2));
        else {
          io.stdout(
            `已恢复到版本“${name}”：${result.cells} 个单元格、恢复 ${result.rowsRestored} 行、移除 ${result.rowsRemoved} 行（可撤销）`,
          );
          for (const note of result.notRestored) io.stdout(`  注意：${note.zh} / ${note.en}`);
        }
      }
    } finally {
      session.close();
    }
    return 0;
  },
};
