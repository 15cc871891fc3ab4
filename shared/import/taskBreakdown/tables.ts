import type { UnitDirectory } from '../importDepartments';
import type { BlockPlace, DocumentBlock } from './blocks';
import { chineseNumber } from './numbering';
import type { UnitName } from './responsibility';
import { readUnitList } from './responsibility';

/**
 * Tables of responsibilities in a document. A table whose header names a task column and a
 * 牵头/责任单位 column is one: with a 具体内容 column it IS the task breakdown (the 孤独症 plan's
 * 任务分解表); without one it is an attachment (附件：重点任务责任分工) to be joined to the body's
 * numbered tasks. A table broken over pages (the header repeated, or one table per page) is read
 * as one; repeated header rows are dropped.
 */

export type ColumnRole = 'seq' | 'item' | 'content' | 'lead' | 'coop' | 'deadline' | 'note';

const HEADER_WORDS: [ColumnRole, RegExp][] = [
  ['seq', /^(?:序号|编号|序)$/],
  ['content', /具体内容|工作内容|具体措施|主要内容|工作措施|任务内容|具体任务|主要措施|工作举措|任务要求/],
  ['item', /工作事项|重点任务|主要任务|任务名称|工作任务|任务事项|^任务$|^事项$|工作项目|任务/],
  ['lead', /牵头单位|牵头部门|责任单位|责任部门|主责单位|牵头/],
  ['coop', /配合单位|配合部门|协办单位|参与单位|配合/],
  ['deadline', /完成时限|完成时间|时间节点|时限|进度安排/],
  ['note', /^备注$/],
];

export interface TableRow {
  cells: Partial<Record<ColumnRole, string>>;
  /** 1-based row among the table's data rows. */
  row: number;
  place: BlockPlace;
}

export interface ResponsibilityTable {
  kind: 'breakdown' | 'attachment';
  columns: Partial<Record<ColumnRole, number>>;
  header: string[];
  rows: TableRow[];
  place: BlockPlace;
  repeatedHeaders: number;
}

const clean = (cell: string): string =>
  cell
    .replace(/<\/?p\s*>/gi, '\n')
    .replace(/[ \t]*\n[ \t\n]*/g, '\n')
    .trim();

function headerColumns(row: readonly string[]): Partial<Record<ColumnRole, number>> | null {
  const columns: Partial<Record<ColumnRole, number>> = {};
  row.forEach((cell, index) => {
    const text = cell.replace(/\s/g, '');
    if (text === '' || text.length > 12) return;
    const role = HEADER_WORDS.find(([candidate, pattern]) => columns[candidate] === undefined && pattern.test(text));
    if (role) columns[role[0]] = index;
  });
  if (columns.lead === undefined || (columns.item === undefined && columns.content === undefined)) return null;
  return columns;
}

const sameHeader = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((cell, index) => cell.replace(/\s/g, '') === (b[index] ?? '').replace(/\s/g, ''));

export function responsibilityTables(blocks: readonly DocumentBlock[]): ResponsibilityTable[] {
  const tables: ResponsibilityTable[] = [];
  let last: ResponsibilityTable | null = null;
  let paragraphsSince = 0;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      paragraphsSince++;
      continue;
    }
    const rows = block.rows.map((row) => row.map(clean));
    const headerIndex = rows.slice(0, 3).findIndex((row) => headerColumns(row) !== null);
    let table: ResponsibilityTable;
    let body: string[][];
    if (headerIndex >= 0) {
      const header = rows[headerIndex]!;
      const continues = last !== null && paragraphsSince <= 1 && sameHeader(last.header, header);
      if (continues) {
        table = last!;
        table.repeatedHeaders++;
      } else {
        const columns = headerColumns(header)!;
        table = {
          kind: columns.content !== undefined ? 'breakdown' : 'attachment',
          columns,
          header,
          rows: [],
          place: block.place,
          repeatedHeaders: 0,
        };
        tables.push(table);
      }
      body = rows.slice(headerIndex + 1);
    } else if (last !== null && paragraphsSince <= 1 && rows[0]?.length === last.header.length) {
      // The rest of a table on the next page, without its header.
      table = last;
      body = rows;
    } else {
      last = null;
      continue;
    }
    for (const row of body) {
      if (sameHeader(row, table.header)) {
        table.repeatedHeaders++;
        continue;
      }
      if (row.every((cell) => cell === '')) continue;
      const cells: TableRow['cells'] = {};
      for (const [role, index] of Object.entries(table.columns) as [ColumnRole, number][])
        cells[role] = row[index] ?? '';
      table.rows.push({ cells, row: table.rows.length + 1, place: block.place });
    }
    last = table;
    paragraphsSince = 0;
  }
  return tables.filter((table) => table.rows.length > 0);
}

/** Units of a table cell: 、 or line breaks or spaces between them; the lead cell's first unit leads. */
export function cellUnits(cell: string, directory: UnitDirectory | null): UnitName[] {
  return readUnitList(cell.replace(/\n/g, directory ? '\n' : '、'), directory);
}

/** A seq cell's number ("3", "（三）", "3.", "第3项"), or null. */
export function seqValue(text: string): number | null {
  const flat = text.replace(/[\s（()）.．、第项]/g, '');
  if (/^\d{1,4}$/.test(flat)) return Number(flat);
  return chineseNumber(flat);
}

/** How alike two titles are (character bigrams, Dice), 0…1. */
export function titleLikeness(a: string, b: string): number {
  const grams = (text: string) => {
    const flat = text.replace(/[\s，,。；;：:、“”"（）()]/g, '');
    const out = new Map<string, number>();
    for (let index = 0; index < flat.length - 1; index++) {
      const gram = flat.slice(index, index + 2);
      out.set(gram, (out.get(gram) ?? 0) + 1);
    }
    return out;
  };
  const left = grams(a);
  const right = grams(b);
  let common = 0;
  let total = 0;
  for (const count of left.values()) total += count;
  for (const count of right.values()) total += count;
  for (const [gram, count] of left) common += Math.min(count, right.get(gram) ?? 0);
  return total === 0 ? 0 : (2 * common) / total;
}
