import type { ColumnTotal, RowData } from '../../../shared/contract/contract';
import { api } from '../data/api';
import type { SheetScreen } from '../app/firstScreen';
import { FIRST_SCREEN_ROWS } from '../app/firstScreen';

/** Rows asked for at a time after the first screen. */
const PAGE = 5000;

export interface Loaded {
  rows: RowData[];
  /** False while the rest of a large sheet is still arriving. */
  complete: boolean;
}

/**
 * Load a sheet's rows: the first screen at once (so a 100,000-row sheet shows without waiting for
 * the rest), then the rest in pages, handed over in one piece when complete. The exact totals
 * are asked for alongside and shown when they come, the rows not waiting for them. The first
 * screen's answers come from `asked` when given (the sheet view asked as it opened).
 */
export async function loadRows(
  sheetId: number,
  asked: Partial<Pick<SheetScreen, 'firstRows' | 'totals'>> | null,
  show: (loaded: Loaded) => void,
  showTotals: (totals: ColumnTotal[]) => void,
  isCurrent: () => boolean,
): Promise<void> {
  // Asked in this order because the main side answers in order, and the rows show first.
  const firstPage = asked?.firstRows ?? api['sheet.rows']({ sheetId, offset: 0, limit: FIRST_SCREEN_ROWS });
  const totals = (asked?.totals ?? api['sheet.totals']({ sheetId }).then((answer) => answer.totals)).then((answer) => {
    if (isCurrent()) showTotals(answer);
  });
  // Handled here too, so a failure is not unhandled if the rows fail first (awaited below).
  totals.catch(() => undefined);
  const first = await firstPage;
  const rows: RowData[] = [...first.rows];
  show({ rows: [...rows], complete: rows.length >= first.total });
  while (rows.length < first.total && isCurrent()) {
    const page = await api['sheet.rows']({ sheetId, offset: rows.length, limit: PAGE });
    if (page.rows.length === 0) break;
    rows.push(...page.rows);
  }
  if (isCurrent() && rows.length > first.rows.length) show({ rows, complete: true });
  await totals;
}

/** A saved cell into a row's cells: an emptied cell is no cell. */
export function putCell(cells: RowData['cells'], key: string, cell: RowData['cells'][string]): void {
  if (cell.text === '') delete cells[key];
  else cells[key] = cell;
}

/** All of a sheet's rows with the cells edited while they arrived put over them (then forgotten). */
export function withEdits(loaded: Loaded, edits: Map<number, Map<string, RowData['cells'][string]>>): Loaded {
  if (edits.size === 0) return loaded;
  const rows = loaded.rows.map((row) => {
    const cells = edits.get(row.id);
    if (!cells) return row;
    const next = { ...row.cells };
    for (const [key, cell] of cells) putCell(next, key, cell);
    return { ...row, cells: next };
  });
  edits.clear();
  return { ...loaded, rows };
}
