import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type ExcelJSType from 'exceljs';
import { FileExchange } from '../../../electron/core/api/fileExchange';
import { fileSource } from '../../../electron/core/formats/byteSource';
import { readWorkbook } from '../../../electron/core/formats/workbook';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { PlanStore as Store } from '../../../electron/core/store/planStore';
import type { ImportPreview } from '../../../shared/contract/calls/importing';
import { encryptedXls } from '../../fixtures/biff';
import { call, commit } from '../../fixtures/importHarness';
import { convertWithLibreOffice } from '../../fixtures/libreoffice';
import { PROJECTS_EXPECTED, projectsLayout } from '../../fixtures/seedLayouts';
import { writeExcelJs } from '../../fixtures/writers';
import { runPlanbench, tempDir } from '../../helpers';

/**
 * Legacy .xls and WPS .et as departments send them: real Excel 97-2003 files written by
 * LibreOffice (SST split by CONTINUE, RK/MULRK, cached formula results, merges, several sheets),
 * read into exactly the grid LibreOffice's own .xlsx of the same workbook gives; the 88-project
 * table imported through the API as the browser edition uploads it and through the CLI.
 */

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs') as typeof ExcelJSType;

const { dir, cleanup } = tempDir();
let projectsXls: string;
let sinkXls: string;
let sinkXlsx: string;

const LONG_NAMES = Array.from(
  { length: 400 },
  (_, index) => `常州市第${index + 1}项生态文明建设重点工程（含“绿岛”与蓝天保卫行动）`,
);

/** A workbook with what BIFF8 must carry: many long shared strings, numbers of every RK kind, dates, percentages, formulas, merges, hidden things, several sheets. */
async function writeKitchenSink(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('数据');
  sheet.addRow(['序号', '项目名称', '投资（万元）', '完成日期', '完成率', '翻倍', '合称', '是否', '备注']);
  LONG_NAMES.forEach((name, index) => {
    const row = sheet.addRow([
      index + 1,
      name,
      [3309473.59, 4600, -12.5, 0.1, 1e15, 123456789.12][index % 6],
      new Date(Date.UTC(2025, 5, 30 + index)),
      (index % 100) / 100,
    ]);
    row.getCell(4).numFmt = index % 2 ? 'yyyy"年"m"月"d"日"' : 'yyyy-mm-dd';
    row.getCell(5).numFmt = '0.00%';
    row.getCell(6).value = { formula: `A${index + 2}*2`, result: (index + 1) * 2 };
    // No string formulas: LibreOffice's .xls export of an .xlsx it did not recalculate writes their
    // cached result as the number 0 (no STRING record). The STRING record is tested byte by byte
    // in tests/core/formats/xlsReader.test.ts.
    row.getCell(7).value = `合称${index % 7}`;
    row.getCell(8).value = index % 3 === 0;
  });
  sheet.getCell('I2').value = '第一行\n第二行';
  sheet.mergeCells('I3:I6');
  sheet.getRow(10).hidden = true;
  sheet.getColumn(9).hidden = true;
  const hidden = book.addWorksheet('说明', { state: 'hidden' });
  hidden.addRow(['隐藏的说明']);
  const third = book.addWorksheet('第三表');
  third.addRow(['单位', '数量']);
  third.addRow(['溧阳市', 3]);
  await book.xlsx.writeFile(file);
}

async function readFile(file: string, sheet?: string) {
  const source = await fileSource(file);
  try {
    return await readWorkbook(source, sheet);
  } finally {
    await source.close();
  }
}

before(async () => {
  const projects = path.join(dir, 'projects-xls.xlsx');
  await writeExcelJs(projectsLayout(), projects);
  const sink = path.join(dir, 'kitchen-sink.xlsx');
  await writeKitchenSink(sink);
  [projectsXls, sinkXls] = convertWithLibreOffice([projects, sink], 'xls') as [string, string];
  [, sinkXlsx] = convertWithLibreOffice([projects, sink], 'xlsx') as [string, string];
});

after(cleanup);

