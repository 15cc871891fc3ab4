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
    const session = await openPlanToWrite(file, io);
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

/** The matrix item × district as a tab-separated table (元), with its column totals. */
function printDistrictMatrix(
  io: { stdout(text: string): void },
  result: {
    districts: string[];
    items: { label: string; districtShare: string; shares: string[] }[];
    skipped: unknown[];
  },
) {
  io.stdout(
    `区级承担已分到 ${result.districts.length} 个地区，${result.items.length} 项（元）/ district shares of ${result.items.length} items (元)`,
  );
  io.stdout(['事项', '区级承担', ...result.districts].join('\t'));
  for (const item of result.items) io.stdout([item.label, item.districtShare, ...item.shares].join('\t'));
}

export const shareCommand: CliCommand = {
  name: 'share',
  usage:
    'share PLAN --sheet NAME [--districts SHEET [--by COLUMN] [--name NAME]]\n' +
    '                               按分担方式把支出拆分为省、市、区承担（到元）；--districts：再把区级承担按该表的因素法（或 --by 一列）分到各区，生成“事项×地区”表\n' +
    '                               / split each item’s spending by its sharing rule; --districts: then share the district part among that sheet’s districts',
  flags: { '--sheet': 'value', '--districts': 'value', '--by': 'value', '--name': 'value' },
  async run({ positionals, flags, json, io }) {
    const [file] = planArgument('share', positionals) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    if (sheetName === undefined) throw new UsageError('share 需要 --sheet 工作表 / share needs --sheet NAME');
    const session = await openPlanToWrite(file, io);
    try {
      const sheet = await sheetNamed(session.context, sheetName, file);
      const districtsFrom = valueFlag(flags, '--districts');
      const by = valueFlag(flags, '--by');
      const name = valueFlag(flags, '--name');
      if (districtsFrom === undefined && (by !== undefined || name !== undefined))
        throw new UsageError('--by 和 --name 需与 --districts 一起使用 / --by and --name go with --districts');
      const result = await callApi(session.context, 'costSharing.apply', { sheetId: sheet.id });
      const districts =
        districtsFrom === undefined
          ? null
          : await callApi(session.context, 'costSharing.districts', {
              sheetId: sheet.id,
              districtSheetId: (await sheetNamed(session.context, districtsFrom, file)).id,
              by: by === undefined ? { kind: 'factors' } : { kind: 'column', column: by },
              ...(name !== undefined ? { name } : {}),
            });
      if (json) {
        io.stdout(JSON.stringify({ ok: true, sheet: sheet.name, ...result, districts }, null, 2));
        return 0;
      }
      io.stdout(
        `已按分担方式拆分 ${result.split} 项，${result.skipped.length} 项未拆分 / split ${result.split} items, ${result.skipped.length} left alone`,
      );
      for (const item of result.skipped) io.stdout(`  ${item.label}：${item.reasonZh} / ${item.reasonEn}`);
      if (districts) printDistrictMatrix(io, districts);
    } finally {
      session.close();
    }
    return 0;
  },
};
