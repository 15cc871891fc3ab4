import type { RowData } from '../../../shared/contract/contract';
import type { ColumnDef } from '../../../shared/model/columns';
import { decimalToFen, fenToDecimal, type MoneyUnit } from '../../../shared/values/money';
import { outCell } from '../export/cells';
import { PAGE_FOOTER } from '../export/exportWorkbook';
import { layoutColumn } from '../export/layout';
import type { PasswordHash } from '../formats/protection';
import { HEADING_FONT } from '../formats/styles';
import type { TableComment } from '../export/comments';
import type { TableColumn, TablePlacement } from '../export/tableSheet';
import { writeTable } from '../export/tableSheet';
import type { DataValidation } from '../formats/xlsxWriter';
import { sheetName, XlsxWriter } from '../formats/xlsxWriter';
import { rangeRef } from '../formats/xml';
import { MemorySink } from '../formats/zipWriter';
import type { StampColumn } from './batches';
import type { ColumnShape } from './fillColumns';
import { standardFill, standardShape } from './fillColumns';
import type { Stamp } from './stamp';
import { ROW_ID_HEADER, STAMP_SHEET, writeStamp } from './stamp';

/**
 * One department's fill-in workbook: its rows of the sheet with the identifying columns locked
 * and shaded grey, the fill-in columns unlocked in yellow with data validation, blank rows
 * below for items it adds, a hidden column of row ids, an instructions sheet in Chinese, and the
 * hidden stamp. The data sheet is protected (an optional password) and the workbook structure
 * locked, so the stamp sheet cannot be unhidden or deleted by accident.
 */

export const LOCKED_FILL = 'FFE7E6E6';
export const FILL_IN_FILL = 'FFFFF2CC';
/** Blank rows under the data for rows a department adds (more can be inserted). */
export const BLANK_ROWS = 10;
const INSTRUCTIONS_SHEET = '填报说明';

export interface DepartmentWorkbook {
  planTitle: string;
  sheetName: string;
  department: string;
  /** The sheet's columns (for the investment bound of 完成投资). */
  sheetColumns: readonly ColumnDef[];
  columns: readonly StampColumn[];
  rows: readonly RowData[];
  /** The rows' comments (批注), sent with them as Excel comments. */
  comments?: (rowId: number) => readonly TableComment[];
  /** Everything of the stamp but the layout, which this module decides. */
  stamp: Omit<Stamp, 'dataSheet' | 'headerRow' | 'firstDataRow'>;
  dueDate?: string | undefined;
  contact?: string | undefined;
  password?: PasswordHash | undefined;
}

/** The shape used to lay out and validate a stamp column. */
export function stampColumnShape(column: StampColumn, sheetColumns: readonly ColumnDef[]): ColumnShape {
  if (column.target.kind === 'standard') return standardShape(column.target.id);
  const key = column.target.columnKey;
  const existing = sheetColumns.find((candidate) => candidate.key === key);
  return existing ?? { name: column.header, type: column.type, role: null, settings: {} };
}

function tableColumns(workbook: DepartmentWorkbook): TableColumn[] {
  const columns = workbook.columns.map((column): TableColumn => {
    const shape = stampColumnShape(column, workbook.sheetColumns);
    const samples = workbook.rows.slice(0, 200).map((row) => row.cells[column.key]?.text ?? '');
    const layout = layoutColumn({ key: column.key, ...shape }, samples);
    const fill = column.role === 'fill';
    return {
      ...layout,
      header: column.header,
      group: null,
      sub: column.header,
      // Fill-in columns get room to write in; nobody sorts or merges a fill-in form.
      width: fill ? Math.max(layout.width, column.type === 'longText' ? 36 : 14) : layout.width,
      merge: null,
      fill: fill ? FILL_IN_FILL : LOCKED_FILL,
      locked: !fill,
    };
  });
  columns.push({
    key: ROW_ID_HEADER,
    header: ROW_ID_HEADER,
    group: null,
    sub: ROW_ID_HEADER,
    type: 'text',
    decimals: 0,
    width: 10,
    wrap: false,
    align: 'left',
    merge: null,
    locked: true,
    hidden: true,
  });
  return columns;
}

/** Group consecutive rows with the same bound into ranges. */
function runs<T>(first: number, values: readonly T[]): { from: number; to: number; value: T }[] {
  const out: { from: number; to: number; value: T }[] = [];
  values.forEach((value, index) => {
    const row = first + index;
    const last = out[out.length - 1];
    if (last && last.value === value && last.to === row - 1) last.to = row;
    else out.push({ from: row, to: row, value });
  });
  return out;
}

