import type { ImportPreview, PreviewRow } from '../../../shared/contract/calls/importing';
import type { Grid } from '../../../shared/import/importGrid';
import { cellText, columnLetter } from '../../../shared/import/importGrid';
import { headerCellText } from '../../../shared/import/importHeader';
import { normaliseCellText, statedMoneyUnit } from '../../../shared/import/importText';
import type { PreparedRow } from './preparedRow';
import type { BuiltPreview } from './preview';

/**
 * A preview as the API carries it: the whole picture (header, mapping, totals, problems, counts)
 * and a window of the parsed rows; the rest of the rows come a window at a time (import.rows).
 */

function toApiRow(built: BuiltPreview, row: PreparedRow, index: number): PreviewRow {
  const cells: PreviewRow['cells'] = {};
  built.columns.forEach((column, at) => {
    const outcome = row.cells[at]!;
    const source = built.sourceOf[at]!;
    const sourceText = source >= 0 ? normaliseCellText(cellText(row.body.cells[source])) : '';
    const before = row.before?.get(at);
    if (outcome.text === '' && !outcome.issues && sourceText === '' && before === undefined) return;
    cells[column.key] = {
      text: outcome.text,
      ...(sourceText !== outcome.text && sourceText !== '' ? { source: sourceText } : {}),
      ...(before !== undefined ? { before } : {}),
      ...(outcome.issues ? { issues: outcome.issues } : {}),
    };
  });
  return {
    index,
    r: row.body.r,
    hidden: row.body.hidden === true,
    parent: row.parentIndex ?? null,
    action: row.action,
    rowId: row.rowId,
    cells,
  };
}

function hasProblem(row: PreparedRow): boolean {
  return row.cells.some((cell) => cell.issues?.some((item) => item.level !== 'info'));
}

export function previewRows(
  built: BuiltPreview,
  offset: number,
  limit: number,
  filter: 'all' | 'problems' | 'changes',
): { total: number; offset: number; rows: PreviewRow[] } {
  const indexed = built.rows.map((row, index) => ({ row, index }));
  const chosen =
    filter === 'all'
      ? indexed
      : indexed.filter(({ row }) =>
          filter === 'problems' ? hasProblem(row) : row.action === 'update' || row.action === 'insert',
        );
  return {
    total: chosen.length,
    offset,
    rows: chosen.slice(offset, offset + limit).map(({ row, index }) => toApiRow(built, row, index)),
  };
}

export function toApiPreview(built: BuiltPreview, previewId: string, rowLimit: number): ImportPreview {
  const grid = built.read.grid;
  return {
    previewId,
    fileName: built.fileName,
    format: built.read.format,
    encoding: built.read.encoding,
    application: built.read.application,
    sheets: built.read.sheets,
    sheetName: grid.name,
    sourceRows: sourceRowsOf(grid),
    header: { rows: built.header.headerRows, above: built.header.above, confidence: built.header.confidence },
    columns: built.matches.map((match) => ({
      source: match.source,
      letter: columnLetter(match.source),
      header: match.header,
      target: match.target,
      confidence: match.confidence,
      how: match.how,
      hidden: grid.hiddenColumns.includes(match.source),
      unit:
        statedMoneyUnit(match.header) ??
        (built.header.moneyUnit && built.columns.find((column) => column.key === match.target)?.type === 'money'
          ? built.header.moneyUnit
          : null),
    })),
    target: {
      ...built.target,
      columns: built.columns.map((column) => ({
        key: column.key,
        name: column.name,
        type: column.type,
        role: column.role,
        moneyUnit: column.type === 'money' ? (column.settings.moneyUnit ?? '万元') : null,
      })),
    },
    rowCount: built.rows.length,
    rows: previewRows(built, 0, rowLimit, 'all').rows,
    setAside: built.setAside.slice(0, 1000),
    totals: built.totals,
    problems: built.problems,
    problemCount: built.problemCount,
    notices: built.notices,
    summary: built.summary,
    sheetFits: built.sheetFits,
    refusal: built.refusal,
  };
}

/** The first rows of the sheet as text, for the wizard's header picker. */
export function sourceRowsOf(grid: Grid, count = 40): { r: number; cells: string[]; hidden: boolean }[] {
  return grid.rows.slice(0, count).map((row) => ({
    r: row.r,
    cells: Array.from({ length: grid.columnCount }, (_, column) => headerCellText(row.cells[column])),
    hidden: row.hidden === true,
  }));
}
