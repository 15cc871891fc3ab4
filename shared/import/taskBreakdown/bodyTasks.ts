import type { UnitDirectory } from '../importDepartments';
import type { BlockPlace, DocumentBlock } from './blocks';
import { isNonTaskSection, isTitleOnly, readNumbering } from './numbering';
import type { Level } from './numbering';
import type { Responsibility } from './responsibility';
import { readResponsibility, trailingNote } from './responsibility';
import type { Section } from './types';

/**
 * The numbered items of a document's body, in the heading hierarchy 一、（一）1．（1）①. Within each
 * top-level part, the level that holds the tasks is the shallowest one whose items have a body (or
 * a responsibility note), outside the parts that set out aims and safeguards (总体要求, 工作目标,
 * 保障措施…, unless their items carry notes): above it are headings (sections), below it
 * sub-items. An unnumbered paragraph after an item continues it — or, when it ends with a
 * responsibility note of its own, is an item of its own. Numbers that start again in each
 * section (（一）1. …（二）1.) are told apart by their section's number: "（二）1".
 */

export interface BodyItem {
  kind: 'task' | 'subItem' | 'paragraph';
  seq: string;
  parent: BodyItem | null;
  /** The item's number value (tasks only), to check the order. */
  value: number | null;
  sectionPath: Section[];
  /** The text after the number, continuation paragraphs joined by line breaks, note removed. */
  text: string;
  note: Responsibility | null;
  /** A 完成时限 the document states for the item ("完成时限：2024年底前"), or null. */
  stated: string | null;
  /** Its number was inferred from Word's automatic numbering. */
  autoNumbered: boolean;
  place: BlockPlace;
  /** A later paragraph's note this item relies on (a task without one of its own). */
  inherited: Responsibility | null;
}

interface Node {
  level: Level;
  label: string;
  value: number;
  text: string;
  note: string | null;
  /** A 完成时限 the document states for the item on a line of its own. */
  stated: string | null;
  autoNumbered: boolean;
  place: BlockPlace;
  path: Node[];
  nonTask: boolean;
  /** Index of its top-level part (each 一、 starts one). */
  part: number;
  continuations: { text: string; note: string | null; place: BlockPlace }[];
}

export interface BodyReading {
  items: BodyItem[];
  sections: Section[];
  /** Units every task after the note carries ("以下均需…负责落实，不再列出"), with the item that set the rule. */
  carryForwardFrom: { item: BodyItem; units: Responsibility['carryForward'] } | null;
}

const LABEL_LINE =
  /^[（(]?((?:牵头|配合|责任|协办|参与|主要责任)(?:单位|部门|主体)|完成时限|完成时间|时间节点)[:：]\s*(.+?)[）)]?$/;
const ENDS_PARAGRAPH = /[。；;：:！？!?）)」”"]$/;
const opens = (text: string) => (text.match(/[（(]/g) ?? []).length - (text.match(/[）)]/g) ?? []).length;

/**
 * Paragraphs as the author wrote them: a paragraph broken by a page ("…(市发改委牵头,市工信局等部"
 * + "门按职责分工负责)") or by hard line breaks in a text file is joined again when it stops
 * without a stop or with a bracket left open, and the next paragraph starts no new item.
 */
export function joinBrokenParagraphs(blocks: readonly DocumentBlock[]): DocumentBlock[] {
  const out: DocumentBlock[] = [];
  for (const block of blocks) {
    const last = out[out.length - 1];
    if (
      block.kind === 'paragraph' &&
      last?.kind === 'paragraph' &&
      !readNumbering(block.text) &&
      !/^附件/.test(block.text) &&
      (opens(last.text) > 0 ||
        (last.text.length >= (readNumbering(last.text) ? 40 : 30) && !ENDS_PARAGRAPH.test(last.text)))
    ) {
      out[out.length - 1] = { ...last, text: `${last.text}${block.text}` };
      continue;
    }
    out.push(block);
  }
  return out;
}

function nodesOf(blocks: readonly DocumentBlock[]): Node[] {
  const nodes: Node[] = [];
  const stack: Node[] = [];
  let part = 0;
  for (const block of joinBrokenParagraphs(blocks)) {
    if (block.kind !== 'paragraph') continue;
    const numbered = readNumbering(block.text);
    if (!numbered) {
      // The attachments start: nothing after this continues the body's items.
      if (/^附件\s*\d*\s*[:：]?/.test(block.text)) stack.length = 0;
      const owner = stack[stack.length - 1];
      // "责任单位：…" or "完成时限：…" on a line of its own, under the item it belongs to.
      const labelled = LABEL_LINE.exec(block.text.trim());
      if (owner && labelled) {
        if (/时限|时间|时间节点/.test(labelled[1]!)) owner.stated = labelled[2]!.trim();
        else owner.note = owner.note ? `${owner.note}；${block.text.trim()}` : block.text.trim();
        continue;
      }
      const split = trailingNote(block.text);
      if (owner)
        owner.continuations.push({
          text: split ? split.before : block.text,
          note: split?.note ?? null,
          place: block.place,
        });
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.level >= numbered.level) stack.pop();
    if (numbered.level === 1 || stack.length === 0) part++;
    const split = trailingNote(numbered.rest);
    const node: Node = {
      level: numbered.level,
      label: numbered.label,
      value: numbered.value,
      text: split ? split.before : numbered.rest,
      note: split?.note ?? null,
      stated: null,
      autoNumbered: block.autoNumbered === true,
      place: block.place,
      path: [...stack],
      nonTask: stack.some((outer) => isNonTaskSection(outer.text)) || isNonTaskSection(numbered.rest),
      part,
      continuations: [],
    };
    nodes.push(node);
    stack.push(node);
  }
  return nodes;
}

