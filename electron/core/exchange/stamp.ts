import crypto from 'node:crypto';
import { z } from 'zod';
import { STANDARD_FILL_IDS } from '../../../shared/contract/calls/exchange';
import { ColumnType } from '../../../shared/model/columns';
import type { XlsxWriter } from '../formats/xlsxWriter';
import type { StampColumn } from './batches';

/**
 * The stamp: a hidden sheet in every send-out workbook that says where the file came from — plan
 * id, sheet, batch, file, department, date — how its data sheet is laid out, and a fingerprint of
 * every value sent (per row, and one over the whole file). On return it tells Planbench which
 * plan and batch the file belongs to, and whether the stamp itself was tampered with. Everything
 * is written as text, so no program's number formatting can change it.
 */

export const STAMP_MAGIC = 'planbench-sendout';
export const STAMP_VERSION = '1';
export const STAMP_SHEET = '下发标记';
/** Header of the hidden row-id column: also how a file whose stamp sheet was deleted is recognised. */
export const ROW_ID_HEADER = '行标识（系统用，请勿修改）';

const StampColumnSchema = z
  .object({
    key: z.string(),
    header: z.string(),
    role: z.enum(['identifying', 'fill']),
    type: ColumnType,
    target: z.union([
      z.object({ kind: z.literal('column'), columnKey: z.string() }).strict(),
      z.object({ kind: z.literal('standard'), id: z.enum(STANDARD_FILL_IDS) }).strict(),
    ]),
  })
  .strict();

export interface Stamp {
  planId: string;
  planTitle: string;
  sheetId: number;
  sheetName: string;
  batchId: string;
  fileId: string;
  department: string;
  createdAt: string;
  dataSheet: string;
  headerRow: number;
  firstDataRow: number;
  /** Data columns in workbook order; the row-id column follows them. */
  columns: StampColumn[];
  rows: { rowId: number; fingerprint: string }[];
  fingerprint: string;
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Fingerprint of one row as sent: its id and the text of each column, in workbook order. */
export function rowFingerprint(rowId: number, texts: readonly string[]): string {
  return sha256(JSON.stringify([rowId, texts])).slice(0, 16);
}

/** Fingerprint over the whole file: identity, columns and every row's fingerprint. */
export function fileFingerprint(
  stamp: Pick<Stamp, 'planId' | 'batchId' | 'fileId' | 'department' | 'sheetId' | 'columns' | 'rows'>,
): string {
  return sha256(
    JSON.stringify([
      stamp.planId,
      stamp.batchId,
      stamp.fileId,
      stamp.department,
      stamp.sheetId,
      stamp.columns.map((column) => [column.key, column.role, column.target]),
      stamp.rows.map((row) => [row.rowId, row.fingerprint]),
    ]),
  ).slice(0, 32);
}

const LABELS = {
  planId: '规划标识',
  planTitle: '规划名称',
  sheet: '工作表',
  batchId: '下发批次',
  fileId: '文件标识',
  department: '填报单位',
  createdAt: '下发时间',
  dataSheet: '数据工作表',
  layout: '表头行/首个数据行',
  columns: '列定义',
  fingerprint: '校验码',
  rows: '行标识',
} as const;

/** Write the stamp as a very hidden sheet (Excel offers no menu to unhide it). */
export async function writeStamp(book: XlsxWriter, stamp: Stamp): Promise<void> {
  const sheet = book.addSheet(STAMP_SHEET, { state: 'veryHidden', columns: [{ width: 20 }, { width: 60 }] });
  const lines: string[][] = [
    [STAMP_MAGIC, STAMP_VERSION],
    [LABELS.planId, stamp.planId],
    [LABELS.planTitle, stamp.planTitle],
    [LABELS.sheet, stamp.sheetName, String(stamp.sheetId)],
    [LABELS.batchId, stamp.batchId],
    [LABELS.fileId, stamp.fileId],
    [LABELS.department, stamp.department],
    [LABELS.createdAt, stamp.createdAt],
    [LABELS.dataSheet, stamp.dataSheet],
    [LABELS.layout, String(stamp.headerRow), String(stamp.firstDataRow)],
    [LABELS.columns, JSON.stringify(stamp.columns)],
    [LABELS.fingerprint, stamp.fingerprint],
    [LABELS.rows, '行校验码'],
    ...stamp.rows.map((row) => [String(row.rowId), row.fingerprint]),
  ];
  let rowNumber = 0;
  for (const line of lines) {
    sheet.startRow(++rowNumber);
    line.forEach((text, column) => sheet.text(column, text, 0));
    await sheet.endRow();
  }
  await sheet.end();
}

/** Why a stamp could not be read: the message names what is wrong with it. */
export class StampError extends Error {}

/**
 * Read a stamp from a sheet's rows of cell texts (the first being the magic line), or null when
 * the sheet is not a stamp. A stamp that is there but damaged throws StampError.
 */
export function readStamp(rows: readonly (readonly string[])[]): Stamp | null {
  const first = rows[0];
  if (!first || first[0] !== STAMP_MAGIC) return null;
  if (first[1] !== STAMP_VERSION) throw new StampError(`unsupported stamp version ${first[1] ?? ''}`);
  const byLabel = new Map<string, readonly string[]>();
  let rowsStart = -1;
  rows.forEach((row, index) => {
    // Stryker disable next-line StringLiteral: a row without a first cell has no label; any text that is no field label reads the same
    const label = row[0] ?? '';
    if (rowsStart >= 0) return;
    if (label === LABELS.rows) rowsStart = index + 1;
    else byLabel.set(label, row);
  });
  const value = (label: string, column = 1): string => {
    const text = byLabel.get(label)?.[column];
    if (text === undefined || text === '') throw new StampError(`stamp field ${label} is missing`);
    return text;
  };
  const integer = (label: string, column = 1): number => {
    const text = value(label, column);
    if (!/^\d+$/.test(text)) throw new StampError(`stamp field ${label} is not a number`);
    return Number(text);
  };
  let columns: StampColumn[];
  try {
    columns = z.array(StampColumnSchema).parse(JSON.parse(value(LABELS.columns)));
  } catch (error) {
    if (error instanceof StampError) throw error;
    throw new StampError('stamp column list is damaged');
  }
  // Stryker disable next-line EqualityOperator: rowsStart is -1 or a row index + 1, never 0
  if (rowsStart < 0) throw new StampError('stamp row list is missing');
  const stampRows = rows.slice(rowsStart).map((row) => {
    // Stryker disable next-line StringLiteral: a missing id or checksum fails its pattern whatever text stands in for it
    const [id = '', fingerprint = ''] = row;
    if (!/^\d+$/.test(id) || !/^[0-9a-f]{16}$/.test(fingerprint)) throw new StampError('stamp row list is damaged');
    return { rowId: Number(id), fingerprint };
  });
  return {
    planId: value(LABELS.planId),
    planTitle: byLabel.get(LABELS.planTitle)?.[1] ?? '',
    sheetId: integer(LABELS.sheet, 2),
    sheetName: value(LABELS.sheet),
    batchId: value(LABELS.batchId),
    fileId: value(LABELS.fileId),
    department: value(LABELS.department),
    createdAt: value(LABELS.createdAt),
    dataSheet: value(LABELS.dataSheet),
    headerRow: integer(LABELS.layout),
    firstDataRow: integer(LABELS.layout, 2),
    columns,
    rows: stampRows,
    fingerprint: value(LABELS.fingerprint),
  };
}
