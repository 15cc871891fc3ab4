import type { ColumnRole, ColumnSettings, ColumnType } from '../model/columns';
import { columnHeader } from '../model/columns';
import { headerYear, rolesOfHeader, ROLE_SYNONYMS } from './importSynonyms';
import { normaliseHeader, totalLabelKind } from './importText';

/**
 * Which source column goes into which column of the target sheet: by header text (exact, then a
 * synonym of the target's role — 责任单位/责任主体/牵头单位, 投资匡算/总投资/投资额 — then a header
 * that starts with such a name, "现状值（2020年）"), by the milestone year a header names
 * ("目标值·2025年" → the 2025 target), by what was chosen for the same layout before, and by the
 * user's own choice. Each source column goes to at most one target column and vice versa.
 */

export interface TargetColumn {
  key: string;
  name: string;
  type: ColumnType;
  role: ColumnRole | null;
  settings: ColumnSettings;
}

/** How a match was made; 'new' is a column a new sheet gets because the file has it. */
export type MatchHow =
  'user' | 'saved' | 'exact' | 'synonym' | 'year' | 'prefix' | 'similar' | 'weak' | 'position' | 'new' | 'none';

export interface ColumnMatch {
  /** 0-based source column. */
  source: number;
  header: string;
  /** Target column key, or null when the source column is not imported. */
  target: string | null;
  /** 0–1. */
  confidence: number;
  how: MatchHow;
}

/** What the sampled values of a source column look like, for columns without a usable header. */
export type ColumnContent = 'text' | 'number' | 'empty';

export interface MappingOptions {
  /** A remembered mapping for this layout: normalised header → target key (null: not imported). */
  saved?: Readonly<Record<string, string | null>>;
  /** The user's choices, which win over everything. */
  overrides?: readonly { source: number; target: string | null }[];
  content?: readonly ColumnContent[];
}

const STRONG_PREFIX_MIN = 2;

function roleSynonyms(role: ColumnRole | null): string[] {
  if (!role) return [];
  const synonyms = ROLE_SYNONYMS[role];
  return synonyms ? synonyms.strong.map(normaliseHeader) : [];
}

/** How well a header fits a target column, with how it was decided. */
export function scoreMatch(header: string, target: TargetColumn): { score: number; how: MatchHow } {
  const plain = normaliseHeader(header);
  if (plain === '') return { score: 0, how: 'none' };
  const year = headerYear(header);
  const targetYear = target.settings.year ?? null;
  if (plain === normaliseHeader(target.name) || plain === normaliseHeader(columnHeader(target))) {
    return { score: 1, how: 'exact' };
  }
  // A column for one milestone year takes only a header for that year.
  if (targetYear !== null) {
    if (year !== targetYear) return { score: 0, how: 'none' };
    const withoutYear = plain.replace(String(targetYear), '').replace(/[年·.\-()[\]]/g, '');
    const roles = rolesOfHeader(withoutYear).map((match) => match.role);
    const otherRole = roles.length > 0 && target.role !== null && !roles.includes(target.role);
    const named = roleSynonyms(target.role).some((name) => withoutYear.startsWith(name));
    if (otherRole) return { score: 0, how: 'none' };
    return { score: named ? 0.95 : withoutYear === '' ? 0.85 : 0.6, how: 'year' };
  }
  if (totalLabelKind(plain) !== null) return { score: 0, how: 'none' };
  const roleMatch = rolesOfHeader(header).find((match) => match.role === target.role);
  if (roleMatch) return { score: roleMatch.score, how: roleMatch.how };
  const names = [normaliseHeader(target.name), ...roleSynonyms(target.role)];
  if (names.some((name) => name.length >= STRONG_PREFIX_MIN && plain.startsWith(name)))
    return { score: 0.75, how: 'prefix' };
  const targetName = normaliseHeader(target.name);
  if (
    targetName.length >= STRONG_PREFIX_MIN &&
    plain.length >= STRONG_PREFIX_MIN &&
    (plain.includes(targetName) || targetName.includes(plain))
  ) {
    return { score: 0.55, how: 'similar' };
  }
  return { score: 0, how: 'none' };
}

/** The lowest score a guess must reach to be proposed at all. */
export const MIN_SCORE = 0.5;

/** Roles a column without a header (the first column of a matrix) most likely holds. */
const HEADERLESS_ROLES: readonly ColumnRole[] = ['district', 'name', 'category'];

export function mapColumns(
  headers: readonly string[],
  targets: readonly TargetColumn[],
  options: MappingOptions = {},
): ColumnMatch[] {
  const matches: ColumnMatch[] = headers.map((header, source) => ({
    source,
    header,
    target: null,
    confidence: 0,
    how: 'none',
  }));
  const takenTargets = new Set<string>();
  const decided = new Set<number>();
  const targetKeys = new Set(targets.map((target) => target.key));
  const assign = (source: number, target: string | null, confidence: number, how: MatchHow): void => {
    const match = matches[source];
    if (!match || decided.has(source)) return;
    if (target !== null && (takenTargets.has(target) || !targetKeys.has(target))) return;
    Object.assign(match, { target, confidence, how });
    decided.add(source);
    if (target !== null) takenTargets.add(target);
  };

  for (const override of options.overrides ?? []) assign(override.source, override.target, 1, 'user');
  if (options.saved) {
    headers.forEach((header, source) => {
      const key = normaliseHeader(header);
      if (key !== '' && Object.prototype.hasOwnProperty.call(options.saved, key))
        assign(source, options.saved![key] ?? null, 1, 'saved');
    });
  }

  const candidates: { source: number; target: string; score: number; how: MatchHow }[] = [];
  headers.forEach((header, source) => {
    if (decided.has(source)) return;
    for (const target of targets) {
      const { score, how } = scoreMatch(header, target);
      if (score >= MIN_SCORE) candidates.push({ source, target: target.key, score, how });
    }
  });
  // Best pairs first; among equals the earlier source column, so a table's first 责任单位 wins.
  candidates.sort((a, b) => b.score - a.score || a.source - b.source);
  for (const candidate of candidates) {
    if (decided.has(candidate.source) || takenTargets.has(candidate.target)) continue;
    assign(candidate.source, candidate.target, candidate.score, candidate.how);
  }

  // A column without a header that holds text, left of everything else: the row labels.
  headers.forEach((header, source) => {
    if (decided.has(source) || normaliseHeader(header) !== '' || options.content?.[source] !== 'text') return;
    const free = HEADERLESS_ROLES.map((role) =>
      targets.find((target) => target.role === role && !takenTargets.has(target.key)),
    ).find(Boolean);
    if (free) assign(source, free.key, 0.5, 'position');
  });
  return matches;
}
