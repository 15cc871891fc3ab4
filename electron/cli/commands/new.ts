import { createPlanSession } from '../../core/api/planSession';
import type { CliCommand } from '../command';
import { callApi, planArgument } from '../command';

export const newCommand: CliCommand = {
  name: 'new',
  usage:
    'new PLAN [--sample]          新建空白规划，或复制内置示例规划 / create an empty plan, or a copy of the sample',
  flags: { '--sample': 'switch' },
  async run({ positionals, flags, json, io }) {
    const [file] = planArgument('new', positionals) as [string];
    const session = createPlanSession(file, flags.has('--sample') ? 'sample' : 'empty', 'cli');
    try {
      const plan = await callApi(session.context, 'plan.get', {});
      if (json) io.stdout(JSON.stringify({ ok: true, file, title: plan.meta.title, sheets: plan.sheets.length }));
      else io.stdout(`已创建 ${file}：${plan.meta.title}，${plan.sheets.length} 个工作表 / created`);
    } finally {
      session.close();
    }
    return 0;
  },
};
