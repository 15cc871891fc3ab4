import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { closePdfRenderer } from '../../../electron/core/print/engine';
import { defaultPrintOptions } from '../../../electron/core/print/options';
import { layoutSheet } from '../../../electron/core/print/printSheet';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { MadeFile } from '../../../shared/contract/files';
import { kindColumns } from '../../../shared/model/sheetKinds';
import { callApi } from '../../apiCall';
import { madeBytes, saveTo } from '../../fileRefs';
import { tempDir } from '../../helpers';
import { convertAll, CSV_ALL_SHEETS, sofficeSkip } from '../exchange/exchange-libreoffice';

/**
 * The computed 执行率 leaves the workbench as Excel keeps a computed column: a formula on the
 * row's 已支出 and 资金 with the exact value cached (ExcelJS reads both; LibreOffice, which
 * recalculates, gets the same figures — also when the two amounts are in different units), and
 * it is printed as shown.
 */
describe('执行率 exported and printed', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let context: ApiContext;
  let budgetSheet: number;
  let mixedSheet: number;
  before(async () => {
    store = PlanStore.create(path.join(dir, 'export.planbench'), { title: '预算执行' });
    context = { store, edition: 'cli' };
    budgetSheet = store.createSheet({ name: '专项资金', kind: 'budget', columns: kindColumns('budget') });
    // The spending in 元 against a budget in 万元.
    mixedSheet = store.createSheet({
      name: '单位不同',
      kind: 'budget',
      columns: kindColumns('budget').map((column) =>
        column.key === 'spent' ? { ...column, settings: { moneyUnit: '元', decimals: 2 } } : column,
      ),
    });
    for (const [sheetId, spent] of [
      [budgetSheet, ['548.04', '10', '100.2']],
      [mixedSheet, ['5480400', '100000', '1002000']],
    ] as const) {
      await callApi(context, 'cells.update', {
        sheetId,
        appendRows: 3,
        edits: [
          ['1', '污水管网改造', '1200', spent[0]],
          ['2', '农村环境整治', '0', spent[1]],
          ['3', '大气监测站', '300.5', spent[2]],
        ].flatMap(([seq, name, investment, paid], newRow) =>
          Object.entries({ seq, name, investment, spent: paid }).map(([columnKey, text]) => ({
            newRow,
            columnKey,
            text: text!,
          })),
        ),
      });
    }
  });
  after(async () => {
    store.close();
    await closePdfRenderer();
    cleanup();
  });

  const exportSheet = async (sheetId: number, name: string) => {
    const made = await callApi(context, 'export.sheet', { sheetId, saveTo: saveTo(name) });
    const file = path.join(dir, name);
    fs.writeFileSync(file, madeBytes(made as MadeFile));
    return file;
  };

  test('a formula with the exact value cached, read back by ExcelJS', async () => {
    const file = await exportSheet(budgetSheet, '专项资金.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    // Title, header, then the rows (the sheet has no description line).
    const header = sheet.getRow(2).values as unknown[];
    const rateColumn = header.indexOf('执行率');
    assert.ok(rateColumn > 0, `header: ${JSON.stringify(header)}`);
    const cells = [3, 4, 5].map((row) => sheet.getRow(row).getCell(rateColumn).value as ExcelJS.CellFormulaValue);
    assert.match(cells[0]!.formula, /^IF\(AND\(ISNUMBER\(F3\),ISNUMBER\(D3\),D3<>0\),ROUND\(F3\/\(D3\)\*100,2\),""\)$/);
    assert.equal(cells[0]!.result, 45.67);
    assert.equal(cells[1]!.result, undefined, 'a budget of zero: no value');
    assert.equal(cells[2]!.result, 33.34);
  });

  test(
    'LibreOffice recalculates the same figures from the formulas, whatever the units',
    { skip: sofficeSkip() },
    async () => {
      const files = [await exportSheet(budgetSheet, 'same.xlsx'), await exportSheet(mixedSheet, 'mixed.xlsx')];
      // Drop every cached result, so the figures LibreOffice shows can only come from the formulas.
      for (const file of files) {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(file);
        book.worksheets[0]!.eachRow((row) =>
          row.eachCell((cell) => {
            const value = cell.value as ExcelJS.CellFormulaValue | null;
            if (value && typeof value === 'object' && 'formula' in value && value.formula.startsWith('IF('))
              cell.value = { formula: value.formula } as ExcelJS.CellFormulaValue;
          }),
        );
        await book.xlsx.writeFile(file);
      }
      const out = path.join(dir, 'csv');
      await convertAll(files, CSV_ALL_SHEETS, out);
      for (const name of ['same', 'mixed']) {
        const csv = fs.readFileSync(
          path.join(
            out,
            fs.readdirSync(out).find((file) => file.startsWith(name))!,
          ),
          'utf8',
        );
        const lines = csv.split('\n');
        const headerAt = lines.findIndex((line) => line.includes('执行率'));
        const rateAt = lines[headerAt]!.split(',').indexOf('执行率');
        const rates = lines.slice(headerAt + 1, headerAt + 4).map((line) => line.split(',')[rateAt]);
        assert.deepEqual(rates, ['45.67', '', '33.34'], `${name}: ${csv}`);
      }
    },
  );

  test('printed as the grid shows it', async () => {
    const layout = await layoutSheet(store, budgetSheet, defaultPrintOptions());
    assert.match(layout.html, /45\.67/);
    assert.match(layout.html, /33\.34/);
  });
});
