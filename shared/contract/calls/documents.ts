import { z } from 'zod';
import { call, Id } from '../define';
import { FileRef } from '../files';

/**
 * From a policy document to a 任务分解 sheet (issue 16). documents.preview reads a .docx, .doc,
 * .pdf or .txt (a file reference, as import.preview takes it) and proposes one row per task —
 * 序号, 板块, 工作事项, 具体内容, 牵头单位, 配合单位, 完成时限, 量化目标, 出处 — each with how sure
 * the reading is and why; nothing is written. documents.commit creates the sheet from the rows
 * the user accepted (corrected, merged, split) as ONE change-log action, or nothing.
 */

export const DocumentPreviewId = z.string().regex(/^doc-[a-z0-9]{8,40}$/);

const Text = z.string().max(100_000);

export const ProposedUnit = z
  .object({
    /** The plan's name for the unit, or the name as written when the plan does not know it. */
    name: z.string(),
    known: z.boolean(),
    written: z.string(),
  })
  .strict();

export const ProposedTimePhrase = z
  .object({
    text: z.string(),
    date: z.string().nullable(),
    precision: z.enum(['day', 'month', 'quarter', 'half', 'year']).nullable(),
    ongoing: z.boolean(),
    start: z.boolean(),
  })
  .strict();

export const BreakdownReason = z.object({ zh: z.string(), en: z.string(), penalty: z.number() }).strict();

export const ProposedTaskRow = z
  .object({
    seq: z.string(),
    section: z.string(),
    item: z.string(),
    content: z.string(),
    lead: z.array(ProposedUnit),
    coop: z.array(ProposedUnit),
    deadline: z.string(),
    timePhrases: z.array(ProposedTimePhrase),
    targets: z.array(z.string()),
    place: z.object({ page: z.number().int().nullable(), paragraph: z.number().int() }).strict(),
    /** 出处 as the sheet shows it: 第3页 / 第12段. */
    source: z.string(),
    responsibility: z.string(),
    responsibilityFrom: z.enum(['own', 'paragraph', 'continuation', 'parent', 'attachment', 'table', 'none']),
    kind: z.enum(['task', 'subItem', 'paragraph', 'tableRow']),
    parentSeq: z.string().nullable(),
    /** 0…1: how sure the reading is; `reasons` say why. */
    confidence: z.number(),
    reasons: z.array(BreakdownReason),
  })
  .strict();
export type ProposedTaskRow = z.infer<typeof ProposedTaskRow>;

export const DocumentPreview = z
  .object({
    previewId: DocumentPreviewId,
    fileName: z.string(),
    format: z.enum(['docx', 'doc', 'pdf', 'txt']),
    encoding: z.string().nullable(),
    /** The rows come from the body's numbered tasks, the document's own table, or both joined. */
    from: z.enum(['body', 'table', 'body+attachment']),
    /** The year deadlines without one are placed in (a 2023 work plan's "6月底前"). */
    contextYear: z.number().int().nullable(),
    /** The name the new sheet gets unless the commit names it. */
    sheetName: z.string(),
    sections: z.array(
      z
        .object({
          level: z.number().int(),
          label: z.string(),
          title: z.string(),
          place: ProposedTaskRow.shape.place,
        })
        .strict(),
    ),
    rows: z.array(ProposedTaskRow),
    /** Attachment rows and tasks that did not pair up, and differences between them. */
    mismatches: z.array(BreakdownReason),
    summary: z
      .object({
        rows: z.number().int(),
        unknownUnits: z.array(z.string()),
        withoutUnits: z.number().int(),
        lowConfidence: z.number().int(),
      })
      .strict(),
  })
  .strict();
export type DocumentPreview = z.infer<typeof DocumentPreview>;

/** A row as the user accepted it in the preview: plain texts, units in order (the first leads). */
export const AcceptedTaskRow = z
  .object({
    seq: z.string().max(100),
    section: z.string().max(2000),
    item: Text,
    content: Text,
    lead: z.array(z.string().min(1).max(200)).max(200),
    coop: z.array(z.string().min(1).max(200)).max(200),
    deadline: z.string().max(200),
    targets: z.array(z.string().max(2000)).max(500),
    source: z.string().max(200),
    note: z.string().max(10_000).default(''),
  })
  .strict();
export type AcceptedTaskRow = z.input<typeof AcceptedTaskRow>;

export const DocumentCommitResult = z
  .object({
    fileName: z.string(),
    sheetId: Id,
    sheetName: z.string(),
    actionId: Id,
    inserted: z.number().int(),
    /** Unit names the plan's list does not know, kept as written. */
    unknownUnits: z.array(z.string()),
  })
  .strict();
export type DocumentCommitResult = z.infer<typeof DocumentCommitResult>;

export const documentsCalls = {
  'documents.preview': call(
    z.object({ file: FileRef }).strict(),
    DocumentPreview,
    'Read a policy document (.docx, .doc, .pdf, .txt) and propose its task breakdown; nothing is written.',
  ),
  'documents.commit': call(
    z
      .object({
        previewId: DocumentPreviewId,
        /** The new sheet's name; absent: the preview's. Numbered if the plan has it already. */
        name: z.string().trim().min(1).max(100).optional(),
        /** The rows as corrected in the preview; absent: the proposed rows as they are. */
        rows: z.array(AcceptedTaskRow).max(5000).optional(),
      })
      .strict(),
    DocumentCommitResult,
    'Create a 任务分解 sheet from a document preview’s rows, as one undoable change-log action.',
  ),
  'documents.cancel': call(
    z.object({ previewId: DocumentPreviewId }).strict(),
    z.object({ dropped: z.boolean() }).strict(),
    'Forget a document preview.',
  ),
} as const;
