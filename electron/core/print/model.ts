import { commentNotes } from './commentNotes';
import type { PrintFilter, PrintOptions, PrintSortKey } from '../../../shared/contract/calls/printing';
import type { PlanComment, PlanMeta, RowData, SheetDetail } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/values/cells';
import type { ColumnDef, ColumnRole } from '../../../shared/model/columns';
import { columnHeader, isDepartmentType, isSummable } from '../../../shared/model/columns';
import { sumDecimals } from '../../../shared/values/exactDecimal';
import type { MoneyUnit } from '../../../shared/values/money';
import { decimalToFen, formatMoney } from '../../../shared/values/money';
import { groupThousands, headerBands } from '../../../shared/rules/presentation';
import type { FontPlan } from './fonts';
import { TRUETYPE_PLAN } from './fonts';
import type { PageGeometry } from './geometry';
import { pageGeometry } from './geometry';
import { shorten } from './text';
import { columnWidths } from './widths';
import type { PrintTotal } from './printTotal';

/**
 * The print model: what goes on paper, before it is cut into pages. Built from the plan's
 * metadata, the sheet and its rows, and the print options; pure (no store, no browser), so the
 * preview, the PDF and every front end print the same thing.
 */

export type Align = 'left' | 'center' | 'right';

export interface PrintColumn {
  key: string;
  /** The header as printed, money with its unit: 投资匡算（万元）. */
  header: string;
  widthMm: number;
  align: Align;
  /** 0 for the category column, 1 for the subcategory column when merging; otherwise null. */
  mergeLevel: number | null;
  summable: 'money' | 'number' | null;
  /** Amounts and numbers stay on one line. */
  noWrap: boolean;
  /** What the column means: 序号 repeats in the parts of a split row, sub-rows indent under 名称. */
  role: ColumnRole | null;
}

/** One cell of a header row; headers like 目标值·2025年 / 目标值·2030年 become two rows. */
export interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
}

export interface PrintRow {
  kind: 'row';
  rowId: number;
  /** 1-based place of the row in its sheet, as the user counts rows. */
  rowNumber: number;
  /** How the row is named in messages: its name cell, or its number. */
  label: string;
  /** Display text per printed column. */
  cells: string[];
  /** Per printed column: the key equal neighbours merge on (merge columns only), else null. */
  mergeKeys: (string | null)[];
  /** A sub-row (e.g. a sub-indicator) under the row before it. */
  child: boolean;
  /** A row taller than a page is printed in parts: which part this is, and per cell whether its text goes on. */
  part: { index: number; count: number; continuesFrom: boolean[]; continuesTo: boolean[] } | null;
}

export type { PrintTotal } from './printTotal';

export interface PrintSection {
  /** 牵头单位：市教育局（5 项）, and 牵头单位：市教育局（续） atop its later pages; null when not grouped. */
  heading: { text: string; continued: string } | null;
  rows: PrintRow[];
  subtotal: PrintTotal | null;
}

export interface PrintModel {
  geometry: PageGeometry;
  fontSizePt: number;
  /** The font stacks; layout.ts may switch to the CFF plan for documents with many characters. */
  fonts: FontPlan;
  attachmentLabel: string | null;
  title: string | null;
  docNumber: string | null;
  columns: PrintColumn[];
  headerRows: HeaderCell[][];
  sections: PrintSection[];
  total: PrintTotal | null;
  /** The sheet's note under the table (a 资金分配表's formula and weights), as a last full-width row. */
  note?: PrintTotal | null;
  /** The printed rows' comments (批注), one full-width 注 line each, after the note (commentNotes.ts). */
  commentNotes?: PrintTotal[];
  /** Distinct sheet rows printed (a row listed under two lead units counts once). */
  rowCount: number;
  warnings: string[];
}

export interface PrintSource {
  meta: PlanMeta;
  sheet: SheetDetail;
  /** Every row of the sheet, in sheet order. */
  rows: readonly RowData[];
  /** Canonical name of a unit or alias, for filters on department columns. */
  resolveDepartment: (name: string) => string | null;
  /** A note printed under the table (注：…), if the sheet has one. */
  note?: string | null;
  /** The sheet's comments (批注), printed under the table when the options ask. */
  comments?: readonly PlanComment[];
}

