import type { Grid, GridCell, GridRow, MergeRange } from '../../../../shared/import/importGrid';
import { IMPORT_CAPS, thousands } from '../caps';
import { badFile } from '../fileErrors';
import { serialToIso } from '../numberFormats';
import { tooManyColumns } from '../sheetLimits';
import { XLS_CAPS } from './caps';
import type { XlsGlobals, XlsSheetEntry } from './globals';
import { stringOf } from './globals';
import { BiffDamage, ContinuedReader, ERROR_TEXT, RECORD, RecordReader, rkNumber } from './records';

/**
 * One worksheet substream of a BIFF8 stream, from its BOF to its EOF, as the grid every import
 * reads (shared/import/importGrid.ts). Cells: LABELSST (a shared string), LABEL and RSTRING (a
 * string of its own), NUMBER, RK and MULRK (numbers, dates and percentages by their XF's format),
 * BOOLERR, and FORMULA with its cached result — a number, a boolean, an error, an empty string or
 * a string in the STRING record that follows (after any SHRFMLA/ARRAY). Also merged ranges
 * (MERGEDCELLS), hidden rows (ROW) and columns (COLINFO), and sheet protection (PROTECT). Charts
 * embedded in the sheet are substreams of their own (BOF…EOF) inside it, and skipped.
 */

export interface XlsSheetRead {
  grid: Grid;
  /** The sheet is protected (PROTECT). */
  protected: boolean;
  /** The XF of every cell record, blanks too (row * 65536 + column → ixfe), when asked for. */
  styles: Map<number, number> | null;
}

const SUBSTREAM_WORKSHEET = 0x0010;
/** ROW's fDyZero: the row is hidden. */
const ROW_HIDDEN = 0x0020;
/** A FORMULA whose cached result is not a number has 0xFFFF in its last two result bytes. */
const NOT_A_NUMBER = 0xffff;

export function styleKey(row: number, column: number): number {
  return row * 65536 + column;
}

/** The row and column of a key of `XlsSheetRead.styles`. */
export function styleCell(key: number): { row: number; column: number } {
  return { row: Math.floor(key / 65536), column: key % 65536 };
}

