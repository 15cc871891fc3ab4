import path from 'node:path';
import type { ImportTarget } from '../../../shared/contract/calls/importing';
import { PlanbenchError } from '../../../shared/contract/errors';
import { SHEET_KINDS, sheetKindChoices, sheetKindNamed } from '../../../shared/model/columnTypes';
import { fileSource } from '../../core/formats/byteSource';
import { importFile, writerFor } from '../../core/import/importFile';
import { importReport } from '../../core/import/report';
import { PlanStore } from '../../core/store/planStore';
import type { CliCommand } from '../command';
import { planArgument, UsageError } from '../command';
import { openPlanToWrite } from '../openPlan';

/** Progress is reported for imports of at least this many rows. */
const PROGRESS_FROM_ROWS = 10_000;

function targetOf(flags: Map<string, string | true>, store: PlanStore, defaultName: string): ImportTarget {
  const into = flags.get('--into');
  const kind = flags.get('--as');
  const key = flags.get('--key');
  if (into !== undefined && kind !== undefined) throw new UsageError('--into 与 --as 只能选一个 / use either --into or --as');
  if (into === true || kind === true || key === true) throw new UsageError('--into、--as、--key 需要一个值 / --into, --as and --key need a value');
  if (key !== undefined && into === undefined) throw new UsageError('--key 需要与 --into 一起使用 / --key goes with --into');
  if (into !== undefined) {
    const sheet = store.listSheets().find((candidate) => candidate.name === into || String(candidate.id) === into);
    if (!sheet) throw PlanbenchError.of('not_found', `规划中没有工作表“${into}”`, `the plan has no sheet "${into}"`, { file: store.file, sheet: into });
    if (key === undefined) return { kind: 'append', sheetId: sheet.id };
    const column = store.columns(sheet.id).find((candidate) => candidate.key === key || candidate.name === key);
    if (!column) throw PlanbenchError.of('not_found', `工作表“${sheet.name}”没有列“${key}”`, `sheet "${sheet.name}" has no column "${key}"`, { sheet: sheet.name, column: key });
    return { kind: 'update', sheetId: sheet.id, keyColumn: column.key };
  }
  const sheetKind = kind === undefined ? 'table' : sheetKindNamed(kind);
  if (sheetKind === null) {
    throw new UsageError(`未知的工作表类型“${kind}”（可选：${sheetKindChoices()}）/ unknown sheet kind "${kind}" (choose one of: ${SHEET_KINDS.join(', ')})`);
  }
  const wanted = flags.get('--name');
  let name = typeof wanted === 'string' ? wanted : defaultName;
  const taken = new Set(store.listSheets().map((sheet) => sheet.name));
  if (typeof wanted !== 'string') for (let n = 2; taken.has(name); n++) name = `${defaultName}（${n}）`;
  return { kind: 'new', sheetKind, name };
}

function headerOf(value: string | true | undefined): { row: number; rows: 1 | 2 } | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d+)(?::([12]))?$/.exec(value) : null;
  if (!match) throw new UsageError('--header 的格式是 行号 或 行号:行数（如 3 或 3:2）/ --header takes ROW or ROW:COUNT, e.g. 3 or 3:2');
  return { row: Number(match[1]), rows: match[2] === '2' ? 2 : 1 };
}

/**
 * `planbench import PLAN FILE [--sheet NAME] [--into SHEET [--key COLUMN] | --as KIND [--name NAME]]`:
 * the wizard's import, headless. The file is read in full (streamed from disk) before the plan is
 * even opened, so a file that cannot be imported leaves the plan untouched; the rows then go in as
 * one action in one transaction.
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'import PLAN FILE [--sheet NAME] [--into SHEET [--key COLUMN] | --as KIND [--name NAME]] [--header ROW[:2]]\n' +
    '                               导入 .xlsx/.xls/.et/CSV（全部或全不）/ import a workbook or CSV sheet, all or nothing\n' +
    `                               --as 类型 / KIND: ${sheetKindChoices()}`,
  flags: { '--sheet': 'value', '--into': 'value', '--as': 'value', '--name': 'value', '--key': 'value', '--header': 'value' },
  async run({ positionals, flags, json, io }) {
    const [planFile, dataFile] = planArgument('import', positionals, 2) as [string, string];
    const header = headerOf(flags.get('--header'));
    const sheetFlag = flags.get('--sheet');
    if (sheetFlag === true) throw new UsageError('--sheet 需要一个值 / --sheet needs a value');
    const source = await fileSource(dataFile);
    // A large file's rows are written by a thread of their own while the rest are still read
    // and parsed; it starts loading now. The plan is opened only once the sheet's first rows are
    // read (for a large file) or the whole file is (otherwise), so a file that is not a
    // workbook never touches it; whatever fails later, nothing of the import is committed.
    const writer = writerFor(source);
    const opened: { store: PlanStore | null } = { store: null };
    const openPlan = () => (opened.store ??= openPlanToWrite(planFile));
    try {
      const { read, built, result } = await importFile(
        source,
        {
          ...(sheetFlag ? { sheetName: sheetFlag } : {}),
          ...(header ? { header } : {}),
          target: (plan, sheet) => targetOf(flags, plan, sheet.format === 'csv' ? path.basename(dataFile, path.extname(dataFile)) : sheet.name),
        },
        {
          openPlan,
          writer,
          onRead: () => void source.close(),
          onProgress: (done, all) => {
            if (all >= PROGRESS_FROM_ROWS) io.stderr(`正在写入 ${done}/${all} 行 / writing rows ${done}/${all}`);
          },
        },
      );
      const target = built.target;
      if (json) {
        io.stdout(
          JSON.stringify(
            {
              ok: true,
              plan: planFile,
              ...result,
              sourceSheet: read.grid.name,
              format: read.format,
              encoding: read.encoding,
              setAside: built.setAside,
              notices: built.notices,
              problemCount: built.problemCount,
            },
            null,
            2,
          ),
        );
      } else {
        io.stdout(importReport(result, read.grid.name, target.kind === 'new'));
        for (const notice of built.notices) io.stdout(`注意 / note: ${notice.zh}（${notice.en}）`);
      }
    } finally {
      await writer?.abort(); // a no-op once the import is in; otherwise nothing of it stays
      await source.close();
      opened.store?.close();
    }
    return 0;
  },
};
