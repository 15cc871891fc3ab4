import type { UnitDirectory } from '../importDepartments';
import { placeLabel } from './blocks';
import type { DocumentBlock } from './blocks';
import type { BodyItem } from './bodyTasks';
import { readBody } from './bodyTasks';
import { joinAttachment } from './attachment';
import type { Responsibility, UnitName } from './responsibility';
import { cellUnits, responsibilityTables } from './tables';
import type { ResponsibilityTable } from './tables';
import { quantifiedTargets } from './targets';
import { deadlineCell, timePhrases } from './timePhrases';
import type { Breakdown, ProposedRow, Reason, ResponsibilitySource } from './types';
import { confidenceOf, unknownUnitReasons } from './types';

/**
 * From a policy document to the rows of its 任务分解表 (issue 16): the body's numbered tasks with
 * their responsibility notes and carry-forward rules, or the document's own breakdown table, or
 * the body joined to an attachment table of responsibilities. Every row says how sure the reading
 * is and why; nothing here writes anything — the user reviews, corrects and commits.
 */

export interface BreakdownOptions {
  /** The plan's unit list; null reads every unit as written (all flagged unknown). */
  directory: UnitDirectory | null;
}

/** The year a dated document is for ("2023年…工作方案"), for deadlines written without one ("6月底前"). */
export function documentYear(blocks: readonly DocumentBlock[]): number | null {
  for (const block of blocks.slice(0, 40)) {
    if (block.kind !== 'paragraph') continue;
    if (!/方案|计划|要点|意见|安排|清单/.test(block.text) || block.text.length > 80) continue;
    const years = [...block.text.matchAll(/((?:19|20)\d{2})\s*年/g)].map((match) => Number(match[1]));
    const ranges = /(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*(?:19|20)\d{2}/.test(block.text);
    if (years.length === 1 && !ranges) return years[0]!;
  }
  return null;
}

/** "工作事项" and "具体内容": the text before the first 。, and the rest. */
export function splitTitle(text: string): { item: string; content: string; hadStop: boolean } {
  const flat = text.trim();
  const stop = flat.indexOf('。');
  if (stop < 0) return { item: flat.replace(/[；;：:]$/, ''), content: '', hadStop: false };
  return { item: flat.slice(0, stop).trim(), content: flat.slice(stop + 1).trim(), hadStop: true };
}

const SOURCE_REASON: Record<ResponsibilitySource, Reason> = {
  own: { zh: '责任单位取自本项末尾的括注', en: "units from the note at the end of the item's paragraph", penalty: 0 },
  paragraph: { zh: '责任单位取自本段末尾的括注', en: 'units from the note at the end of the paragraph', penalty: 0 },
  continuation: {
    zh: '本项没有括注，责任单位取自其后段落的括注',
    en: 'the item has no note; units from the note of the paragraph after it',
    penalty: 0.15,
  },
  parent: {
    zh: '子项没有括注，沿用所属任务的责任单位',
    en: "the sub-item has no note; its task's units apply",
    penalty: 0.1,
  },
  attachment: {
    zh: '责任单位取自附件责任分工表',
    en: 'units from the attachment table of responsibilities',
    penalty: 0.05,
  },
  table: { zh: '取自文档中的任务分解表', en: "read from the document's own breakdown table", penalty: 0 },
  none: { zh: '未找到责任单位', en: 'no responsible unit found', penalty: 0.4 },
};

function mergeUnits(first: readonly UnitName[], then: readonly UnitName[]): UnitName[] {
  const out = [...first];
  for (const unit of then) if (!out.some((known) => known.name === unit.name)) out.push(unit);
  return out;
}

function bodyRow(item: BodyItem, contextYear: number | null): ProposedRow {
  const parent = item.parent;
  const reasons: Reason[] = [];
  let note: Responsibility | null = item.note;
  let from: ResponsibilitySource = item.kind === 'paragraph' ? 'paragraph' : 'own';
  if (!note && item.inherited) {
    note = item.inherited;
    from = 'continuation';
  } else if (!note && parent && (parent.note ?? parent.inherited)) {
    note = parent.note ?? parent.inherited;
    from = 'parent';
  } else if (!note) from = 'none';
  const { item: title, content, hadStop } = splitTitle(item.text);
  const headingOnly = content === '' && item.kind === 'task';
  if (from === 'none' && headingOnly) {
    reasons.push({
      zh: '本项只有标题，内容与责任单位见其子项',
      en: 'a title only: its sub-items carry the content and units',
      penalty: 0,
    });
  } else reasons.push(SOURCE_REASON[from]);
  if (!hadStop && !headingOnly) {
    reasons.push({ zh: '没有句号，整段作为工作事项', en: 'no 。: the whole paragraph is the title', penalty: 0.1 });
  }
  if (item.autoNumbered) {
    reasons.push({
      zh: '序号来自 Word 自动编号，按列表顺序推断，请核对',
      en: "the number is Word's automatic numbering, inferred from the list's order: check it",
      penalty: 0.1,
    });
  }
  if (note?.how === 'listed') {
    reasons.push({
      zh: '责任单位按“列第一位的为牵头单位”读取',
      en: 'listed units: the first is read as the lead',
      penalty: 0.05,
    });
  }
  if (note?.how === 'joint') {
    reasons.push({
      zh: '“按职责分工负责”：所列单位均为牵头单位',
      en: '"按职责分工负责": every unit named leads',
      penalty: 0,
    });
  }
  const lead = note ? [...note.lead] : [];
  const coop = note ? mergeUnits(note.coop, note.implement) : [];
  reasons.push(...unknownUnitReasons([...lead, ...coop]));
  const phrases = timePhrases(item.stated ? `${item.text}\n${item.stated}` : item.text, contextYear);
  // A 完成时限 the document states for the item is the row's, read like any phrase when it is one.
  const stated = item.stated ? deadlineCell(timePhrases(item.stated, contextYear), contextYear) || item.stated : null;
  return {
    seq: item.seq,
    section: item.sectionPath.map((section) => `${section.label}${section.title}`).join(' / '),
    item: title,
    content,
    lead,
    coop,
    deadline: stated ?? deadlineCell(phrases, contextYear),
    timePhrases: phrases,
    targets: quantifiedTargets(item.text),
    place: item.place,
    responsibility: note?.raw ?? '',
    responsibilityFrom: from,
    kind: item.kind,
    parentSeq: item.parent?.seq ?? null,
    confidence: 0,
    reasons,
  };
}

/** The rule of an earlier note ("以下均需…负责落实，不再列出") added to every later row. */
function applyCarryForward(rows: ProposedRow[], start: number, setBy: string, units: readonly UnitName[]): void {
  const names = units.map((unit) => unit.name).join('、');
  for (const row of rows.slice(start + 1)) {
    if (row.responsibilityFrom === 'none' && row.lead.length === 0) continue;
    const added = units.filter(
      (unit) =>
        !row.coop.some((known) => known.name === unit.name) && !row.lead.some((known) => known.name === unit.name),
    );
    if (added.length === 0) continue;
    row.coop = [...row.coop, ...added];
    row.reasons.push({
      zh: `按第${setBy}项“以下均需…负责落实”的说明，加上${names}`,
      en: `${names} added by the rule in item ${setBy} ("以下均需…负责落实")`,
      penalty: 0,
    });
  }
}

function tableRows(
  table: ResponsibilityTable,
  directory: UnitDirectory | null,
  contextYear: number | null,
): ProposedRow[] {
  const rows: ProposedRow[] = [];
  let carriedItem = '';
  for (const row of table.rows) {
    const reasons: Reason[] = [{ ...SOURCE_REASON.table }];
    let item = (row.cells.item ?? '').replace(/\n/g, '');
    if (item === '' && carriedItem !== '') {
      item = carriedItem;
      reasons.push({
        zh: '工作事项单元格为空（合并单元格），沿用上一行',
        en: 'the 工作事项 cell is empty (a merged cell): carried from the row above',
        penalty: 0.15,
      });
    }
    carriedItem = item;
    const content = row.cells.content ?? '';
    const lead = cellUnits(row.cells.lead ?? '', directory);
    const coop = cellUnits(row.cells.coop ?? '', directory);
    if (lead.length === 0) reasons.push({ ...SOURCE_REASON.none });
    reasons.push(...unknownUnitReasons([...lead, ...coop]));
    const text = `${content}${row.cells.deadline ? `\n${row.cells.deadline}` : ''}`;
    const phrases = timePhrases(text, contextYear);
    rows.push({
      seq: (row.cells.seq ?? '').trim() || String(row.row),
      section: '',
      item,
      content,
      lead,
      coop,
      deadline: row.cells.deadline?.trim() || deadlineCell(phrases, contextYear),
      timePhrases: phrases,
      targets: quantifiedTargets(content),
      place: row.place,
      responsibility: [row.cells.lead, row.cells.coop].filter(Boolean).join(' / '),
      responsibilityFrom: 'table',
      kind: 'tableRow',
      parentSeq: null,
      confidence: 0,
      reasons,
    });
  }
  return rows;
}

function checkOrder(rows: ProposedRow[], items: readonly BodyItem[]): void {
  let previous: number | null = null;
  for (const item of items) {
    if (item.kind !== 'task' || item.value === null) continue;
    if (previous !== null && item.value !== previous + 1 && item.value !== 1) {
      const row = rows.find((candidate) => candidate.seq === item.seq && candidate.kind === 'task');
      row?.reasons.push({
        zh: `序号不连续：上一项为 ${previous}，本项为 ${item.value}`,
        en: `numbering skips: the item before is ${previous}, this one ${item.value}`,
        penalty: 0.2,
      });
    }
    previous = item.value;
  }
}

export function readBreakdown(blocks: readonly DocumentBlock[], options: BreakdownOptions): Breakdown {
  const contextYear = documentYear(blocks);
  const tables = responsibilityTables(blocks);
  const breakdownTables = tables.filter((table) => table.kind === 'breakdown');
  const body = readBody(blocks, options.directory);
  const mismatches: Reason[] = [];
  let rows: ProposedRow[];
  let from: Breakdown['from'] = 'body';
  const bodyHasNotes = body.items.some((item) => item.note !== null);
  if (breakdownTables.length > 0 && !bodyHasNotes) {
    from = 'table';
    rows = breakdownTables.flatMap((table) => tableRows(table, options.directory, contextYear));
  } else {
    rows = body.items.map((item) => bodyRow(item, contextYear));
    if (body.carryForwardFrom) {
      const { item, units } = body.carryForwardFrom;
      applyCarryForward(rows, body.items.indexOf(item), item.seq, units);
    }
    checkOrder(rows, body.items);
    const attachment = tables.find((table) => table.kind === 'attachment');
    if (attachment && rows.length > 0) {
      from = 'body+attachment';
      mismatches.push(...joinAttachment(rows, attachment, options.directory));
    } else if (attachment) {
      from = 'table';
      rows = tableRows(attachment, options.directory, contextYear);
    }
  }
  for (const row of rows) row.confidence = confidenceOf(row.reasons);
  return { from, contextYear, sections: body.sections, rows, mismatches };
}

/** 出处 as the sheet shows it. */
export function sourceLabel(row: ProposedRow): string {
  return placeLabel(row.place).zh;
}
