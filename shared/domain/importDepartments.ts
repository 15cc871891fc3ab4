import { toHalfWidth } from './money';

/**
 * Reading a cell of responsible units the way departments write it: names separated by 、，；,
 * spaces or line breaks; one name broken over two lines or by a space ("市政府残工委 成员单位",
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
  return toHalfWidth(name).replace(/\s+/g, '').replace(/[()]/g, '');
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

const SEPARATORS = /[、，,；;\n\r\t ]+|\s+/;
const PLACE = /^(?:各?辖市区|市|[\u4e00-\u9fa5]{1,4}?[市区县])/;
/** A part that only names places, waiting for the unit name that follows it. */
const BARE_PLACE = /^(?:各?辖市区|市|县|区|[\u4e00-\u9fa5]{1,4}?[市区县])$/;
const MAX_JOIN = 4;
/** Words that join two unit names in one part ("及", "与"; not "和", which is inside names). */
const CONJUNCTIONS = /及|与|以及/;

/** Split a run-together part into known names, fewest pieces first; null if it cannot be. */
function segment(part: string, directory: UnitDirectory): string[] | null {
  const best: (string[] | null)[] = new Array(part.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= part.length; end++) {
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
  const result = best[part.length];
  return result && result.length > 1 ? result : null;
}

export function readUnits(text: string, directory: UnitDirectory): UnitReading {
  const written = text.split(SEPARATORS).filter((part) => normaliseUnitName(part) !== '');
  const parts = written.map(normaliseUnitName);
  const units: string[] = [];
  const unknown: string[] = [];
  let aliased = false;
  let reassembled = false;
  let previousPlace: string | null = null;
  const pendingPlaces: { key: string; written: string }[] = [];
  const add = (unit: string, key: string): void => {
    if (!units.includes(unit)) units.push(unit);
    if (normaliseUnitName(unit) !== key) aliased = true;
  };

  for (let index = 0; index < parts.length; ) {
    // 1. The longest run of parts that together name a unit (a name broken by a space or line).
    let matched = false;
    for (let count = Math.min(MAX_JOIN, parts.length - index); count >= 1; count--) {
      const joined = parts.slice(index, index + count).join('');
      const unit = directory.lookup(joined);
      if (!unit) continue;
      add(unit, joined);
      if (count > 1) reassembled = true;
      // Places written before this name share it: 市、辖市(区) 慈善总会 → 市慈善总会 too.
      const body = joined.replace(PLACE, '');
      for (const place of pendingPlaces.splice(0)) {
        const shared = body ? directory.lookup(place.key + body) : null;
        if (shared) {
          units.splice(units.indexOf(unit), 0, shared);
          reassembled = true;
        } else unknown.push(place.written);
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
      for (const piece of pieces) if (!units.includes(piece)) units.push(piece);
      aliased = true;
      reassembled = true;
      previousPlace = null;
      index++;
      continue;
    }
    // 4. Two names joined by a word: 市生态环境局及各直属局.
    const joinedNames = part.split(CONJUNCTIONS).filter(Boolean);
    const resolvedNames = joinedNames.length > 1 ? joinedNames.map((name) => directory.lookup(name)) : [];
    if (resolvedNames.length > 1 && resolvedNames.every(Boolean)) {
      for (const unit of resolvedNames) if (!units.includes(unit!)) units.push(unit!);
      aliased = true;
      reassembled = true;
      index++;
      continue;
    }
    // 5. A bare place waiting for the name after it; otherwise an unknown unit, kept as written.
    if (BARE_PLACE.test(part) && index + 1 < parts.length) pendingPlaces.push({ key: part, written: written[index]! });
    else unknown.push(written[index]!);
    index++;
  }
  unknown.push(...pendingPlaces.map((place) => place.written));
  return { units, unknown, aliased, reassembled };
}
