import type { BlockPlace } from './blocks';
import type { TimePhrase } from './timePhrases';
import type { UnitName } from './responsibility';

/** Why a proposed row is read the way it is; a penalty lowers the row's confidence. */
export interface Reason {
  zh: string;
  en: string;
  /** 0 for a plain statement of where something came from. */
  penalty: number;
}

export type ResponsibilitySource = 'own' | 'paragraph' | 'continuation' | 'parent' | 'attachment' | 'table' | 'none';

/** One proposed row of the 任务分解表. */
export interface ProposedRow {
  /** The document's own numbering ("3", "23（1）", "10-1" for a paragraph after task 10). */
  seq: string;
  /** The headings over the task, outermost first: "二、重点任务 / （一）加快推动绿色低碳发展". */
  section: string;
  /** 工作事项: the text before the first 。. */
  item: string;
  /** 具体内容: the rest, without the responsibility note. */
  content: string;
  lead: UnitName[];
  coop: UnitName[];
  /** 完成时限 as the cell will hold it. */
  deadline: string;
  timePhrases: TimePhrase[];
  /** 量化目标: the clauses stating a figure with its unit. */
  targets: string[];
  place: BlockPlace;
  /** The responsibility note the units come from, as written. */
  responsibility: string;
  responsibilityFrom: ResponsibilitySource;
  kind: 'task' | 'subItem' | 'paragraph' | 'tableRow';
  /** seq of the task a sub-item or paragraph belongs to. */
  parentSeq: string | null;
  confidence: number;
  reasons: Reason[];
}

export interface Section {
  level: number;
  label: string;
  title: string;
  place: BlockPlace;
}

export interface Breakdown {
  /** Where the rows come from: the body's numbered tasks, a breakdown table, or the body joined to an attachment table. */
  from: 'body' | 'table' | 'body+attachment';
  contextYear: number | null;
  sections: Section[];
  rows: ProposedRow[];
  /** Tasks and attachment rows that did not join, and other things the user must look at. */
  mismatches: Reason[];
}

/** Confidence from the reasons: 1 minus the penalties, never below 0.05. */
export function confidenceOf(reasons: readonly Reason[]): number {
  const total = reasons.reduce((sum, reason) => sum + reason.penalty, 0);
  return Math.max(0.05, Math.round((1 - total) * 100) / 100);
}

/**
 * A reason for each unit the plan's list does not know. The first two lower the confidence
 * (0.1 each); more say the same again — a plan without the units at all (an empty plan, another
 * city's) should not make every row look unreadable.
 */
export function unknownUnitReasons(units: readonly UnitName[]): Reason[] {
  return units
    .filter((unit) => !unit.known)
    .map((unit, index) => ({
      zh: `单位“${unit.name}”不在本规划的单位名单中（已按原文保留）`,
      en: `unit "${unit.name}" is not in the plan's unit list (kept as written)`,
      penalty: index < 2 ? 0.1 : 0,
    }));
}
