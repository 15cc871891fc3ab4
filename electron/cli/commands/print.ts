import fs from 'node:fs';
import path from 'node:path';
import type { PrintColumnFacet, PrintOptions } from '../../../shared/contract/calls/printing';
import { PAPER_SIZES } from '../../../shared/contract/calls/printing';
import { PlanbenchError } from '../../../shared/contract/errors';
import { closePdfRenderer } from '../../core/print/engine';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToRead } from '../openPlan';
import { sheetNamed } from '../sheets';

/**
 * `planbench print PLAN OUT.pdf --sheet SHEET`: the sheet as an official attachment, in PDF,
 * through the same print.pdf call as the app. The sheet's saved print setup is used; the flags
 * change this print only.
 */
export const printCommand: CliCommand = {
  name: 'print',
  usage:
    'print PLAN OUT.pdf --sheet SHEET [--paper A4|A3] [--portrait] [--group-by COLUMN] [--filter COLUMN=VALUE[,VALUE…]]\n' +
    '                               [--columns C1,C2,…] [--attachment N] [--title TEXT] [--doc-number TEXT] [--comments]\n' +
    '                               工作表打印为 PDF（公文附件格式）/ print a sheet to PDF as an official attachment',
  flags: {
    '--sheet': 'value',
    '--paper': 'value',
    '--portrait': 'switch',
    '--landscape': 'switch',
    '--group-by': 'value',
    '--filter': 'value',
    '--columns': 'value',
    '--attachment': 'value',
    '--title': 'value',
    '--doc-number': 'value',
    '--comments': 'switch',
  },
  async run({ positionals, flags, json, io }) {
    const [planFile, outFile] = planArgument('print', positionals, 2) as [string, string];
    const sheetName = flags.get('--sheet');
    if (typeof sheetName !== 'string') throw new UsageError('print 需要 --sheet 工作表 / print needs --sheet SHEET');
    if (path.extname(outFile).toLowerCase() !== '.pdf') {
      throw new UsageError(`输出文件须以 .pdf 结尾：${outFile} / the output file must end in .pdf`);
    }
    const paper = flags.get('--paper');
    if (paper !== undefined && !(PAPER_SIZES as readonly unknown[]).includes(paper)) {
      throw new UsageError(`--paper 须为 ${PAPER_SIZES.join(' 或 ')} / --paper must be ${PAPER_SIZES.join(' or ')}`);
    }
    if (flags.has('--portrait') && flags.has('--landscape')) {
      throw new UsageError('--portrait 与 --landscape 只能选一个 / choose --portrait or --landscape, not both');
    }

    // Checked before printing, so a wrong folder fails at once rather than after the PDF is made.
    if (!fs.existsSync(path.dirname(outFile))) {
      throw PlanbenchError.of(
        'io_error',
        '无法写入 PDF：所在文件夹不存在',
        'cannot write the PDF: its folder does not exist',
        {
          file: outFile,
        },
      );
    }
    const session = openPlanToRead(planFile, io);
    try {
      const { context } = session;
      const sheet = await sheetNamed(context, sheetName, planFile);
      const saved = await callApi(context, 'print.options.get', { sheetId: sheet.id });
      const options = applyFlags(saved.options, flags, saved.columns, sheet.name);
      const pdf = await callApi(context, 'print.pdf', { sheetId: sheet.id, options, saveTo: { path: outFile } });
      if (json) {
        io.stdout(
          JSON.stringify({
            ok: true,
            file: outFile,
            sheet: sheet.name,
            pages: pdf.pages,
            bytes: pdf.bytes,
            warnings: pdf.warnings,
          }),
        );
      } else {
        io.stdout(`已生成 ${outFile}：工作表“${sheet.name}”，${pdf.pages} 页 / printed ${pdf.pages} pages`);
        for (const warning of pdf.warnings) io.stderr(`注意 / Note: ${warning}`);
      }
    } finally {
      session.close();
      await closePdfRenderer();
    }
    return 0;
  },
};

/** A column by its key, its name or its printed header. */
function findColumn(
  columns: readonly PrintColumnFacet[],
  wanted: string,
  sheet: string,
  flag: string,
): PrintColumnFacet {
  const trimmed = wanted.trim();
  const column = columns.find(
    (candidate) => candidate.key === trimmed || candidate.name === trimmed || candidate.header === trimmed,
  );
  if (!column) {
    throw PlanbenchError.of(
      'invalid_value',
      `${flag}：工作表“${sheet}”中没有列“${trimmed}”（现有：${columns.map((candidate) => candidate.name).join('、')}）`,
      `${flag}: sheet "${sheet}" has no column "${trimmed}"`,
      { sheet, column: trimmed },
    );
  }
  return column;
}

function applyFlags(
  saved: PrintOptions,
  flags: ReadonlyMap<string, string | true>,
  columns: readonly PrintColumnFacet[],
  sheet: string,
): PrintOptions {
  const value = (flag: string) => {
    const given = flags.get(flag);
    return typeof given === 'string' ? given : undefined;
  };
  const options: PrintOptions = { ...saved };
  const paper = value('--paper');
  if (paper !== undefined) options.paper = paper as PrintOptions['paper'];
  if (flags.has('--portrait')) options.orientation = 'portrait';
  if (flags.has('--landscape')) options.orientation = 'landscape';
  // The comments (批注) as numbered 注 lines under the table.
  if (flags.has('--comments')) options.comments = true;
  const groupBy = value('--group-by');
  if (groupBy !== undefined) options.groupBy = findColumn(columns, groupBy, sheet, '--group-by').key;
  const filter = value('--filter');
  if (filter !== undefined) {
    const at = filter.indexOf('=');
    if (at <= 0 || at === filter.length - 1)
      throw new UsageError('--filter 的格式为 列=值[,值…] / --filter takes COLUMN=VALUE[,VALUE…]');
    const column = findColumn(columns, filter.slice(0, at), sheet, '--filter');
    const values = filter
      .slice(at + 1)
      .split(/[,，、]/)
      .map((part) => part.trim())
      .filter((part) => part !== '');
    options.filters = [...options.filters, { columnKey: column.key, values }];
  }
  const chosen = value('--columns');
  if (chosen !== undefined) {
    options.columns = chosen
      .split(/[,，、]/)
      .filter((part) => part.trim() !== '')
      .map((part) => ({ key: findColumn(columns, part, sheet, '--columns').key, widthMm: null }));
  }
  const attachment = value('--attachment');
  if (attachment !== undefined) options.attachmentNumber = attachment.replace(/^附件/, '');
  const title = value('--title');
  if (title !== undefined) {
    options.titleSource = 'custom';
    options.customTitle = title;
  }
  const docNumber = value('--doc-number');
  if (docNumber !== undefined) options.docNumber = docNumber;
  return options;
}
