import fs from 'node:fs';
import path from 'node:path';
import { PlanbenchError } from '../../../shared/contract/errors';
import { closePdfRenderer } from '../../core/print/engine';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { asOfDate } from '../dates';
import { openPlanToRead } from '../openPlan';
import { sheetNamed } from '../sheets';
import { valueFlag } from './export';
import { roundNamed } from './round';

/**
 * `planbench report PLAN OUT.pdf|OUT.docx --sheet NAME [--round R | --as-of DATE]`: the 督查通报
 * in PDF or Word, through the same supervision.report call as the app.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  usage:
    'report PLAN OUT.pdf|OUT.docx --sheet NAME [--round R | --as-of DATE]\n' +
    '                               督查通报（PDF 或 Word，A4 竖排）/ the supervision report as a PDF or .docx',
  flags: { '--sheet': 'value', '--round': 'value', '--as-of': 'value' },
  async run({ positionals, flags, json, io }) {
    const [planFile, outFile] = planArgument('report', positionals, 2) as [string, string];
    const sheetName = valueFlag(flags, '--sheet');
    if (sheetName === undefined) throw new UsageError('report 需要 --sheet 工作表 / report needs --sheet NAME');
    const format = path.extname(outFile).toLowerCase().slice(1);
    if (format !== 'pdf' && format !== 'docx') {
      throw new UsageError(`输出文件须以 .pdf 或 .docx 结尾：${outFile} / the output file must end in .pdf or .docx`);
    }
    const roundName = valueFlag(flags, '--round');
    const asOfText = valueFlag(flags, '--as-of');
    if (roundName !== undefined && asOfText !== undefined) {
      throw new UsageError('--round 与 --as-of 只能选一个 / choose --round or --as-of, not both');
    }
    const asOf = asOfText === undefined ? undefined : asOfDate(asOfText);
    if (!fs.existsSync(path.dirname(outFile))) {
      throw PlanbenchError.of(
        'io_error',
        '无法写入通报：所在文件夹不存在',
        'cannot write the report: its folder does not exist',
        {
          file: outFile,
        },
      );
    }
    const session = openPlanToRead(planFile, io);
    try {
      const { context } = session;
      const sheet = await sheetNamed(context, sheetName, planFile);
      const round = roundName === undefined ? undefined : await roundNamed(context, roundName, sheetName, planFile);
      const made = await callApi(context, 'supervision.report', {
        sheetId: sheet.id,
        ...(round === undefined ? {} : { roundId: round.id }),
        ...(asOf === undefined ? {} : { asOf }),
        format,
        saveTo: { path: outFile },
      });
      if (json) io.stdout(JSON.stringify({ ok: true, file: outFile, sheet: sheet.name, pages: made.pages }));
      else if (made.pages === null) io.stdout(`已生成 ${outFile}：“${sheet.name}”督查通报（Word）/ report written`);
      else io.stdout(`已生成 ${outFile}：“${sheet.name}”督查通报，${made.pages} 页 / report of ${made.pages} pages`);
    } finally {
      session.close();
      await closePdfRenderer();
    }
    return 0;
  },
};
