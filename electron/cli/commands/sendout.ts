import fs from 'node:fs';
import path from 'node:path';
import type { FillColumnChoice, SendOutRouting } from '../../../shared/contract/calls/exchange';
import { STANDARD_FILL_COLUMNS } from '../../../shared/contract/calls/exchange';
import type { SheetDetail } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import { columnHeader } from '../../../shared/model/columns';
import { standardHeader } from '../../core/exchange/fillColumns';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToWrite } from '../openPlan';
import { sheetNamed } from '../sheets';
import { valueFlag } from './export';

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(/[,，、]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}

/** --fill names: a standard fill-in column (完成投资 / 完成投资（万元） / doneInvestment) or a sheet column. */
function fillChoices(sheet: SheetDetail, names: readonly string[]): FillColumnChoice[] {
  return names.map((name) => {
    const standard = STANDARD_FILL_COLUMNS.find(
      (column) => column.id === name || column.name === name || standardHeader(column.id) === name,
    );
    const column = sheet.columns.find(
      (candidate) => candidate.key === name || candidate.name === name || columnHeader(candidate) === name,
    );
    if (column) return { columnKey: column.key };
    if (standard) return { standard: standard.id };
    throw PlanbenchError.of(
      'invalid_value',
      `--fill：没有列“${name}”（可选标准填报列：${STANDARD_FILL_COLUMNS.map((item) => item.name).join('、')}，或本表的列名）`,
      `--fill: no column "${name}" (standard fill-in columns: ${STANDARD_FILL_COLUMNS.map((item) => item.name).join(', ')}, or a column of the sheet)`,
      { column: name },
    );
  });
}

/**
 * `planbench sendout PLAN --sheet SHEET --out DIR`: one fill-in workbook per responsible
 * department, written into DIR; the plan records the batch once every file is written.
 */
export const sendoutCommand: CliCommand = {
  name: 'sendout',
  usage:
    'sendout PLAN --sheet SHEET --out DIR [--routing lead|all] [--departments A,B] [--fill C1,C2]\n' +
    '      [--password TEXT] [--due TEXT] [--contact TEXT]\n' +
    '                               按单位下发填报表（每个单位一个工作簿）/ one fill-in workbook per department',
  flags: {
    '--sheet': 'value',
    '--out': 'value',
    '--routing': 'value',
    '--departments': 'value',
    '--fill': 'value',
    '--password': 'value',
    '--due': 'value',
    '--contact': 'value',
  },
  async run({ positionals, flags, json, io }) {
    const [planFile] = planArgument('sendout', positionals) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    const outDir = valueFlag(flags, '--out');
    if (sheetName === undefined || outDir === undefined)
      throw new UsageError('sendout 需要 --sheet 工作表 和 --out 文件夹 / sendout needs --sheet SHEET and --out DIR');
    const routingFlag = valueFlag(flags, '--routing') ?? 'lead';
    if (routingFlag !== 'lead' && routingFlag !== 'all')
      throw new UsageError('--routing 须为 lead（牵头单位）或 all（牵头和配合单位）/ --routing must be lead or all');
    const routing: SendOutRouting = routingFlag === 'all' ? 'leadAndCooperating' : 'lead';
    const folder = path.resolve(outDir);
    if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) {
      throw PlanbenchError.of('io_error', '--out 须为文件夹', '--out must be a folder', { file: folder });
    }
    const session = await openPlanToWrite(planFile, io);
    try {
      const { context } = session;
      const sheet = await callApi(context, 'sheet.get', {
        sheetId: (await sheetNamed(context, sheetName, planFile)).id,
      });
      const fillNames = list(valueFlag(flags, '--fill'));
      const departments = list(valueFlag(flags, '--departments'));
      const optional = {
        password: valueFlag(flags, '--password'),
        dueDate: valueFlag(flags, '--due'),
        contact: valueFlag(flags, '--contact'),
      };
      // The files are written first, all or none; the plan records the batch only once they are
      // all in place, so a folder that cannot be written leaves the plan exactly as it was.
      const made = await callApi(context, 'sendout.create', {
        sheetId: sheet.id,
        routing,
        ...(fillNames ? { fill: fillChoices(sheet, fillNames) } : {}),
        ...(departments ? { departments } : {}),
        ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
        package: 'files',
        saveTo: { path: folder },
      });
      const written = made.files.map((file) => ({
        department: file.department,
        file: file.file!.path!,
        rows: file.rows,
      }));
      if (json) {
        io.stdout(
          JSON.stringify({
            ok: true,
            batchId: made.batchId,
            createdAt: made.createdAt,
            sheet: sheet.name,
            files: written,
          }),
        );
      } else {
        io.stdout(
          `已下发“${sheet.name}”给 ${written.length} 个单位，文件在 ${folder} / sent to ${written.length} departments:`,
        );
        for (const file of written) io.stdout(`  ${file.department}：${file.rows} 行  ${path.basename(file.file)}`);
      }
    } finally {
      session.close();
    }
    return 0;
  },
};
