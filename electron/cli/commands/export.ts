import fs from 'node:fs';
import path from 'node:path';
import type { SheetInfo } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import { exportTarget, exportWorkbook } from '../../core/export/exportWorkbook';
import { FileSink } from '../../core/formats/zipWriter';
import { PlanStore } from '../../core/store/planStore';
import type { CliCommand } from '../command';
import { planArgument, UsageError } from '../command';
import { openPlanToRead } from '../openPlan';

/** A sheet by the name the user sees, or its id; the message lists the sheets there are. */
export function findSheet(store: PlanStore, wanted: string): SheetInfo {
  const sheets = store.listSheets();
  const sheet = sheets.find((candidate) => candidate.name === wanted) ?? sheets.find((candidate) => String(candidate.id) === wanted);
  if (!sheet) {
    throw PlanbenchError.of(
      'not_found',
      `规划中没有名为“${wanted}”的工作表（现有：${sheets.map((candidate) => candidate.name).join('、')}）`,
      `the plan has no sheet named "${wanted}" (it has: ${sheets.map((candidate) => candidate.name).join(', ')})`,
      { file: store.file, sheet: wanted },
    );
  }
  return sheet;
}

/** A flag that takes a value, as a string (or undefined when absent). */
export function valueFlag(flags: ReadonlyMap<string, string | true>, name: string): string | undefined {
  const value = flags.get(name);
  if (value === true) throw new UsageError(`${name} 需要一个值 / ${name} needs a value`);
  return value;
}

/** The folder a command writes into must exist (checked before any work is done). */
export function assertFolder(file: string): void {
  if (!fs.existsSync(path.dirname(file))) {
    throw PlanbenchError.of('io_error', '无法写入：所在文件夹不存在', 'cannot write: the folder does not exist', { file });
  }
}

/**
 * `planbench export PLAN OUT.xlsx [--sheet SHEET]`: a formatted workbook of one sheet or of the
 * whole plan, streamed straight to the file (written under a temporary name, then renamed).
 */
export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    'export PLAN OUT.xlsx [--sheet SHEET] [--protect] [--password TEXT] [--no-totals]\n' +
    '                               导出工作表或整个规划为 .xlsx / export a sheet or the whole plan as a formatted workbook',
  flags: { '--sheet': 'value', '--protect': 'switch', '--password': 'value', '--no-totals': 'switch' },
  async run({ positionals, flags, json, io }) {
    const [planFile, outFile] = planArgument('export', positionals, 2) as [string, string];
    if (path.extname(outFile).toLowerCase() !== '.xlsx') {
      throw new UsageError(`输出文件须以 .xlsx 结尾：${outFile} / the output file must end in .xlsx`);
    }
    const password = valueFlag(flags, '--password');
    assertFolder(outFile);
    const store = openPlanToRead(planFile, io);
    try {
      const sheetName = valueFlag(flags, '--sheet');
      const { sheetIds } = exportTarget(store, sheetName === undefined ? undefined : findSheet(store, sheetName).id);
      const sink = new FileSink(outFile);
      let sheets;
      try {
        sheets = await exportWorkbook(store, sheetIds, { protect: flags.has('--protect') || password !== undefined, password, totals: !flags.has('--no-totals') }, sink);
      } catch (error) {
        sink.discard();
        throw error;
      }
      if (json) io.stdout(JSON.stringify({ ok: true, file: outFile, sheets: sheets.map(({ name, rows }) => ({ name, rows })) }));
      else io.stdout(`已导出 ${outFile}：${sheets.map((sheet) => `“${sheet.name}” ${sheet.rows} 行`).join('，')} / exported ${sheets.length} sheet(s)`);
    } finally {
      store.close();
    }
    return 0;
  },
};
