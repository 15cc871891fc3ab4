/**
 * Sub-items in a table of items (sub-indicators under an indicator, sub-tasks under a task), the
 * ways departments write them:
 * - numbered under the item: "7.1" (or "7-1") under "7", or "(1)" / "（1）" / "①" right after "7";
 * - repeating the item's 序号 (or a 序号 cell merged over them): "7", "7", "7" — the first is the
 *   item, the others with another name are its sub-items (the same name again is a duplicate, left
 *   for the checks to find);
 * - marked "其中" ("其中：优良天数比例"), with the rows that follow it without a 序号;
 * - indented: the name starts with spaces or full-width spaces, without a 序号 of its own.
 * A sub-item is put under its item, as the plan's own 指标体系 holds it (parent row "7", sub-rows
 * "7.1", "7.2"), so a category does not count an item twice. A 序号 that was not "7.1" already is
 * numbered so, and the number as written is kept in the cell's note.
 */

export type SubItemHow = 'numbered' | 'repeated' | 'marked' | 'indented';

export interface SubItemPlace {
  /** Index of the item row the row belongs under. */
  parentIndex: number;
  how: SubItemHow;
  /** The 序号 the sub-item gets ("7.2"), or null when it keeps its own ("7.2" written as such). */
  seq: string | null;
}

const DOTTED = /^(\d+)[.．\-－](\d+)$/;
const SUB_NUMBER = /^(?:[(（]\s*\d{1,2}\s*[)）]|[①-⑳])$/;
const ITEM_NUMBER = /^\d+$/;
const MARKED = /^\s*其中\s*[:：,，]?/;
const NAME_NUMBER = /^\s*(?:[(（]\s*\d{1,2}\s*[)）]|[①-⑳])/;
const INDENT = /^[ \u3000\t\u00a0]+\S/;

function plainSeq(text: string): string {
  return text.replace(/[\s\u3000]/g, '').replace(/．/g, '.');
}

/** Reads rows in order and says, for each, whether it is a sub-item and of which row. */
export class SubItemReader {
  private item: { seq: string; name: string; index: number; children: number } | null = null;
  /** How the previous row was recognised as a sub-item of `item`, or null when it was not one. */
  private lastHow: SubItemHow | null = null;

  /**
   * `seq` is the row's 序号 as read, `name` its name as read, `rawName` the name cell's text as
   * written (leading spaces kept), `carriedSeq` whether the 序号 came down from a merged cell.
   */
  place(index: number, seq: string, name: string, rawName: string, carriedSeq = false): SubItemPlace | null {
    const plain = plainSeq(seq);
    const item = this.item;
    const child = (how: SubItemHow, ownSeq: boolean): SubItemPlace => {
      item!.children++;
      this.lastHow = how;
      return { parentIndex: item!.index, how, seq: ownSeq ? null : `${item!.seq}.${item!.children}` };
    };
    if (item) {
      const dotted = DOTTED.exec(plain);
      if (dotted) {
        if (dotted[1] === item.seq) return child('numbered', plain.includes('.'));
      } else if (SUB_NUMBER.test(plain)) {
        return child('numbered', false);
      } else if (plain === item.seq && (carriedSeq || (name !== '' && name !== item.name))) {
        return child('repeated', false);
      } else if (plain === '' && name !== '') {
        if (MARKED.test(rawName)) return child('marked', false);
        if (NAME_NUMBER.test(rawName)) return child('numbered', false);
        if (INDENT.test(rawName)) return child('indented', false);
        // A row without a 序号 right after a sub-item continues the list ("其中：A", "B").
        if (this.lastHow !== null) return child(this.lastHow, false);
      }
    }
    this.lastHow = null;
    this.item = ITEM_NUMBER.test(plain) ? { seq: plain, name, index, children: 0 } : null;
    return null;
  }
}

/** "识别出 17 个子指标（序号重复 5、标“其中” 4、缩进 3、编号 5）" for the preview. */
export function subItemNotice(
  counts: ReadonlyMap<SubItemHow, number>,
  indicators: boolean,
): { zh: string; en: string } | null {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const labels: Record<SubItemHow, [string, string]> = {
    numbered: ['编号', 'numbered'],
    repeated: ['序号与上级相同', 'repeating the parent’s number'],
    marked: ['标“其中”', 'marked 其中'],
    indented: ['缩进', 'indented'],
  };
  const parts = (['numbered', 'repeated', 'marked', 'indented'] as const).filter((how) => (counts.get(how) ?? 0) > 0);
  const noun = indicators ? ['子指标', 'sub-indicators'] : ['子项', 'sub-items'];
  return {
    zh: `识别出 ${total} 个${noun[0]}，已归入其上级（${parts.map((how) => `${labels[how][0]} ${counts.get(how)}`).join('、')}）；合计与分类计数不重复计入`,
    en: `${total} ${noun[1]} recognised and put under their parent (${parts.map((how) => `${labels[how][1]} ${counts.get(how)}`).join(', ')}); totals and category counts do not count them twice`,
  };
}
