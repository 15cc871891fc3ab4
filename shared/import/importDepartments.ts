import { toHalfWidth } from '../values/money';

/**
 * Reading a cell of responsible units the way departments write it: names separated by 、，；,;
 * spaces or line breaks that separate only where the plan's unit list says both sides are units
 * (order kept: the first unit is the lead); one name broken over two lines or by a space ("市政府残工委 成员单位",
 * "省级以上园区⏎管委会"); names run together without a separator ("常州经开区市残联"); a unit
 * named relative to the one before it ("钟楼区政府 残联 残工委" = 钟楼区政府, 钟楼区残联, 钟楼区残工委);
 * places sharing one name ("市、辖市(区) 慈善总会" = 市慈善总会, 辖市(区)慈善总会). Aliases resolve
 * to the plan's canonical names; what cannot be resolved is kept and reported, never dropped.
 */

export interface UnitDirectory {
  /** The canonical name for a name or alias in normalised form (see normaliseUnitName), or null. */
  lookup(normalised: string): string | null;
  /** Length of the longest normalised name, to bound run-together splitting. */
  readonly longest: number;
}

export interface UnitReading {
  /** Every unit in the order written (the first is the lead), known or not, without repeats. */
  names: string[];
  /** Canonical names, in order, without repeats. */
  units: string[];
  /** Parts no unit of the plan matches, as written. */
  unknown: string[];
  /** Some name was an alias or short name (市住建局 → 市住房和城乡建设局). */
  aliased: boolean;
  /** Some names had to be reassembled, split apart or completed from their neighbour. */
  reassembled: boolean;
}

/** Half-width, no spaces, and bracketed letters kept without their brackets (各辖市(区) = 各辖市区). */
export function normaliseUnitName(name: string): string {
  return toHalfWidth(name).replace(/\s/g, '').replace(/[()]/g, '');
}

/** A directory over canonical names and their aliases. */
export function unitDirectory(entries: Iterable<{ name: string; aliases: readonly string[] }>): UnitDirectory {
  const index = new Map<string, string>();
  let longest = 0;
  for (const entry of entries) {
    for (const name of [entry.name, ...entry.aliases]) {
      const key = normaliseUnitName(name);
      if (key === '') continue;
      // A canonical name wins over another unit's alias of the same spelling.
      if (!index.has(key) || name === entry.name) index.set(key, entry.name);
      longest = Math.max(longest, key.length);
    }
  }
  return { lookup: (normalised) => index.get(normalised) ?? null, longest };
}

const PLACE = /^(?:各?辖市区|市|[\u4e00-\u9fa5]{1,4}?[市区县])/;
/** A part that only names places, waiting for the unit name that follows it. */
const BARE_PLACE = /^(?:市|县|区|[\u4e00-\u9fa5]{1,4}?[市区县])$/;
const MAX_JOIN = 4;
/** Words that join two unit names in one part ("及", "与"; not "和", which is inside names). */
const CONJUNCTIONS = /及|与|以及/;

/** Split a run-together part into known names, fewest pieces first; null if it cannot be. */
function segment(part: string, directory: UnitDirectory): string[] | null {
  // Stryker disable next-line ArrayDeclaration,ArithmeticOperator: an entry past the end reads as undefined, which the loop treats as null
  const best: (string[] | null)[] = new Array(part.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= part.length; end++) {
    // Stryker disable next-line MethodExpression: the bound only saves time: a piece longer than the longest name names no unit
    for (let start = Math.max(0, end - directory.longest); start < end; start++) {
      const before = best[start];
      if (!before) continue;
      const unit = directory.lookup(part.slice(start, end));
      if (!unit) continue;
      const candidate = [...before, unit];
      const current = best[end];
      if (!current || candidate.length < current.length) best[end] = candidate;
    }
  }
  // Never one piece: a part that is one known name whole was taken in step 1 of readUnits.
  return best[part.length] ?? null;
}

/** A part of a cell between separators, and whether a list separator (、，,；;) precedes it. */
interface WrittenPart {
  written: string;
  key: string;
  /** The separator before it is only white space (a space or a line break inside a name). */
  soft: boolean;
  /** That white space is or includes a line break. */
  line: boolean;
}

function writtenParts(text: string): WrittenPart[] {
  const pieces = text.split(/([、，,；;\s]+)/);
  const parts: WrittenPart[] = [];
  // Stryker disable next-line StringLiteral: only a list separator or a line break in it counts, and the first part has nothing before it to join
  let separator = '';
  pieces.forEach((written, index) => {
    if (index % 2 === 1) {
      separator += written;
      return;
    }
    const key = normaliseUnitName(written);
    if (key === '') return;
    // The first part is soft too: there is nothing before it to join it to.
    parts.push({ written, key, soft: !/[、，,；;]/.test(separator), line: /[\r\n]/.test(separator) });
    // Stryker disable next-line StringLiteral: only a list separator or a line break in it counts, and neither is in the mutant's text
    separator = '';
  });
  return parts;
}

