import type { RowData } from '../../../../shared/contract/contract';
import type { ColumnDef } from '../../../../shared/model/columns';
import { isDepartmentType } from '../../../../shared/model/columns';
import { splitDepartmentText } from '../../../../shared/rules/departments';
import { toHalfWidth } from '../../../../shared/values/money';
import type { RowIndex, SheetState } from '../snapshot';
import { cellText } from '../snapshot';

/**
 * Rows that look like the same project listed twice.
 *
 * The rule: two items (top-level rows) are duplicates when
 * 1. their amounts are the same (both stated and equal, or both unknown),
 * 2. their responsible units are the same (as a set), and
 * 3. they describe the same thing: with stated amounts, one row's 建设内容 (or its name, when it
 *    has no content), at least 8 characters long, appears whole in the other row's name +
 *    content; with unknown amounts (or no amount column), where an amount cannot corroborate,
 *    every other cell (period, deadline, …; 序号 aside) must be identical too. Texts are
 *    compared without spaces or punctuation.
 * Category is not compared: the same project filed under two categories is the case to catch.
 *
 * On the sample this finds rows 55 and 71 (“电动溧阳”, 1200 万元, 溧阳市人民政府: row 71's
 * content is row 55's after its first clause), and not rows sharing only a name — 34/35 and
 * 51–54 differ in amount, 86–88 in content.
 */

/** The shortest contained text that counts as describing the same thing. */
export const MIN_CONTAINED_LENGTH = 8;

/** The plan's unit list: a unit's canonical name, or null when the list does not know it. */
export type UnitResolver = (name: string) => string | null;

export interface DuplicateGroup {
  /** In sheet order. */
  rowIds: number[];
  /** 'identical': same name and content; 'contained': one row's content appears in the other. */
  reason: 'identical' | 'contained';
  amount: string | null;
  units: string[];
}

interface Entry {
  bucket: string;
  name: string;
  content: string;
  /** name + content, normalised (computed when first compared). */
  description?: string;
  /** content (or name), normalised (computed when first compared). */
  core?: string;
}

/** Text without spaces, punctuation or symbols, half-width: what the words say. */
export function normalizeDescription(text: string): string {
  // Stryker disable next-line Regex: every mark is removed either way, one at a time or a run at once
  return toHalfWidth(text).replace(/[\s\p{P}\p{S}]+/gu, '');
}

export class DuplicateIndex implements RowIndex {
  readonly enabled: boolean;
  private readonly name: ColumnDef | undefined;
  private readonly content: ColumnDef | undefined;
  private readonly amount: ColumnDef | undefined;
  private readonly units: ColumnDef | undefined;
  /** Every other column but 序号: compared too when there is no amount to corroborate. */
  private readonly rest: ColumnDef[];
  private readonly buckets = new Map<string, Set<number>>();
  private readonly entries = new Map<number, Entry>();
  private readonly groupsByBucket = new Map<string, DuplicateGroup[]>();
  private readonly dirty = new Set<string>();
  private readonly sheet: SheetState;
  private readonly resolveUnit: UnitResolver;

  /**
   * `resolveUnit` is the plan's unit list (a unit's canonical name, or null when it does not know
   * it), so an alias and the full name are one unit; without it units are compared as written.
   */
  // Stryker disable next-line ArrowFunction: a resolver that knows no unit (null or undefined alike) keeps every name as written, and a wrapped name whole
  constructor(sheet: SheetState, resolveUnit: UnitResolver = () => null) {
    this.sheet = sheet;
    this.resolveUnit = resolveUnit;
    this.name = sheet.byRole('name');
    this.content = sheet.byRole('content');
    this.amount = sheet.byRole('investment') ?? sheet.columns.find((column) => column.type === 'money');
    this.units =
      sheet.byRole('responsibleUnits') ??
      sheet.byRole('leadUnit') ??
      sheet.columns.find((column) => isDepartmentType(column.type));
    this.enabled = this.name !== undefined || this.content !== undefined;
    const used = new Set([this.name, this.content, this.amount, this.units]);
    this.rest = sheet.columns.filter((column) => column.role !== 'seq' && !used.has(column));
  }

  add(row: RowData): void {
    if (!this.enabled || row.parentId !== null) return;
    const name = cellText(row, this.name?.key);
    const content = cellText(row, this.content?.key);
    if (name.trim() === '' && content.trim() === '') return;
    const amount = this.amountOf(row);
    const units = this.unitsOf(row).sort().join('、'); // unitsOf gives a fresh array
    // Stryker disable next-line StringLiteral: the bucket is set just below, before anything reads it
    const entry: Entry = { bucket: '', name, content };
    // With an amount the bucket is amount + units, and texts are normalised only when a bucket
    // holds two rows; without one the (normalised) texts are part of the bucket.
    entry.bucket =
      amount === null
        ? `?|${units}|${this.describe(entry).description}|${this.rest.map((column) => normalizeDescription(cellText(row, column.key))).join('|')}`
        : `${amount}|${units}`;
    this.entries.set(row.id, entry);
    const members = this.buckets.get(entry.bucket) ?? new Set<number>();
    members.add(row.id);
    this.buckets.set(entry.bucket, members);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: groups() compares a bucket only when it holds two rows, so marking one of a single row changes nothing
    if (members.size > 1) this.dirty.add(entry.bucket);
  }

