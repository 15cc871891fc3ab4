import type { RoundStatus } from '../../../shared/contract/calls/supervision';
import { chaseRows } from './chaseWorkbook';
import type { ReportBlock } from './reportBlocks';
import { dateText, tableBlocks, textBlock, titleBlock } from './reportBlocks';
import type { ReportPdf } from './reportPdf';
import { blocksPdf, BODY_WIDTH_MM } from './reportPdf';

/**
 * The 催报 list of a round as a page to print and hand out or fax: the departments that have not
 * reported by the due date, whom to call there, and their overdue or seriously behind tasks —
 * the rows of the 催报 .xlsx (chaseWorkbook.ts), laid out as the 通报 is (A4 portrait, 公文 fonts,
 * 第 X 页 共 Y 页, a table's header repeated on each page it continues on).
 */
export function chaseBlocks(status: RoundStatus, sheetName: string, bodyWidthMm: number): ReportBlock[] {
  const title = `${sheetName}${status.round.name}催报清单`;
  const late = status.departments.filter((department) => department.late);
  const blocks: ReportBlock[] = [
    titleBlock(title, `截至${dateText(status.today)}`),
    textBlock(
      late.length === 0
        ? `${status.round.name}报送截止${dateText(status.round.due)}，截至${dateText(status.today)}，没有逾期未报送的单位。`
        : `${status.round.name}报送截止${dateText(status.round.due)}，截至${dateText(status.today)}，` +
            `共${status.departments.length}个单位中仍有${late.length}个单位未报送进展情况，请于收到本清单后尽快报送；` +
            '其牵头的逾期或严重滞后事项列于单位之后，请一并说明原因和整改措施。',
    ),
  ];
  if (late.length === 0) return blocks;
  const fixed = [30, 28, 10, 24, 14];
  return [
    ...blocks,
    ...tableBlocks(
      [
        fixed[0]!,
        fixed[1]!,
        fixed[2]!,
        bodyWidthMm - fixed.reduce((sum, width) => sum + width, 0),
        fixed[3]!,
        fixed[4]!,
      ],
      ['逾期未报单位', '联系人及电话', '序号', '逾期或严重滞后事项', '完成时限', '状态'],
      chaseRows(status).map((row) => [
        row.department!,
        row.contact!,
        row.seq!,
        row.title === '' ? '（无逾期或严重滞后事项）' : row.title!,
        row.deadline!,
        row.status!,
      ]),
    ),
  ];
}

export function chasePdf(status: RoundStatus, sheetName: string): Promise<ReportPdf> {
  return blocksPdf(chaseBlocks(status, sheetName, BODY_WIDTH_MM));
}
