import type { MoneyUnit } from '../values/money';
import { toHalfWidth } from '../values/money';

/**
 * Text clean-up for imported cells and headers. Tables copied out of Word or web systems carry
 * markup (<p>…</p>, [bookmark: _Toc…]), non-breaking spaces, full-width punctuation, and line
 * breaks where a cell wrapped; headers carry units ("投资匡算（万元）") and stray spaces ("序  号").
 */

const MARKUP_TAG = /<\/?(?:p|br|span|div|font|b|i|u|strong|em|sub|sup|td|tr|th|table|tbody|o:p)\b[^<>]*\/?>/gi;
const BOOKMARK = /\[bookmark:[^\]]*\]/gi;
const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Removes Word/HTML markup; entities are decoded only where markup shows the text was HTML. */
export function stripMarkup(text: string): { text: string; changed: boolean } {
  if (!text.includes('<') && !text.includes('[bookmark')) return { text, changed: false };
  const withoutBookmarks = text.replace(BOOKMARK, '');
  // A tag that ends a paragraph or line becomes a line break, so paragraphs stay apart.
  const breaks = withoutBookmarks.replace(/<br\s*\/?>|<\/p>\s*<p\b[^<>]*>/gi, '\n');
  const stripped = breaks.replace(MARKUP_TAG, '');
  const hadTags = stripped !== breaks || breaks !== withoutBookmarks;
  const decoded = hadTags
    ? stripped.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
        if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
        if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
        return ENTITIES[name.toLowerCase()] ?? entity;
      })
    : stripped;
  const result = decoded.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
  return { text: result, changed: result !== text.trim() };
}

const NEEDS_NORMALISING = /[\r\u00a0\u3000]|^[ \t\n]|[ \t\n]$/;

/** Line endings to \n, non-breaking and ideographic spaces to plain spaces, ends trimmed. */
export function normaliseCellText(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u3000]/g, ' ')
    .replace(/^[ \t\n]+|[ \t\n]+$/g, '');
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * A cell that wrapped onto several lines, read as one line: Chinese text joins without a
 * separator ("党委政府对生态文明建设⏎重大目标任务部署情况"), Latin words with a space.
 */
export function joinWrappedLines(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  let joined = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const before = joined.at(-1) ?? '';
    const after = line[0] ?? '';
    joined += CJK.test(before) || CJK.test(after) ? line : ` ${line}`;
  }
  return joined;
}

/**
 * A header as compared for mapping and layouts: no markup, spaces or line breaks, half-width,
 * round brackets, no trailing colon, and no unit in brackets ("投资匡算（万元）" → "投资匡算").
 */
export function normaliseHeader(text: string): string {
  return toHalfWidth(stripMarkup(text).text)
    .replace(/\s+/g, '')
    .replace(/[【［]/g, '[')
    .replace(/[】］]/g, ']')
    .replace(/\((?:单位[:：]?)?(?:万元|亿元|元|个|项|%|‰)\)$/, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

/** The money unit a header or a "单位：万元" line states, if any. */
export function statedMoneyUnit(text: string): MoneyUnit | null {
  const plain = toHalfWidth(text).replace(/\s+/g, '');
  const match = /\((?:单位:?)?(亿元|万元|元)\)|单位:(亿元|万元|元)/.exec(plain);
  return ((match?.[1] ?? match?.[2]) as MoneyUnit | undefined) ?? null;
}

/** 合计/总计 (a table's total row) or 小计 (a group's subtotal row), by its label. */
export function totalLabelKind(text: string): 'total' | 'subtotal' | null {
  // Every label below starts with one of these characters: most cells are ruled out at once.
  if (!TOTAL_LABEL_STARTS.includes(text.trimStart().charAt(0))) return null;
  const plain = text.replace(/\s+/g, '');
  if (/^(?:小计|分计)(?:$|[:：(（])/.test(plain)) return 'subtotal';
  if (/^(?:合计|总计|共计|总合计|全市合计|全部合计)(?:$|[:：(（])/.test(plain)) return 'total';
  return null;
}

const TOTAL_LABEL_STARTS = '小分合总共全';

/** 注：…, 备注：…, 说明：…, 数据来源：… — a note under (or over) a table, not a data row. */
export function isNoteText(text: string): boolean {
  return (
    /^(?:注|备注|说明|附注|填表说明|填报说明|数据来源|资料来源)\s*\d*\s*[:：.．、]/.test(text.trim()) ||
    /^注\s*\d/.test(text.trim())
  );
}

/** 附件, 附件1, 附表2：… — the attachment label above an appendix table. */
export function isAttachmentLabel(text: string): boolean {
  return /^附(?:件|表)\s*[\d一二三四五六七八九十]*\s*[:：]?$/.test(text.replace(/\s+/g, ''));
}

/** 一、…, （二）…, 第三部分 … — a section heading written as a row of its own. */
export function isSectionLabel(text: string): boolean {
  const plain = text.trim();
  return (
    /^[一二三四五六七八九十]+[、.．]/.test(plain) ||
    /^[(（][一二三四五六七八九十]+[)）]/.test(plain) ||
    /^第[一二三四五六七八九十\d]+[部分章节类篇]/.test(plain)
  );
}

/** Text that reads as a plain number ("12", "3,309,473.59", "26.62%", "-1.5"). */
export function isNumericText(text: string): boolean {
  return /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/.test(toHalfWidth(text).replace(/\s+/g, ''));
}
