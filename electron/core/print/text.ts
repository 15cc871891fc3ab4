/** Small text helpers for laying out printed tables. */

/** Text safe to place in HTML element content and in double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The width of a line of text in ems, as a layout estimate: CJK and full-width characters are a
 * full em, ASCII letters and digits a little over half. Only used to share the page width among
 * columns; the real heights are measured in the browser.
 */
export function emWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20) continue;
    if (code === 0x20) width += 0.3;
    else if (code < 0x2e80) width += 0.55;
    else width += 1;
  }
  return width;
}

/** The widest line of a (possibly multi-line) text, in ems. */
export function widestLineEm(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, emWidth(line));
  return widest;
}

/** The value at quantile q (0..1) of the numbers, or 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** A short, one-line form of a cell's text for messages: "生态绿城深化工程…". */
export function shorten(text: string, max = 20): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? line.slice(0, max) + '…' : line;
}