const headingLabel = (node: Node): string => (node.level === 1 ? `${node.label}、` : node.label);

/** The task level of each top-level part: the shallowest level with a body or a note. */
function taskLevels(nodes: readonly Node[]): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const node of nodes) {
    if (node.nonTask && node.note === null) continue;
    if (node.note === null && isTitleOnly(node.text)) continue;
    const known = levels.get(node.part);
    if (known === undefined || node.level < known) levels.set(node.part, node.level);
  }
  return levels;
}

export function readBody(blocks: readonly DocumentBlock[], directory: UnitDirectory | null): BodyReading {
  const nodes = nodesOf(blocks);
  const levels = taskLevels(nodes);
  const sections: Section[] = [];
  const items: BodyItem[] = [];
  let carryForwardFrom: BodyReading['carryForwardFrom'] = null;
  const noteCarries = (item: BodyItem, note: Responsibility) => {
    if (note.carryForward.length > 0 && !carryForwardFrom) carryForwardFrom = { item, units: note.carryForward };
  };
  let task: BodyItem | null = null;
  let taskNode: Node | null = null;
  for (const node of nodes) {
    const taskLevel = levels.get(node.part);
    if (taskLevel === undefined || node.level < taskLevel) {
      sections.push({ level: node.level, label: headingLabel(node), title: node.text, place: node.place });
      task = null;
      taskNode = null;
      continue;
    }
    if (node.nonTask && node.note === null) continue;
    const sectionPath = node.path
      .filter((outer) => outer.level < taskLevel)
      .map((outer) => ({ level: outer.level, label: headingLabel(outer), title: outer.text, place: outer.place }));
    const note = node.note !== null ? readResponsibility(node.note, directory) : null;
    let item: BodyItem;
    if (node.level === taskLevel) {
      item = {
        stated: node.stated,
        autoNumbered: node.autoNumbered,
        kind: 'task',
        seq: node.label,
        parent: null,
        value: node.value,
        sectionPath,
        text: node.text,
        note,
        place: node.place,
        inherited: null,
      };
      task = item;
      taskNode = node;
    } else {
      const parent = task !== null && taskNode !== null && node.path.includes(taskNode) ? task : null;
      item = {
        stated: node.stated,
        autoNumbered: node.autoNumbered,
        kind: 'subItem',
        seq: `${parent?.seq ?? ''}${node.label}`,
        parent,
        value: null,
        sectionPath,
        text: node.text,
        note,
        place: node.place,
        inherited: null,
      };
    }
    items.push(item);
    if (note) noteCarries(item, note);
    let extra = 0;
    for (const continuation of node.continuations) {
      if (continuation.note === null) {
        item.text = `${item.text}\n${continuation.text}`;
        continue;
      }
      const paragraphNote = readResponsibility(continuation.note, directory);
      // An item whose own paragraph has no note relies on the first note after it.
      if (item.note === null && item.inherited === null && extra === 0) item.inherited = paragraphNote;
      extra++;
      const paragraph: BodyItem = {
        stated: null,
        autoNumbered: false,
        kind: 'paragraph',
        seq: `${item.seq}-${extra}`,
        parent: item.kind === 'task' ? item : (item.parent ?? item),
        value: null,
        sectionPath,
        text: continuation.text,
        note: paragraphNote,
        place: continuation.place,
        inherited: null,
      };
      items.push(paragraph);
      noteCarries(paragraph, paragraphNote);
    }
  }
  distinguishRestartedNumbers(items);
  return { items, sections, carryForwardFrom };
}

/** When task numbers start again in each section, a task's seq gets its section's number first. */
function distinguishRestartedNumbers(items: BodyItem[]): void {
  const tasks = items.filter((item) => item.kind === 'task');
  const seen = new Set<string>();
  const repeated = tasks.some((item) => (seen.has(item.seq) ? true : (seen.add(item.seq), false)));
  if (!repeated) return;
  const renamed = new Map<BodyItem, { from: string; to: string }>();
  for (const item of tasks) {
    const section = item.sectionPath[item.sectionPath.length - 1];
    if (section) renamed.set(item, { from: item.seq, to: `${section.label}${item.seq}` });
  }
  for (const item of items) {
    const own = renamed.get(item);
    if (own) {
      item.seq = own.to;
      continue;
    }
    // Sub-items and paragraphs were numbered after their task's old seq.
    const owner = item.parent ? renamed.get(item.parent) : undefined;
    if (owner && item.seq.startsWith(owner.from)) item.seq = `${owner.to}${item.seq.slice(owner.from.length)}`;
  }
}
