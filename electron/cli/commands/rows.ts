import type { RowData, SheetDetail } from '../../../shared/contract/contract';
import { cellDisplayText, COLUMN_UNITS, headerText } from '../../../shared/rules/cellText';
import type { ColumnDef } from '../../../shared/model/columns';
import type { ApiContext } from '../../core/api/context';
import { openPlanToRead } from '../openPlan';
import type { CliCommand } from '../command';
import { callApi, planArgument, UsageError } from '../command';
import { CSV_BOM, csvRecord, textTable } from '../sheetText';
import { sheetNamed } from '../sheets';
import { valueFlag } from './export';

/** Rows are fetched from the API in windows of this many (its largest). */
const WINDOW = 5000;

/** A column's name as a key of a row's cells: its name, made unique if two columns share one. */
function cellNames(columns: readonly ColumnDef[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((column) => {
    const count = (seen.get(column.name) ?? 0) + 1;
    seen.set(column.name, count);
    return count === 1 ? column.name : `${column.name}（${count}）`;
  });
}

async function* sheetRows(context: ApiContext, sheetId: number): AsyncGenerator<RowData[]> {
  for (let offset = 0; ; offset += WINDOW) {
    const window = await callApi(context, 'sheet.rows', { sheetId, offset, limit: WINDOW });
    if (window.rows.length > 0) yield window.rows;
    if (offset + window.rows.length >= window.total || window.rows.length === 0) return;
  }
}

async function findSheet(context: ApiContext, wanted: string, file: string): Promise<SheetDetail> {
  const sheet = await sheetNamed(context, wanted, file);
  return callApi(context, 'sheet.get', { sheetId: sheet.id });
}

/**
 * `planbench rows PLAN --sheet NAME [--json | --csv]`: a sheet's rows with each cell's text as
 * the grid shows it (amounts in the column's unit, "4,600.00"; an unknown amount as typed, "/").
 * Read through the API calls the UI uses, never from the store directly.
 */
export const rowsCommand: CliCommand = {
  name: 'rows',
  usage:
    'rows PLAN --sheet NAME [--json | --csv]\n' +
    '                               列出工作表的行（单元格文字与表格中显示的一致；--csv 为带 BOM 的 UTF-8，Excel 可直接打开）\n' +
    '                               / print a sheet’s rows as shown in the grid (--csv: UTF-8 with BOM, as Excel expects)',
  flags: { '--sheet': 'value', '--csv': 'switch' },
  async run({ positionals, flags, json, io }) {
    const [planFile] = planArgument('rows', positionals) as [string];
    const sheetName = valueFlag(flags, '--sheet');
    if (sheetName === undefined) throw new UsageError('rows 需要 --sheet 工作表 / rows needs --sheet NAME');
    const csv = flags.has('--csv');
    if (csv && json) throw new UsageError('--json 与 --csv 只能选一个 / choose --json or --csv, not both');
    const session = openPlanToRead(planFile, io);
    try {
      const context = session.context;
      const sheet = await findSheet(context, sheetName, planFile);
      const columns = sheet.columns.filter((column) => !column.hidden);
      const names = cellNames(columns);
      const texts = (row: RowData) =>
        columns.map((column) => cellDisplayText(column, row.cells[column.key], COLUMN_UNITS));

      if (json) {
        const rows: { id: number; parentId: number | null; cells: Record<string, string> }[] = [];
        for await (const window of sheetRows(context, sheet.id)) {
          for (const row of window) {
            const values = texts(row);
            rows.push({
              id: row.id,
              parentId: row.parentId,
              cells: Object.fromEntries(names.map((name, index) => [name, values[index]!])),
            });
          }
        }
        const described = columns.map((column, index) => ({
          key: column.key,
          name: names[index]!,
          type: column.type,
          ...(column.type === 'money' ? { unit: column.settings.moneyUnit ?? '万元' } : {}),
        }));
        io.stdout(JSON.stringify({ sheet: sheet.name, columns: described, rows }, null, 2));
        return 0;
      }

      const headers = columns.map((column) => headerText(column, COLUMN_UNITS));
      if (csv) {
        // Records end in CRLF, as RFC 4180 and Excel expect; io.stdout adds the final "\n".
        io.stdout(CSV_BOM + csvRecord(headers) + '\r');
        for await (const window of sheetRows(context, sheet.id)) {
          io.stdout(window.map((row) => csvRecord(texts(row))).join('\r\n') + '\r');
        }
        return 0;
      }

      const rows: string[][] = [];
      for await (const window of sheetRows(context, sheet.id)) for (const row of window) rows.push(texts(row));
      io.stdout(`工作表“${sheet.name}”，${rows.length} 行 / sheet "${sheet.name}", ${rows.length} rows`);
      for (const line of textTable(headers, rows)) io.stdout(line);
    } finally {
      session.close();
    }
    return 0;
  },
};
