import { z } from 'zod';
import { ColumnType } from '../../model/columns';
import { MONEY_UNITS } from '../../values/money';
import { call, Id } from '../define';
import { FileRef, MadeFile, SaveTo } from '../files';

/**
 * Excel export and the department round trip ("exchange"): export a sheet or the plan as a
 * formatted workbook; send each department a protected workbook of its own rows with fill-in
 * columns; collect the returned files back with every change, conflict and rejected edit shown
 * before anything is applied. Files are references (../files.ts): a returned workbook is
 * uploaded or named by path; what is made is written to a path or offered as a download.
 */

// ---- export ----------------------------------------------------------------------------------

export const ExportOptions = z
  .object({
    /** Protect every sheet against edits (no password unless one is given). */
    protect: z.boolean().default(false),
    password: z.string().min(1).max(255).optional(),
    /** A totals row under sheets with money or number columns. */
    totals: z.boolean().default(true),
  })
  .strict();
export type ExportOptions = z.infer<typeof ExportOptions>;

// ---- send-out ---------------------------------------------------------------------------------

/** Fill-in columns Planbench offers on any sheet; applied back into columns of the same name. */
export const STANDARD_FILL_IDS = ['doneInvestment', 'progress', 'issues', 'doneDate', 'status'] as const;
export type StandardFillId = (typeof STANDARD_FILL_IDS)[number];

export interface StandardFillColumn {
  id: StandardFillId;
  name: string;
  type: ColumnType;
  settings: { moneyUnit?: (typeof MONEY_UNITS)[number]; decimals?: number; choices?: string[] };
  /** What the instructions sheet tells the department to write. */
  guide: string;
}

export const STANDARD_FILL_COLUMNS: readonly StandardFillColumn[] = [
  {
    id: 'doneInvestment',
    name: '完成投资',
    type: 'money',
    settings: { moneyUnit: '万元', decimals: 2 },
    guide: '截至填报时累计完成的投资，单位万元；应为不小于 0 且不超过该项目投资总额的数字。',
  },
  {
    id: 'progress',
    name: '进展情况',
    type: 'longText',
    settings: {},
    guide: '简要说明当前进展（已完成的工作量、形象进度等）。',
  },
  {
    id: 'issues',
    name: '存在问题',
    type: 'longText',
    settings: {},
    guide: '推进中遇到的问题及需要协调的事项；下发信息有误的也请在此说明。没有可留空。',
  },
  {
    id: 'doneDate',
    name: '完成时间',
    type: 'date',
    settings: {},
    guide: '已完成的填写完成日期（如 2024-06-30）；未完成的留空。',
  },
  {
    id: 'status',
    name: '推进状态',
    type: 'status',
    settings: { choices: ['未开工', '推进中', '已完成', '滞后'] },
    guide: '从下拉列表中选择：未开工、推进中、已完成、滞后。',
  },
];

export const FillColumnChoice = z.union([
  z.object({ standard: z.enum(STANDARD_FILL_IDS) }).strict(),
  z.object({ columnKey: z.string().min(1).max(200) }).strict(),
]);
export type FillColumnChoice = z.infer<typeof FillColumnChoice>;

/** Who gets a row: its lead units only, or its lead and cooperating units. */
export const SendOutRouting = z.enum(['lead', 'leadAndCooperating']);
export type SendOutRouting = z.infer<typeof SendOutRouting>;

const sendOutFields = {
  sheetId: Id,
  /** Default: 完成投资 (where the sheet has an investment column), 进展情况, 存在问题, 完成时间. */
  fill: z.array(FillColumnChoice).min(1).max(20).optional(),
  routing: SendOutRouting.default('lead'),
  /** Canonical names or aliases; default every department that has rows. */
  departments: z.array(z.string().trim().min(1).max(200)).min(1).max(500).optional(),
  /** Shown in the instructions: when to send the file back, and whom to ask. */
  dueDate: z.string().max(40).optional(),
  contact: z.string().max(200).optional(),
};

export const SendOutPreviewInput = z.object(sendOutFields).strict();
export type SendOutPreviewInput = z.infer<typeof SendOutPreviewInput>;

export const SendOutInput = z
  .object({
    ...sendOutFields,
    /** Protects the sheets with this password; none by default (protection still guards). */
    password: z.string().min(1).max(255).optional(),
    /** One zip of every department's workbook, or the workbooks one by one. */
    package: z.enum(['zip', 'files']).default('zip'),
    /**
     * A folder to write the files into (the CLI); absent: offered as downloads. The plan records
     * the batch only once every file is written.
     */
    saveTo: SaveTo.optional(),
  })
  .strict();
export type SendOutInput = z.infer<typeof SendOutInput>;

const ColumnBrief = z.object({ key: z.string(), header: z.string(), type: ColumnType }).strict();

