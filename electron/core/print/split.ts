import type { PrintColumn, PrintRow } from './model';

/**
 * A row taller than a page is the one exception to "rows never split": it is cut into parts at
 * line starts the browser reported (measureScript.ts), each part one page tall at most. A cut
 * cell says so, （转下页） at the end of a part and （接上页） at the start of the next; the
 * number column repeats in every part so the reader knows which row goes on.
 */
export function splitRow(
  row: PrintRow,
  offsets: readonly (readonly number[])[],
  columns: readonly PrintColumn[],
): PrintRow[] {
  const count = 1 + Math.max(0, ...offsets.map((cut) => cut.length));
  if (count === 1) return [row];
  const repeatIndex = columns.findIndex((column) => column.role === 'seq');
  return Array.from({ length: count }, (_, part) => {
    const cells = row.cells.map((text, index) => {
      const cuts = offsets[index] ?? [];
      if (cuts.length === 0) return part === 0 || index === repeatIndex ? text : '';
      if (part > cuts.length) return '';
      const start = part === 0 ? 0 : cuts[part - 1]!;
      const end = part < cuts.length ? cuts[part]! : text.length;
      // A cut at a line break leaves the break at the head of the next part: drop it there.
      return text.slice(start, end).replace(/^\n/, '').replace(/\n$/, '');
    });
    return {
      ...row,
      cells,
      part: {
        index: part,
        count,
        continuesFrom: row.cells.map((_, index) => part > 0 && part <= (offsets[index]?.length ?? 0)),
        continuesTo: row.cells.map((_, index) => part < (offsets[index]?.length ?? 0)),
      },
    };
  });
}