/** The row's project total in the fill-in column's unit, as the upper bound of 完成投资. */
function investmentBound(row: RowData, investment: ColumnDef | undefined, unit: MoneyUnit): string | null {
  const value = investment ? row.cells[investment.key]?.value : null;
  if (!investment || typeof value !== 'string') return null;
  const fen = decimalToFen(value, investment.settings.moneyUnit ?? '万元');
  return fen === null || fen < 0n ? null : fenToDecimal(fen, unit);
}

function validations(workbook: DepartmentWorkbook, placement: TablePlacement): DataValidation[] {
  const out: DataValidation[] = [];
  const first = placement.firstDataRow;
  const last = placement.blankRows?.last ?? placement.lastDataRow;
  if (last < first) return out;
  const investment = workbook.sheetColumns.find((column) => column.role === 'investment' && column.type === 'money');
  workbook.columns.forEach((column, index) => {
    if (column.role !== 'fill') return;
    const shape = stampColumnShape(column, workbook.sheetColumns);
    const whole = rangeRef(index, first, index, last);
    const header = column.header;
    switch (shape.type) {
      case 'money': {
        const unit = shape.settings.moneyUnit ?? '万元';
        // Bounded per row by the project's total where it has one; else only ≥ 0.
        const bounded =
          investment && investment.key !== (column.target.kind === 'column' ? column.target.columnKey : '');
        const bounds = [
          ...workbook.rows.map((row) => (bounded ? investmentBound(row, investment, unit) : null)),
          ...Array<null>(last - placement.lastDataRow).fill(null),
        ];
        for (const run of runs(first, bounds)) {
          const sqref = rangeRef(index, run.from, index, run.to);
          out.push(
            run.value === null
              ? {
                  type: 'decimal',
                  operator: 'greaterThanOrEqual',
                  sqref,
                  formula1: '0',
                  errorTitle: '金额有误',
                  error: `“${header}”应为不小于 0 的数字（单位：${unit}）。`,
                }
              : {
                  type: 'decimal',
                  operator: 'between',
                  sqref,
                  formula1: '0',
                  formula2: run.value,
                  errorTitle: '金额有误',
                  error: `“${header}”应为 0 到 ${run.value}（项目总投资，单位：${unit}）之间的数字。`,
                },
          );
        }
        return;
      }
      case 'number':
        out.push({
          type: 'decimal',
          operator: 'greaterThanOrEqual',
          sqref: whole,
          formula1: '-1E+15',
          errorTitle: '应为数字',
          error: `“${header}”应填数字。`,
        });
        return;
      case 'year':
        out.push({
          type: 'whole',
          operator: 'between',
          sqref: whole,
          formula1: '1900',
          formula2: '2200',
          errorTitle: '年份有误',
          error: `“${header}”应为四位年份，如 2025。`,
        });
        return;
      case 'date':
        if (shape.role === 'deadline') return; // deadlines are text such as "6月底前"
        out.push({
          type: 'date',
          operator: 'between',
          sqref: whole,
          formula1: '36526', // 2000-01-01
          formula2: '73415', // 2100-12-31
          errorTitle: '日期有误',
          error: `“${header}”应为日期，如 2024-06-30。`,
        });
        return;
      case 'status':
      case 'choice': {
        const list = shape.settings.choices ?? [];
        const formula = `"${list.join(',')}"`;
        // A list validation's literal is limited to 255 characters; longer lists go unchecked.
        if (list.length > 0 && formula.length <= 257 && !list.some((choice) => choice.includes(','))) {
          out.push({
            type: 'list',
            sqref: whole,
            formula1: formula,
            errorTitle: '请从列表中选择',
            error: `“${header}”请从下拉列表中选择：${list.join('、')}。`,
          });
        }
        return;
      }
      default:
        return;
    }
  });
  return out;
}

function instructions(workbook: DepartmentWorkbook, rows: number): string[] {
  const fill = workbook.columns.filter((column) => column.role === 'fill');
  const guides = fill.map((column) => {
    const guide =
      column.target.kind === 'standard'
        ? standardFill(column.target.id).guide
        : guideFor(column, workbook.sheetColumns);
    return `    · ${column.header}：${guide}`;
  });
  const lines = [
    `1. 本表由“${workbook.planTitle}”的编制单位下发，请${workbook.department}填写本单位负责的 ${rows} 项“${workbook.sheetName}”。`,
    '2. 灰色列为下发信息，已锁定，请勿修改；如发现有误，请在“存在问题”列中说明，或另行告知。',
    '3. 黄色列为填报内容：',
    ...guides,
    `4. 如有本表未列出、需要补充的事项，请填写在“${workbook.sheetName}”表格下方的空白行（不够可插入行）。`,
    '5. 请不要删除行；不再实施的事项请在“存在问题”列中说明。',
    '6. 表中的隐藏列和隐藏工作表用于自动核对和汇总，请勿删除或修改。可用 Excel、WPS 或 LibreOffice 打开和保存，保存时请保持 .xlsx 格式。',
    `7. 填好后请将本文件发回${workbook.dueDate ? `（请于 ${workbook.dueDate} 前）` : ''}，文件名可以修改。${workbook.contact ? `联系人：${workbook.contact}。` : ''}`,
    `下发时间：${workbook.stamp.createdAt.slice(0, 10)}；下发批次：${workbook.stamp.batchId.slice(0, 8)}。`,
  ];
  return lines;
}

