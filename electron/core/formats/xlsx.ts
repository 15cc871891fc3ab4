import path from 'node:path';
import type { Grid, GridCell, GridRow, MergeRange } from '../../../shared/import/importGrid';
import { columnIndex, columnLetter } from '../../../shared/import/importGrid';
import { IMPORT_CAPS } from './caps';
import { badFile } from './fileErrors';
import type { FormatKind } from './numberFormats';
import {
  badRowNumber,
  columnPastEnd,
  rowPastEnd,
  sharedStringTooLong,
  sheetTextTooLarge,
  textTooLong,
  tooManyCells,
  tooManyColumns,
  tooManyMerges,
  tooManyRows,
  tooManySharedStrings,
  tooManySheets,
} from './sheetLimits';
import { builtinFormatKind, customFormatKind, serialToIso } from './numberFormats';
import type { SheetSink } from './fastXlsx';
import { FastSheetScanner, FastStringsScanner } from './fastXlsx';
import type { RowWatcher } from './rowWatcher';
import type { XmlScanHandlers } from './xmlStream';
import { feedXml, NotPlainXml, parseXml, scanXml } from './xmlStream';
import type { ZipArchive, ZipEntry } from './zip';
import { entryChunks, findEntry, readEntry } from './zip';

/**
 * An .xlsx (or .xlsm) workbook as Excel, WPS, LibreOffice and ExcelJS write it: the workbook
 * part and its relationships locate the sheets, shared strings and styles; each sheet's XML is
 * parsed as it is inflated. Handled: shared strings with rich-text runs (phonetic runs skipped),
 * inline strings, t="str" formula results, cached formula values (and formulas without one),
 * booleans, errors, dates in the 1900 and 1904 systems, percent formats, merged cells, hidden
 * rows, columns and sheets, and namespace prefixes (x:row).
 */

export interface SheetEntry {
  name: string;
  hidden: boolean;
  part: string;
}

export interface XlsxWorkbook {
  zip: ZipArchive;
  /** The program that saved it (docProps/app.xml), e.g. "Microsoft Excel", "WPS 表格". */
  application: string | null;
  date1904: boolean;
  sheets: SheetEntry[];
  sharedStringsPart: string | null;
  formatKinds: FormatKind[];
  /** Shared strings, read once on first use and kept for every sheet. */
  strings?: string[];
}

const RELATIONSHIP = /\/(officeDocument|worksheet|sharedStrings|styles)$/;

function file(zip: ZipArchive): string {
  return zip.source.name;
}

function required(zip: ZipArchive, part: string): ZipEntry {
  const entry = findEntry(zip, part);
  if (!entry) {
    throw badFile(file(zip), `文件已损坏：缺少 ${part}`, `the file is damaged: ${part} is missing`);
  }
  return entry;
}

/** Parse a small part whole with simple handlers. */
export async function parsePart(
  zip: ZipArchive,
  entry: ZipEntry,
  open: (name: string, attributes: Record<string, string>) => void,
  text?: (text: string) => void,
  close?: (name: string) => void,
): Promise<void> {
  const bytes = await readEntry(zip, entry);
  await parseXml(
    (async function* () {
      yield bytes;
    })(),
    { open, close: close ?? (() => {}), text: text ?? (() => {}) },
    { file: file(zip), part: entry.name },
  );
}

/**
 * A relationship's target as a part name: relative to the source part's folder, or absolute.
 * Some writers put backslashes in it, or write a path from the package root without the
 * leading "/" ("xl/worksheets/sheet1.xml" from xl/workbook.xml); Excel opens those files, so
 * when the relative reading names no part and the root one does, the root one is meant.
 */
function resolveTarget(zip: ZipArchive, sourcePart: string, written: string): string {
  const target = written.replace(/\\/g, '/');
  if (target.startsWith('/')) return path.posix.normalize(target).slice(1);
  const relative = path.posix.normalize(path.posix.join(path.posix.dirname(sourcePart), target));
  if (findEntry(zip, relative)) return relative;
  const fromRoot = path.posix.normalize(target);
  return findEntry(zip, fromRoot) ? fromRoot : relative;
}

export async function relationships(
  zip: ZipArchive,
  part: string,
): Promise<Map<string, { type: string; target: string }>> {
  const relsPart = path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
  const entry = findEntry(zip, relsPart);
  const rels = new Map<string, { type: string; target: string }>();
  if (!entry) return rels;
  await parsePart(zip, entry, (name, attributes) => {
    if (name !== 'Relationship' || !attributes.Id || !attributes.Target) return;
    if (attributes.TargetMode === 'External') return;
    rels.set(attributes.Id, { type: attributes.Type ?? '', target: resolveTarget(zip, part, attributes.Target) });
  });
  return rels;
}