const CENTERED_TYPES = new Set(['year', 'yearRange', 'date', 'choice', 'status', 'percent']);
const CENTERED_ROLES = new Set([
  'seq',
  'period',
  'deadline',
  'unit',
  'attribute',
  'compliance',
  'district',
  'allocationPeriod',
]);
const APPROXIMATE_PREFIX = /^\s*(约|大约|近|逾)/;

export function buildPrintModel(source: PrintSource, options: PrintOptions): PrintModel {
  const { sheet } = source;
  assertColumnsExist(sheet, options);
  const warnings: string[] = [];
  const geometry = pageGeometry(options);
  const columns = printedColumns(sheet, options);
  const byKey = new Map(sheet.columns.map((column) => [column.key, column]));

  const blocks = sortBlocks(filterBlocks(toBlocks(source.rows), source, options.filters), sheet, options.sort);
  const rowNumbers = new Map(source.rows.map((row, index) => [row.id, index + 1]));
  const mergeColumns = options.mergeCategories ? mergeOrder(columns) : [];
  const nameColumn = sheet.columns.find((column) => column.role === 'name');

  const toPrintRow = (row: RowData): PrintRow => {
    const mergeValues = mergeColumns.map((column) => cellText(row.cells[column.def.key]));
    return {
      kind: 'row',
      rowId: row.id,
      rowNumber: rowNumbers.get(row.id) ?? 0,
      label: rowLabel(row, rowNumbers.get(row.id) ?? 0, nameColumn),
      cells: columns.map((column) => displayText(column, row.cells[column.def.key])),
      mergeKeys: columns.map((column) => {
        const level = mergeColumns.indexOf(column);
        return level < 0 ? null : JSON.stringify(mergeValues.slice(0, level + 1));
      }),
      child: row.parentId !== null,
      part: null,
    };
  };

  const groupColumn = options.groupBy === null ? null : requireColumn(sheet, options.groupBy, 'groupBy');
  const sections: PrintSection[] = [];
  if (groupColumn) {
    const groups = groupBlocks(blocks, groupColumn);
    const repeated = blocks.filter((block) => groupValues(block[0]!, groupColumn).length > 1).length;
    if (repeated > 0) {
      warnings.push(
        `有 ${repeated} 项的${groupColumn.name}不止一个，在每个分节中各列一次，合计只计一次 / ` +
          `${repeated} rows have several values in ${groupColumn.name} and are listed in each of their sections; the grand total counts them once`,
      );
    }
    for (const [value, groupRows] of groups) {
      const rows = groupRows.flat();
      const name = `${groupColumn.name}：${value === '' ? '（未填写）' : value}`;
      sections.push({
        heading: { text: `${name}（${groupRows.length} 项）`, continued: `${name}（续）` },
        rows: rows.map(toPrintRow),
        subtotal: options.totalsRow ? totalRow('小计', columns, rows, groupRows.length, byKey) : null,
      });
    }
  } else {
    sections.push({ heading: null, rows: blocks.flat().map(toPrintRow), subtotal: null });
  }
  if (sections.length === 0 || blocks.length === 0) {
    warnings.push('没有符合筛选条件的行 / no rows match the filter');
  }

  const printedRows = blocks.flat();
  const total = options.totalsRow ? totalRow('合计', columns, printedRows, blocks.length, byKey) : null;

  const { widths, scaledFixed, cramped } = columnWidths(
    columns.map((column, index) => ({
      type: column.def.type,
      header: column.header,
      // One text per row in every column (the totals row too), as columnWidths expects.
      texts: [
        ...sections.flatMap((section) => section.rows.map((row) => row.cells[index] ?? '')),
        total?.cells[index] ?? '',
      ],
      fixedMm: column.fixedMm,
      noWrap: column.noWrap,
    })),
    geometry.bodyWidthMm,
    options.fontSizePt,
  );
  if (cramped) {
    warnings.push(
      '列数较多，版心宽度放不下各列的最小宽度，金额等可能显示不全；可减少列、改用 A3 或横向 / ' +
        'too many columns for the page width: amounts may not fit; print fewer columns, or use A3 or landscape',
    );
  } else if (scaledFixed) {
    warnings.push(
      '所设列宽之和超出版心宽度，已按比例缩小 / the fixed column widths exceed the page width and were scaled down',
    );
  }

  return {
    geometry,
    fontSizePt: options.fontSizePt,
    fonts: TRUETYPE_PLAN,
    attachmentLabel: options.attachmentNumber === null ? null : `附件${options.attachmentNumber.trim()}`,
    title: printTitle(source, options),
    docNumber: options.docNumber.trim() || null,
    columns: columns.map((column, index) => ({
      key: column.def.key,
      header: column.header,
      widthMm: widths[index] ?? 10,
      align: column.align,
      mergeLevel: mergeColumns.includes(column) ? mergeColumns.indexOf(column) : null,
      summable: column.summable,
      noWrap: column.noWrap,
      role: column.def.role,
    })),
    headerRows: headerRows(columns.map((column) => column.header)),
    sections,
    total,
    note: source.note ? { kind: 'total', label: source.note, cells: columns.map(() => null), note: true } : null,
    commentNotes: options.comments
      ? commentNotes(
          source.comments ?? [],
          sections.flatMap((section) => section.rows),
          sheet,
          columns.length,
        )
      : [],
    rowCount: printedRows.length,
    warnings,
  };
}

