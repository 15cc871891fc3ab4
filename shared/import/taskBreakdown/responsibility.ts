import type { UnitDirectory } from '../importDepartments';
import { normaliseUnitName, readUnits } from '../importDepartments';

/**
 * Who does a task, as policy documents write it at the end of the task's paragraph:
 *   (市发改委牵头,市工信局、生态环境局等配合,各辖市区人民政府负责落实)
 *   (市发改委、工信局、生态环境局按职责分工负责)       — all of them answer for it
 *   (责任单位：市教育局、市残联)                      — the first listed leads
 *   (牵头单位：市卫健委；配合单位：市残联)
 * and a rule for every later task: "以下均需各辖市区人民政府、常州经开区管委会负责落实，不再列出".
 * Units keep the order written; each is matched to the plan's unit list (aliases, and a name
 * written without the 市 of the list it follows: 市发改委、工信局 → 市工业和信息化局); a name the
 * list does not know is kept as written and flagged.
 */

export interface UnitName {
  /** The plan's name for the unit, or the name as written when the plan does not know it. */
  name: string;
  known: boolean;
  /** As the document writes it. */
  written: string;
}

export interface Responsibility {
  /** The note's text, without its brackets. */
  raw: string;
  lead: UnitName[];
  coop: UnitName[];
  /** Units that carry out the task locally (…负责落实). */
  implement: UnitName[];
  /** The units carried forward to every later task ("以下均需…负责落实，不再列出"). */
  carryForward: UnitName[];
  /** How the roles were read, for the row's reasons. */
  how: 'lead' | 'joint' | 'listed' | 'implement';
}

const ROLE_WORDS = /(牵头|配合|参与|协助|协同|按职责分工负责|按职责分工|分工负责|负责落实|共同负责|负责|落实|实施)$/;
const LEAD_LABEL = /^(?:牵头单位|牵头部门|主要责任单位)[:：]/;
const COOP_LABEL = /^(?:配合单位|配合部门|协办单位|参与单位)[:：]/;
const LISTED_LABEL = /^(?:责任单位|责任部门|责任主体|实施单位|承办单位)[:：]/;
const CARRY_FORWARD = /以下(?:各项任务)?(?:均|都|皆)?(?:需|由|要)?(.+?)(?:负责落实|负责|落实)/;

/** Words a unit list ends with that are not units: "等", "等部门", "等部门和单位"; "各有关部门" is kept. */
function stripTail(text: string): string {
  return text
    .replace(/^(?:由|请)/, '')
    .replace(/(?:等|以及)?(?:相关|有关)?(?:部门|单位)(?:和|及|、)?(?:部门|单位)?$/, (tail) =>
      /^(?:相关|有关)/.test(tail) ? tail : '',
    )
    .replace(/等$/, '')
    .trim();
}

/** "各辖市、区" is one collective (各辖市区), not two units; so is "各辖市（区）". */
const normaliseCollectives = (text: string) => text.replace(/各辖市[、，,]\s*区/g, '各辖市区');

/** "X和Y" / "X及Y" where both are the plan's units: two units (和 is also inside names: 自然资源和规划局). */
function splitJoined(name: string, directory: UnitDirectory): string[] | null {
  for (let index = name.indexOf('和'); index > 0; index = name.indexOf('和', index + 1)) {
    const left = directory.lookup(normaliseUnitName(name.slice(0, index)));
    const right = directory.lookup(normaliseUnitName(name.slice(index + 1)));
    if (left && right) return [left, right];
  }
  return null;
}

export function readUnitList(text: string, directory: UnitDirectory | null): UnitName[] {
  const cleaned = stripTail(normaliseCollectives(text));
  if (cleaned === '') return [];
  if (!directory) {
    return cleaned
      .split(/[、，,；;]+/)
      .map((part) => stripTail(part.trim()))
      .filter((part) => part !== '')
      .map((part) => ({ name: part, known: false, written: part }));
  }
  // The whole list at once: readUnits also rejoins names broken by spaces or lines, splits
  // run-together ones and shares a place between names ("市、辖市(区) 慈善总会").
  const reading = readUnits(
    cleaned
      .split(/[、，,；;]+/)
      .map((part) => stripTail(part.trim()))
      .join('、'),
    directory,
  );
  const out: UnitName[] = [];
  let place: string | null = null;
  for (const name of reading.names) {
    const known = reading.units.includes(name);
    const joined = known ? null : splitJoined(name, directory);
    if (joined) {
      for (const unit of joined) out.push({ name: unit, known: true, written: name });
      continue;
    }
    // A name without the 市 (or 区…) of the list it follows: 市发改委、工信局.
    const prefixed =
      !known && place !== null && !name.startsWith(place) ? directory.lookup(normaliseUnitName(place + name)) : null;
    if (prefixed) out.push({ name: prefixed, known: true, written: name });
    else out.push({ name, known, written: name });
    const leading = /^(市|省|区|县)/.exec(name);
    if (leading) place = leading[1]!;
  }
  const seen = new Set<string>();
  return out.filter((unit) => (seen.has(unit.name) ? false : (seen.add(unit.name), true)));
}

