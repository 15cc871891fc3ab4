import { z } from 'zod';
import { ColumnRole, ColumnType } from '../../model/columns';
import { call, Id } from '../define';
import { MadeFile, SaveTo } from '../files';

/**
 * Printing a sheet as an attachment to an official document (GB/T 9704 conventions): a preview
 * of the pages exactly as they print, the PDF, the system print dialog (desktop app only), and
 * the print setup saved with the sheet.
 */

export const PAPER_SIZES = ['A4', 'A3'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

const ColumnKey = z.string().min(1).max(200);

export const PrintColumnChoice = z
  .object({
    key: ColumnKey,
    /** A fixed width in millimetres; null shares the page width with the other auto columns. */
    widthMm: z.number().min(5).max(400).nullable().default(null),
  })
  .strict();
export type PrintColumnChoice = z.infer<typeof PrintColumnChoice>;

/** Keep the rows whose cell in `columnKey` is one of `values` (a department column matches any of its units). */
export const PrintFilter = z
  .object({
    columnKey: ColumnKey,
    values: z.array(z.string().min(1).max(500)).min(1).max(500),
  })
  .strict();
export type PrintFilter = z.infer<typeof PrintFilter>;

export const PrintSortKey = z
  .object({
    columnKey: ColumnKey,
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();
export type PrintSortKey = z.infer<typeof PrintSortKey>;

/**
 * How a sheet prints. Every field has a default, so `{}` is the standard layout: A4 landscape,
 * the sheet's visible columns fitted to the page width, the sheet's title, category cells merged,
 * a totals row.
 */
export const PrintOptions = z
  .object({
    paper: z.enum(PAPER_SIZES).default('A4'),
    orientation: z.enum(['landscape', 'portrait']).default('landscape'),
    /** 'standard': GB/T 9704 margins (rotated for landscape); 'narrow': 15 mm, more on a page. */
    margins: z.enum(['standard', 'narrow']).default('standard'),
    /** Body text size in points: 10.5 is 五号, 12 小四, 14 四号. */
    fontSizePt: z.number().min(8).max(16).default(10.5),
    /** null: no "附件" line; "" prints "附件"; "2" prints "附件2". */
    attachmentNumber: z.string().max(10).nullable().default(null),
    /** Which title heads the table: the sheet's (its description or name), the plan's, a custom one, or none. */
    titleSource: z.enum(['sheet', 'plan', 'custom', 'none']).default('sheet'),
    customTitle: z.string().max(300).default(''),
    /** A document number printed under the title (e.g. 常政发〔2023〕23号); "" for none. */
    docNumber: z.string().max(100).default(''),
    /** The columns in print order; null: the sheet's visible columns in sheet order. */
    columns: z.array(PrintColumnChoice).min(1).max(200).nullable().default(null),
    filters: z.array(PrintFilter).max(20).default([]),
    sort: z.array(PrintSortKey).max(5).default([]),
    /** Print one section per value of this column (e.g. 牵头单位), each with its own subtotal. */
    groupBy: ColumnKey.nullable().default(null),
    /** Start every section on a new page, so each department's pages can be handed out alone. */
    groupPageBreak: z.boolean().default(true),
    /** Merge runs of equal category/subcategory cells, repeated with （续） on a new page. */
    mergeCategories: z.boolean().default(true),
    totalsRow: z.boolean().default(true),
    /** Print the printed rows' comments (批注) as numbered 注 lines under the table. */
    comments: z.boolean().default(false),
  })
  .strict();
export type PrintOptions = z.output<typeof PrintOptions>;
export type PrintOptionsInput = z.input<typeof PrintOptions>;

/** What the options panel offers for one column. */
export const PrintColumnFacet = z
  .object({
    key: z.string(),
    name: z.string(),
    /** The header as printed, with the money unit: 投资匡算（万元）. */
    header: z.string(),
    type: ColumnType,
    role: ColumnRole.nullable(),
    hidden: z.boolean(),
    /** Whether rows can be filtered or grouped by it (categories, departments, choices). */
    groupable: z.boolean(),
    /** Its distinct values in sheet order (departments by canonical name); empty unless groupable. */
    values: z.array(z.string()),
  })
  .strict();
export type PrintColumnFacet = z.infer<typeof PrintColumnFacet>;

const SheetOptionsInput = z
  .object({
    sheetId: Id,
    /** Omitted: the options saved with the sheet (or the defaults). */
    options: PrintOptions.optional(),
  })
  .strict();

export const printingCalls = {
  'print.options.get': call(
    z.object({ sheetId: Id }).strict(),
    z
      .object({
        options: PrintOptions,
        saved: z.boolean(),
        columns: z.array(PrintColumnFacet),
        /** The plan's document number, offered as the default for docNumber. */
        planDocNumber: z.string(),
      })
      .strict(),
    'The print setup saved with a sheet (or the defaults), and the columns and values to choose from.',
  ),
  'print.options.save': call(
    z.object({ sheetId: Id, options: PrintOptions }).strict(),
    z.object({ options: PrintOptions }).strict(),
    'Save a sheet’s print setup (columns, order, widths, filter, grouping, paper, title).',
  ),
  'print.preview': call(
    SheetOptionsInput,
    z
      .object({
        /** The whole printable document: one fixed-size box per page; no scripts, no external resources. */
        html: z.string(),
        pages: z.number().int(),
        rows: z.number().int(),
        warnings: z.array(z.string()),
      })
      .strict(),
    'The pages of a sheet exactly as they print (the same HTML the PDF is made from).',
  ),
  'print.pdf': call(
    SheetOptionsInput.extend({
      /** The .pdf to write (the CLI); absent: offered as a download. */
      saveTo: SaveTo.optional(),
    }).strict(),
    MadeFile.extend({
      pages: z.number().int(),
      warnings: z.array(z.string()),
    }).strict(),
    'The sheet printed to PDF.',
  ),
  'print.system': call(
    SheetOptionsInput,
    z.object({ printed: z.boolean(), pages: z.number().int() }).strict(),
    'Open the system print dialog for the sheet (desktop app only).',
  ),
} as const;
