import { checksText } from '../../core/checks/report';
import type { CliCommand } from '../command';
import { callApi, planArgument } from '../command';
import { openPlanToRead } from '../openPlan';
import { sheetNamed } from '../sheets';

/**
 * `planbench check PLAN [--sheet NAME] [--json]`: every check, headless. It exits 0 when the
 * checks ran, whether or not some failed — a failing check is a finding about the plan, not a
 * wrong input; scripts read `summary.fail` in the JSON. Exit 1 is kept for input that is wrong
 * (no such file, not a plan, no such sheet).
 */
export const checkCommand: CliCommand = {
  name: 'check',
  usage:
    'check PLAN [--sheet NAME]    运行全部检查，列出未通过项及涉及的行（有未通过项也以 0 退出）/ run every check (exit 0 even when some fail)',
  flags: { '--sheet': 'value' },
  async run({ positionals, flags, json, io }) {
    const [file] = planArgument('check', positionals) as [string];
    const session = openPlanToRead(file, io);
    try {
      const context = session.context;
      const { sheets } = await callApi(context, 'plan.get', {});
      const wanted = flags.get('--sheet');
      const sheetId = typeof wanted === 'string' ? (await sheetNamed(context, wanted, file)).id : undefined;
      const { results, summary } = await callApi(context, 'checks.run', sheetId === undefined ? {} : { sheetId });
      if (json) {
        io.stdout(JSON.stringify({ ok: true, file, summary, results }, null, 2));
      } else {
        io.stdout(checksText(results, summary, new Map(sheets.map((sheet) => [sheet.id, sheet.name]))));
      }
    } finally {
      session.close();
    }
    return 0;
  },
};