function relationshipKind(type: string): string | null {
  return RELATIONSHIP.exec(type)?.[1] ?? null;
}

/** The r:id attribute, whatever prefix the writer bound the relationships namespace to. */
function relationshipId(attributes: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.endsWith(':id')) return value;
  }
  return undefined;
}

export async function openXlsx(zip: ZipArchive): Promise<XlsxWorkbook> {
  const rootRels = await relationships(zip, '');
  const officeDocument = [...rootRels.values()].find((rel) => relationshipKind(rel.type) === 'officeDocument');
  const workbookPart = officeDocument?.target ?? 'xl/workbook.xml';
  const workbookEntry = required(zip, workbookPart);
  const rels = await relationships(zip, workbookPart);

  let date1904 = false;
  const sheets: SheetEntry[] = [];
  await parsePart(zip, workbookEntry, (name, attributes) => {
    if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    if (name === 'sheet' && attributes.name !== undefined) {
      const rel = rels.get(relationshipId(attributes) ?? '');
      // Chartsheets and dialog sheets have other relationship types: there is nothing to import.
      if (!rel || relationshipKind(rel.type) !== 'worksheet') return;
      if (sheets.length >= IMPORT_CAPS.sheets) throw tooManySheets(file(zip));
      sheets.push({
        name: attributes.name,
        hidden: attributes.state === 'hidden' || attributes.state === 'veryHidden',
        part: rel.target,
      });
    }
  });
  const byKind = (kind: string) =>
    [...rels.values()].find((rel) => relationshipKind(rel.type) === kind)?.target ?? null;
  const sharedStringsPart = byKind('sharedStrings');
  const stylesPart = byKind('styles');
  return {
    zip,
    application: await applicationName(zip),
    date1904,
    sheets,
    sharedStringsPart: sharedStringsPart && findEntry(zip, sharedStringsPart) ? sharedStringsPart : null,
    formatKinds: stylesPart && findEntry(zip, stylesPart) ? await formatKinds(zip, required(zip, stylesPart)) : [],
  };
}

async function applicationName(zip: ZipArchive): Promise<string | null> {
  const entry = findEntry(zip, 'docProps/app.xml');
  if (!entry) return null;
  let inApplication = false;
  let name = '';
  try {
    await parsePart(
      zip,
      entry,
      (tag) => (inApplication = tag === 'Application'),
      (text) => {
        if (inApplication) name += text;
      },
      () => (inApplication = false),
    );
  } catch {
    return null; // document properties are informative only; a damaged one does not stop an import
  }
  return name.trim() || null;
}

