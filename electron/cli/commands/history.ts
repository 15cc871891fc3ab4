import type { ColumnDef } from '../../../shared/model/columns';
import type { SheetDetail } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { ApiContext } from '../../core/api/context';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToRead } from '../openPlan';
import { sheetNamed } from '../sheets';
import { valueFlag } from './export';

const WINDOW = 5000;

/** A logged time (ISO, UTC) as the user's clock reads it: "2026-12-05 10:30:12". */
export function localTime(iso: string): string {
  const at = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/** A column by the name the user sees, or its key. */
export function columnNamed(sheet: SheetDetail, wanted: string, file: string): ColumnDef {
  const column =
    sheet.columns.find((candidate) => candidate.name === wanted) ??
    sheet.columns.find((candidate) => candidate.key === wanted);
  if (!column) {
    throw PlanbenchError.of(
      'not_found',
      `工作表“${sheet.name}”没有名为“${wanted}”的列（现有：${sheet.columns.map((candidate) => candidate.name).join('、')}）`,
      `sheet "${sheet.name}" has no column named "${wanted}" (it has: ${sheet.columns.map((candidate) => candidate.name).join(', ')})`,
      { file, sheet: sheet.name, column: wanted },
    );
  }
  return column;
}

/**
 * The row whose 序号 reads `seq` (a sheet without a 序号 column: the row's number, counting
 * from 1). Two rows with the same 序号 are refused, naming both places.
 */
export async function rowWithSeq(context: ApiContext, sheet: SheetDetail, seq: string, file: string): Promise<number> {
  const seqColumn = sheet.columns.find((column) => column.role === 'seq');
  const found: { id: number; number: number }[] = [];
  for (let offset = 0; ; offset += WINDOW) {
    const window = await callApi(context, 'sheet.rows', { sheetId: sheet.id, offset, limit: WINDOW });
    window.rows.forEach((row, index) => {
      const number = offset + index + 1;
      const matches = seqColumn ? row.cells[seqColumn.key]?.text.trim() === seq.trim() : String(number) === seq;
      if (matches) found.push({ id: row.id, number });
    });
    if (offset + window.rows.length >= window.total || window.rows.length === 0) break;
  }
  const what = seqColumn ? `${seqColumn.name}为“${seq}”` : `第 ${seq} 行`;
  if (found.length === 1) return found[0]!.id;
  throw PlanbenchError.of(
    'not_found',
    found.length === 0
      ? `工作表“${sheet.name}”中没有${what}的行`
      : `工作表“${sheet.name}”中有 ${found.length} 行${what}（第 ${found.map((row) => row.number).join('、')} 行），无法确定是哪一行`,
    found.length === 0
      ? `sheet "${sheet.name}" has no row ${seqColumn ? `with ${seqColumn.name} "${seq}"` : seq}`
      : `sheet "${sheet.name}" has ${found.length} rows with ${seqColumn?.name ?? 'number'} "${seq}" (rows ${found.map((row) => row.number).join(', ')})`,
    { file, sheet: sheet.name },
  );
}

/**
 * `planbench history PLAN --sheet NAME --row SEQ --column NAME [--json]`: every change of one
 * cell from the change log — when, who (the user, the imported file, the department and the
 * file it returned), old → new.
 */
export const historyCommand: CliCommand = {
  name: 'history',
  usage:
    'history PLAN --sheet NAME --row SEQ --column NAME\n' +
    '                               单元格的修改历史：时间、来源（导入文件、交回单位与文件）、旧值 → 新值 / a cell’s history',
  flags: { '--sheet': 'value', '--row': 'value', '--column': 'value' },
  async run({ positionals, flags, json, io }) {
    const [planFile] = planArgument('history', positionals) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    const seq = valueFlag(flags, '--row');
    const columnName = valueFlag(flags, '--column');
    if (sheetName === undefined || seq === undefined || columnName === undefined) {
      throw new UsageError('history 需要 --sheet、--row 和 --column / history needs --sheet, --row and --column');
    }
    const session = openPlanToRead(planFile, io);
    try {
      const context = session.context;
      const sheet = await callApi(context, 'sheet.get', {
        sheetId: (await sheetNamed(context, sheetName, planFile)).id,
      });
      const column = columnNamed(sheet, columnName, planFile);
      const rowId = await rowWithSeq(context, sheet, seq, planFile);
      const history = await callApi(context, 'cell.history', { sheetId: sheet.id, rowId, columnKey: column.key });
      if (json) {
        io.stdout(JSON.stringify({ ok: true, sheet: sheet.name, row: seq, column: column.name, ...history }, null, 2));
        return 0;
      }
      io.stdout(`${sheet.name} · ${seq} · ${column.name}：现为“${history.current}”`);
      for (const entry of history.entries) {
        const when = localTime(entry.at);
        const what =
          entry.event === 'edit'
            ? `“${entry.before ?? ''}” → “${entry.after ?? ''}”`
            : entry.event === 'rowAdded'
              ? `新增行：“${entry.after ?? ''}”`
              : `删除行（原为“${entry.before ?? ''}”）`;
        const undone = entry.state === 'undone' ? '（已撤销）' : '';
        io.stdout(`  ${when}  ${entry.who.zh}  ${what}${undone}`);
      }
      if (history.entries.length === 0)
        io.stdout('  变更记录中没有这个单元格的修改 / no change of this cell in the log');
    } finally {
      session.close();
    }
    return 0;
  },
};
