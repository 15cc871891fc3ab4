import type { CliCommand } from '../command';
import { callApi, planArgument } from '../command';
import { summaryText } from '../summaryText';
import { openPlanToRead } from '../openPlan';

export const summaryCommand: CliCommand = {
  name: 'summary',
  usage: 'summary PLAN                 工作表、行数、精确合计、分类汇总 / sheets, rows, exact totals, categories',
  flags: {},
  async run({ positionals, json, io }) {
    const [file] = planArgument('summary', positionals) as [string];
    const session = openPlanToRead(file, io);
    try {
      const summary = await callApi(session.context, 'plan.summary', {});
      io.stdout(json ? JSON.stringify(summary, null, 2) : summaryText(summary));
    } finally {
      session.close();
    }
    return 0;
  },
};
