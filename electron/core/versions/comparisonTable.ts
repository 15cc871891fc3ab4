import ExcelJS from 'exceljs';
import type { VersionComparison } from '../../../shared/contract/calls/versions';
import type { PlanMeta, RowData, SheetDetail } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { getPdfRenderer } from '../print/engine';
import { layoutPrint } from '../print/layout';
import { buildPrintModel } from '../print/model';
import { defaultPrintOptions } from '../print/options';
import type { PdfRenderer } from '../print/pdfRenderer';

/**
 * The 修改对照表: a comparison as the table a meeting reads — per change one line naming the
 * sheet, the row (序号 and name) and the column, then 修改前 | 修改后 side by side, the exact
 * difference for money, and what kind of change it is; after them the totals by category and by
 * column that changed. Written as .xlsx (changes marked by colour: changed cells yellow, added
 * rows green, deleted rows red and struck through) and as a PDF through the print engine every
 * other printout uses, where the 类型 column marks each line.
 */

export type ChangeKindLabel = '修改' | '新增行' | '删除行' | '分类合计' | '列合计';

export interface ComparisonLine {
  kind: ChangeKindLabel;
  sheet: string;
  seq: string;
  row: string;
  column: string;
  before: string;
  after: string;
  difference: string;
}

const HEADERS = ['类型', '工作表', '序号', '行', '列', '修改前', '修改后', '差额'] as const;

const signed = (value: string | null, unit: string | null = null): string =>
  value === null ? '' : `${value.startsWith('-') ? value : `+${value}`}${unit ?? ''}`;

/** A row's cells as one readable text, for an added or deleted row. */
function rowText(cells: Record<string, string>, columns: readonly { key: string; name: string }[]): string {
  return columns
    .filter((column) => (cells[column.key] ?? '') !== '')
    .map((column) => `${column.name}：${cells[column.key]}`)
    .join('；');
}

/** Every line of the 修改对照表, sheet by sheet: cells, rows added and deleted, then totals. */
export function comparisonLines(comparison: VersionComparison): ComparisonLine[] {
  const lines: ComparisonLine[] = [];
  for (const sheet of comparison.sheets) {
    const base = { sheet: sheet.name };
    for (const cell of sheet.cells) {
      lines.push({
        ...base,
        kind: '修改',
        seq: cell.seq,
        row: cell.label,
        column: cell.columnName,
        before: cell.before,
        after: cell.after,
        difference: signed(cell.difference, cell.unit),
      });
    }
    for (const row of sheet.addedRows) {
      const text = rowText(row.cells, sheet.columns);
      lines.push({
        ...base,
        kind: '新增行',
        seq: row.seq,
        row: row.label,
        column: '',
        before: '',
        after: text,
        difference: '',
      });
    }
    for (const row of sheet.deletedRows) {
      const text = rowText(row.cells, sheet.columns);
      lines.push({
        ...base,
        kind: '删除行',
        seq: row.seq,
        row: row.label,
        column: '',
        before: text,
        after: '',
        difference: '',
      });
    }
    for (const group of sheet.categories) {
      lines.push({
        ...base,
        kind: '分类合计',
        seq: '',
        row: group.category || '（未分类）',
        column: '项数 / 金额',
        before: `${group.countBefore} 项 ${group.sumBefore ?? ''}`.trim(),
        after: `${group.countAfter} 项 ${group.sumAfter ?? ''}`.trim(),
        difference: signed(group.difference),
      });
    }
    for (const total of sheet.totals) {
      lines.push({
        ...base,
        kind: '列合计',
        seq: '',
        row: '合计',
        column: total.columnName,
        before: total.sumBefore ?? '',
        after: total.sumAfter ?? '',
        difference: signed(total.difference, total.unit),
      });
    }
  }
  return lines;
}

export function comparisonTitle(comparison: VersionComparison): string {
  return `修改对照表（${comparison.from.name} → ${comparison.to?.name ?? '当前'}）`;
}

const FILLS: Partial<Record<ChangeKindLabel, string>> = {
  修改: 'FFFFF2CC',
  新增行: 'FFE2EFDA',
  删除行: 'FFFCE4D6',
  分类合计: 'FFDDEBF7',
  列合计: 'FFDDEBF7',
};

/** The 修改对照表 as an .xlsx: a title, the header, one line per change, colours marking the kind. */
export async function comparisonWorkbook(comparison: VersionComparison, meta: PlanMeta): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('修改对照表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  sheet.mergeCells(1, 1, 1, HEADERS.length);
  sheet.getCell(1, 1).value = `${meta.title ? `${meta.title} ` : ''}${comparisonTitle(comparison)}`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, HEADERS.length);
  const to = comparison.to ? `“${comparison.to.name}”（${comparison.to.at.slice(0, 10)}）` : '当前';
  sheet.getCell(2, 1).value = `版本“${comparison.from.name}”（${comparison.from.at.slice(0, 10)}） → ${to}`;
  sheet.getRow(3).values = [...HEADERS];
  sheet.getRow(3).font = { bold: true };
  sheet.getRow(3).eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.columns = [8, 14, 8, 30, 14, 36, 36, 16].map((width) => ({ width }));
  for (const line of comparisonLines(comparison)) {
    const row = sheet.addRow([
      line.kind,
      line.sheet,
      line.seq,
      line.row,
      line.column,
      line.before,
      line.after,
      line.difference,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    const fill = FILLS[line.kind];
    // The changed side is marked: the new value of a change, the row added, the row deleted.
    const marked = line.kind === '删除行' ? [6] : line.kind === '新增行' ? [7] : [6, 7, 8];
    for (const column of marked) {
      if (fill) row.getCell(column).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    }
    if (line.kind === '删除行') row.getCell(6).font = { strike: true, color: { argb: 'FFC00000' } };
    if (line.kind === '修改') row.getCell(7).font = { bold: true };
  }
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: HEADERS.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

const text = (value: string) => ({ text: value, value: null });

/** The 修改对照表 as a printable PDF, laid out by the print engine like every sheet's printout. */
export async function comparisonPdf(
  comparison: VersionComparison,
  meta: PlanMeta,
  renderer: PdfRenderer = getPdfRenderer(),
): Promise<{ bytes: Uint8Array; pages: number }> {
  const keys = ['kind', 'sheet', 'seq', 'row', 'column', 'before', 'after', 'difference'] as const;
  const columns: ColumnDef[] = keys.map((key, index) => ({
    id: index + 1,
    key,
    name: HEADERS[index]!,
    type: key === 'before' || key === 'after' || key === 'row' ? 'longText' : 'text',
    role: key === 'seq' ? 'seq' : null,
    position: index,
    width: null,
    hidden: false,
    settings: {},
  })) as ColumnDef[];
  const sheet: SheetDetail = {
    id: 1,
    name: comparisonTitle(comparison),
    kind: 'table',
    position: 0,
    rowCount: 0,
    description: '',
    columns,
  };
  const rows: RowData[] = comparisonLines(comparison).map((line, index) => ({
    id: index + 1,
    parentId: null,
    cells: Object.fromEntries(keys.map((key) => [key, text(line[key])])),
  }));
  sheet.rowCount = rows.length;
  const options = defaultPrintOptions({ totalsRow: false, mergeCategories: false });
  const model = buildPrintModel({ meta, sheet, rows, resolveDepartment: () => null }, options);
  const layout = await layoutPrint(model, renderer, { sectionPageBreak: false });
  const { geometry } = layout.model;
  const bytes = await renderer.pdf(layout.html, { widthMm: geometry.widthMm, heightMm: geometry.heightMm });
  return { bytes, pages: layout.pages.length };
}
