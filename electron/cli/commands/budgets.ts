import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToWrite } from '../openPlan';
import { sheetNamed } from '../sheets';
import { valueFlag } from './export';

/**
 * `planbench investplan PLAN --from SHEET [--name NAME]`: the 年度投资计划 generated from a
 * project table; `planbench share PLAN --sheet NAME`: a 共同财政事权 sheet's spending split into
 * the levels' shares by each item's rule. Each is one undoable action.
 */
export const investplanCommand: CliCommand = {
  name: 'investplan',
  usage:
    'investplan PLAN --from SHEET [--name NAME]\n' +
    '                               由重点工程表生成年度投资计划（投资匡算按建设年限平均分摊）/ the annual investment plan from a project table',
  flags: { '--from': 'value', '--name': 'value' },
  async run({ positionals, flags, json, io }) {
    const [file] = planArgument('investplan', positionals) as [string];
    const from = valueFlag(flags, '--from');
    if (from === undefined) throw new UsageError('investplan 需要 --from 工作表 / investplan needs --from SHEET');
    const name = valueFlag(flags, '--name');
    const session = openPlanToWrite(file);
    try {
      const source = await sheetNamed(session.context, from, file);
      const created = await callApi(session.context, 'budget.investmentPlan', {
        sheetId: source.id,
        ...(name !== undefined ? { name } : {}),
      });
      io.stdout(
        json
          ? JSON.stringify({ ok: true, sheet: created }, null, 2)
          : `已生成工作表“${created.name}”，${created.rowCount} 个项目 / created sheet "${created.name}" with ${created.rowCount} projects`,
      );
    } finally {
      session.close();
    }
    return 0;
  },
};

export const shareCommand: CliCommand = {
  name: 'share',
  usage:
    'share PLAN --sheet NAME        按分担方式把支出拆分为省、市、区承担（到元）/ split each item’s spending by its sharing rule',
  flags: { '--sheet': 'value' },
  async run({ positionals, flags, json, io }) {
    const [file] = planArgument('share', positionals) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    if (sheetName === undefined) throw new UsageError('share 需要 --sheet 工作表 / share needs --sheet NAME');
    const session = openPlanToWrite(file);
    try {
      const sheet = await sheetNamed(session.context, sheetName, file);
      const result = await callApi(session.context, 'costSharing.apply', { sheetId: sheet.id });
      if (json) {
        io.stdout(JSON.stringify({ ok: true, sheet: sheet.name, ...result }, null, 2));
        return 0;
      }
      io.stdout(
        `已按分担方式拆分 ${result.split} 项，${result.skipped.length} 项未拆分 / split ${result.split} items, ${result.skipped.length} left alone`,
      );
      for (const item of result.skipped) io.stdout(`  ${item.label}：${item.reasonZh} / ${item.reasonEn}`);
    } finally {
      session.close();
    }
    return 0;
  },
};
