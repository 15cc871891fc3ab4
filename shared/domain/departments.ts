import type { Department } from '../api/calls/core';

/**
 * What a department cell offers while the user types: the units whose name, short name or an
 * alias contains the text (typing 资规局 offers 市自然资源和规划局), exact matches first, then
 * prefixes, then the rest, shorter names before longer ones.
 */
export function suggestDepartments(departments: readonly Department[], typed: string, limit = 8): Department[] {
  const query = typed.trim();
  if (query === '') return [];
  const score = (department: Department): number => {
    const names = [department.name, department.shortName, ...department.aliases];
    if (names.includes(query)) return 0;
    if (names.some((name) => name.startsWith(query))) return 1;
    if (names.some((name) => name.includes(query))) return 2;
    return -1;
  };
  return departments
    .map((department) => ({ department, rank: score(department) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.department.name.length - b.department.name.length)
    .slice(0, limit)
    .map((entry) => entry.department);
}

/** Separators officials put between several units in one cell. */
const DEPARTMENT_SEPARATORS = /[、，,；;\n]+/;

/** The units named in a cell ("市生态环境局、各辖市区人民政府"), in order; the first is the lead. */
export function splitDepartmentText(text: string): string[] {
  return text
    .split(DEPARTMENT_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
