/**
 * The fonts of a Word attachment, GB/T 9704 style: the body in 仿宋_GB2312, the title in
 * 方正小标宋简体, "附件N" and the table's header row in 黑体, page numbers in 宋体.
 *
 * A .docx names one font per run; what a machine without it shows is decided by the font table
 * (word/fontTable.xml): each font there names the next one to try (w:altName) and its character
 * set and PANOSE class, which Word and WPS use to pick a look-alike. So every chain below is
 * written into the font table as a list of fallbacks, 仿宋_GB2312 → 仿宋 → FangSong → STFangsong,
 * and LibreOffice (which has its own substitution table for these names) reads it the same way.
 */

export interface WordFontChain {
  /** The font the runs name first, then its fallbacks in order. */
  names: readonly string[];
  /** The PANOSE-1 class, as 20 hex digits, Word matches a missing font by. */
  panose: string;
  /** 'roman' for serif faces (仿宋, 宋体, 小标宋), 'swiss' for sans (黑体). */
  family: 'roman' | 'swiss' | 'modern';
}

const FANGSONG_PANOSE = '02010609060101010101';
const SONG_PANOSE = '02010600030101010101';
const HEI_PANOSE = '02010609060101010101';

export const WORD_FONTS = {
  body: { names: ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong'], panose: FANGSONG_PANOSE, family: 'modern' },
  title: { names: ['方正小标宋简体', '小标宋', '宋体', 'SimSun'], panose: SONG_PANOSE, family: 'roman' },
  heading: { names: ['黑体', 'SimHei', 'STHeiti'], panose: HEI_PANOSE, family: 'swiss' },
  pageNumber: { names: ['宋体', 'SimSun'], panose: SONG_PANOSE, family: 'roman' },
} as const satisfies Record<string, WordFontChain>;

export type WordFontRole = keyof typeof WORD_FONTS;

/** The font a run of this role names. */
export function runFont(role: WordFontRole): string {
  return WORD_FONTS[role].names[0];
}

/** Sizes in points, by their Chinese names. */
export const FONT_SIZE_PT = { 二号: 22, 三号: 16, 四号: 14, 小四: 12 } as const;

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/**
 * word/fontTable.xml: every font of every chain, each naming the next as its alternative, with
 * the GB2312 character set (86) so a substitute is always a Chinese font.
 */
export function fontTableXml(): string {
  const entries = new Map<string, string>();
  for (const chain of Object.values(WORD_FONTS) as WordFontChain[]) {
    chain.names.forEach((name, index) => {
      if (entries.has(name)) return;
      const next = chain.names[index + 1];
      entries.set(
        name,
        `<w:font w:name="${escapeXml(name)}">` +
          (next ? `<w:altName w:val="${escapeXml(next)}"/>` : '') +
          `<w:panose1 w:val="${chain.panose}"/><w:charset w:val="86"/>` +
          `<w:family w:val="${chain.family}"/><w:pitch w:val="variable"/></w:font>`,
      );
    });
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    [...entries.values()].join('') +
    '</w:fonts>'
  );
}
