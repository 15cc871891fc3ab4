/**
 * The limits of the .xls reader (beside the import's own row and column caps in ../caps.ts). A
 * legacy workbook is untrusted input like any other: its stream is read whole, so its size is
 * capped, and a crafted file could otherwise declare millions of records, cells or merged ranges.
 * BIFF8 itself allows at most 65,536 rows and 256 columns per sheet.
 */
export const XLS_CAPS = {
  /** The Workbook stream, read into memory whole. */
  streamBytes: 256 * 1024 * 1024,
  /** Records in the globals or in one sheet. */
  records: 20_000_000,
  /** Cells with content in one sheet (65,536 rows × 76 columns). */
  cells: 5_000_000,
  /** Merged ranges in one sheet. */
  merges: 100_000,
  /** Sheets in a workbook. */
  sheets: 10_000,
} as const;