// ---- columns ----------------------------------------------------------------------------

interface ChosenColumn {
  def: ColumnDef;
  header: string;
  fixedMm: number | null;
  align: Align;
  summable: 'money' | 'number' | null;
  noWrap: boolean;
}

function missingColumn(sheet: SheetDetail, what: string, key: string): PlanbenchError {
  return PlanbenchError.of(
    'invalid_value',
    `打印设置（${what}）中的列“${key}”不在工作表“${sheet.name}”中`,
    `the print setup (${what}) names column "${key}", which sheet "${sheet.name}" does not have`,
    { sheet: sheet.name, column: key },
  );
}

function requireColumn(sheet: SheetDetail, key: string, what: string): ColumnDef {
  const column = sheet.columns.find((candidate) => candidate.key === key);
  if (!column) throw missingColumn(sheet, what, key);
  return column;
}

/** Refuse a setup that names a column the sheet does not have (before saving or printing it). */
export function assertColumnsExist(sheet: SheetDetail, options: PrintOptions): void {
  const named: [string, string][] = [
    ...(options.columns ?? []).map((column): [string, string] => ['columns', column.key]),
    ...options.filters.map((filter): [string, string] => ['filters', filter.columnKey]),
    ...options.sort.map((key): [string, string] => ['sort', key.columnKey]),
    ...(options.groupBy === null ? [] : [['groupBy', options.groupBy] as [string, string]]),
  ];
  for (const [what, key] of named) requireColumn(sheet, key, what);
}

function printedColumns(sheet: SheetDetail, options: PrintOptions): ChosenColumn[] {
  const choices =
    options.columns ??
    sheet.columns.filter((column) => !column.hidden).map((column) => ({ key: column.key, widthMm: null }));
  const seen = new Set<string>();
  const chosen: ChosenColumn[] = [];
  for (const choice of choices) {
    const def = requireColumn(sheet, choice.key, 'columns');
    if (seen.has(def.key)) continue;
    seen.add(def.key);
    const summable = isSummable(def) ? (def.type === 'money' ? 'money' : 'number') : null;
    chosen.push({
      def,
      header: printedHeader(def),
      fixedMm: choice.widthMm,
      align:
        def.type === 'money' || def.type === 'number'
          ? def.role === 'seq'
            ? 'center'
            : 'right'
          : CENTERED_TYPES.has(def.type) || (def.role !== null && CENTERED_ROLES.has(def.role))
            ? 'center'
            : 'left',
      summable,
      noWrap: def.type === 'money' || def.type === 'number' || def.type === 'percent',
    });
  }
  if (chosen.length === 0) {
    throw PlanbenchError.of(
      'invalid_value',
      `工作表“${sheet.name}”没有可打印的列`,
      `sheet "${sheet.name}" has no columns to print`,
      {
        sheet: sheet.name,
      },
    );
  }
  return chosen;
}

/** The header as printed: an amount's unit on a line of its own, 投资匡算 over （万元）. */
function printedHeader(column: ColumnDef): string {
  const header = columnHeader(column);
  return column.type === 'money' ? header.replace(/^(.+?)(（[^（）]*元）)$/, '$1\n$2') : header;
}

/** The printed columns that merge equal neighbours: the category column, then the subcategory column. */
function mergeOrder(columns: readonly ChosenColumn[]): ChosenColumn[] {
  const category = columns.find((column) => column.def.role === 'category');
  const subcategory = columns.find((column) => column.def.role === 'subcategory');
  return [category, subcategory].filter((column): column is ChosenColumn => column !== undefined);
}

