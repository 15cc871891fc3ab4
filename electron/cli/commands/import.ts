import type { ImportTarget } from '../../../shared/contract/calls/importing';
import { PlanbenchError } from '../../../shared/contract/errors';
import { SHEET_KINDS, sheetKindChoices, sheetKindNamed } from '../../../shared/model/columnTypes';
import type { ApiContext } from '../../core/api/context';
import { importReport } from '../../core/import/report';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToWrite } from '../openPlan';
import { checkDocumentFlags, importDocument, isDocumentImport } from './importDocument';
import { sheetNamed } from '../sheets';

/** Progress is reported for imports of at least this many rows. */
const PROGRESS_FROM_ROWS = 10_000;

/** The flags' sheet kind or sheet and key, checked before the plan is opened. */
function targetFlags(flags: Map<string, string | true>) {
  const into = flags.get('--into');
  const kind = flags.get('--as');
  const key = flags.get('--key');
  const name = flags.get('--name');
  if (into !== undefined && kind !== undefined)
    throw new UsageError('--into 与 --as 只能选一个 / use either --into or --as');
  if (into === true || kind === true || key === true)
    throw new UsageError('--into、--as、--key 需要一个值 / --into, --as and --key need a value');
  if (key !== undefined && into === undefined)
    throw new UsageError('--key 需要与 --into 一起使用 / --key goes with --into');
  const sheetKind = kind === undefined ? 'table' : sheetKindNamed(kind);
  if (sheetKind === null) {
    throw new UsageError(
      `未知的工作表类型“${kind}”（可选：${sheetKindChoices()}）/ unknown sheet kind "${kind}" (choose one of: ${SHEET_KINDS.join(', ')})`,
    );
  }
  return { into, key, sheetKind, name: typeof name === 'string' ? name : undefined };
}

/** Where the rows go: a sheet of the plan (appended to, or updated by a key column), or a new one. */
async function targetOf(
  context: ApiContext,
  planFile: string,
  flags: ReturnType<typeof targetFlags>,
): Promise<ImportTarget> {
  if (flags.into === undefined) {
    // Without --name the new sheet is named after the source sheet (a CSV file's name).
    return { kind: 'new', sheetKind: flags.sheetKind, ...(flags.name !== undefined ? { name: flags.name } : {}) };
  }
  const sheet = await sheetNamed(context, flags.into, planFile);
  if (flags.key === undefined) return { kind: 'append', sheetId: sheet.id };
  const { columns } = await callApi(context, 'sheet.get', { sheetId: sheet.id });
  const column = columns.find((candidate) => candidate.key === flags.key || candidate.name === flags.key);
  if (!column)
    throw PlanbenchError.of(
      'not_found',
      `工作表“${sheet.name}”没有列“${flags.key}”`,
      `sheet "${sheet.name}" has no column "${flags.key}"`,
      { sheet: sheet.name, column: flags.key },
    );
  return { kind: 'update', sheetId: sheet.id, keyColumn: column.key };
}

function headerOf(value: string | true | undefined): { row: number; rows: 1 | 2 } | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d+)(?::([12]))?$/.exec(value) : null;
  if (!match)
    throw new UsageError(
      '--header 的格式是 行号 或 行号:行数（如 3 或 3:2）/ --header takes ROW or ROW:COUNT, e.g. 3 or 3:2',
    );
  return { row: Number(match[1]), rows: match[2] === '2' ? 2 : 1 };
}

/**
 * `planbench import PLAN FILE [--sheet NAME] [--into SHEET [--key COLUMN] | --as KIND [--name NAME]]`:
 * the wizard's import, headless, through the same pipeline (import.run: read, header, mapping,
 * every cell parsed, committed as one action in one transaction — all of it or nothing). The file
 * is streamed from disk; a large one is written while it is still being read.
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'import PLAN FILE [--sheet NAME] [--into SHEET [--key COLUMN] | --as KIND [--name NAME]] [--header ROW[:2]]\n' +
    '                               导入 .xlsx/.xls/.et/CSV（全部或全不）/ import a workbook or CSV sheet, all or nothing\n' +
    '       import PLAN FILE.docx|.doc|.pdf|.txt --as tasks [--name NAME]\n' +
    '                               把政策文件分解为任务分解表 / break a policy document down into a task sheet\n' +
    `                               --as 类型 / KIND: ${sheetKindChoices()}`,
  flags: {
    '--sheet': 'value',
    '--into': 'value',
    '--as': 'value',
    '--name': 'value',
    '--key': 'value',
    '--header': 'value',
  },
  async run({ positionals, flags, json, io }) {
    const [planFile, dataFile] = planArgument('import', positionals, 2) as [string, string];
    const wanted = targetFlags(flags);
    const asKind = flags.has('--as') ? wanted.sheetKind : null;
    if (isDocumentImport(dataFile, asKind)) {
      checkDocumentFlags(flags, asKind);
      if (flags.get('--name') === true) throw new UsageError('--name 需要一个值 / --name needs a value');
      return importDocument(planFile, dataFile, wanted.name, json, io);
    }
    const header = headerOf(flags.get('--header'));
    const sheetFlag = flags.get('--sheet');
    if (sheetFlag === true) throw new UsageError('--sheet 需要一个值 / --sheet needs a value');
    const session = await openPlanToWrite(planFile, io, {
      onProgress: (done, all) => {
        if (all >= PROGRESS_FROM_ROWS) io.stderr(`正在写入 ${done}/${all} 行 / writing rows ${done}/${all}`);
      },
    });
    try {
      const target = await targetOf(session.context, planFile, wanted);
      const result = await callApi(session.context, 'import.run', {
        file: { path: dataFile },
        target,
        ...(sheetFlag ? { sheetName: sheetFlag } : {}),
        ...(header ? { header } : {}),
      });
      if (json) {
        io.stdout(JSON.stringify({ ok: true, plan: planFile, ...result }, null, 2));
      } else {
        io.stdout(importReport(result, result.sourceSheet, target.kind === 'new'));
        for (const notice of result.notices) io.stdout(`注意 / note: ${notice.zh}（${notice.en}）`);
      }
    } finally {
      session.close();
    }
    return 0;
  },
};