describe('.xls written by LibreOffice', () => {
  test('every sheet reads exactly as LibreOffice’s own .xlsx of the same workbook', async () => {
    const xls = await readFile(sinkXls);
    const xlsx = await readFile(sinkXlsx);
    assert.equal(xls.format, 'xls');
    assert.deepEqual(xls.sheets, [
      { name: '数据', hidden: false },
      { name: '说明', hidden: true },
      { name: '第三表', hidden: false },
    ]);
    assert.deepEqual(xls.sheets, xlsx.sheets);
    for (const { name } of xls.sheets) {
      const fromXls = (await readFile(sinkXls, name)).grid;
      const fromXlsx = (await readFile(sinkXlsx, name)).grid;
      assert.deepEqual(fromXls, fromXlsx, `sheet ${name}`);
    }
    // And what the cells are, independently of the .xlsx reader.
    const rows = xls.grid.rows;
    assert.equal(rows.length, LONG_NAMES.length + 1);
    assert.deepEqual(rows[1]!.cells.slice(0, 8), [
      1,
      LONG_NAMES[0],
      3309473.59,
      { t: 'd', v: '2025-06-30' },
      { t: 'n', v: 0, percent: true },
      2,
      '合称0',
      { t: 'b', v: true },
    ]);
    assert.deepEqual(rows[2]!.cells.slice(2, 7), [
      4600,
      { t: 'd', v: '2025-07-01' },
      { t: 'n', v: 0.01, percent: true },
      4,
      '合称1',
    ]);
    assert.deepEqual(
      rows.slice(3, 7).map((row) => row.cells[2]),
      [-12.5, 0.1, 1e15, 123456789.12],
    );
    assert.equal(rows[400]!.cells[1], LONG_NAMES[399], 'the last shared string, long after the first CONTINUE');
    assert.equal(rows[1]!.cells[8], '第一行\n第二行');
    assert.deepEqual(xls.grid.merges, [{ top: 3, bottom: 6, left: 8, right: 8 }]);
    assert.equal(rows.find((row) => row.r === 10)?.hidden, true);
    assert.deepEqual(xls.grid.hiddenColumns, [8]);
  });
});

describe('the 88-project table as .xls and as WPS .et', () => {
  let store: PlanStore;
  before(() => {
    store = createSamplePlan(path.join(dir, 'api.planbench'));
  });
  after(() => store.close());

  for (const name of ['重点工程表.xls', '重点工程表.et']) {
    test(`${name}: uploaded as the browser edition does, 88 rows and exactly ${PROJECTS_EXPECTED.total} 万元 with 18 unknown`, async () => {
      const files = new FileExchange();
      after(() => files.close());
      const { upload } = await files.receive(Readable.from([fs.readFileSync(projectsXls)]), name);
      const shown = await call<ImportPreview>({ store, edition: 'browser', files }, 'import.preview', {
        file: { upload },
        target: { kind: 'new', sheetKind: 'projects', name: `导入 ${name}` },
      });
      assert.equal(shown.format, 'xls');
      assert.equal(shown.rowCount, PROJECTS_EXPECTED.rows);
      const total = shown.totals.find((check) => check.kind === 'total' && check.columnKey === 'investment')!;
      assert.deepEqual(
        [total.stated, total.computed, total.matches, total.unknown],
        [PROJECTS_EXPECTED.total, PROJECTS_EXPECTED.total, true, PROJECTS_EXPECTED.unknown],
      );
      const result = await commit(store, shown.previewId);
      assert.equal(result.inserted, PROJECTS_EXPECTED.rows);
      const money = store.totals(result.sheetId).find((column) => column.columnKey === 'investment')!;
      assert.deepEqual(
        [money.sum, money.known, money.unknown],
        [PROJECTS_EXPECTED.total, PROJECTS_EXPECTED.known, PROJECTS_EXPECTED.unknown],
      );
    });
  }
});

describe('planbench import FILE.xls', () => {
  let planFile: string;
  const planHash = () => createHash('sha256').update(fs.readFileSync(planFile)).digest('hex');
  before(() => {
    planFile = path.join(dir, 'cli.planbench');
    createSamplePlan(planFile).close();
  });

  test('imports the 88 projects with the exact total', async () => {
    const file = path.join(dir, '部门报送.xls');
    fs.copyFileSync(projectsXls, file);
    const result = await runPlanbench(['import', planFile, file, '--as', 'projects', '--name', '旧格式导入', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      inserted: number;
      totals: { columnKey: string | null; computed: string; matches: boolean }[];
    };
    assert.equal(report.inserted, PROJECTS_EXPECTED.rows);
    const total = report.totals.find((check) => check.columnKey === 'investment')!;
    assert.deepEqual([total.computed, total.matches], [PROJECTS_EXPECTED.total, true]);
    const store = Store.open(planFile);
    try {
      const sheet = store.listSheets().find((candidate) => candidate.name === '旧格式导入')!;
      assert.equal(
        store.totals(sheet.id).find((column) => column.columnKey === 'investment')?.sum,
        PROJECTS_EXPECTED.total,
      );
    } finally {
      store.close();
    }
  });

  test('an encrypted .xls exits 1 with 文件已加密 and leaves the plan byte-for-byte unchanged', async () => {
    const file = path.join(dir, '加密报表.xls');
    fs.writeFileSync(file, encryptedXls());
    const before = planHash();
    const result = await runPlanbench(['import', planFile, file, '--as', 'projects']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /文件已加密/);
    assert.match(result.stderr, /encrypted/);
    assert.doesNotMatch(result.stderr, /内部错误|internal error/);
    assert.equal(planHash(), before);
  });
});