/**
 * Header rows. A run of columns named "目标值·2025年", "目标值·2030年" shares a first-row cell
 * 目标值 over second-row cells 2025年 and 2030年; other columns span both rows.
 */
export function headerRows(headers: readonly string[]): HeaderCell[][] {
  const { grouped, bands } = headerBands(headers);
  if (!grouped) return [headers.map((text) => ({ text, colspan: 1, rowspan: 1 }))];
  const top: HeaderCell[] = [];
  const bottom: HeaderCell[] = [];
  for (const band of bands) {
    if (band.group === null) {
      top.push({ text: band.leaves[0]!, colspan: 1, rowspan: 2 });
      continue;
    }
    top.push({ text: band.group, colspan: band.leaves.length, rowspan: 1 });
    for (const leaf of band.leaves) bottom.push({ text: leaf, colspan: 1, rowspan: 1 });
  }
  return [top, bottom];
}

// ---- cells ------------------------------------------------------------------------------

function cellText(cell: CellValue | undefined): string {
  return cell?.text ?? '';
}

/** A cell as printed: amounts with separators and the column's decimals; everything else as written. */
function displayText(column: ChosenColumn, cell: CellValue | undefined): string {
  if (!cell) return '';
  if (column.def.type === 'money' && typeof cell.value === 'string') {
    const unit = moneyUnit(column.def);
    const fen = decimalToFen(cell.value, unit);
    if (fen === null) return cell.text;
    const approximate = APPROXIMATE_PREFIX.exec(cell.text)?.[1] ?? '';
    return approximate + formatMoney(fen, unit, column.def.settings.decimals ?? 2);
  }
  return cell.text;
}

function moneyUnit(column: ColumnDef): MoneyUnit {
  return column.settings.moneyUnit ?? '万元';
}

function rowLabel(row: RowData, rowNumber: number, nameColumn: ColumnDef | undefined): string {
  const name = nameColumn ? shorten(cellText(row.cells[nameColumn.key])) : '';
  return name ? `第 ${rowNumber} 行（${name}）` : `第 ${rowNumber} 行`;
}

// ---- rows: blocks, filter, sort, groups ---------------------------------------------------

/** A top-level row with the sub-rows under it; sorting and filtering move blocks, never split them. */
type Block = RowData[];

function toBlocks(rows: readonly RowData[]): Block[] {
  const blocks: Block[] = [];
  const blockOf = new Map<number, Block>();
  for (const row of rows) {
    const parentBlock = row.parentId === null ? undefined : blockOf.get(row.parentId);
    if (parentBlock) {
      parentBlock.push(row);
      blockOf.set(row.id, parentBlock);
    } else {
      const block = [row];
      blocks.push(block);
      blockOf.set(row.id, block);
    }
  }
  return blocks;
}

function filterBlocks(blocks: Block[], source: PrintSource, filters: readonly PrintFilter[]): Block[] {
  if (filters.length === 0) return blocks;
  const tests = filters.map((filter) => {
    const column = requireColumn(source.sheet, filter.columnKey, 'filters');
    if (isDepartmentType(column.type)) {
      const wanted = new Set(filter.values.map((value) => source.resolveDepartment(value) ?? value.trim()));
      return (row: RowData) => {
        const value = row.cells[column.key]?.value;
        return Array.isArray(value) && value.some((name) => wanted.has(name));
      };
    }
    const wanted = new Set(filter.values.map((value) => value.trim()));
    return (row: RowData) => wanted.has(cellText(row.cells[column.key]).trim());
  });
  // A block stays when one of its rows passes every filter: a sub-row never prints without its row.
  return blocks.filter((block) => block.some((row) => tests.every((passes) => passes(row))));
}

const COLLATOR = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

function sortBlocks(blocks: Block[], sheet: SheetDetail, keys: readonly PrintSortKey[]): Block[] {
  if (keys.length === 0) return blocks;
  const comparators = keys.map((key) => {
    const column = requireColumn(sheet, key.columnKey, 'sort');
    const sign = key.direction === 'desc' ? -1 : 1;
    return (a: RowData, b: RowData): number => {
      const left = sortValue(column, a.cells[column.key]);
      const right = sortValue(column, b.cells[column.key]);
      // Empty cells go last whichever way the column is sorted.
      if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
      if (typeof left === 'string' || typeof right === 'string')
        return sign * COLLATOR.compare(String(left), String(right));
      return sign * (left < right ? -1 : left > right ? 1 : 0);
    };
  });
  // Array.prototype.sort is stable: rows equal on every key keep their sheet order.
  return [...blocks].sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a[0]!, b[0]!);
      if (result !== 0) return result;
    }
    return 0;
  });
}

