import { z } from 'zod';
import { ColumnRole, ColumnType, SheetKind } from '../../model/columns';
import { ISSUE_KINDS } from '../../import/importCells';
import { MONEY_UNITS } from '../../values/money';
import { call, Id } from '../define';
import { FileRef } from '../files';

/**
 * Importing a workbook or CSV file: preview first (header, column mapping, every cell parsed and
 * every issue marked, 合计 compared, for updates what changes cell by cell), then commit all of it
 * as one change-log action, or nothing. The file is a reference (../files.ts): the page uploads
 * it first, the CLI names its path.
 */

export const ImportTarget = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('new'),
      sheetKind: SheetKind,
      /** Absent: the source sheet's name (a CSV file's name), numbered if the plan has it already. */
      name: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('append'), sheetId: Id }).strict(),
  z.object({ kind: z.literal('update'), sheetId: Id, keyColumn: z.string().min(1).max(200) }).strict(),
]);
export type ImportTarget = z.infer<typeof ImportTarget>;

export const PreviewId = z.string().regex(/^[a-z0-9-]{8,64}$/);

const ImportFile = z.union([
  FileRef,
  /** The file of an earlier preview, kept on the main side: re-preview without sending it again. */
  z.object({ previewId: PreviewId }).strict(),
]);

export const MappingChoice = z
  .object({
    /** 0-based source column. */
    source: z.number().int().min(0).max(999),
    /** Target column key, or null to leave the source column out. */
    target: z.string().min(1).max(200).nullable(),
  })
  .strict();

export const IssueSchema = z
  .object({ kind: z.enum(ISSUE_KINDS), level: z.enum(['info', 'warning', 'error']), zh: z.string(), en: z.string() })
  .strict();
export type ImportIssue = z.infer<typeof IssueSchema>;

export const PreviewCell = z
  .object({
    /** What the plan will store ('' = empty). */
    text: z.string(),
    /** The file's own text, when it differs from what is stored. */
    source: z.string().optional(),
    /** For updates: the cell's current text in the plan, when the import changes it. */
    before: z.string().optional(),
    issues: z.array(IssueSchema).optional(),
  })
  .strict();

export const PreviewRow = z
  .object({
    /** 0-based index among the rows to import. */
    index: z.number().int().min(0),
    /** 1-based row number in the source sheet. */
    r: z.number().int(),
    hidden: z.boolean(),
    /** Index of the row this one sits under (a sub-indicator's indicator), or null. */
    parent: z.number().int().nullable(),
    action: z.enum(['insert', 'update', 'unchanged', 'unmatched', 'ambiguous', 'duplicate']),
    /** For updates: the plan's row the file's row matched. */
    rowId: Id.nullable(),
    cells: z.record(z.string(), PreviewCell),
  })
  .strict();
export type PreviewRow = z.infer<typeof PreviewRow>;

export const PreviewColumn = z
  .object({
    source: z.number().int(),
    letter: z.string(),
    header: z.string(),
    target: z.string().nullable(),
    confidence: z.number(),
    how: z.enum(['user', 'saved', 'exact', 'synonym', 'year', 'prefix', 'similar', 'weak', 'position', 'new', 'none']),
    hidden: z.boolean(),
    /** The money unit the header gives amounts in (投资（亿元）), when there is one. */
    unit: z.enum(MONEY_UNITS).nullable(),
  })
  .strict();

export const TargetColumnInfo = z
  .object({
    key: z.string(),
    name: z.string(),
    type: ColumnType,
    role: ColumnRole.nullable(),
    moneyUnit: z.enum(MONEY_UNITS).nullable(),
  })
  .strict();

export const TotalCheck = z
  .object({
    /** Source row of the 合计/小计 row (or, for a row-total column, of the data row). */
    r: z.number().int(),
    kind: z.enum(['total', 'subtotal', 'rowTotal']),
    label: z.string(),
    columnKey: z.string().nullable(),
    columnName: z.string(),
    /** What the file states, as an exact decimal (money in the column's unit). */
    stated: z.string(),
    /** The sum of the imported rows it covers. */
    computed: z.string(),
    /** stated − computed; "0" when they agree. */
    difference: z.string(),
    matches: z.boolean(),
    /** How many rows the computed sum covers and how many of them have no value. */
    rows: z.number().int(),
    unknown: z.number().int(),
  })
  .strict();
export type TotalCheck = z.infer<typeof TotalCheck>;