export const SendOutPreview = z
  .object({
    sheetId: Id,
    sheetName: z.string(),
    routing: SendOutRouting,
    identifying: z.array(ColumnBrief),
    fill: z.array(ColumnBrief.extend({ standard: z.enum(STANDARD_FILL_IDS).nullable(), exists: z.boolean() }).strict()),
    /** What the dialog offers: the standard fill-in columns, and the sheet's own columns. */
    standardFill: z.array(z.object({ id: z.enum(STANDARD_FILL_IDS), header: z.string(), type: ColumnType }).strict()),
    sheetColumns: z.array(ColumnBrief),
    departments: z.array(
      z
        .object({ department: z.string(), rows: z.number().int(), leadRows: z.number().int(), fileName: z.string() })
        .strict(),
    ),
    /** Rows no department gets (no unit in any department column). */
    unrouted: z.object({ count: z.number().int(), labels: z.array(z.string()) }).strict(),
    /** Collective addressees (各辖市区人民政府) named in the rows, sent to each of their members. */
    expanded: z.array(z.object({ group: z.string(), members: z.array(z.string()), rows: z.number().int() }).strict()),
  })
  .strict();
export type SendOutPreview = z.infer<typeof SendOutPreview>;

export const SendOutResult = z
  .object({
    batchId: z.string(),
    createdAt: z.string(),
    files: z.array(
      z
        .object({
          department: z.string(),
          fileName: z.string(),
          rows: z.number().int(),
          bytes: z.number().int(),
          /** Present when the package is 'files': where it was written, or its download. */
          file: MadeFile.nullable(),
        })
        .strict(),
    ),
    zip: MadeFile.nullable(),
  })
  .strict();
export type SendOutResult = z.infer<typeof SendOutResult>;

export const ReturnRecordOut = z
  .object({
    at: z.string(),
    fileName: z.string(),
    cells: z.number().int(),
    inserts: z.number().int(),
    /** The merge was undone since (it stays in the history). */
    undone: z.boolean(),
  })
  .strict();

