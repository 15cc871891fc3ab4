import type { WordExportOptions } from '../../../shared/contract/calls/wordExport';
import type { CommandArgs } from '../command';
import { callApi, UsageError } from '../command';
import { openPlanToRead } from '../openPlan';
import { sheetNamed } from '../sheets';

/** Flags only the workbook export takes, and flags only the Word export takes. */
export const WORKBOOK_ONLY_FLAGS = ['--protect', '--password', '--no-totals'] as const;
export const WORD_FLAGS = { '--attachment': 'value', '--portrait': 'switch', '--landscape': 'switch' } as const;

/**
 * `planbench export PLAN OUT.docx --sheet SHEET [--attachment N] [--portrait|--landscape]`: the
 * sheet as a Word attachment table (附件N, title, header repeated on every page), laid out as
 * its print setup says. The orientation follows the table's width unless a flag fixes it.
 */
export async function exportWord(
  planFile: string,
  outFile: string,
  { flags, json, io }: Pick<CommandArgs, 'flags' | 'json' | 'io'>,
): Promise<number> {
  const sheetName = flags.get('--sheet');
  if (typeof sheetName !== 'string') {
    throw new UsageError('导出 Word 需要 --sheet 工作表 / a Word export needs --sheet SHEET');
  }
  for (const flag of WORKBOOK_ONLY_FLAGS) {
    if (flags.has(flag)) throw new UsageError(`${flag} 只用于 .xlsx / ${flag} applies to .xlsx only`);
  }
  if (flags.has('--portrait') && flags.has('--landscape')) {
    throw new UsageError('--portrait 与 --landscape 只能选一个 / choose --portrait or --landscape, not both');
  }
  const attachment = flags.get('--attachment');
  if (attachment === true) throw new UsageError('--attachment 需要一个值 / --attachment needs a value');
  const options: WordExportOptions = {
    attachmentNumber: attachment === undefined ? '1' : attachment.replace(/^附件/, ''),
    orientation: flags.has('--portrait') ? 'portrait' : flags.has('--landscape') ? 'landscape' : 'auto',
  };
  const session = openPlanToRead(planFile, io);
  try {
    const sheet = await sheetNamed(session.context, sheetName, planFile);
    const made = await callApi(session.context, 'export.word', {
      sheetId: sheet.id,
      options,
      saveTo: { path: outFile },
    });
    if (json) {
      io.stdout(
        JSON.stringify({
          ok: true,
          file: outFile,
          sheet: sheet.name,
          rows: made.rows,
          orientation: made.orientation,
          fontSizePt: made.fontSizePt,
          bytes: made.bytes,
          warnings: made.warnings,
        }),
      );
    } else {
      const orientation = made.orientation === 'landscape' ? '横向' : '纵向';
      io.stdout(
        `已导出 ${outFile}：工作表“${sheet.name}” ${made.rows} 行，A4 ${orientation} / exported ${made.rows} rows as a Word attachment`,
      );
      for (const warning of made.warnings) io.stderr(`注意 / Note: ${warning}`);
    }
  } finally {
    session.close();
  }
  return 0;
}
