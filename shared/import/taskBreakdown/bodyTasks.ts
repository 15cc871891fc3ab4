import type { UnitDirectory } from '../importDepartments';
import type { BlockPlace, DocumentBlock } from './blocks';
import { isNonTaskSection, isTitleOnly, readNumbering } from './numbering';
import type { Level } from './numbering';
import type { Responsibility } from './responsibility';
import { readResponsibility, trailingNote } from './responsibility';
import type { Section } from './types';

/**
 * The numbered items of a document's body, in the heading hierarchy 一、（一）1．（1）①. The level
 * that holds the tasks is the shallowest one whose items have a body (or a responsibility note)
 * outside the parts that set out aims and safeguards (总体要求, 工作目标, 保障措施…): above it are
 * headings (sections), below it sub-items. An unnumbered paragraph after an item continues it —
 * or, when it ends with a responsibility note of its own, is an item of its own.
 */

export interface BodyItem {
  kind: 'task' | 'subItem' | 'paragraph';
  seq: string;
  parentSeq: string | null;
  /** The item's number value (tasks only), to check the order. */
  value: number | null;
  sectionPath: Section[];
  /** The text after the number, continuation paragraphs joined by line breaks, note removed. */
  text: string;
  note: Responsibility | null;
  place: BlockPlace;
  /** A later paragraph's note this item relies on (a task without one of its own). */
  inherited: Responsibility | null;
}

interface Node {
  level: Level | 0;
  label: string;
  value: number;
  text: string;
  note: string | null;
  place: BlockPlace;
  path: Section[];
  nonTask: boolean;
  continuations: { text: string; note: string | null; place: BlockPlace }[];
}

export interface BodyReading {
  items: BodyItem[];
  sections: Section[];
  taskLevel: Level | null;
  /** Units every task after the note carries ("以下均需…负责落实，不再列出"), with the seq of the item that set the rule. */
  carryForwardFrom: { seq: string; units: Responsibility['carryForward'] } | null;
}

function nodesOf(blocks: readonly DocumentBlock[]): Node[] {
  const nodes: Node[] = [];
  const stack: Node[] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    if (/^附件\s*\d*\s*[:：]?/.test(block.text) && stack.length > 0 && !readNumbering(block.text)) {
      // The attachments start: nothing after this continues the body's items.
      stack.length = 0;
      nodes.push({
        level: 0,
        label: '',
        value: 0,
        text: block.text,
        note: null,
        place: block.place,
        path: [],
        nonTask: true,
        continuations: [],
      });
      continue;
    }
    const numbered = readNumbering(block.text);
    if (!numbered) {
      const owner = stack[stack.length - 1];
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
    const path = stack.map((node) => ({ level: node.level, label: node.label, title: node.text, place: node.place }));
    const split = trailingNote(numbered.rest);
    const node: Node = {
      level: numbered.level,
      label: numbered.label,
      value: numbered.value,
      text: split ? split.before : numbered.rest,
      note: split?.note ?? null,
      place: block.place,
      path,
      nonTask: stack.some((outer) => isNonTaskSection(outer.text)) || isNonTaskSection(numbered.rest),
      continuations: [],
    };
    nodes.push(node);
    stack.push(node);
  }
  return nodes;
}

function seqLabel(node: Node): string {
  return node.level === 1 ? `${node.label}、` : node.label;
}

export function readBody(blocks: readonly DocumentBlock[], directory: UnitDirectory | null): BodyReading {
  const nodes = nodesOf(blocks).filter((node) => node.level !== 0);
  const candidates = nodes.filter((node) => !node.nonTask || node.note !== null);
  const withBody = candidates.filter((node) => node.note !== null || !isTitleOnly(node.text));
  const taskLevel = withBody.length > 0 ? (Math.min(...withBody.map((node) => node.level)) as Level) : null;
  const sections: Section[] = [];
  const items: BodyItem[] = [];
  let carryForwardFrom: BodyReading['carryForwardFrom'] = null;
  if (taskLevel === null) return { items, sections, taskLevel, carryForwardFrom };
  let task: BodyItem | null = null;
  for (const node of nodes) {
    if (node.level < taskLevel) {
      sections.push({ level: node.level, label: seqLabel(node), title: node.text, place: node.place });
      task = null;
      continue;
    }
    if (node.nonTask && node.note === null) continue;
    const sectionPath = node.path
      .filter((outer) => outer.level < taskLevel)
      .map((outer) => ({ ...outer, label: outer.level === 1 ? `${outer.label}、` : outer.label }));
    const note = node.note !== null ? readResponsibility(node.note, directory) : null;
    let item: BodyItem;
    if (node.level === taskLevel) {
      item = {
        kind: 'task',
        seq: node.label,
        parentSeq: null,
        value: node.value,
        sectionPath,
        text: node.text,
        note,
        place: node.place,
        inherited: null,
      };
      task = item;
    } else {
      item = {
        kind: 'subItem',
        seq: `${task?.seq ?? ''}${node.label}`,
        parentSeq: task?.seq ?? null,
        value: null,
        sectionPath,
        text: node.text,
        note,
        place: node.place,
        inherited: null,
      };
    }
    items.push(item);
    if (note && note.carryForward.length > 0 && !carryForwardFrom)
      carryForwardFrom = { seq: item.seq, units: note.carryForward };
    let extra = 0;
    for (const continuation of node.continuations) {
      if (continuation.note === null) {
        item.text = `${item.text}\n${continuation.text}`;
        continue;
      }
      const paragraphNote = readResponsibility(continuation.note, directory);
      // A task whose own paragraph has no note relies on the first note after it.
      if (item.note === null && item.inherited === null && extra === 0) item.inherited = paragraphNote;
      extra++;
      const owner = task ?? item;
      items.push({
        kind: 'paragraph',
        seq: `${item.seq}-${extra}`,
        parentSeq: owner.seq,
        value: null,
        sectionPath,
        text: continuation.text,
        note: paragraphNote,
        place: continuation.place,
        inherited: null,
      });
      if (paragraphNote.carryForward.length > 0 && !carryForwardFrom)
        carryForwardFrom = { seq: `${item.seq}-${extra}`, units: paragraphNote.carryForward };
    }
  }
  return { items, sections, taskLevel, carryForwardFrom };
}
