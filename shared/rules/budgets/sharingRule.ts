/**
 * How a 共同财政事权 item's spending is shared between levels of government: a ratio written as
 * officials write it ("市:区 = 5:5", "省：市：区＝4:3:3", "市:区 = 60%:40%") or 因素法 (the
 * district part allocated by factors, on an allocation sheet). A ratio splits the spending exactly:
 * the largest remainder to the 元 (spread.ts), so the levels' shares add up to the spending.
 */
import type { Dec } from '../../values/exactDecimal';
import { add, cmp, dec, isZero, parseDec, toText } from '../../values/exactDecimal';
import { toHalfWidth } from '../../values/money';
import { spreadUnits } from '../../values/spread';

/** The levels a share can fall to, in the order the sheet's columns give them. */
export const SHARING_LEVELS = [
  { level: '省', key: 'shareProvince', name: '省级承担' },
  { level: '市', key: 'shareCity', name: '市级承担' },
  { level: '区', key: 'shareDistrict', name: '区级承担' },
] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number]['level'];

const LEVEL_ALIASES: Readonly<Record<string, SharingLevel>> = {
  省: '省',
  省级: '省',
  市: '市',
  市级: '市',
  区: '区',
  区级: '区',
  县: '区',
  县区: '区',
  辖市区: '区',
};

export type SharingRule =
  | { kind: 'ratio'; parts: { level: SharingLevel; part: Dec }[]; percent: boolean }
  | { kind: 'factor' }
  | { kind: 'none' };

export type SharingRuleReading = SharingRule | { kind: 'invalid'; reasonZh: string; reasonEn: string };

const FACTOR_WORDS = /^(?:按)?因素法(?:分配|补助)?$/;

/** Read a rule cell; an empty cell is `none` (a check asks for a rule). */
export function readSharingRule(text: string): SharingRuleReading {
  const plain = toHalfWidth(text).replace(/\s+/g, '').replace(/[：∶]/g, ':');
  if (plain === '') return { kind: 'none' };
  if (FACTOR_WORDS.test(plain)) return { kind: 'factor' };
  const invalid = (): SharingRuleReading => ({
    kind: 'invalid',
    reasonZh: `分担方式“${text}”无法识别（应如“市:区 = 5:5”“省:市:区 = 4:3:3”或“因素法”）`,
    reasonEn: `sharing rule "${text}" cannot be read (write e.g. "市:区 = 5:5", "省:市:区 = 4:3:3" or "因素法")`,
  });
  const match = /^([^=]+)=([^=]+)$/.exec(plain);
  if (!match) return invalid();
  const levels = match[1]!.split(':').map((name) => LEVEL_ALIASES[name.replace(/(?:财政|承担)$/, '')]);
  const partTexts = match[2]!.split(':');
  if (levels.length < 2 || levels.length !== partTexts.length || levels.some((level) => level === undefined)) {
    return invalid();
  }
  if (new Set(levels).size !== levels.length) return invalid();
  const percent = partTexts.every((part) => part.endsWith('%'));
  if (!percent && partTexts.some((part) => part.endsWith('%'))) return invalid();
  const parts: { level: SharingLevel; part: Dec }[] = [];
  for (const [index, partText] of partTexts.entries()) {
    const part = parseDec(partText.replace(/%$/, ''));
    if (!part || part.digits < 0n) return invalid();
    parts.push({ level: levels[index]!, part });
  }
  if (parts.every(({ part }) => isZero(part))) return invalid();
  if (percent) {
    const sum = parts.reduce((total, { part }) => add(total, part), dec(0));
    if (cmp(sum, dec(100)) !== 0) {
      return {
        kind: 'invalid',
        reasonZh: `分担方式“${text}”的比例之和为 ${toText(sum)}%，应为 100%`,
        reasonEn: `sharing rule "${text}" adds up to ${toText(sum)}%, not 100%`,
      };
    }
  }
  return { kind: 'ratio', parts, percent };
}

/**
 * Each level's share of `spendingFen` under a ratio rule, to the 元 by the largest remainder (to
 * the 分 when the spending itself has 分), so the shares add up to the spending exactly.
 */
export function splitByRule(
  spendingFen: bigint,
  rule: Extract<SharingRule, { kind: 'ratio' }>,
): Map<SharingLevel, bigint> {
  const step = spendingFen % 100n === 0n ? 100n : 1n;
  const scale = Math.max(0, ...rule.parts.map(({ part }) => part.scale));
  const weights = rule.parts.map(({ part }) => part.digits * 10n ** BigInt(scale - part.scale));
  const units = spreadUnits(spendingFen / step, weights);
  return new Map(rule.parts.map(({ level }, index) => [level, units[index]! * step]));
}
