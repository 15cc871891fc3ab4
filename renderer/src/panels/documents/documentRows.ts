import { textLooksLikeTable } from '../../../../shared/import/textKind';
import type { AcceptedTaskRow, ProposedTaskRow } from '../../../../shared/contract/calls/documents';

/**
 * The rows of a document's proposed breakdown as the user corrects them before committing:
 * merge a row into the one above (two paragraphs that are one task), split a row's 具体内容 at a
 * sentence (one paragraph holding two tasks), re-assign its units (the first 牵头单位 leads),
 * change any text, or leave a row out. Pure: the dialog keeps the list, the commit sends it.
 */

export interface EditableRow {
  /** Stable key for React across merges and splits. */
  key: string;
  seq: string;
  section: string;
  item: string;
  content: string;
  lead: string[];
  coop: string[];
  deadline: string;
  targets: string[];
  source: string;
  note: string;
  confidence: number;
  reasons: { zh: string; en: string }[];
  /** Unit names the plan's list does not know (flagged in the dialog). */
  unknown: string[];
  included: boolean;
}

export function editableRows(rows: readonly ProposedTaskRow[]): EditableRow[] {
  return rows.map((row, index) => ({
    key: `r${index}`,
    seq: row.seq,
    section: row.section,
    item: row.item,
    content: row.content,
    lead: row.lead.map((unit) => unit.name),
    coop: row.coop.map((unit) => unit.name),
    deadline: row.deadline,
    targets: [...row.targets],
    source: row.source,
    note:
      row.confidence < 0.7
        ? `待核实：${row.reasons
            .filter((reason) => reason.penalty > 0)
            .map((reason) => reason.zh)
            .join('；')}`
        : '',
    confidence: row.confidence,
    reasons: row.reasons.map(({ zh, en }) => ({ zh, en })),
    unknown: [...row.lead, ...row.coop].filter((unit) => !unit.known).map((unit) => unit.name),
    included: true,
  }));
}

const union = (first: readonly string[], then: readonly string[]) => [
  ...first,
  ...then.filter((name) => !first.includes(name)),
];

/** Row `index` joins the row above it: its text is appended, its units and targets added. */
export function mergeUp(rows: readonly EditableRow[], index: number): EditableRow[] {
  if (index <= 0 || index >= rows.length) return [...rows];
  const above = rows[index - 1]!;
  const row = rows[index]!;
  const merged: EditableRow = {
    ...above,
    content: [above.content, row.item && row.item !== above.item ? `${row.item}。${row.content}` : row.content]
      .filter(Boolean)
      .join('\n'),
    lead: union(above.lead, row.lead),
    coop: union(above.coop, row.coop).filter((name) => !union(above.lead, row.lead).includes(name)),
    deadline: above.deadline || row.deadline,
    targets: union(above.targets, row.targets),
    source: above.source === row.source ? above.source : `${above.source}、${row.source}`,
    unknown: union(above.unknown, row.unknown),
    reasons: [...above.reasons, { zh: `已合并第${row.seq}项`, en: `item ${row.seq} merged in` }],
  };
  return [...rows.slice(0, index - 1), merged, ...rows.slice(index + 1)];
}

/**
 * Row `index` splits after its `sentence`-th sentence of 具体内容 (1-based): the rest becomes a new
 * row below with the same section and units, its title the first sentence of the rest.
 */
export function splitAt(rows: readonly EditableRow[], index: number, sentence: number): EditableRow[] {
  const row = rows[index];
  if (!row) return [...rows];
  const sentences = row.content.split(/(?<=。)/).filter((part) => part.trim() !== '');
  if (sentence < 1 || sentence >= sentences.length) return [...rows];
  const kept = sentences.slice(0, sentence).join('');
  const rest = sentences.slice(sentence).join('').trim();
  const stop = rest.indexOf('。');
  const second: EditableRow = {
    ...row,
    key: `${row.key}s${sentence}`,
    seq: `${row.seq}-拆`,
    item: stop < 0 ? rest : rest.slice(0, stop),
    content: stop < 0 ? '' : rest.slice(stop + 1),
    reasons: [...row.reasons, { zh: `由第${row.seq}项拆出`, en: `split from item ${row.seq}` }],
  };
  return [...rows.slice(0, index), { ...row, content: kept }, second, ...rows.slice(index + 1)];
}

/** Units as typed: 、，,；; or spaces between names; order kept, repeats dropped. */
export function typedUnits(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、，,；;\s]+/)
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}

export function updateRow(rows: readonly EditableRow[], index: number, change: Partial<EditableRow>): EditableRow[] {
  return rows.map((row, at) => (at === index ? { ...row, ...change } : row));
}

/** What the commit sends: the included rows, as the user left them. */
export function acceptedRows(rows: readonly EditableRow[]): AcceptedTaskRow[] {
  return rows
    .filter((row) => row.included)
    .map((row) => ({
      seq: row.seq,
      section: row.section,
      item: row.item,
      content: row.content,
      lead: row.lead,
      coop: row.coop,
      deadline: row.deadline,
      targets: row.targets,
      source: row.source,
      note: row.note,
    }));
}

/** Files the import dialog hands to the document breakdown instead of the table import. */
export function isPolicyDocument(fileName: string): boolean {
  return /\.(?:docx|doc|pdf)$/i.test(fileName);
}

/**
 * A .txt that is prose (a policy document saved as text) rather than a table saved as text: its
 * beginning is read (separators are ASCII, so UTF-8 and GBK files read alike for this).
 */
export async function isProseText(file: Blob & { name: string }): Promise<boolean> {
  if (!/\.txt$/i.test(file.name)) return false;
  const start = new TextDecoder('utf-8').decode(await file.slice(0, 64 * 1024).arrayBuffer());
  return !textLooksLikeTable(start);
}
