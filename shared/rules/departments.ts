/** What a suggestion looks at in a unit (the API's Department has these and more). */
export interface NamedUnit {
  name: string;
  shortName: string;
  aliases: readonly string[];
}

/**
 * What a department cell offers while the user types: the units whose name, short name or an
 * alias contains the text (typing 资规局 offers 市自然资源和规划局), exact matches first, then
 * prefixes, then the rest, shorter names before longer ones.
 */
export function suggestDepartments<Unit extends NamedUnit>(
  departments: readonly Unit[],
  typed: string,
  limit = 8,
): Unit[] {
  const query = typed.trim();
  if (query === '') return [];
  const score = (department: Unit): number => {
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

/**
 * Separators between units in one cell: 、，,；; only. A line break is not one by itself: names
 * wrap inside narrow cells ("市自然资源和⏎规划局"), so a line break separates two units only when
 * the plan's unit list knows the names on both sides as complete units (see joinWrappedNames).
 */
const DEPARTMENT_SEPARATORS = /[、，,；;]+/;

/**
 * The lines of one unit name or of several units, put back together with the plan's unit list:
 * from each line, the longest run of lines whose joined text is a known unit is one unit; lines
 * no known unit accounts for are joined to their unknown neighbours (a wrapped name the list does
 * not know stays one name, as written without its line breaks). Without a list, no line break
 * separates. Order is kept: the first unit is the lead.
 */
export function joinWrappedNames(lines: readonly string[], isKnown?: (name: string) => boolean): string[] {
  const pieces = lines.map((line) => line.trim()).filter((line) => line !== '');
  if (!isKnown) return pieces.length > 0 ? [pieces.join('')] : [];
  const names: string[] = [];
  let unknownRun = '';
  for (let index = 0; index < pieces.length;) {
    // Stryker disable next-line ArithmeticOperator: a longer count slices no further than the end, so it finds the same run (only later)
    let count = pieces.length - index;
    while (count > 0 && !isKnown(pieces.slice(index, index + count).join(''))) count--;
    if (count === 0) {
      unknownRun += pieces[index]!;
      index++;
      continue;
    }
    if (unknownRun !== '') names.push(unknownRun);
    unknownRun = '';
    names.push(pieces.slice(index, index + count).join(''));
    index += count;
  }
  if (unknownRun !== '') names.push(unknownRun);
  return names;
}

/**
 * The units named in a cell ("市生态环境局、各辖市区人民政府"), in the order written; the first is
 * the lead. `isKnown` (the plan's unit list) decides whether a line break separates two units.
 */
export function splitDepartmentText(text: string, isKnown?: (name: string) => boolean): string[] {
  // (joinWrappedNames gives no empty names: it drops blank lines.)
  return text.split(DEPARTMENT_SEPARATORS).flatMap((part) => joinWrappedNames(part.split(/\r\n|\r|\n/), isKnown));
}
