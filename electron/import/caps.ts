/**
 * The limits an import works within. A workbook is untrusted input: a zip bomb, a sheet of a
 * million rows or a corrupt file must be refused with a message that states the limit, never
 * exhaust the machine's memory. Every refusal message quotes these numbers.
 */
export const IMPORT_CAPS = {
  /** Largest file the UI may send (its bytes travel base64-encoded in one call). */
  uploadBytes: 50 * 1024 * 1024,
  /** Total bytes all entries of a workbook may inflate to (what a zip bomb would blow up). */
  uncompressedBytes: 1024 * 1024 * 1024,
  /** Shared strings are held in memory whole, so they get a tighter limit of their own. */
  sharedStringsBytes: 256 * 1024 * 1024,
  /** workbook.xml, styles, relationships: small parts, read whole. */
  smallPartBytes: 32 * 1024 * 1024,
  /** Rows with content in one sheet (blank rows do not count). */
  rows: 200_000,
  /** Columns in one sheet. */
  columns: 1_000,
  /** Entries in a zip's central directory. */
  zipEntries: 20_000,
} as const;

export function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

export function thousands(count: number): string {
  return count.toLocaleString('en-US');
}
