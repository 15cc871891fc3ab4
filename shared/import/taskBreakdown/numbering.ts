/**
 * The numbering of Chinese official documents (GB/T 9704): 一、 for the first level, （一） for
 * the second, 1． for the third, （1） for the fourth, ① for the fifth. A paragraph that starts
 * with one is a heading or an item at that level; the number is kept as the document writes it.
 */

export type Level = 1 | 2 | 3 | 4 | 5;

export interface Numbered {
  level: Level;
  /** The number as a plain label: "一", "（一）", "1", "（1）", "①". */
  label: string;
  /** The number's value (一 = 1, ① = 1), to see whether items run in order. */
  value: number;
  /** The text after the number. */
  rest: string;
}

const CHINESE = '〇零一二三四五六七八九十百';

export function chineseNumber(text: string): number | null {
  const digits: Record<string, number> = {
    〇: 0,
    零: 0,
    一: 1,
    二: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  if (!new RegExp(`^[${CHINESE}]+$`).test(text)) return null;
  let total = 0;
  let current = 0;
  for (const char of text) {
    if (char === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (char === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = digits[char] ?? 0;
  }
  return total + current;
}

const PATTERNS: {
  level: Level;
  pattern: RegExp;
  label: (match: RegExpExecArray) => string;
  value: (match: RegExpExecArray) => number | null;
}[] = [
  {
    level: 1,
    pattern: new RegExp(`^([${CHINESE}]{1,3})\\s*[、，．.]\\s*`),
    label: (m) => m[1]!,
    value: (m) => chineseNumber(m[1]!),
  },
  {
    level: 2,
    pattern: new RegExp(`^[（(]\\s*([${CHINESE}]{1,3})\\s*[）)]\\s*[、，．.]?\\s*`),
    label: (m) => `（${m[1]}）`,
    value: (m) => chineseNumber(m[1]!),
  },
  {
    level: 3,
    // "1．", "1.", "1、" but not "1.5万" (a figure) nor "2023年" (a year).
    pattern: /^(\d{1,3})\s*(?:[．、]|\.(?!\d))\s*/,
    label: (m) => m[1]!,
    value: (m) => Number(m[1]),
  },
  {
    level: 4,
    pattern: /^[（(]\s*(\d{1,3})\s*[）)]\s*[、，．.]?\s*/,
    label: (m) => `（${m[1]}）`,
    value: (m) => Number(m[1]),
  },
  {
    level: 5,
    pattern: /^([①-⑳])\s*/,
    label: (m) => m[1]!,
    value: (m) => m[1]!.charCodeAt(0) - 0x2460 + 1,
  },
];

export function readNumbering(text: string): Numbered | null {
  const trimmed = text.trim();
  for (const { level, pattern, label, value } of PATTERNS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    const number = value(match);
    const rest = trimmed.slice(match[0].length).trim();
    if (number === null || number === 0 || rest === '') continue;
    return { level, label: label(match), value: number, rest };
  }
  return null;
}

/**
 * A paragraph that is only a title: no sentence goes on after it (at most one 。 at its very end)
 * and it is short. Headings (（一）加快推动绿色低碳发展) are titles; tasks have a body.
 */
export function isTitleOnly(rest: string): boolean {
  const body = rest.replace(/[。.；;：:]$/, '');
  return body.length <= 40 && !/[。；;]/.test(body);
}

/** The first-level headings of parts that set out aims and safeguards, not tasks. */
const NON_TASK_SECTION =
  /^(?:总体要求|指导思想|基本原则|工作原则|主要目标|工作目标|总体目标|发展目标|保障措施|保障举措|组织保障|组织实施|实施保障|工作要求|有关要求|其他事项|工作步骤|实施步骤|进度安排|适用范围|编制依据)/;

export function isNonTaskSection(title: string): boolean {
  return NON_TASK_SECTION.test(title.replace(/\s/g, ''));
}
