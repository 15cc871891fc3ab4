import type { Move } from './keys';

/** A cell by its place on screen: displayed row index and displayed column index. */
export interface GridPoint {
  row: number;
  col: number;
}

export interface GridShape {
  rows: number;
  cols: number;
  /** Whether a cell is blank (Ctrl+arrow stops at the edges of filled regions). */
  isBlank(row: number, col: number): boolean;
}

/**
 * Excel's Ctrl+arrow along one line of cells: from a filled cell whose neighbour is filled, to
 * the last filled cell before a blank; otherwise to the next filled cell; with none, to the edge.
 */
function edgeAlong(start: number, step: number, length: number, blank: (index: number) => boolean): number {
  const last = step > 0 ? length - 1 : 0;
  if (start === last) return start;
  const next = start + step;
  if (!blank(start) && !blank(next)) {
    let at = next;
    while (at !== last && !blank(at + step)) at += step;
    return at;
  }
  let at = next;
  while (at !== last && blank(at)) at += step;
  return at;
}

/** Where a move leads from `from`, kept inside the grid. */
export function moveTarget(move: Move, from: GridPoint, shape: GridShape): GridPoint {
  const clamp = (point: GridPoint): GridPoint => ({
    row: Math.max(0, Math.min(shape.rows - 1, point.row)),
    col: Math.max(0, Math.min(shape.cols - 1, point.col)),
  });
  switch (move.kind) {
    case 'none':
      return from;
    case 'step':
      return clamp({ row: from.row + move.rows, col: from.col + move.cols });
    case 'rowStart':
      return { row: from.row, col: 0 };
    case 'sheetStart':
      return { row: 0, col: 0 };
    case 'sheetEnd':
      return clamp({ row: shape.rows - 1, col: shape.cols - 1 });
    case 'edge':
      if (move.rows !== 0) {
        return {
          row: edgeAlong(from.row, move.rows, shape.rows, (row) => shape.isBlank(row, from.col)),
          col: from.col,
        };
      }
      return { row: from.row, col: edgeAlong(from.col, move.cols, shape.cols, (col) => shape.isBlank(from.row, col)) };
  }
}
