/**
 * The selected rectangle of cells, in displayed positions (row index in the grid's current
 * sort/filter order, column index among displayed columns) — what Excel users select with the
 * mouse or shift+arrows. AG Grid Community has no range selection, so the grid keeps this.
 */
export interface CellPoint {
  row: number;
  col: number;
}

export interface CellRange {
  /** Where the selection started (the active cell). */
  anchor: CellPoint;
  /** The opposite corner. */
  focus: CellPoint;
}

export interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function bounds(range: CellRange): Bounds {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col),
  };
}

export function contains(range: CellRange | null, row: number, col: number): boolean {
  if (!range) return false;
  const box = bounds(range);
  return row >= box.top && row <= box.bottom && col >= box.left && col <= box.right;
}

export function isSingleCell(range: CellRange): boolean {
  return range.anchor.row === range.focus.row && range.anchor.col === range.focus.col;
}

/** Move the focus corner by a step (shift+arrow), kept inside the grid. */
export function extend(range: CellRange, rowStep: number, colStep: number, rows: number, cols: number): CellRange {
  return {
    anchor: range.anchor,
    focus: {
      row: Math.min(Math.max(range.focus.row + rowStep, 0), Math.max(rows - 1, 0)),
      col: Math.min(Math.max(range.focus.col + colStep, 0), Math.max(cols - 1, 0)),
    },
  };
}

/**
 * Where a pasted block of `height` × `width` goes: into the selection when the selection is a
 * whole multiple of the block (Excel repeats it), otherwise at the active cell at its own size.
 */
export function pasteTarget(range: CellRange, height: number, width: number): Bounds {
  const box = bounds(range);
  const selectedHeight = box.bottom - box.top + 1;
  const selectedWidth = box.right - box.left + 1;
  if (!isSingleCell(range) && selectedHeight % height === 0 && selectedWidth % width === 0) return box;
  return { top: box.top, left: box.left, bottom: box.top + height - 1, right: box.left + width - 1 };
}
