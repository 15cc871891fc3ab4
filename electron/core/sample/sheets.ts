import type { ColumnRole, ColumnSettings, ColumnType } from '../../../shared/model/columns';
import { allocationYearKey, kindColumn, kindColumns } from '../../../shared/model/sheetKinds';
import type { ColumnInit, RowInit, SheetInit } from '../store/planStore';
import type { SheetCheck } from './checks';
import { indicatorChecks, microgridChecks, projectChecks } from './checks';
import type { SampleData } from './sampleData';
import { SAMPLE_FILES } from './sampleData';
import { sampleFigures } from './sampleProgress';

/**
 * The six sheets of the sample plan, each built from one cleaned table: its columns, its rows as
 * cell texts (parsed by the store like typed input) and the claims its source makes about it.
 */
export interface SampleSheet {
  init: SheetInit;
  /** The data file the rows come from, recorded as the detail of their change-log action. */
  sourceFile: string;
  rows: RowInit[];
  checks: SheetCheck[];
}

/** A column only this sample's sheet has (the kind's own come from kindColumn). */
function column(
  key: string,
  name: string,
  type: ColumnType,
  role: ColumnRole | null = null,
  settings?: ColumnSettings,
): ColumnInit {
  return settings ? { key, name, type, role, settings } : { key, name, type, role };
}

/** Department cells hold canonical names joined with 、, so each one resolves to a unit. */
function unitList(names: readonly string[]): string {
  return names.join('、');
}

const PLAN_DOC = '《常州市生态文明建设规划（2021—2030年）》';
const WORKPLAN_DOC = '《2023年常州市生态文明建设工作方案》（常政发〔2023〕23号）';

export function sampleSheets(data: SampleData): SampleSheet[] {
  return [
    indicatorsSheet(data),
    projectsSheet(data),
    workplanTasksSheet(data),
    workplanTargetsSheet(data),
    autismTasksSheet(data),
    microgridSheet(data),
  ];
}

// ---- 指标体系 ---------------------------------------------------------------------------------

function indicatorsSheet({ indicators }: SampleData): SampleSheet {
  // Sub-indicators ("7.1") sit under their indicator ("7"), which always comes first in the table.
  const indexById = new Map<string, number>();
  const rows = indicators.rows.map((row, index): RowInit => {
    indexById.set(row.row_id, index);
    const cells = {
      domain: row.domain,
      task: row.task,
      seq: row.row_id,
      name: row.name,
      unit: row.unit,
      standard: row.standard_value,
      attribute: row.attribute,
      baseline: row.status_2020,
      target2025: row.target_2025,
      target2030: row.target_2030,
      // Kept as printed, including indicator 34's wrong "100": finding it is the workbench's job.
      compliance: row.compliance,
    };
    if (row.level === 'indicator') return { cells };
    const parentIndex = indexById.get(String(row.parent_seq));
    if (parentIndex === undefined) throw new Error(`分项指标 ${row.row_id} 找不到上级指标 ${row.parent_seq}`);
    return { cells, parentIndex };
  });
  return {
    init: {
      name: '指标体系',
      kind: 'indicators',
      description: `${PLAN_DOC}${indicators.source.section}`,
      // The kind's columns but 备注 (the source has none); the source states its attributes and baseline year.
      columns: kindColumns('indicators', { targetYears: [2025, 2030] })
        .filter((defined) => defined.key !== 'note')
        .map((defined) => {
          if (defined.key === 'attribute')
            return kindColumn('indicators', 'attribute', {
              type: 'choice',
              settings: { choices: ['约束性', '参考性', '特色性'] },
            });
          if (defined.key === 'baseline') return kindColumn('indicators', 'baseline', { name: '现状值（2020年）' });
          return defined;
        }),
    },
    sourceFile: SAMPLE_FILES.indicators,
    rows,
    checks: indicatorChecks(indicators),
  };
}

// ---- 重点工程 ---------------------------------------------------------------------------------

