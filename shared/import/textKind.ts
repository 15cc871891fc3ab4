/**
 * Whether a plain-text file (.txt) holds a table (tab- or comma-separated, as Excel and WPS save
 * "文本文件") or prose (a policy document saved as text). The import dialog sends a table to the
 * table import and prose to the task breakdown. A table's lines split into the same number of
 * fields, line after line; prose does not — though it may have commas ("市发改委牵头,市工信局…配合"),
 * they come in no steady number.
 */

const LINES_LOOKED_AT = 30;
/** Share of the lines looked at that must agree on their field count. */
const AGREEING = 0.8;

function fieldCount(line: string, separator: string): number {
  return line.split(separator).length;
}

/** The most common field count of `lines` for a separator, and how many lines have it. */
function steadiestCount(lines: readonly string[], separator: string): { fields: number; lines: number } {
  const counts = new Map<number, number>();
  for (const line of lines) {
    const fields = fieldCount(line, separator);
    counts.set(fields, (counts.get(fields) ?? 0) + 1);
  }
  let best = { fields: 1, lines: 0 };
  for (const [fields, count] of counts) if (count > best.lines) best = { fields, lines: count };
  return best;
}

export function textLooksLikeTable(text: string): boolean {
  const lines = text
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, LINES_LOOKED_AT);
  if (lines.length < 2) return false;
  return ['\t', ','].some((separator) => {
    const steady = steadiestCount(lines, separator);
    return steady.fields >= 2 && steady.lines >= Math.ceil(lines.length * AGREEING);
  });
}
