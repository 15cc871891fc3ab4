import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToWrite } from '../openPlan';
import { textTable } from '../sheetText';
import { sheetNamed } from '../sheets';
import { valueFlag } from './export';

/** "常住人口=50%,服务对象数=0.3" → the weights the API takes (commas may be full-width or 、). */
export function parseWeightsFlag(text: string): { column: string; weight: string }[] {
  return text
    .split(/[,，、]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.lastIndexOf('=');
      if (at <= 0 || at === part.length - 1) {
        throw new UsageError(
          `--weights 的“${part}”应写成 列名=权重（如 常住人口=50%）/ "${part}" in --weights should be COLUMN=WEIGHT (e.g. 常住人口=50%)`,
        );
      }
      return { column: part.slice(0, at).trim(), weight: part.slice(at + 1).trim() };
    });
}

/**
 * `planbench allocate PLAN --sheet NAME --total AMOUNT --weights COLUMN=WEIGHT,… --into COLUMN
 * [--unit 元|万元] [--floor COLUMN] [--cap COLUMN] [--json]`: the factor method (因素法) on a
 * sheet, written as one undoable action and kept with the sheet; prints each row's share.
 */
export const allocateCommand: CliCommand = {
  name: 'allocate',
  usage:
    'allocate PLAN --sheet NAME --total AMOUNT --weights COLUMN=WEIGHT,… --into COLUMN [--unit 元|万元] [--floor COLUMN] [--cap COLUMN]\n' +
    '                               按因素法分配资金（最大余额法取整到元或万元，合计等于总额）/ factor-method allocation, shares summing to the total',
  flags: {
    '--sheet': 'value',
    '--total': 'value',
    '--weights': 'value',
    '--into': 'value',
    '--unit': 'value',
    '--floor': 'value',
    '--cap': 'value',
  },
  async run({ positionals, flags, json, io }) {
    const [file] = planArgument('allocate', positionals) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    const total = valueFlag(flags, '--total');
    const weights = valueFlag(flags, '--weights');
    const into = valueFlag(flags, '--into');
    const unit = valueFlag(flags, '--unit') ?? '元';
    if (sheetName === undefined || total === undefined || weights === undefined || into === undefined) {
      throw new UsageError(
        'allocate 需要 --sheet、--total、--weights 和 --into / allocate needs --sheet, --total, --weights and --into',
      );
    }
    if (unit !== '元' && unit !== '万元') throw new UsageError('--unit 只能是 元 或 万元 / --unit is 元 or 万元');
    const settings = {
      total,
      weights: parseWeightsFlag(weights),
      into,
      unit,
      floorColumn: valueFlag(flags, '--floor') ?? null,
      capColumn: valueFlag(flags, '--cap') ?? null,
    };
    const session = await openPlanToWrite(file, io);
    try {
      const sheet = await sheetNamed(session.context, sheetName, file);
      const result = await callApi(session.context, 'allocation.factors.run', { sheetId: sheet.id, settings });
      if (json) {
        io.stdout(JSON.stringify({ ok: true, sheet: sheet.name, ...result }, null, 2));
        return 0;
      }
      const unitNote = result.unit ? `（${result.unit}）` : '';
      io.stdout(
        `工作表“${sheet.name}”按因素法分配 ${result.total}${result.unit}，写入“${into}” / allocated ${result.total} ${result.unit} on "${sheet.name}" into "${into}"`,
      );
      for (const line of textTable(
        ['地区', `分配额${unitNote}`],
        result.rows.map((row) => [row.label, row.share]),
      )) {
        io.stdout(line);
      }
      io.stdout(result.ruleZh);
    } finally {
      session.close();
    }
    return 0;
  },
};
