import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The cleaned tables the sample plan is built from (resources/sample/data, copied verbatim from
 * the project's extracted data). Only the fields the generator reads are declared; each file is
 * validated on load so a wrong or damaged data directory fails with the file named, instead of
 * producing a half-filled plan.
 */

/** resources/sample/data next to the source tree. The packaged app passes its own directory. */
export function defaultSampleDataDir(): string {
  return fileURLToPath(new URL('../../../resources/sample/data/', import.meta.url));
}

const Text = z.string();
const Names = z.array(z.string());
/** Where a table sits in its seed document. */
const Source = z.object({ file: Text, section: Text });

const ProjectsFile = z.object({
  source: Source,
  total_row: z.object({ label: Text, investment_wan: Text, source_line: z.number().int() }),
  verification: z.object({
    body_text_line: z.number().int(),
    body_text_claim: Text,
    body_claimed_categories: z.number().int(),
    body_claimed_projects: z.number().int(),
    body_claimed_total_yi: Text,
    per_category: z.array(
      z.object({
        category: Text,
        body_text_label: Text,
        claimed_count: z.number().int(),
        claimed_investment_yi: Text.nullable(),
      }),
    ),
  }),
  projects: z.array(
    z.object({
      seq: z.number().int(),
      category: Text,
      subcategory: Text,
      name: Text,
      content: Text,
      period_raw: Text,
      investment_raw: Text,
      responsible_units_normalised: Names,
    }),
  ),
});

const IndicatorsFile = z.object({
  source: Source,
  summary: z.object({ claim_line: z.number().int(), claim: Text }),
  rows: z.array(
    z.object({
      row_id: Text,
      level: z.enum(['indicator', 'sub_indicator']),
      parent_seq: z.union([z.number().int(), z.literal('')]),
      domain: Text,
      task: Text,
      name: Text,
      unit: Text,
      standard_value: Text,
      attribute: Text,
      status_2020: Text,
      target_2025: Text,
      target_2030: Text,
      compliance: Text,
    }),
  ),
});

const WorkplanTasksFile = z.object({
  source: Source,
  records: z.array(
    z.object({
      record_id: Text,
      section: Text,
      title: Text,
      text: Text,
      responsibility_raw: Text,
      lead_normalised: Names,
      coop_normalised: Names,
      joint_normalised: Names,
      implement_normalised: Names,
    }),
  ),
});

const WorkplanTargetsFile = z.object({
  source: Source,
  targets: z.array(
    z.object({
      target_id: z.number().int(),
      record_id: Text,
      section: Text,
      kind: z.enum(['target', 'context', 'deadline_only']),
      target_text: Text,
      number: Text,
      unit: Text,
      comparator: Text,
      deadline: Text,
      deadline_scope: Text,
    }),
  ),
});

const AutismTasksFile = z.object({
  source: Source,
  rows: z.array(
    z.object({
      seq: z.number().int(),
      section_best: Text,
      work_item_best: Text,
      content: Text,
      lead_units_normalised: Names,
      coop_units_normalised: Names,
    }),
  ),
});

const MicrogridFile = z.object({
  source: Source,
  notes_verbatim: z.array(Text),
  rows: z.array(
    z.object({
      district: Text,
      year: z.union([z.number().int(), Text]),
      count: z.number().int(),
      row_kind: z.enum(['cell', 'stated_row_total', 'stated_column_total', 'stated_grand_total']),
      source_line: z.number().int(),
    }),
  ),
});

const DepartmentsFile = z.object({
  departments: z.array(
    z.object({
      canonical_name: Text,
      short_name: Text,
      kind: Text,
      notes: Text,
      raw_variants: Names,
    }),
  ),
});

export type ProjectsData = z.infer<typeof ProjectsFile>;
export type IndicatorsData = z.infer<typeof IndicatorsFile>;
export type WorkplanTasksData = z.infer<typeof WorkplanTasksFile>;
export type WorkplanTargetsData = z.infer<typeof WorkplanTargetsFile>;
export type AutismTasksData = z.infer<typeof AutismTasksFile>;
export type MicrogridData = z.infer<typeof MicrogridFile>;
export type DepartmentsData = z.infer<typeof DepartmentsFile>;

/** The file each table is read from; also the `detail` of the change-log action that adds it. */
export const SAMPLE_FILES = {
  projects: 'projects.json',
  indicators: 'indicators.json',
  workplanTasks: 'workplan2023_tasks.json',
  workplanTargets: 'workplan2023_targets.json',
  autismTasks: 'autism_tasks.json',
  microgrid: 'microgrid_allocation.json',
  departments: 'departments.json',
} as const;

export interface SampleData {
  projects: ProjectsData;
  indicators: IndicatorsData;
  workplanTasks: WorkplanTasksData;
  workplanTargets: WorkplanTargetsData;
  autismTasks: AutismTasksData;
  microgrid: MicrogridData;
  departments: DepartmentsData;
}

export function readTable<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const fullPath = path.join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(fullPath, 'utf8'));
  } catch (error) {
    throw new Error(`示例数据无法读取 / cannot read sample data: ${fullPath}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`示例数据格式不符 / sample data has an unexpected shape: ${fullPath}: ${parsed.error.message}`);
  }
  return parsed.data;
}

export function loadSampleData(dir: string): SampleData {
  return {
    projects: readTable(dir, SAMPLE_FILES.projects, ProjectsFile),
    indicators: readTable(dir, SAMPLE_FILES.indicators, IndicatorsFile),
    workplanTasks: readTable(dir, SAMPLE_FILES.workplanTasks, WorkplanTasksFile),
    workplanTargets: readTable(dir, SAMPLE_FILES.workplanTargets, WorkplanTargetsFile),
    autismTasks: readTable(dir, SAMPLE_FILES.autismTasks, AutismTasksFile),
    microgrid: readTable(dir, SAMPLE_FILES.microgrid, MicrogridFile),
    departments: readTable(dir, SAMPLE_FILES.departments, DepartmentsFile),
  };
}
