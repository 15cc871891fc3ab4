import { toHalfWidth } from '../../values/money';

/**
 * 量化目标: the clauses of a task that state a figure with its unit ("全年培育市级及以上绿色工厂40家",
 * "光伏装机并网容量超500兆瓦", "占比达到50%"). Years, dates, document numbers (〔2022〕81号) and
 * list numbers are no targets.
 */

const UNIT =
  '(?:%|‰|个百分点|[万亿千百]?(?:元|吨(?:\\/日|\\/年)?|标准煤|亩|千瓦时|千瓦|兆瓦|吉瓦|瓦|平方千米|平方公里|平方米|立方米|千米|公里|米|方|家|个|项|座|辆(?:·次)?|台|条|处|所|人次|人|户|村|次|套|尾|只|头|张|份|批|件|倍|天|小时|床|名|支|场|期|株|棵|片|宗|起|篇|微克\\/立方米))';
const FIGURE = new RegExp(`(?<![\\d.〔\\[第])(\\d+(?:\\.\\d+)?(?:\\s*[-~～至]\\s*\\d+(?:\\.\\d+)?)?)\\s*${UNIT}`, 'g');

export function quantifiedTargets(text: string): string[] {
  const clauses = text.split(/[，,；;。：:]/).map((clause) => clause.trim());
  const targets: string[] = [];
  for (const clause of clauses) {
    const flat = toHalfWidth(clause);
    const hits = [...flat.matchAll(FIGURE)].filter((match) => {
      const after = flat.slice((match.index ?? 0) + match[0].length);
      // "2023年" is a year, "6月" a date: the unit list has neither 年 nor 月, but 〔2022〕81号 ends in 号.
      return !/^[年月日号]/.test(after);
    });
    if (hits.length > 0 && !targets.includes(clause)) targets.push(clause);
  }
  return targets;
}
