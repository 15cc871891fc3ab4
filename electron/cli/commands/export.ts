import fs from 'node:fs';
import path from 'node:path';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToRead } from '../openPlan';
import { sheetNamed } from '../sheets';
import { exportWord, WORD_FLAGS } from './exportWord';

/** A flag that takes a value, as a string (or undefined when absent). */
export function valueFlag(flags: ReadonlyMap<string, string | true>, name: string): string | undefined {
  const value = flags.get(name);
  if (value === true) throw new UsageError(`${name} 需要一个值 / ${name} needs a value`);
  return value;
}

/** The folder a command writes into must exist (checked before any work is done). */
function assertFolder(file: string): void {
  if (!fs.existsSync(path.dirname(file))) {
    throw PlanbenchError.of('io_error', '无法写入：所在文件夹不存在', 'cannot write: the folder does not exist', {
      file,
    });
  }
}

/**
 * `planbench export PLAN OUT.xlsx [--sheet SHEET]`: a formatted workbook of one sheet or of the
 * whole plan, streamed straight to the file (written under a temporary name, then renamed).
 * `OUT.docx` makes a Word attachment of one sheet instead (./exportWord.ts).
 */
export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    'export PLAN OUT.xlsx [--sheet SHEET] [--protect] [--password TEXT] [--no-totals]\n' +
    '                               导出工作表或整个规划为 .xlsx / export a sheet or the whole plan as a formatted workbook\n' +
    '       export PLAN OUT.docx --sheet SHEET [--attachment N] [--portrait|--landscape]\n' +
    '                               导出工作表为 Word 附件表格 / export a sheet as a Word attachment table',
  flags: {
    '--sheet': 'value',
    '--protect': 'switch',
    '--password': 'value',
    '--no-totals': 'switch',
    ...WORD_FLAGS,
  },
  async run({ positionals, flags, json, io }) {
    const [planFile, outFile] = planArgument('export', positionals, 2) as [string, string];
    const extension = path.extname(outFile).toLowerCase();
    if (extension !== '.xlsx' && extension !== '.docx') {
      throw new UsageError(`输出文件须以 .xlsx 或 .docx 结尾：${outFile} / the output file must end in .xlsx or .docx`);
    }
    if (extension === '.docx') {
      assertFolder(outFile);
      return exportWord(planFile, outFile, { flags, json, io });
    }
    for (const flag of Object.keys(WORD_FLAGS)) {
      if (flags.has(flag)) throw new UsageError(`${flag} 只用于 .docx / ${flag} applies to .docx only`);
    }
    const password = valueFlag(flags, '--password');
    assertFolder(outFile);
    const session = openPlanToRead(planFile, io);
    try {
      const sheetName = valueFlag(flags, '--sheet');
      const sheetId = sheetName === undefined ? undefined : (await sheetNamed(session.context, sheetName, planFile)).id;
      const options = {
        protect: flags.has('--protect') || password !== undefined,
        ...(password !== undefined ? { password } : {}),
        totals: !flags.has('--no-totals'),
      };
      const { sheets } = await callApi(session.context, 'export.sheet', {
        ...(sheetId !== undefined ? { sheetId } : {}),
        options,
        saveTo: { path: outFile },
      });
      if (json) io.stdout(JSON.stringify({ ok: true, file: outFile, sheets }));
      else
        io.stdout(
          `已导出 ${outFile}：${sheets.map((sheet) => `“${sheet.name}” ${sheet.rows} 行`).join('，')} / exported ${sheets.length} sheet(s)`,
        );
    } finally {
      session.close();
    }
    return 0;
  },
};