function sortValue(column: ColumnDef, cell: CellValue | undefined): string | number | bigint | null {
  if (!cell || cell.text.trim() === '') return null;
  if (column.type === 'money')
    return typeof cell.value === 'string' ? decimalToFen(cell.value, moneyUnit(column)) : null;
  if (typeof cell.value === 'number') return cell.value;
  if (Array.isArray(cell.value)) return cell.value.join('、') || cell.text;
  return cell.text;
}

function groupValues(row: RowData, column: ColumnDef): string[] {
  const cell = row.cells[column.key];
  if (isDepartmentType(column.type)) {
    const names = Array.isArray(cell?.value) ? cell.value : [];
    // A unit the plan does not list still gets its own section, under the name as written.
    return names.length > 0 ? names : [cellText(cell).trim()];
  }
  return [cellText(cell).trim()];
}

/** Blocks per value of the group column, in order of first appearance; a block under several units goes in each. */
function groupBlocks(blocks: readonly Block[], column: ColumnDef): Map<string, Block[]> {
  const groups = new Map<string, Block[]>();
  for (const block of blocks) {
    for (const value of groupValues(block[0]!, column)) {
      const group = groups.get(value) ?? [];
      group.push(block);
      groups.set(value, group);
    }
  }
  // Rows with the unit left blank come last.
  const blank = groups.get('');
  if (blank) {
    groups.delete('');
    groups.set('', blank);
  }
  return groups;
}

// ---- totals -----------------------------------------------------------------------------

/**
 * 合计 or 小计 over `rows`: exact sums of the printed money and number columns, and the count of
 * items, naming how many amounts are unknown ("/" or blank) and so not in the sum.
 */
function totalRow(
  word: '合计' | '小计',
  columns: readonly ChosenColumn[],
  rows: readonly RowData[],
  items: number,
  byKey: ReadonlyMap<string, ColumnDef>,
): PrintTotal {
  const notes: string[] = [];
  const cells = columns.map((column) => {
    if (!column.summable) return null;
    const def = byKey.get(column.def.key)!;
    if (column.summable === 'money') {
      const unit = moneyUnit(def);
      let fen = 0n;
      let known = 0;
      for (const row of rows) {
        const value = row.cells[def.key]?.value;
        const amount = typeof value === 'string' ? decimalToFen(value, unit) : null;
        if (amount === null) continue;
        fen += amount;
        known++;
      }
      const unknown = rows.length - known;
      if (unknown > 0) notes.push(`其中 ${unknown} 项${def.name}未知，未计入`);
      return formatMoney(fen, unit, def.settings.decimals ?? 2);
    }
    const values = rows
      .map((row) => row.cells[def.key]?.value)
      .filter((value): value is number => typeof value === 'number')
      .map(String);
    return groupThousands(sumDecimals(values));
  });
  return { kind: 'total', label: `${word}（共 ${items} 项${notes.length ? '，' + notes.join('，') : ''}）`, cells };
}

// ---- title --------------------------------------------------------------------------------

/**
 * The sheet's own title, read from its description when that names the table the way plans do:
 * "《常州市生态文明建设规划（2021—2030年）》附表 常州市生态文明建设重点工程表" gives the table's title;
 * "《常州市深化孤独症全程支持服务实施方案》（…）附件 任务分解表" gives the document's name with it,
 * 常州市深化孤独症全程支持服务实施方案任务分解表. Otherwise the sheet's name.
 */
export function sheetTitle(sheet: Pick<SheetDetail, 'name' | 'description'>): string {
  const match = /^《([^》]+)》.*?(?:附件|附表|表\s*\d+)\s*(\S.*)$/.exec(sheet.description.trim());
  if (!match) return sheet.name;
  const [, document = '', table = ''] = match;
  // A bare "任务分解表" needs the document's name; a title naming its place stands alone.
  return /[市省县区]/.test(table) || table.length >= 12 ? table : document + table;
}

function printTitle(source: PrintSource, options: PrintOptions): string | null {
  switch (options.titleSource) {
    case 'none':
      return null;
    case 'plan':
      return source.meta.title;
    case 'custom':
      return options.customTitle.trim() || null;
    default:
      return sheetTitle(source.sheet);
  }
}
