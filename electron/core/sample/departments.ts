import type { DepartmentInit } from '../store/planStore';
import type { DepartmentsData } from './sampleData';

type DepartmentRecord = DepartmentsData['departments'][number];

/**
 * A raw variant that the extraction annotated ("市自然资源⏎和规划局  (cell text broken over
 * lines)", "常州经开区市残联  (run-together cell text, no separator)") records how a cell was
 * damaged, not a name anyone writes; its bare text would wrongly resolve run-together cells or
 * several units to one department. Such variants are not aliases.
 */
const ANNOTATED_VARIANT = /\s+\([^()]*[A-Za-z][^()]*\)\s*$/;

/** Characters that never occur in a plain unit name: line-break marks, spaces, list separators. */
const NOT_A_PLAIN_NAME = /[⏎\s、，,；;]/;

/**
 * The alias a raw variant contributes, or null when it is not a plain name. Chinese brackets in
 * a name ("各辖市(区)") are part of it and kept; only the extraction's English notes are not.
 */
export function aliasFromVariant(variant: string): string | null {
  if (ANNOTATED_VARIANT.test(variant)) return null;
  const bare = variant.trim();
  if (bare === '' || NOT_A_PLAIN_NAME.test(bare)) return null;
  return bare;
}

/**
 * Variants listed under more than one unit ("市生态环境局及各直属局" names both 市生态环境局 and
 * its 直属局) stand for several units at once, so they are no alias of any one of them.
 */
function sharedVariants(data: DepartmentsData): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const record of data.departments) {
    for (const variant of new Set(record.raw_variants)) {
      if (seen.has(variant)) shared.add(variant);
      seen.add(variant);
    }
  }
  return shared;
}

function aliasesOf(record: DepartmentRecord, shared: ReadonlySet<string>): string[] {
  const aliases = new Set<string>();
  const variants = record.raw_variants.filter((variant) => !shared.has(variant));
  for (const candidate of [...variants, record.short_name]) {
    const alias = aliasFromVariant(candidate);
    if (alias !== null && alias !== record.canonical_name) aliases.add(alias);
  }
  return [...aliases];
}

/** The plan's unit list: every normalised department with its short name and plain aliases. */
export function departmentInits(data: DepartmentsData): DepartmentInit[] {
  const shared = sharedVariants(data);
  return data.departments.map((record) => ({
    name: record.canonical_name,
    shortName: record.short_name,
    kind: record.kind,
    notes: record.notes,
    aliases: aliasesOf(record, shared),
  }));
}

/**
 * The collective addressees of the sample plan with their members, as its unit list annotates
 * them (各辖市区人民政府: "collective: 溧阳市、金坛区、武进区、新北区、天宁区、钟楼区 governments").
 * 各省级以上园区管委会 is left without members: the source names no list of those parks and most of
 * them are not in the plan's unit list, so it is sent as one addressee until members are set.
 */
export const SAMPLE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  各辖市区人民政府: [
    '溧阳市人民政府',
    '金坛区人民政府',
    '武进区人民政府',
    '新北区人民政府',
    '天宁区人民政府',
    '钟楼区人民政府',
  ],
};