export const SendOutStatus = z
  .object({
    batches: z.array(
      z
        .object({
          batchId: z.string(),
          sheetId: Id,
          sheetName: z.string(),
          createdAt: z.string(),
          routing: SendOutRouting,
          fill: z.array(z.string()),
          /** A newer batch of the same sheet replaced this one for some departments. */
          superseded: z.boolean(),
          departments: z.array(
            z
              .object({
                department: z.string(),
                fileName: z.string(),
                rows: z.number().int(),
                returned: z.boolean(),
                lastReturnAt: z.string().nullable(),
                /** Cells and rows applied from this department's returns (not undone). */
                changes: z.number().int(),
                returns: z.array(ReturnRecordOut),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type SendOutStatus = z.infer<typeof SendOutStatus>;

// ---- collect back ---------------------------------------------------------------------------

export const CollectCellKind = z.enum(['proposed', 'conflict', 'locked', 'invalid']);
export type CollectCellKind = z.infer<typeof CollectCellKind>;

export const CollectCell = z
  .object({
    /** Stable within the preview: what collect.apply accepts. */
    id: z.string(),
    columnKey: z.string(),
    header: z.string(),
    /**
     * proposed: the department changed it, the plan did not; conflict: both changed it since the
     * send-out; locked: an identifying column was edited (protection removed); invalid: the
     * value does not fit the column, or the row or column is gone from the plan.
     */
    kind: CollectCellKind,
    sent: z.string(),
    returned: z.string(),
    current: z.string(),
    reasonZh: z.string().nullable(),
    reasonEn: z.string().nullable(),
    /**
     * Values that may be accepted but are beyond a bound the fill-in sheet states (完成投资 over
     * 投资匡算, a 完成率 over 100%): shown, never let in silently. Absent when none.
     */
    warnings: z.array(z.object({ zh: z.string(), en: z.string() }).strict()).optional(),
  })
  .strict();
export type CollectCell = z.infer<typeof CollectCell>;

export const CollectRow = z
  .object({
    rowId: Id,
    /** The row's place in the plan sheet now (1-based), or null when it was deleted there. */
    sheetRow: z.number().int().nullable(),
    /** The row in the returned worksheet, as Excel numbers it. */
    fileRow: z.number().int(),
    label: z.string(),
    cells: z.array(CollectCell),
  })
  .strict();
export type CollectRow = z.infer<typeof CollectRow>;

export const CollectInsert = z
  .object({
    id: z.string(),
    fileRow: z.number().int(),
    label: z.string(),
    cells: z.array(z.object({ columnKey: z.string(), header: z.string(), text: z.string() }).strict()),
    reasonZh: z.string().nullable(),
    reasonEn: z.string().nullable(),
    /** As CollectCell.warnings, for the added row's values. */
    warnings: z.array(z.object({ zh: z.string(), en: z.string() }).strict()).optional(),
  })
  .strict();
export type CollectInsert = z.infer<typeof CollectInsert>;

/** A comment (批注) the department wrote or changed in its return: applied as the department's when accepted. */
export const CollectComment = z
  .object({
    id: z.string(),
    rowId: Id,
    fileRow: z.number().int(),
    label: z.string(),
    /** The plan column it is on, or null: on the whole row (written on its 序号 cell). */
    columnKey: z.string().nullable(),
    header: z.string(),
    /** The plan's comment there now, or null when there is none. */
    current: z.string().nullable(),
    returned: z.string(),
    /** Who it is attributed to: the department (and the author the file names, when another). */
    author: z.string(),
  })
  .strict();
export type CollectComment = z.infer<typeof CollectComment>;

export const CollectNote = z.object({ level: z.enum(['info', 'warning']), zh: z.string(), en: z.string() }).strict();

/** How many proposed cells, conflicts, locked-column edits, unreadable cells, added and deleted rows. */
const CollectCounts = z
  .object({
    proposed: z.number().int(),
    conflicts: z.number().int(),
    locked: z.number().int(),
    invalid: z.number().int(),
    inserts: z.number().int(),
    deleted: z.number().int(),
  })
  .strict();

export const CollectPreview = z
  .object({
    previewId: z.string(),
    fileName: z.string(),
    department: z.string(),
    batchId: z.string(),
    sentAt: z.string(),
    sheetId: Id,
    sheetName: z.string(),
    /** The program that last saved the file (Planbench, Microsoft Excel, WPS, LibreOffice…). */
    savedBy: z.string().nullable(),
    protection: z.object({ sheetProtected: z.boolean(), fillInUnlocked: z.boolean() }).strict(),
    notes: z.array(CollectNote),
    /** Rows with something to decide. */
    rows: z.array(CollectRow),
    inserts: z.array(CollectInsert),
    /** Comments written or changed in the return (its .xlsx comments), each a change to accept or leave. */
    comments: z.array(CollectComment),
    /** Rows sent but missing from the return: flagged, never deleted automatically. */
    deleted: z.array(z.object({ rowId: Id, label: z.string() }).strict()),
    /** Fill-in columns the plan does not have yet; created when a change to them is applied. */
    columnsToAdd: z.array(z.string()),
    counts: CollectCounts.extend({
      /** Rows the department returned as sent. */
      unchangedRows: z.number().int(),
      /** Cells the department changed to what the plan already says. */
      alreadyInPlan: z.number().int(),
      /** Values beyond a stated bound (see CollectCell.warnings), in changed cells and added rows. */
      warnings: z.number().int().optional(),
    }).strict(),
  })
  .strict();
export type CollectPreview = z.infer<typeof CollectPreview>;

export const CollectAccept = z.union([
  z.literal('all'),
  z.literal('none'),
  z
    .object({
      cells: z.array(z.string().min(1).max(300)).max(200_000),
      rows: z.array(z.string().min(1).max(300)).max(100_000),
      /** Accepted comment ids (CollectComment.id); absent: none. */
      comments: z.array(z.string().min(1).max(300)).max(100_000).optional(),
    })
    .strict(),
]);
export type CollectAccept = z.infer<typeof CollectAccept>;

export const CollectResult = z
  .object({
    actionId: Id.nullable(),
    applied: z
      .object({
        cells: z.number().int(),
        inserts: z.number().int(),
        comments: z.number().int(),
        columnsAdded: z.array(z.string()),
      })
      .strict(),
    /** What stayed as it was: not accepted, or not applicable. */
    left: CollectCounts,
  })
  .strict();
export type CollectResult = z.infer<typeof CollectResult>;

export const exchangeCalls = {
  'export.sheet': call(
    z
      .object({
        sheetId: Id.optional(),
        options: ExportOptions.default({ protect: false, totals: true }),
        /** The .xlsx to write (the CLI); absent: offered as a download. */
        saveTo: SaveTo.optional(),
      })
      .strict(),
    MadeFile.extend({ sheets: z.array(z.object({ name: z.string(), rows: z.number().int() }).strict()) }).strict(),
    'A formatted .xlsx of one sheet, or of the whole plan when no sheet is given.',
  ),
  'sendout.preview': call(
    SendOutPreviewInput,
    SendOutPreview,
    'Which departments would get which rows and columns; writes nothing.',
  ),
  'sendout.create': call(
    SendOutInput,
    SendOutResult,
    'One protected fill-in workbook per department; the plan records the batch.',
  ),
  'sendout.status': call(
    z.object({ sheetId: Id.optional() }).strict(),
    SendOutStatus,
    'Send-out batches, newest first: per department whether it returned, when, and how many changes.',
  ),
  'collect.preview': call(
    z.object({ file: FileRef }).strict(),
    CollectPreview,
    'Read a returned workbook: proposed changes, conflicts, locked-column edits, added and deleted rows.',
  ),
  'collect.apply': call(
    z.object({ previewId: z.string().uuid(), accept: CollectAccept }).strict(),
    CollectResult,
    'Apply the accepted changes of a previewed return as one action whose source is the department and file.',
  ),
} as const;