function projectsSheet({ projects }: SampleData): SampleSheet {
  return {
    init: {
      name: '重点工程',
      kind: 'projects',
      description: `${PLAN_DOC}${projects.source.section}`,
      // The kind's columns but 备注 and the progress columns: the source is the plan itself, with
      // none of them, and nothing has been reported on its projects.
      columns: kindColumns('projects').filter(
        (defined) => !['note', 'doneInvestment', 'progress'].includes(defined.key),
      ),
    },
    sourceFile: SAMPLE_FILES.projects,
    rows: projects.projects.map((project) => ({
      cells: {
        seq: String(project.seq),
        category: project.category,
        subcategory: project.subcategory,
        name: project.name,
        content: project.content,
        period: project.period_raw,
        // "/" stays "/": an unknown amount, counted apart from the 70 stated ones, never 0.
        investment: project.investment_raw,
        responsible: unitList(project.responsible_units_normalised),
      },
    })),
    checks: projectChecks(projects),
  };
}

// ---- 2023年工作方案 ----------------------------------------------------------------------------

/**
 * The task text repeats its title ("开展…专项行动。按全市统一部署…"); 具体内容 holds what follows,
 * so the two columns read as the original paragraph without saying the title twice.
 */
function contentAfterTitle(text: string, title: string): string {
  return text.startsWith(title) ? text.slice(title.length).trim() : text;
}

/** Each task's distinct deadlines (6月底前, 年内, …) in the order its text states them. */
function deadlinesByTask({ workplanTargets }: SampleData): Map<string, string[]> {
  const byTask = new Map<string, string[]>();
  for (const target of workplanTargets.targets) {
    if (target.deadline === '') continue;
    const deadlines = byTask.get(target.record_id) ?? [];
    if (!deadlines.includes(target.deadline)) deadlines.push(target.deadline);
    byTask.set(target.record_id, deadlines);
  }
  return byTask;
}

/** A task's 完成率 and 进展情况 as its last reporting round gave them. */
function lastRoundFigures(seq: string, deadline: string): { rate: string; progress: string } {
  return sampleFigures(seq, deadline).at(-1)!;
}

export const WORKPLAN_TASKS_SHEET = '2023年工作方案任务';

function workplanTasksSheet(data: SampleData): SampleSheet {
  const deadlines = deadlinesByTask(data);
  return {
    init: {
      name: WORKPLAN_TASKS_SHEET,
      kind: 'tasks',
      description: `${WORKPLAN_DOC}二、重点任务`,
      columns: [
        ...['seq', 'section', 'item', 'content', 'lead', 'coop'].map((key) => kindColumn('tasks', key)),
        column('joint', '按职责分工负责单位', 'departmentList', 'responsibleUnits'),
        column('implement', '负责落实单位', 'departmentList'),
        // The work plan covers 2023: "6月底前" there means 30 June 2023.
        kindColumn('tasks', 'deadline', { settings: { year: 2023 } }),
        // Supervision: the last reporting round's figures (sampleProgress.ts).
        kindColumn('tasks', 'rate'),
        kindColumn('tasks', 'progress'),
        // In place of 备注: the work plan's own wording of who does what.
        column('responsibility', '责任分工（原文）', 'longText', 'note'),
      ],
    },
    sourceFile: SAMPLE_FILES.workplanTasks,
    rows: data.workplanTasks.records.map((record) => ({
      cells: {
        ...lastRoundFigures(record.record_id, (deadlines.get(record.record_id) ?? []).join('；')),
        seq: record.record_id,
        section: record.section,
        item: record.title,
        content: contentAfterTitle(record.text, record.title),
        lead: unitList(record.lead_normalised),
        coop: unitList(record.coop_normalised),
        joint: unitList(record.joint_normalised),
        implement: unitList(record.implement_normalised),
        deadline: (deadlines.get(record.record_id) ?? []).join('；'),
        responsibility: record.responsibility_raw,
      },
    })),
    checks: [],
  };
}

const TARGET_KIND_LABELS = { target: '目标', context: '背景', deadline_only: '仅时限' } as const;

/** The extraction writes comparators as ASCII codes; the sheet shows them as officials do. */
const COMPARATOR_LABELS: Readonly<Record<string, string>> = {
  '>=': '≥',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '=': '=',
  reduction: '降低',
};

