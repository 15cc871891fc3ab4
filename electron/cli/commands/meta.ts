import type { PlanMeta } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import { MONEY_UNITS } from '../../../shared/values/money';
import type { CliCommand } from '../command';
import { callApi, planArgument } from '../command';
import { openPlanToRead, openPlanToWrite } from '../openPlan';
import { valueFlag } from './export';

type MetaPatch = Partial<Omit<PlanMeta, 'milestoneYears'>>;

/** "2021-2030" (or —, –, ~, 至) as the period's two years; "" clears the period. */
function parsePeriod(text: string): Pick<PlanMeta, 'periodStart' | 'periodEnd'> {
  if (text.trim() === '') return { periodStart: null, periodEnd: null };
  const match = /^\s*(\d{4})\s*(?:-|—|–|~|～|至)\s*(\d{4})\s*$/.exec(text);
  if (!match) {
    throw PlanbenchError.of(
      'invalid_input',
      `--period “${text}”应写作 起始年-结束年，如 2021-2030`,
      `--period "${text}" must be FIRST-LAST, e.g. 2021-2030`,
    );
  }
  return { periodStart: Number(match[1]), periodEnd: Number(match[2]) };
}

function parseYear(text: string): number | null {
  if (text.trim() === '') return null;
  if (!/^\s*\d{4}\s*$/.test(text)) {
    throw PlanbenchError.of('invalid_input', `--base-year “${text}”不是年份`, `--base-year "${text}" is not a year`);
  }
  return Number(text);
}

function parseUnit(text: string): PlanMeta['moneyUnit'] {
  const unit = MONEY_UNITS.find((candidate) => candidate === text.trim());
  if (!unit) {
    throw PlanbenchError.of(
      'invalid_input',
      `--unit “${text}”不是金额单位（可用：${MONEY_UNITS.join('、')}）`,
      `--unit "${text}" is not a money unit (use ${MONEY_UNITS.join(', ')})`,
    );
  }
  return unit;
}

/**
 * `planbench meta PLAN [--title …] [--issuer …] [--doc-number …] [--period 2021-2030]
 * [--base-year YEAR] [--unit 万元] [--json]`: show the plan's metadata, or change the fields given
 * as one undoable action (a bad value is refused, nothing changes).
 */
export const metaCommand: CliCommand = {
  name: 'meta',
  usage:
    'meta PLAN [--title T] [--issuer T] [--doc-number T] [--period 2021-2030] [--base-year Y] [--unit 万元]\n' +
    '                               查看或修改规划名称、发文机关、文号、规划期、金额单位（可撤销）/ show or edit the plan’s details',
  flags: {
    '--title': 'value',
    '--issuer': 'value',
    '--doc-number': 'value',
    '--period': 'value',
    '--base-year': 'value',
    '--unit': 'value',
  },
  async run({ positionals, flags, json, io }) {
    const [planFile] = planArgument('meta', positionals) as [string];
    const patch: MetaPatch = {};
    const title = valueFlag(flags, '--title');
    const issuer = valueFlag(flags, '--issuer');
    const docNumber = valueFlag(flags, '--doc-number');
    const period = valueFlag(flags, '--period');
    const baseYear = valueFlag(flags, '--base-year');
    const unit = valueFlag(flags, '--unit');
    if (title !== undefined) patch.title = title;
    if (issuer !== undefined) patch.issuer = issuer;
    if (docNumber !== undefined) patch.docNumber = docNumber;
    if (period !== undefined) Object.assign(patch, parsePeriod(period));
    if (baseYear !== undefined) patch.baseYear = parseYear(baseYear);
    if (unit !== undefined) patch.moneyUnit = parseUnit(unit);
    const editing = Object.keys(patch).length > 0;
    const session = editing ? await openPlanToWrite(planFile, io) : openPlanToRead(planFile, io);
    try {
      const { meta, actionId } = editing
        ? await callApi(session.context, 'plan.meta.set', patch)
        : { meta: (await callApi(session.context, 'plan.get', {})).meta, actionId: null };
      if (json) {
        io.stdout(JSON.stringify({ ok: true, meta, actionId }, null, 2));
        return 0;
      }
      if (editing) io.stdout(actionId === null ? '规划信息未变 / nothing changed' : '已修改规划信息（可撤销）/ saved');
      const period = meta.periodStart === null ? '' : `${meta.periodStart}—${meta.periodEnd}`;
      io.stdout(`规划名称\t${meta.title}`);
      io.stdout(`发文机关\t${meta.issuer}`);
      io.stdout(`文号\t${meta.docNumber}`);
      io.stdout(`规划期\t${period}`);
      io.stdout(`基准年\t${meta.baseYear ?? ''}`);
      io.stdout(`金额单位\t${meta.moneyUnit}`);
    } finally {
      session.close();
    }
    return 0;
  },
};