/** What each cell style (the s attribute, an index into cellXfs) does to a number. */
async function formatKinds(zip: ZipArchive, entry: ZipEntry): Promise<FormatKind[]> {
  const custom = new Map<number, FormatKind>();
  const kinds: FormatKind[] = [];
  let inCellXfs = false;
  await parsePart(
    zip,
    entry,
    (name, attributes) => {
      if (name === 'numFmt' && attributes.numFmtId !== undefined) {
        custom.set(Number(attributes.numFmtId), customFormatKind(attributes.formatCode ?? ''));
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        kinds.push(custom.get(id) ?? builtinFormatKind(id));
      }
    },
    undefined,
    (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  );
  return kinds;
}

/** _x000D_-style escapes: how OOXML writes characters XML cannot hold. */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Collects the text of string items (<si> in sharedStrings, <is> in a cell): the <t> of plain
 * and rich-text runs, but not of phonetic runs (<rPh>), which repeat the text's reading.
 */
class StringItemCollector {
  private depthInPhonetic = 0;
  private inText = false;
  private parts: string[] = [];

  open(name: string): void {
    if (name === 'rPh') this.depthInPhonetic++;
    else if (name === 't' && this.depthInPhonetic === 0) this.inText = true;
  }

  close(name: string): void {
    if (name === 'rPh') this.depthInPhonetic--;
    else if (name === 't') this.inText = false;
  }

  text(text: string): void {
    if (this.inText) this.parts.push(text);
  }

  /** Forget any text collected so far. */
  clear(): void {
    if (this.parts.length > 0) this.parts = [];
  }

  take(): string {
    return unescapeOoxml(this.takeRaw());
  }

  /** The text collected, as written (OOXML escapes not yet undone). */
  takeRaw(): string {
    const value = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    return value;
  }
}

async function sharedStrings(book: XlsxWorkbook): Promise<string[]> {
  if (!book.sharedStringsPart) return [];
  const entry = required(book.zip, book.sharedStringsPart);
  const where = { file: file(book.zip), part: entry.name };
  /** One more string, within the limits on each string's length and on their number. */
  const add = (strings: string[], text: string): void => {
    if (text.length > IMPORT_CAPS.textChars)
      throw sharedStringTooLong(where.file, where.part, strings.length, text.length);
    if (strings.length >= IMPORT_CAPS.sharedStrings) throw tooManySharedStrings(where.file, where.part);
    strings.push(text);
  };
  return readPart(book.zip, entry, IMPORT_CAPS.sharedStringsBytes, where, {
    fast: () => {
      const strings: string[] = [];
      return { scanner: new FastStringsScanner((raw) => add(strings, unescapeOoxml(raw))), result: () => strings };
    },
    general: async (chunks) => {
      const strings: string[] = [];
      const collector = new StringItemCollector();
      let inItem = false;
      await scanXml(
        chunks,
        {
          open: (name) => {
            if (name === 'si') inItem = true;
            else if (inItem) collector.open(name);
          },
          close: (name) => {
            if (name === 'si') {
              inItem = false;
              add(strings, collector.take());
            } else if (inItem) collector.close(name);
          },
          text: (text) => {
            if (inItem) collector.text(text);
          },
        },
        where,
      );
      return strings;
    },
  });
}

/**
 * Read a large part the fast way (fastXlsx.ts) and, when it is not in the plain shape that
 * reader takes, again with the general scanner. The second reading starts from the entry's
 * first byte with the inflation budget the first one found.
 */
async function readPart<T>(
  zip: ZipArchive,
  entry: ZipEntry,
  cap: number,
  where: { file: string; part: string },
  readers: {
    fast: () => { scanner: { write(text: string): void; end(): void }; result: () => T };
    general: (chunks: AsyncIterable<Buffer>) => Promise<T>;
  },
): Promise<T> {
  const budget = zip.budget.remaining;
  const fast = readers.fast();
  try {
    await feedXml(entryChunks(zip, entry, cap), fast.scanner, where);
    return fast.result();
  } catch (error) {
    if (!(error instanceof NotPlainXml)) throw error;
  }
  zip.budget.remaining = budget;
  return readers.general(entryChunks(zip, entry, cap));
}

/** The column of a cell reference ("AB12" → 27), or -1 when it starts with no letters. */
function refColumn(ref: string): number {
  let index = 0;
  let at = 0;
  for (; at < ref.length; at++) {
    const code = ref.charCodeAt(at) | 32; // lower case
    if (code < 97 || code > 122) break;
    index = index * 26 + (code - 96);
  }
  return at === 0 ? -1 : index - 1;
}

function parseRange(ref: string): MergeRange | null {
  const match = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!match) return null;
  const left = columnIndex(match[1]!);
  const top = Number(match[2]);
  const right = match[3] ? columnIndex(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

/**
 * Builds a sheet's grid from its rows and cells, as either reader (fast or general) reports
 * them: the one place that decides what a cell is.
 */
class SheetGridBuilder implements SheetSink {
  private readonly rows: GridRow[] = [];
  private readonly merges: MergeRange[] = [];
  private readonly hiddenColumns = new Set<number>();
  private columnCount = 0;
  private row: GridRow | null = null;
  private rowHasContent = false;
  private nextRow = 1;
  private nextColumn = 0;
  /** Characters of text in the cells read so far (see IMPORT_CAPS.sheetTextChars). */
  private textChars = 0;
  /** Cells with content read so far (see IMPORT_CAPS.cells). */
  private cellCount = 0;

  constructor(
    private readonly book: XlsxWorkbook,
    private readonly sheet: SheetEntry,
    private readonly strings: readonly string[],
    private readonly watcher?: RowWatcher,
  ) {}

  /** The column count and merged ranges so far. */
  shape(): { columnCount: number; merges: readonly MergeRange[] } {
    return { columnCount: this.columnCount, merges: [...this.merges] };
  }

  startRow(r: string | undefined, hidden: string | undefined): void {
    const number = r === undefined ? this.nextRow : /^\s*\d{1,15}\s*$/.test(r) ? Number(r) : 0;
    if (number < 1) throw badRowNumber(file(this.book.zip), this.sheet.name, r ?? '');
    this.row = { r: number, cells: [] };
    if (hidden === '1' || hidden === 'true') this.row.hidden = true;
    this.rowHasContent = false;
    this.nextRow = number + 1;
    this.nextColumn = 0;
  }

  endRow(): void {
    if (this.row && this.rowHasContent) {
      // An empty row past the end is harmless (nothing is lost by not reading it); content is not.
      if (this.row.r > IMPORT_CAPS.lastRow) throw rowPastEnd(file(this.book.zip), this.sheet.name, this.row.r);
      this.rows.push(this.row);
      if (this.rows.length > IMPORT_CAPS.rows) throw tooManyRows(file(this.book.zip), this.sheet.name);
      this.watcher?.row(this.row);
    }
    this.row = null;
  }

  /** One cell (see SheetSink.cell); OOXML escapes in its texts are undone here. */
  cell(
    at: number,
    type: string | undefined,
    style: number,
    raw: string | null,
    formula: string | null,
    inline: string | null,
    integer = -1,
  ): void {
    const column = at < 0 ? this.nextColumn : at;
    this.nextColumn = column + 1;
    const row = this.row;
    if (!row) return;
    let cell: GridCell | null = null;
    switch (type ?? '') {
      case 's': {
        if (integer >= 0 || raw !== null) {
          const text = this.strings[integer >= 0 ? integer : Number(raw)];
          if (text === undefined) {
            throw badFile(
              file(this.book.zip),
              `文件已损坏：单元格引用了不存在的共享字符串 ${integer >= 0 ? integer : raw}`,
              `the file is damaged: a cell refers to missing shared string ${integer >= 0 ? integer : raw}`,
              {
                sheet: this.sheet.name,
                row: row.r,
                column: columnLetter(column),
              },
            );
          }
          cell = text;
        }
        break;
      }
      case 'inlineStr':
        cell = unescapeOoxml(inline ?? '');
        break;
      case 'str':
        cell = raw !== null ? unescapeOoxml(raw) : formula !== null ? { t: 'f', formula } : null;
        break;
      case 'b':
        cell = raw === null ? null : { t: 'b', v: raw.trim() === '1' || raw.trim() === 'true' };
        break;
      case 'e':
        cell = raw === null ? null : { t: 'e', v: raw };
        break;
      case 'd':
        cell =
          raw === null
            ? null
            : {
                t: 'd',
                v: raw
                  .replace('T', ' ')
                  .replace(/(:00)?(\.0+)?Z?$/, '')
                  .replace(/ 00:00$/, ''),
              };
        break;
      default: {
        let number = integer;
        if (number < 0) {
          if (raw === null || raw.trim() === '') {
            cell = formula !== null ? { t: 'f', formula } : null;
            break;
          }
          number = Number(raw);
          if (Number.isNaN(number)) {
            cell = raw; // some writers put text in a numeric cell; keep what it says
            break;
          }
        }
        const kind = this.book.formatKinds[style] ?? 'number';
        cell =
          kind === 'date'
            ? { t: 'd', v: serialToIso(number, this.book.date1904) }
            : kind === 'percent'
              ? { t: 'n', v: number, percent: true }
              : kind === 'approximate'
                ? { t: 'n', v: number, approximate: true }
                : number;
      }
    }
    if (cell === null || cell === '') return;
    if (column >= IMPORT_CAPS.lastColumn) throw columnPastEnd(file(this.book.zip), this.sheet.name, row.r);
    if (column >= IMPORT_CAPS.columns) throw tooManyColumns(file(this.book.zip), this.sheet.name, column);
    if (++this.cellCount > IMPORT_CAPS.cells) throw tooManyCells(file(this.book.zip), this.sheet.name, row.r);
    const text =
      typeof cell === 'string'
        ? cell
        : typeof cell === 'object'
          ? cell.t === 'f'
            ? cell.formula
            : cell.t === 'e' || cell.t === 'd'
              ? cell.v
              : null
          : null;
    if (text !== null) this.countText(text, row.r, column);
    row.cells[column] = cell;
    this.rowHasContent = true;
    if (column + 1 > this.columnCount) this.columnCount = column + 1;
  }

  /** Each cell's text is bounded, and so is the text of all the cells together. */
  private countText(text: string, row: number, column: number): void {
    const fileName = file(this.book.zip);
    if (text.length > IMPORT_CAPS.textChars)
      throw textTooLong(fileName, text.length, { sheet: this.sheet.name, row, column });
    this.textChars += text.length;
    if (this.textChars > IMPORT_CAPS.sheetTextChars) throw sheetTextTooLarge(fileName, this.sheet.name, row);
  }

  column(min: string | undefined, max: string | undefined, hidden: string | undefined): void {
    if (hidden !== '1' && hidden !== 'true') return;
    const first = Number(min ?? 1);
    const last = Math.min(Number(max ?? first), first + IMPORT_CAPS.columns);
    for (let index = first; index <= last; index++) this.hiddenColumns.add(index - 1);
  }

  merge(ref: string | undefined): void {
    const range = ref ? parseRange(ref) : null;
    if (!range) return;
    if (this.merges.length >= IMPORT_CAPS.merges) throw tooManyMerges(file(this.book.zip), this.sheet.name);
    this.merges.push(range);
  }

  grid(): Grid {
    return {
      name: this.sheet.name,
      rows: this.rows,
      merges: this.merges,
      hiddenColumns: [...this.hiddenColumns].filter((index) => index < this.columnCount).sort((a, b) => a - b),
      columnCount: this.columnCount,
      ...(this.sheet.hidden ? { hidden: true } : {}),
    };
  }
}

/** The general scanner's events for a worksheet, turned into the builder's calls. */
function sheetHandlers(builder: SheetGridBuilder): XmlScanHandlers {
  // The cell being read.
  let ref: string | undefined;
  let type: string | undefined;
  let style: string | undefined;
  let value: string | null = null;
  let formula: string | null = null;
  let inline: string | null = null;
  let reading: 'v' | 'f' | null = null;
  let inInline = false;
  const collector = new StringItemCollector();
  return {
    open: (name, attributes) => {
      switch (name) {
        case 'row':
          builder.startRow(attributes.get('r'), attributes.get('hidden'));
          break;
        case 'c':
          ref = attributes.get('r');
          type = attributes.get('t');
          style = attributes.get('s');
          value = null;
          formula = null;
          inline = null;
          break;
        case 'v':
          reading = 'v';
          break;
        case 'f':
          reading = 'f';
          break;
        case 'is':
          inInline = true;
          collector.clear();
          break;
        case 'col':
          builder.column(attributes.get('min'), attributes.get('max'), attributes.get('hidden'));
          break;
        case 'mergeCell':
          builder.merge(attributes.get('ref'));
          break;
        default:
          if (inInline) collector.open(name);
      }
    },
    close: (name) => {
      switch (name) {
        case 'v':
        case 'f':
          reading = null;
          break;
        case 'is':
          inInline = false;
          inline = (inline ?? '') + collector.takeRaw();
          break;
        case 'c':
          builder.cell(ref ? refColumn(ref) : -1, type, style ? Number(style) : 0, value, formula, inline);
          break;
        case 'row':
          builder.endRow();
          break;
        default:
          if (inInline) collector.close(name);
      }
    },
    text: (text) => {
      if (reading === 'v') value = value === null ? text : value + text;
      else if (reading === 'f') formula = formula === null ? text : formula + text;
      else if (inInline) collector.text(text);
    },
  };
}

/** Read one sheet into a grid, streaming its XML. */
export async function readXlsxSheet(book: XlsxWorkbook, sheet: SheetEntry, watcher?: RowWatcher): Promise<Grid> {
  const fileName = file(book.zip);
  const entry = findEntry(book.zip, sheet.part);
  if (!entry) {
    throw badFile(
      fileName,
      `文件已损坏：工作表“${sheet.name}”的内容缺失`,
      `the file is damaged: the content of sheet "${sheet.name}" is missing`,
      {
        sheet: sheet.name,
      },
    );
  }
  const strings = (book.strings ??= await sharedStrings(book));
  const where = { file: fileName, part: entry.name };
  return readPart(book.zip, entry, IMPORT_CAPS.uncompressedBytes, where, {
    fast: () => {
      const builder = new SheetGridBuilder(book, sheet, strings, watcher);
      watcher?.sheet(sheet.name, () => builder.shape());
      return { scanner: new FastSheetScanner(builder), result: () => builder.grid() };
    },
    general: async (chunks) => {
      watcher?.restart();
      const builder = new SheetGridBuilder(book, sheet, strings);
      await scanXml(chunks, sheetHandlers(builder), where);
      return builder.grid();
    },
  });
}