function guideFor(column: StampColumn, sheetColumns: readonly ColumnDef[]): string {
  const shape = stampColumnShape(column, sheetColumns);
  switch (shape.type) {
    case 'money':
      return `填写金额，单位${shape.settings.moneyUnit ?? '万元'}。`;
    case 'number':
    case 'percent':
      return '填写数字。';
    case 'date':
      return shape.role === 'deadline' ? '填写完成时限，如 2024年6月底前。' : '填写日期，如 2024-06-30。';
    case 'status':
    case 'choice':
      return `从下拉列表中选择${shape.settings.choices ? `：${shape.settings.choices.join('、')}` : ''}。`;
    default:
      return '按列名填写。';
  }
}

async function writeInstructions(book: XlsxWriter, lines: readonly string[]): Promise<void> {
  const sheet = book.addSheet(INSTRUCTIONS_SHEET, { columns: [{ width: 110 }], showGridLines: false });
  const title = book.styles.style({ font: { name: HEADING_FONT, size: 14, bold: true }, vertical: 'center' });
  const body = book.styles.style({ wrap: true, vertical: 'top' });
  sheet.startRow(1, { height: 28 });
  sheet.text(0, '填报说明', title);
  await sheet.endRow();
  let row = 1;
  for (const line of lines) {
    sheet.startRow(++row, { height: Math.max(18, 16 * Math.ceil(line.length / 55)) });
    sheet.text(0, line, body);
    await sheet.endRow();
  }
  await sheet.end();
}

/** Write one department's workbook; returns its bytes and the stamp it carries. */
export async function buildDepartmentWorkbook(workbook: DepartmentWorkbook): Promise<{ bytes: Buffer; stamp: Stamp }> {
  const sink = new MemorySink();
  const book = new XlsxWriter(sink);
  const taken = new Set<string>([INSTRUCTIONS_SHEET.toLowerCase(), STAMP_SHEET.toLowerCase()]);
  const dataSheet = sheetName(workbook.sheetName, taken);
  const columns = tableColumns(workbook);
  const byKey = new Map(workbook.sheetColumns.map((column) => [column.key, column]));
  const placement = await writeTable<RowData>(book, dataSheet, {
    title: `${workbook.sheetName}填报表（${workbook.department}）`,
    note: '灰色列为下发信息（已锁定，请勿修改）；黄色列请填写。需要补充的事项请填在表格下方的空白行。详见“填报说明”工作表。',
    columns,
    rows: [workbook.rows],
    cell: (row, column) => {
      if (column.key === ROW_ID_HEADER) return { kind: 'text', text: String(row.id), formulaLike: false };
      const definition = byKey.get(column.key);
      return definition ? outCell(definition, row.cells[column.key]) : { kind: 'blank' };
    },
    comments: (row) => workbook.comments?.(row.id) ?? [],
    mergeRuns: false,
    blankRows: BLANK_ROWS,
    blankRowsEditable: true,
    print: { paper: 'A4', orientation: 'landscape', fitToWidth: true, footer: PAGE_FOOTER, horizontalCentered: true },
    // Objects stay editable: a department answers with comments (批注) of its own, which collect reads.
    protection: {
      password: workbook.password,
      allowFormatColumns: true,
      allowFormatRows: true,
      allowInsertRows: true,
      allowEditObjects: true,
    },
    selected: true,
  });
  for (const validation of validations(workbook, placement)) placement.sheet.validate(validation);
  await placement.sheet.end();
  await writeInstructions(book, instructions(workbook, workbook.rows.length));
  const stamp: Stamp = {
    ...workbook.stamp,
    dataSheet,
    headerRow: placement.headerRows.last,
    firstDataRow: placement.firstDataRow,
  };
  await writeStamp(book, stamp);
  book.protectStructure({ password: workbook.password });
  await book.finish({ title: `${workbook.sheetName}填报表（${workbook.department}）`, creator: workbook.planTitle });
  return { bytes: sink.bytes(), stamp };
}