const DEADLINE_SCOPE_LABELS: Readonly<Record<string, string>> = {
  'same clause': '本分句',
  'inherited from an earlier clause of the same sentence': '承接同句前文',
};

function workplanTargetsSheet({ workplanTargets }: SampleData): SampleSheet {
  return {
    init: {
      name: '2023年量化目标',
      kind: 'table',
      description: `${WORKPLAN_DOC}二、重点任务中的量化目标与完成时限（逐条摘出）`,
      columns: [
        column('id', '目标编号', 'number', 'seq'),
        column('task', '任务序号', 'text'),
        column('section', '板块', 'text', 'category'),
        column('kind', '类型', 'choice', null, { choices: Object.values(TARGET_KIND_LABELS) }),
        column('text', '目标表述', 'longText', 'name'),
        // Text, not number: "1-2" and the like are real targets and must read as written.
        column('number', '数值', 'text'),
        column('unit', '单位', 'text', 'unit'),
        column('comparator', '比较', 'text'),
        // The work plan covers 2023: "6月底前" there means 30 June 2023.
        column('deadline', '完成时限', 'date', 'deadline', { year: 2023 }),
        column('scope', '时限来源', 'text'),
      ],
    },
    sourceFile: SAMPLE_FILES.workplanTargets,
    rows: workplanTargets.targets.map((target) => ({
      cells: {
        id: String(target.target_id),
        task: target.record_id,
        section: target.section,
        kind: TARGET_KIND_LABELS[target.kind],
        text: target.target_text,
        number: target.number,
        unit: target.unit,
        comparator: COMPARATOR_LABELS[target.comparator] ?? target.comparator,
        deadline: target.deadline,
        scope: DEADLINE_SCOPE_LABELS[target.deadline_scope] ?? target.deadline_scope,
      },
    })),
    checks: [],
  };
}

// ---- 孤独症任务分解表 ---------------------------------------------------------------------------

function autismTasksSheet({ autismTasks }: SampleData): SampleSheet {
  return {
    init: {
      name: '孤独症任务分解表',
      kind: 'tasks',
      description: '《常州市深化孤独症全程支持服务实施方案》（常政办发〔2024〕28号）附件 任务分解表',
      columns: [
        // Its items are numbered 1 to 33: a number, so that they sort as numbers.
        kindColumn('tasks', 'seq', { type: 'number' }),
        ...['section', 'item', 'content', 'lead', 'coop'].map((key) => kindColumn('tasks', key)),
      ],
    },
    sourceFile: SAMPLE_FILES.autismTasks,
    rows: autismTasks.rows.map((row) => ({
      cells: {
        seq: String(row.seq),
        // The readings checked against the main text, not the naive carry-down of merged cells.
        section: row.section_best,
        item: row.work_item_best,
        content: row.content,
        lead: unitList(row.lead_units_normalised),
        coop: unitList(row.coop_units_normalised),
      },
    })),
    checks: [],
  };
}

// ---- 微电网试点分解表 ---------------------------------------------------------------------------

const yearKey = allocationYearKey;

function microgridSheet({ microgrid }: SampleData): SampleSheet {
  // Only the district × year cells are rows; the printed totals become declared checks.
  const cells = microgrid.rows.filter((row) => row.row_kind === 'cell');
  const years = [...new Set(cells.map((row) => Number(row.year)))];
  const districts = [...new Set(cells.map((row) => row.district))];
  return {
    init: {
      name: '微电网试点分解表',
      kind: 'allocation',
      description:
        '《常州市新型智能微电网试点建设推进方案》（常政办发〔2024〕33号）附件 试点示范建设目标任务分解表（个）',
      columns: kindColumns('allocation', { allocationYears: years }),
    },
    sourceFile: SAMPLE_FILES.microgrid,
    rows: districts.map((district) => ({
      cells: Object.fromEntries([
        ['district', district],
        ...cells
          .filter((row) => row.district === district)
          .map((row) => [yearKey(Number(row.year)), String(row.count)]),
      ]) as Record<string, string>,
    })),
    checks: microgridChecks(microgrid, yearKey),
  };
}