export const ImportProblem = z
  .object({
    r: z.number().int(),
    column: z.string(),
    columnName: z.string(),
    value: z.string(),
    kind: z.string(),
    level: z.enum(['info', 'warning', 'error']),
    zh: z.string(),
    en: z.string(),
  })
  .strict();
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportSummary = z
  .object({
    rows: z.number().int(),
    childRows: z.number().int(),
    insert: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    unmatched: z.number().int(),
    cellsChanged: z.number().int(),
    carried: z.number().int(),
    unknown: z.number().int(),
    approximate: z.number().int(),
    converted: z.number().int(),
    markupRemoved: z.number().int(),
    unitsResolved: z.number().int(),
    unitsUnknown: z.number().int(),
    invalid: z.number().int(),
    formulasWithoutValue: z.number().int(),
    hiddenRows: z.number().int(),
    hiddenColumns: z.number().int(),
    repeatedHeaders: z.number().int(),
    totalRows: z.number().int(),
    notes: z.number().int(),
    sections: z.number().int(),
  })
  .strict();
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportPreview = z
  .object({
    previewId: PreviewId,
    fileName: z.string(),
    format: z.enum(['xlsx', 'xls', 'csv']),
    encoding: z.string().nullable(),
    application: z.string().nullable(),
    sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() }).strict()),
    sheetName: z.string(),
    /** The first rows of the sheet as text, for choosing the header by hand. */
    sourceRows: z.array(z.object({ r: z.number().int(), cells: z.array(z.string()), hidden: z.boolean() }).strict()),
    header: z
      .object({
        rows: z.array(z.number().int()),
        above: z.array(
          z
            .object({ r: z.number().int(), text: z.string(), why: z.enum(['title', 'attachment', 'unitLine', 'note']) })
            .strict(),
        ),
        confidence: z.number(),
      })
      .strict(),
    columns: z.array(PreviewColumn),
    target: z
      .object({
        kind: z.enum(['new', 'append', 'update']),
        sheetId: Id.nullable(),
        sheetName: z.string(),
        sheetKind: SheetKind,
        keyColumn: z.string().nullable(),
        columns: z.array(TargetColumnInfo),
      })
      .strict(),
    rowCount: z.number().int(),
    rows: z.array(PreviewRow),
    setAside: z.array(
      z
        .object({
          r: z.number().int(),
          kind: z.enum(['repeatedHeader', 'total', 'subtotal', 'note', 'section']),
          text: z.string(),
        })
        .strict(),
    ),
    totals: z.array(TotalCheck),
    problems: z.array(ImportProblem),
    problemCount: z.number().int(),
    notices: z.array(z.object({ zh: z.string(), en: z.string() }).strict()),
    summary: ImportSummary,
    /** The plan's sheets by how well the file's columns fit them, best first. */
    sheetFits: z.array(
      z.object({ sheetId: Id, sheetName: z.string(), matched: z.number().int(), score: z.number() }).strict(),
    ),
    /** Set when the update must not be committed (its key does not identify the sheet's rows). */
    refusal: z.object({ zh: z.string(), en: z.string() }).strict().nullable(),
  })
  .strict();
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z
  .object({
    fileName: z.string(),
    sheetId: Id,
    sheetName: z.string(),
    /** The change-log action of the import, or null when an update changed nothing. */
    actionId: Id.nullable(),
    inserted: z.number().int(),
    updated: z.number().int(),
    cellsChanged: z.number().int(),
    /** Cells the file had but the plan could not take, left empty (every one is in `problems`). */
    cellsLeftEmpty: z.number().int(),
    summary: ImportSummary,
    totals: z.array(TotalCheck),
    problems: z.array(ImportProblem),
  })
  .strict();
export type ImportResult = z.infer<typeof ImportResult>;

export const importingCalls = {
  'import.preview': call(
    z
      .object({
        file: ImportFile,
        sheetName: z.string().min(1).max(200).optional(),
        target: ImportTarget,
        /** The header's first source row and how many rows it spans, to override the guess. */
        header: z
          .object({ row: z.number().int().min(1).max(1_048_576), rows: z.union([z.literal(1), z.literal(2)]) })
          .strict()
          .optional(),
        mapping: z.array(MappingChoice).max(1000).optional(),
        /** How many parsed rows to return now (the rest through import.rows). */
        rowLimit: z.number().int().min(0).max(1000).default(200),
      })
      .strict(),
    ImportPreview,
    'Read a workbook or CSV file and show what importing it would do; nothing is written.',
  ),
  'import.rows': call(
    z
      .object({
        previewId: PreviewId,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
        /** all rows, only rows with a warning or error, or (updates) only rows that change. */
        filter: z.enum(['all', 'problems', 'changes']).default('all'),
      })
      .strict(),
    z.object({ total: z.number().int(), offset: z.number().int(), rows: z.array(PreviewRow) }).strict(),
    'A window of a preview’s parsed rows.',
  ),
  'import.commit': call(
    z
      .object({
        previewId: PreviewId,
        /** The user's corrections, by source row and target column; each is parsed like the file's own cells. */
        fixes: z
          .array(
            z
              .object({
                r: z.number().int().min(1),
                columnKey: z.string().min(1).max(200),
                text: z.string().max(100_000),
              })
              .strict(),
          )
          .max(10_000)
          .optional(),
      })
      .strict(),
    ImportResult,
    'Import what the preview showed, as one change-log action naming the file — all of it or nothing.',
  ),
  'import.run': call(
    z
      .object({
        file: FileRef,
        sheetName: z.string().min(1).max(200).optional(),
        target: ImportTarget,
        header: z
          .object({ row: z.number().int().min(1).max(1_048_576), rows: z.union([z.literal(1), z.literal(2)]) })
          .strict()
          .optional(),
      })
      .strict(),
    ImportResult.extend({
      sourceSheet: z.string(),
      format: z.enum(['xlsx', 'xls', 'csv']),
      encoding: z.string().nullable(),
      setAside: ImportPreview.shape.setAside,
      notices: ImportPreview.shape.notices,
      problemCount: z.number().int(),
    }).strict(),
    'Preview and commit a file at once, with no review step (the CLI’s import): the same reading, ' +
      'mapping and commit as import.preview + import.commit, all of it or nothing; a large file is ' +
      'written while it is still being read.',
  ),
  'import.cancel': call(
    z.object({ previewId: PreviewId }).strict(),
    z.object({ dropped: z.boolean() }).strict(),
    'Forget a preview.',
  ),
} as const;
