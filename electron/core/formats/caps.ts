/**
 * The limits an import works within. A workbook is untrusted input: a zip bomb, a sheet of a
 * million rows or a corrupt file must be refused with a message that states the limit, never
 * exhaust the machine's memory. Every refusal message quotes these numbers.
 */
export const IMPORT_CAPS = {
  /**
   * A department's returned workbook is read into memory whole (it is one department's share of
   * a sheet, a few hundred KiB as sent); larger than this it is not a fill-in form.
   */
  returnedWorkbookBytes: 256 * 1024 * 1024,
  /**
   * Total bytes all entries of a workbook may inflate to (what a zip bomb would blow up). The
   * 100,000-row benchmark workbook (14 columns, shared strings) inflates to 66 MiB; twice that
   * (the row cap) still fits, with room for wordier writers.
   */
  uncompressedBytes: 256 * 1024 * 1024,
  /** Shared strings are held in memory whole, so they get a tighter limit of their own (the benchmark's: 22 MiB). */
  sharedStringsBytes: 128 * 1024 * 1024,
  /**
   * Inflated bytes per compressed byte a sheet or the shared strings may reach once they have
   * inflated `ratioFromBytes`. Their XML deflates 5–30 to 1 (the benchmark's sheet 7, its shared
   * strings 29; a sheet of empty styled cells 12, of identical rows 18); a zip bomb's data 300 to
   * 1000 to 1 — deflate cannot do better than about 1032.
   */
  compressionRatio: 200,
  ratioFromBytes: 16 * 1024 * 1024,
  /** workbook.xml, styles, relationships: small parts, read whole. */
  smallPartBytes: 32 * 1024 * 1024,
  /**
   * Characters one text may have: a shared string or a cell's text. A cell of Excel or WPS holds
   * at most 32,767; this is thirty times that.
   */
  textChars: 1_000_000,
  /**
   * Characters of text all the cells of a sheet may hold together, counted as cells are read: a
   * shared string is stored once but each cell that refers to it gets its own copy downstream
   * (preview, plan file), so a small file whose one long string is used by thousands of cells
   * would otherwise expand without bound. The 100,000-row benchmark sheet holds 12.3 million;
   * 60 million took an import to 590 MB.
   */
  sheetTextChars: 32 * 1024 * 1024,
  /** Items in the shared strings (the benchmark has some 300,000). */
  sharedStrings: 4_000_000,
  /**
   * Characters the XML reader may hold while waiting for the end of one tag, text or string item:
   * four times the longest text, for the markup and entities around it. Held text is scanned
   * again as each chunk arrives, so this also bounds the time one endless text can take.
   */
  xmlPendingChars: 4 * 1024 * 1024,
  /** How deep XML elements may nest; workbook parts nest fewer than 20 deep. */
  xmlDepth: 256,
  /**
   * Merged ranges in one sheet: five for every row of a 100,000-row sheet. Each costs some 400
   * bytes by the time the preview is built (3 million took an import past 1.2 GB).
   */
  merges: 500_000,
  /** Sheets listed in a workbook. */
  sheets: 2_000,
  /** The last row and column a sheet of Excel can have (1,048,576 and XFD). */
  lastRow: 1_048_576,
  lastColumn: 16_384,
  /** Rows with content in one sheet (blank rows do not count). */
  rows: 200_000,
  /**
   * Cells with content in one sheet: twice the 100,000-row benchmark's 1.4 million. An import
   * holds some 140 bytes per cell at its peak (4 million cells took 660 MB), so this and the
   * limit on a sheet's text keep any one import under 1 GB.
   */
  cells: 3_000_000,
  /** Columns in one sheet. */
  columns: 1_000,
  /** Entries in a zip's central directory. */
  zipEntries: 20_000,
} as const;

/** A size for a message: KiB below one MiB (a declared size of a few hundred bytes), MiB above. */
export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${thousands(Math.ceil(bytes / 1024))} KiB` : mib(bytes);
}

export function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

export function thousands(count: number): string {
  return count.toLocaleString('en-US');
}
