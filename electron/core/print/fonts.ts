/**
 * Font stacks for official attachments: headings in a 小标宋/黑体-like face, the body in 仿宋/宋体.
 * Each stack names the Windows fonts first (every Chinese Windows has SimHei, SimSun, FangSong
 * and Microsoft YaHei), then Linux fonts. Noto CJK and Droid Sans Fallback stay in every stack,
 * so a character the first font lacks is drawn by a later one: no missing glyphs.
 *
 * How Chromium embeds a font decides the PDF's size: TrueType-outline fonts (AR PL UMing,
 * WenQuanYi Zen Hei) become one small, searchable subset each, while OpenType/CFF fonts (Noto
 * CJK) become dozens of Type 3 fonts, about twice the size. But past some 750–850 distinct
 * scattered characters, Chromium's subsetter gives up on a TrueType font and embeds all of it
 * (UMing: 21 MB, WenQuanYi: 17 MB). So there are two plans: TrueType first, used unless the
 * document's characters would hit that cliff (fontPlan.ts tries), and CFF first.
 */

const WINDOWS_BODY = [
  'FangSong',
  '仿宋',
  'FangSong_GB2312',
  '仿宋_GB2312',
  'STFangsong',
  'SimSun',
  '宋体',
  'NSimSun',
  'STSong',
];
const TRUETYPE_BODY = ['AR PL UMing CN', 'AR PL SungtiL GB'];
const CFF_BODY = ['Noto Serif CJK SC', 'Source Han Serif SC'];

const WINDOWS_HEADING = [
  'FZXiaoBiaoSong-B05S',
  '方正小标宋简体',
  'SimHei',
  '黑体',
  'Microsoft YaHei',
  '微软雅黑',
  'STHeiti',
  'PingFang SC',
];
const TRUETYPE_HEADING = ['WenQuanYi Zen Hei', 'WenQuanYi Micro Hei'];
const CFF_HEADING = ['Noto Sans CJK SC', 'Source Han Sans SC'];

/** Last resorts, in every stack: whatever CJK font the machine has. */
const FALLBACK = [
  'Noto Sans CJK SC',
  'Noto Serif CJK SC',
  'WenQuanYi Zen Hei',
  'Droid Sans Fallback',
  'Microsoft YaHei',
];

export interface FontPlan {
  /** 'truetype': small clean subsets; 'cff': Type 3 fonts, for documents with many distinct characters. */
  name: 'truetype' | 'cff';
  /** 仿宋/宋体: the table body, page numbers, the document number. */
  body: readonly string[];
  /** 小标宋/黑体: the title, the header rows, section headings, totals. */
  heading: readonly string[];
  /** 黑体 for the "附件N" line, as GB/T 9704 prescribes. */
  attachment: readonly string[];
}

const unique = (names: readonly string[]) => [...new Set(names)];

export const TRUETYPE_PLAN: FontPlan = {
  name: 'truetype',
  body: unique([...WINDOWS_BODY, ...TRUETYPE_BODY, ...CFF_BODY, ...FALLBACK]),
  heading: unique([...WINDOWS_HEADING, ...TRUETYPE_HEADING, ...CFF_HEADING, ...FALLBACK]),
  attachment: unique([
    'SimHei',
    '黑体',
    'Microsoft YaHei',
    'STHeiti',
    ...TRUETYPE_HEADING,
    ...CFF_HEADING,
    ...FALLBACK,
  ]),
};

export const CFF_PLAN: FontPlan = {
  name: 'cff',
  body: unique([...WINDOWS_BODY, ...CFF_BODY, ...TRUETYPE_BODY, ...FALLBACK]),
  heading: unique([...WINDOWS_HEADING, ...CFF_HEADING, ...TRUETYPE_HEADING, ...FALLBACK]),
  attachment: unique([
    'SimHei',
    '黑体',
    'Microsoft YaHei',
    'STHeiti',
    ...CFF_HEADING,
    ...TRUETYPE_HEADING,
    ...FALLBACK,
  ]),
};

/** Every font any plan may use (for checking glyph coverage). */
export const ALL_PRINT_FONTS = unique([...TRUETYPE_PLAN.body, ...TRUETYPE_PLAN.heading, ...TRUETYPE_PLAN.attachment]);

/** A CSS font-family value: every name quoted, a generic family last. */
export function fontFamily(names: readonly string[], generic: 'serif' | 'sans-serif'): string {
  return (
    unique(names)
      .map((name) => `"${name}"`)
      .join(', ') + `, ${generic}`
  );
}
