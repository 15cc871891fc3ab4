import type { RoundStatus } from '../../../shared/contract/calls/supervision';
import { SUPERVISION_STATUS_LABELS } from '../../../shared/rules/supervision/status';
import { isFormulaLike } from '../export/cells';
import type { TableColumn } from '../export/tableSheet';
import { writeTable } from '../export/tableSheet';
import { PAGE_FOOTER } from '../export/exportWorkbook';
import type { ByteSink } from '../formats/zipWriter';
import { XlsxWriter } from '../formats/xlsxWriter';

/**
 * The 催报 list of a round as a workbook: one row per overdue or seriously behind task of each
 * department that is late, with whom to call — or the department alone when it has none — so
 * the office can print it or send it on.
 */

function column(key: string, header: string, width: number, align: TableColumn['align'] = 'left'): TableColumn {
  return { key, header, group: null, sub: header, type: 'text', decimals: 0, width, wrap: true, align, merge: null };
}

const COLUMNS: TableColumn[] = [
  { ...column('department', '逾期未报单位', 24), merge: 'category' },
  { ...column('contact', '联系人及电话', 22), merge: 'subcategory' },
  column('seq', '序号', 8, 'center'),
  column('title', '逾期或严重滞后事项', 40),
  column('deadline', '完成时限', 18),
  column('status', '状态', 10, 'center'),
];

type ChaseRow = Record<string, string>;

export function chaseRows(status: RoundStatus): ChaseRow[] {
  return status.departments
    .filter((department) => department.late)
    .flatMap((department) => {
      const base = { department: department.department, contact: department.contact };
      if (department.overdueRows.length === 0) return [{ ...base, seq: '', title: '', deadline: '', status: '' }];
      return department.overdueRows.map((row) => ({
        ...base,
        seq: row.seq,
        title: row.title,
        deadline: row.deadlineText,
        status: SUPERVISION_STATUS_LABELS[row.status],
      }));
    });
}

export async function writeChaseWorkbook(status: RoundStatus, sheetName: string, sink: ByteSink): Promise<number> {
  const rows = chaseRows(status);
  const book = new XlsxWriter(sink);
  const title = `${sheetName}${status.round.name}催报清单`;
  const placement = await writeTable<ChaseRow>(book, '催报清单', {
    title,
    note: `报送截止 ${status.round.due}，截至 ${status.today} 仍未报送的单位及其逾期或严重滞后事项`,
    columns: COLUMNS,
    rows: [rows],
    cell: (row, { key }) => {
      const text = row[key] ?? '';
      return text === '' ? { kind: 'blank' } : { kind: 'text', text, formulaLike: isFormulaLike(text) };
    },
    mergeRuns: true,
    print: { paper: 'A4', orientation: 'portrait', fitToWidth: true, footer: PAGE_FOOTER, horizontalCentered: true },
  });
  await placement.sheet.end();
  await book.finish({ title, creator: 'Planbench' });
  return rows.length;
}
