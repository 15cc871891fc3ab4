import type { SheetDetail } from '../../../shared/contract/contract';
import type { ApiContext } from '../../core/api/context';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { openPlanToRead, openPlanToWrite } from '../openPlan';
import { sheetNamed } from '../sheets';
import { valueFlag } from './export';
import { columnNamed, localTime, rowWithSeq } from './history';

const ACTIONS = ['add', 'list', 'delete'] as const;
type CommentAction = (typeof ACTIONS)[number];
const WINDOW = 5000;

/** Each row's 序号 as the user reads it (or its number in the sheet, without a 序号 column), by row id. */
async function rowLabels(context: ApiContext, sheet: SheetDetail): Promise<Map<number, string>> {
  const seqColumn = sheet.columns.find((column) => column.role === 'seq');
  const labels = new Map<number, string>();
  for (let offset = 0; ; offset += WINDOW) {
    const window = await callApi(context, 'sheet.rows', { sheetId: sheet.id, offset, limit: WINDOW });
    window.rows.forEach((row, index) => {
      const seq = seqColumn ? row.cells[seqColumn.key]?.text.trim() : '';
      labels.set(row.id, seq || `第 ${offset + index + 1} 行`);
    });
    if (offset + window.rows.length >= window.total || window.rows.length === 0) break;
  }
  return labels;
}

/**
 * `planbench comment add|list|delete PLAN --sheet NAME --row SEQ [--column NAME] [--text T]`:
 * comments (批注) on a cell, or without --column on the whole row. add writes or changes one,
 * delete takes it away (each one undoable action); list shows a sheet's comments (--row: one row's).
 */
export const commentCommand: CliCommand = {
  name: 'comment',
  usage:
    'comment add|list|delete PLAN --sheet NAME [--row SEQ] [--column NAME] [--text T]\n' +
    '                               单元格或整行的批注：添加/修改、列出、删除（可撤销）/ comments on cells and rows',
  flags: { '--sheet': 'value', '--row': 'value', '--column': 'value', '--text': 'value' },
  async run({ positionals, flags, json, io }) {
    const [action, ...rest] = positionals;
    if (!ACTIONS.includes(action as CommentAction)) {
      throw new UsageError('comment 后须为 add、list 或 delete / comment takes add, list or delete');
    }
    const [planFile] = planArgument(`comment ${action}`, rest) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    const seq = valueFlag(flags, '--row');
    const columnName = valueFlag(flags, '--column');
    const text = valueFlag(flags, '--text');
    if (sheetName === undefined)
      throw new UsageError(`comment ${action} 需要 --sheet / comment ${action} needs --sheet`);
    if (action !== 'list' && seq === undefined) {
      throw new UsageError(`comment ${action} 需要 --row 序号 / comment ${action} needs --row SEQ`);
    }
    if (action === 'add' && text === undefined) {
      throw new UsageError('comment add 需要 --text 批注内容 / comment add needs --text TEXT');
    }
    const session = action === 'list' ? openPlanToRead(planFile, io) : await openPlanToWrite(planFile, io);
    try {
      const context = session.context;
      const sheet = await callApi(context, 'sheet.get', {
        sheetId: (await sheetNamed(context, sheetName, planFile)).id,
      });
      const columnKey = columnName === undefined ? null : columnNamed(sheet, columnName, planFile).key;
      const rowId = seq === undefined ? null : await rowWithSeq(context, sheet, seq, planFile);
      const where = `${sheet.name} · ${seq ?? ''}${columnName === undefined ? '（整行）' : ` · ${columnName}`}`;
      if (action === 'add') {
        const place = { sheetId: sheet.id, rowId: rowId!, columnKey };
        const result = await callApi(context, 'comments.set', { ...place, text: text! });
        if (json) io.stdout(JSON.stringify({ ok: true, sheet: sheet.name, row: seq, ...result }, null, 2));
        else io.stdout(result.actionId === null ? `${where}：批注未变` : `${where}：已写入批注（可撤销）`);
      } else if (action === 'delete') {
        const result = await callApi(context, 'comments.delete', { sheetId: sheet.id, rowId: rowId!, columnKey });
        if (json) io.stdout(JSON.stringify({ ok: true, sheet: sheet.name, row: seq, ...result }, null, 2));
        else io.stdout(`${where}：已删除批注（可撤销）`);
      } else {
        const { comments } = await callApi(context, 'comments.list', { sheetId: sheet.id });
        const labels = await rowLabels(context, sheet);
        const names = new Map(sheet.columns.map((column) => [column.key, column.name]));
        const shown = comments
          .filter((comment) => rowId === null || comment.rowId === rowId)
          .filter((comment) => columnName === undefined || comment.columnKey === columnKey)
          .map((comment) => ({
            ...comment,
            row: labels.get(comment.rowId) ?? '',
            column: comment.columnKey === null ? null : (names.get(comment.columnKey) ?? comment.columnKey),
          }));
        if (json) io.stdout(JSON.stringify({ ok: true, sheet: sheet.name, comments: shown }, null, 2));
        else if (shown.length === 0) io.stdout(`${sheet.name}：没有批注 / no comments`);
        else
          for (const comment of shown) {
            const place = comment.column === null ? `${comment.row}（整行）` : `${comment.row} · ${comment.column}`;
            const by = [comment.author, localTime(comment.at)].filter(Boolean).join(' ');
            io.stdout(`${place}\t${by}\t${comment.text.replace(/\n/g, ' / ')}`);
          }
      }
    } finally {
      session.close();
    }
    return 0;
  },
};