/** Whether a bracketed text is a note of who is responsible (and not, say, "（试行）"). */
export function isResponsibilityNote(text: string): boolean {
  const flat = text.replace(/\s/g, '');
  return (
    LEAD_LABEL.test(flat) ||
    COOP_LABEL.test(flat) ||
    LISTED_LABEL.test(flat) ||
    /(?:牵头|配合|参与|按职责分工|负责落实|分工负责|负责)(?:[。.，,；;]|$)/.test(flat) ||
    /以下(?:各项任务)?均/.test(flat)
  );
}

export function readResponsibility(raw: string, directory: UnitDirectory | null): Responsibility {
  const lead: UnitName[] = [];
  const coop: UnitName[] = [];
  const implement: UnitName[] = [];
  let carryForward: UnitName[] = [];
  let how: Responsibility['how'] = 'lead';
  let pending: string[] = [];
  const text = raw.replace(/\s+/g, '');
  const forward = CARRY_FORWARD.exec(text);
  let body = text.replace(/(?:不再一一列出|不再列出|下同)/g, '');
  if (forward) {
    carryForward = readUnitList(forward[1]!, directory);
    body = body.replace(forward[0], '');
  }
  // Labelled forms first: 牵头单位：…；配合单位：…；责任单位：…
  // Each label starts a part, whatever stands before it: "牵头单位：X，配合单位：Y" or "…；…".
  const labelled = body
    .split(/[；;。，,]*(?=(?:牵头|配合|责任|协办|参与|实施|承办|主要责任)(?:单位|部门|主体)[:：])|[；;。]/)
    .filter((part) => part !== '');
  if (labelled.some((part) => LEAD_LABEL.test(part) || COOP_LABEL.test(part) || LISTED_LABEL.test(part))) {
    for (const part of labelled) {
      const units = readUnitList(part.replace(/^[^:：]*[:：]/, ''), directory);
      if (LEAD_LABEL.test(part)) lead.push(...units);
      else if (COOP_LABEL.test(part)) coop.push(...units);
      else if (LISTED_LABEL.test(part)) {
        // 责任单位 lists: the first listed leads (列第一位的为牵头单位).
        how = 'listed';
        lead.push(...units.slice(0, 1));
        coop.push(...units.slice(1));
      }
    }
    return { raw, lead, coop, implement, carryForward, how };
  }
  let joint = false;
  for (const segment of body.split(/[，,；;。]/)) {
    if (segment === '') continue;
    const role = ROLE_WORDS.exec(segment);
    if (!role) {
      pending.push(segment);
      continue;
    }
    const units = readUnitList([...pending, segment.slice(0, role.index)].join('、'), directory);
    pending = [];
    const word = role[1]!;
    if (word === '牵头') lead.push(...units);
    else if (/配合|参与|协助|协同/.test(word)) coop.push(...units);
    else if (/落实|实施/.test(word) && (lead.length > 0 || coop.length > 0 || joint)) implement.push(...units);
    else if (lead.length > 0 && !joint) {
      // "X牵头，Y、Z等部门按职责分工负责": X leads, the others do their part.
      coop.push(...units);
    } else {
      // 按职责分工负责 and the like alone: every unit named answers for the task; none leads the others.
      joint = true;
      lead.push(...units);
    }
  }
  if (pending.length > 0) {
    const units = readUnitList(pending.join('、'), directory);
    if (lead.length === 0 && coop.length === 0) lead.push(...units);
    else coop.push(...units);
  }
  if (joint) how = 'joint';
  else if (lead.length === 0 && coop.length === 0 && implement.length === 0 && carryForward.length > 0)
    how = 'implement';
  return { raw, lead, coop, implement, carryForward, how };
}

/**
 * The bracketed note at the very end of a paragraph, with the text before it; brackets inside the
 * note (各辖市(区)) are balanced. Null when the paragraph does not end with a responsibility note.
 */
export function trailingNote(text: string): { before: string; note: string } | null {
  const trimmed = text.trim().replace(/[。.]$/, '');
  if (!/[)）]$/.test(trimmed)) return null;
  let depth = 0;
  for (let index = trimmed.length - 1; index >= 0; index--) {
    const char = trimmed[index]!;
    if (char === ')' || char === '）') depth++;
    else if (char === '(' || char === '（') {
      depth--;
      if (depth === 0) {
        const note = trimmed.slice(index + 1, -1);
        if (!isResponsibilityNote(note)) return null;
        return { before: trimmed.slice(0, index).trim(), note };
      }
    }
  }
  return null;
}