  private describe(entry: Entry): { description: string; core: string } {
    entry.description ??= normalizeDescription(entry.name + entry.content);
    entry.core ??= normalizeDescription(entry.content || entry.name);
    return { description: entry.description, core: entry.core };
  }

  remove(row: RowData): void {
    const entry = this.entries.get(row.id);
    if (!entry) return;
    // Stryker disable next-line CallExpression: a removed row's entry is never read again (a row comes back through add, which replaces it); dropping it only frees memory
    this.entries.delete(row.id);
    const members = this.buckets.get(entry.bucket);
    // Stryker disable next-line OptionalChaining: a row's bucket exists while the row has an entry (a bucket goes only when emptied)
    members?.delete(row.id);
    // Stryker disable next-line CallExpression,ConditionalExpression: an empty bucket left in place finds no group either; dropping it only frees memory
    if (members && members.size === 0) this.buckets.delete(entry.bucket);
    this.dirty.add(entry.bucket);
  }

  /** Every duplicate group; only buckets changed since the last call are compared again. */
  groups(): DuplicateGroup[] {
    for (const bucket of this.dirty) {
      const members = this.buckets.get(bucket);
      const found = members && members.size > 1 ? this.compare(bucket, [...members]) : [];
      // Stryker disable next-line EqualityOperator: a bucket kept with no groups adds none to the list
      if (found.length > 0) this.groupsByBucket.set(bucket, found);
      else this.groupsByBucket.delete(bucket);
    }
    this.dirty.clear();
    return [...this.groupsByBucket.values()].flat();
  }

  private amountOf(row: RowData): string | null {
    if (!this.amount) return null;
    const value = row.cells[this.amount.key]?.value;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }

  /**
   * The units a row names, in the order written: by the unit list's name where it knows the unit
   * (an alias and the full name are one unit), as written where it does not — a unit missing from
   * the list still tells two projects apart.
   */
  private unitsOf(row: RowData): string[] {
    if (!this.units) return [];
    const resolve = this.resolveUnit;
    const names = splitDepartmentText(cellText(row, this.units.key), (name) => resolve(name) !== null).map(
      (name) => resolve(name) ?? name.trim(),
    );
    return [...new Set(names)].filter(Boolean);
  }

  /** Rows of one bucket joined into groups of rows that describe the same thing. */
  private compare(bucket: string, rowIds: number[]): DuplicateGroup[] {
    const ordered = rowIds.sort((a, b) => this.sheet.rowNumber(a) - this.sheet.rowNumber(b));
    const parent = new Map(ordered.map((id) => [id, id]));
    const find = (id: number): number => {
      let root = id;
      while (parent.get(root) !== root) root = parent.get(root)!;
      return root;
    };
    const containedIds = new Set<number>();
    const unknownAmount = bucket.startsWith('?|');
    for (let i = 0; i < ordered.length; i++) {
      for (let j = i + 1; j < ordered.length; j++) {
        const a = this.describe(this.entries.get(ordered[i]!)!);
        const b = this.describe(this.entries.get(ordered[j]!)!);
        const identical = a.description === b.description;
        const within =
          !unknownAmount &&
          ((a.core.length >= MIN_CONTAINED_LENGTH && b.description.includes(a.core)) ||
            (b.core.length >= MIN_CONTAINED_LENGTH && a.description.includes(b.core)));
        if (identical || within) {
          parent.set(find(ordered[j]!), find(ordered[i]!));
          if (!identical) containedIds.add(ordered[i]!).add(ordered[j]!);
        }
      }
    }
    const clusters = new Map<number, number[]>();
    for (const id of ordered) {
      const root = find(id);
      clusters.set(root, [...(clusters.get(root) ?? []), id]);
    }
    const first = this.sheet.rows.get(ordered[0]!);
    return [...clusters.values()]
      .filter((ids) => ids.length > 1)
      .map((ids) => ({
        rowIds: ids,
        reason: ids.some((id) => containedIds.has(id)) ? ('contained' as const) : ('identical' as const),
        amount: first ? this.amountOf(first) : null,
        // Stryker disable next-line ArrayDeclaration: a bucket's rows are in the sheet (a row leaves the index with it), so first is always there
        units: first ? this.unitsOf(first) : [],
      }));
  }
}