/** One unit of the reading, at its place in the cell: a canonical name, or a part kept as written. */
interface Entry {
  name: string;
  known: boolean;
}

/**
 * The units of a cell in the order written (the first is the lead). White space between parts is
 * no separator of its own: parts that together name a known unit are one unit, and parts no
 * known unit accounts for that are separated only by white space are one unknown name, kept as
 * written (a line break inside it dropped: it was the cell's wrapping). Only 、，,；; always separate.
 */
export function readUnits(text: string, directory: UnitDirectory): UnitReading {
  const written = writtenParts(text);
  const parts = written.map((part) => part.key);
  const entries: Entry[] = [];
  let aliased = false;
  let reassembled = false;
  let previousPlace: string | null = null;
  // Stryker disable next-line ArrayDeclaration: a stray entry has no key or entry, so it shares no name and matches no entry
  const pendingPlaces: { key: string; entry: Entry }[] = [];
  const addKnown = (unit: string): void => {
    entries.push({ name: unit, known: true });
  };
  const add = (unit: string, key: string): void => {
    addKnown(unit);
    if (normaliseUnitName(unit) !== key) aliased = true;
  };
  const addUnknown = (index: number): Entry => {
    const part = written[index]!;
    const before = entries[entries.length - 1];
    // A name the list does not know, wrapped or spaced over parts: one name, as written. (The
    // last entry always ends at the part before this one; parts carry no white space.)
    if (part.soft && before && !before.known && !pendingPlaces.some((place) => place.entry === before)) {
      before.name += part.line ? part.written : ` ${part.written}`;
      return before;
    }
    const entry = { name: part.written, known: false };
    entries.push(entry);
    return entry;
  };

  for (let index = 0; index < parts.length;) {
    // 1. The longest run of parts that together name a unit (a name broken by a space or line).
    let matched = false;
    for (let count = Math.min(MAX_JOIN, parts.length - index); count >= 1; count--) {
      if (written.slice(index + 1, index + count).some((part) => !part.soft)) continue;
      const joined = parts.slice(index, index + count).join('');
      const unit = directory.lookup(joined);
      if (!unit) continue;
      add(unit, joined);
      if (count > 1) reassembled = true;
      // Places written before this name share it: 市、辖市(区) 慈善总会 → 市慈善总会 too.
      const body = joined.replace(PLACE, '');
      for (const place of pendingPlaces.splice(0)) {
        // (With no body, this looks up the place alone, which step 1 already found unknown.)
        const shared = directory.lookup(place.key + body);
        if (shared) {
          place.entry.name = shared;
          place.entry.known = true;
          reassembled = true;
        }
      }
      previousPlace = PLACE.exec(joined)?.[0] ?? previousPlace;
      index += count;
      matched = true;
      break;
    }
    if (matched) continue;
    const part = parts[index]!;
    // 2. A name relative to the unit before it: 钟楼区政府 残联 → 钟楼区残联.
    const relative = previousPlace ? directory.lookup(previousPlace + part) : null;
    if (relative) {
      add(relative, part);
      reassembled = true;
      index++;
      continue;
    }
    // 3. Several names run together without a separator: 常州经开区市残联.
    const pieces = segment(part, directory);
    if (pieces) {
      for (const piece of pieces) addKnown(piece);
      aliased = true;
      reassembled = true;
      previousPlace = null;
      index++;
      continue;
    }
    // 4. Two names joined by a word: 市生态环境局及各直属局.
    // (An empty name around a conjunction is in no directory; one name alone was looked up in step 1.)
    const resolvedNames = part.split(CONJUNCTIONS).map((name) => directory.lookup(name));
    if (resolvedNames.length >= 2 && resolvedNames.every(Boolean)) {
      for (const unit of resolvedNames) addKnown(unit!);
      aliased = true;
      reassembled = true;
      index++;
      continue;
    }
    // 5. A bare place waiting for the name after it; otherwise an unknown unit, kept as written.
    const entry = addUnknown(index);
    // (A trailing place waits for nothing; one joined to the unknown name before it is no bare place.)
    if (BARE_PLACE.test(part) && entry.name === written[index]!.written) {
      pendingPlaces.push({ key: part, entry });
    }
    index++;
  }
  const names: string[] = [];
  const units: string[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    if (names.includes(entry.name)) continue;
    names.push(entry.name);
    (entry.known ? units : unknown).push(entry.name);
  }
  return { names, units, unknown, aliased, reassembled };
}