export function readXlsSheetStream(
  stream: Buffer,
  globals: XlsGlobals,
  sheet: XlsSheetEntry,
  fileName: string,
  keepStyles = false,
): XlsSheetRead {
  const rows = new Map<number, GridRow>();
  const hiddenRows = new Set<number>();
  const hiddenColumns = new Set<number>();
  const merges: MergeRange[] = [];
  const styles = keepStyles ? new Map<number, number>() : null;
  let columnCount = 0;
  let cells = 0;
  let isProtected = false;
  /** A FORMULA whose string result comes in the next STRING record. */
  let pendingString: { row: number; column: number } | null = null;

  const put = (row: number, column: number, cell: GridCell | null) => {
    if (cell === null || cell === '') return;
    if (column >= IMPORT_CAPS.columns) throw tooManyColumns(fileName, sheet.name, column);
    let gridRow = rows.get(row);
    if (!gridRow) {
      gridRow = { r: row, cells: [] };
      rows.set(row, gridRow); // at most 65,536: a row number has 16 bits, far under IMPORT_CAPS.rows
    }
    if (gridRow.cells[column] === undefined && ++cells > XLS_CAPS.cells) throw tooManyCells(fileName, sheet.name);
    gridRow.cells[column] = cell;
    if (column + 1 > columnCount) columnCount = column + 1;
  };
  const number = (value: number, xf: number): GridCell => {
    const kind = globals.formatKinds[xf] ?? 'number';
    if (kind === 'date') return { t: 'd', v: serialToIso(value, globals.date1904) };
    return kind === 'percent' ? { t: 'n', v: value, percent: true } : value;
  };
  const style = (row: number, column: number, xf: number) => styles?.set(styleKey(row, column), xf);

  const reader = new RecordReader(stream, sheet.offset);
  // The sheet's BOF must say worksheet; its version is the globals' business (some writers leave it 0 here).
  const first = reader.next();
  if (
    !first ||
    first.type !== RECORD.BOF ||
    first.data.length < 4 ||
    first.data.readUInt16LE(2) !== SUBSTREAM_WORKSHEET
  ) {
    throw new BiffDamage(`sheet "${sheet.name}" does not start with a worksheet BOF`);
  }
  let depth = 1;
  while (depth > 0) {
    const record = reader.next();
    if (!record) throw new BiffDamage(`sheet "${sheet.name}" ends without an EOF record`);
    if (reader.count > XLS_CAPS.records)
      throw new BiffDamage(`more than ${XLS_CAPS.records} records in sheet "${sheet.name}"`);
    const { type, data } = record;
    if (type === RECORD.BOF) depth++;
    else if (type === RECORD.EOF) depth--;
    if (depth !== 1 || type === RECORD.BOF) continue;
    if (pendingString && type !== RECORD.STRING && type !== 0x04bc && type !== 0x0221 && type !== 0x0236)
      pendingString = null;
    const cellRecord = data.length >= 6 && CELL_RECORDS.has(type);
    const row = cellRecord ? data.readUInt16LE(0) + 1 : 0;
    const column = cellRecord ? data.readUInt16LE(2) : 0;
    try {
      switch (type) {
        case RECORD.LABELSST: {
          if (data.length < 10) throw new BiffDamage('a LABELSST record is too short');
          const index = data.readUInt32LE(6);
          const text = globals.strings[index];
          if (text === undefined) throw new BiffDamage(`a cell refers to missing shared string ${index}`);
          put(row, column, text);
          style(row, column, data.readUInt16LE(4));
          break;
        }
        case RECORD.LABEL:
        case RECORD.RSTRING:
          put(row, column, stringOf(globals, data, 6));
          style(row, column, data.readUInt16LE(4));
          break;
        case RECORD.NUMBER:
          if (data.length < 14) throw new BiffDamage('a NUMBER record is too short');
          put(row, column, number(data.readDoubleLE(6), data.readUInt16LE(4)));
          style(row, column, data.readUInt16LE(4));
          break;
        case RECORD.RK:
          if (data.length < 10) throw new BiffDamage('an RK record is too short');
          put(row, column, number(rkNumber(data.readInt32LE(6)), data.readUInt16LE(4)));
          style(row, column, data.readUInt16LE(4));
          break;
        case RECORD.MULRK: {
          const count = Math.floor((data.length - 6) / 6);
          for (let index = 0; index < count; index++) {
            const xf = data.readUInt16LE(4 + index * 6);
            put(row, column + index, number(rkNumber(data.readInt32LE(6 + index * 6)), xf));
            style(row, column + index, xf);
          }
          break;
        }
        case RECORD.BLANK:
          style(row, column, data.readUInt16LE(4));
          break;
        case RECORD.MULBLANK:
          if (styles)
            for (let index = 0; 6 + index * 2 <= data.length - 2; index++)
              style(row, column + index, data.readUInt16LE(4 + index * 2));
          break;
        case RECORD.BOOLERR:
          if (data.length < 8) throw new BiffDamage('a BOOLERR record is too short');
          put(row, column, data[7] ? { t: 'e', v: ERROR_TEXT[data[6]!] ?? '#VALUE!' } : { t: 'b', v: data[6] !== 0 });
          style(row, column, data.readUInt16LE(4));
          break;
        case RECORD.FORMULA: {
          if (data.length < 20) throw new BiffDamage('a FORMULA record is too short');
          style(row, column, data.readUInt16LE(4));
          if (data.readUInt16LE(12) !== NOT_A_NUMBER) {
            put(row, column, number(data.readDoubleLE(6), data.readUInt16LE(4)));
            break;
          }
          const kind = data[6];
          if (kind === 0) pendingString = { row, column };
          else if (kind === 1) put(row, column, { t: 'b', v: data[8] !== 0 });
          else if (kind === 2) put(row, column, { t: 'e', v: ERROR_TEXT[data[8]!] ?? '#VALUE!' });
          break; // 3: an empty string
        }
        case RECORD.STRING: {
          const segments = [data, ...reader.continues()];
          const text = globals.biff === 8 ? new ContinuedReader(segments).richString() : stringOf(globals, data, 0);
          if (pendingString) put(pendingString.row, pendingString.column, text);
          pendingString = null;
          break;
        }
        case RECORD.ROW:
          if (data.length >= 14 && data.readUInt16LE(12) & ROW_HIDDEN) hiddenRows.add(data.readUInt16LE(0) + 1);
          break;
        case RECORD.COLINFO:
          if (data.length >= 10 && data.readUInt16LE(8) & 0x0001) {
            const last = Math.min(data.readUInt16LE(2), data.readUInt16LE(0) + IMPORT_CAPS.columns);
            for (let index = data.readUInt16LE(0); index <= last; index++) hiddenColumns.add(index);
          }
          break;
        case RECORD.MERGEDCELLS: {
          const count = data.length >= 2 ? Math.min(data.readUInt16LE(0), Math.floor((data.length - 2) / 8)) : 0;
          if (merges.length + count > XLS_CAPS.merges) throw tooManyMerges(fileName, sheet.name);
          for (let index = 0; index < count; index++) {
            const at = 2 + index * 8;
            const [firstRow, lastRow, firstColumn, lastColumn] = [0, 2, 4, 6].map((offset) =>
              data.readUInt16LE(at + offset),
            ) as [number, number, number, number];
            merges.push({
              top: Math.min(firstRow, lastRow) + 1,
              bottom: Math.max(firstRow, lastRow) + 1,
              left: Math.min(firstColumn, lastColumn),
              right: Math.max(firstColumn, lastColumn),
            });
          }
          break;
        }
        case RECORD.PROTECT:
          isProtected = data.length >= 2 && data.readUInt16LE(0) === 1;
          break;
      }
    } catch (error) {
      if (error instanceof BiffDamage && cellRecord && !error.cell)
        throw new BiffDamage(error.message, { row, column });
      throw error;
    }
  }

  const ordered = [...rows.values()].sort((a, b) => a.r - b.r);
  for (const gridRow of ordered) if (hiddenRows.has(gridRow.r)) gridRow.hidden = true;
  return {
    grid: {
      name: sheet.name,
      rows: ordered,
      merges,
      hiddenColumns: [...hiddenColumns].filter((index) => index < columnCount).sort((a, b) => a - b),
      columnCount,
      ...(sheet.hidden ? { hidden: true } : {}),
    },
    protected: isProtected,
    styles,
  };
}

/** Records that start with a row, a column and an XF index. */
const CELL_RECORDS = new Set<number>([
  RECORD.LABELSST,
  RECORD.LABEL,
  RECORD.RSTRING,
  RECORD.NUMBER,
  RECORD.RK,
  RECORD.MULRK,
  RECORD.BLANK,
  RECORD.MULBLANK,
  RECORD.BOOLERR,
  RECORD.FORMULA,
]);

function tooManyCells(fileName: string, sheet: string): Error {
  return badFile(
    fileName,
    `工作表“${sheet}”中有内容的单元格超过 ${thousands(XLS_CAPS.cells)} 个的上限；请拆分成多个文件后分别导入`,
    `sheet "${sheet}" has more than the limit of ${thousands(XLS_CAPS.cells)} cells with content; split it into several files and import them one by one`,
    { sheet },
  );
}

function tooManyMerges(fileName: string, sheet: string): Error {
  return badFile(
    fileName,
    `工作表“${sheet}”中的合并单元格超过 ${thousands(XLS_CAPS.merges)} 处的上限，文件可能已损坏`,
    `sheet "${sheet}" has more than the limit of ${thousands(XLS_CAPS.merges)} merged ranges; the file may be damaged`,
    { sheet },
  );
}
