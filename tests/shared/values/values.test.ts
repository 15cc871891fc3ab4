import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import { callApi } from '../../apiCall';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import type { ApiErrorBody } from '../../../shared/contract/errors';
import { commit, preview, refusal } from '../../fixtures/importHarness';
import { projectsLayout } from '../../fixtures/seedLayouts';
import { writeExcelJs } from '../../fixtures/writers';
import { tempDir } from '../../helpers';
import { madeBytes, saveTo } from '../../fileRefs';

/**
 * Values typed or imported through the API, on a real plan file: approximate amounts keep their
 * 约, month-precision dates are dates, amounts out of range are refused by cell (and a sheet full
 * of large amounts still totals), numbers keep every digit or are refused.
 */

const { dir, cleanup } = tempDir();
let store: PlanStore;
let context: ApiContext;
let projects: number;

const call = <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => callApi(context, name, input);

async function failure(name: ApiName, input: unknown): Promise<ApiErrorBody> {
  const response = await dispatch(context, name, input);
  assert.equal(response.ok, false, `${name} should fail`);
  return (response as { ok: false; error: ApiErrorBody }).error;
}

const firstRows = (sheetId: number, count: number) => store.listRows(sheetId, 0, count).rows;

before(() => {
  store = createSamplePlan(path.join(dir, 'plan.planbench'));
  context = { store, edition: 'cli' };
  projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
});

after(() => {
  store.close();
  cleanup();
});

describe('values through the API', () => {
  test('an approximate amount keeps its 约: in the cell value, the rows, the totals', async () => {
    const [first, second] = firstRows(projects, 2);
    const before = (await call('sheet.totals', { sheetId: projects })).totals.find(
      (total) => total.columnKey === 'investment',
    )!;
    assert.equal(before.approximate, undefined);
    const result = await call('cells.update', {
      sheetId: projects,
      edits: [
        { rowId: first!.id, columnKey: 'investment', text: '约500' },
        { rowId: second!.id, columnKey: 'investment', text: '约3亿' },
      ],
    });
    assert.deepEqual(
      result.applied.map((change) => change.cell),
      [
        { text: '约500', value: '500', approximate: true },
        { text: '约3亿', value: '30000', approximate: true },
      ],
    );
    const rows = await call('sheet.rows', { sheetId: projects, offset: 0, limit: 2 });
    assert.equal(rows.rows[1]!.cells.investment?.approximate, true);
    const after = (await call('sheet.totals', { sheetId: projects })).totals.find(
      (total) => total.columnKey === 'investment',
    )!;
    assert.equal(after.approximate, 2, 'the total says how many of its amounts are approximate');
    await call('cells.update', {
      sheetId: projects,
      edits: [{ rowId: first!.id, columnKey: 'investment', text: '500' }],
    });
    assert.equal(
      (await call('sheet.totals', { sheetId: projects })).totals.find((total) => total.columnKey === 'investment')!
        .approximate,
      1,
    );
    await call('history.undo', {});
    await call('history.undo', {});
    assert.equal(
      (await call('sheet.totals', { sheetId: projects })).totals.find((total) => total.columnKey === 'investment')!.sum,
      before.sum,
    );
  });

  test('a month-precision date is a date, with its precision; "长期坚持" is no deadline', async () => {
    const column = await call('columns.add', { sheetId: projects, name: '计划完成时间', type: 'date' });
    const [first, second, third] = firstRows(projects, 3);
    const result = await call('cells.update', {
      sheetId: projects,
      edits: [
        { rowId: first!.id, columnKey: column.key, text: '2025年6月' },
        { rowId: second!.id, columnKey: column.key, text: '2025年第三季度' },
        { rowId: third!.id, columnKey: column.key, text: '长期坚持' },
      ],
    });
    assert.deepEqual(
      result.applied.map((change) => change.cell),
      [
        { text: '2025年6月', value: '2025-06-30', precision: 'month' },
        { text: '2025年第三季度', value: '2025-09-30', precision: 'quarter' },
        { text: '长期坚持', value: null, noDeadline: true },
      ],
    );
    const refused = await failure('cells.update', {
      sheetId: projects,
      edits: [{ rowId: first!.id, columnKey: column.key, text: '6月底前' }],
    });
    assert.match(refused.messageZh, /没有年份/);
    assert.equal(firstRows(projects, 1)[0]!.cells[column.key]?.text, '2025年6月', 'a refused edit changes nothing');
  });

  test('an amount out of range is refused naming the cell; summary and totals keep working', async () => {
    const [first, second] = firstRows(projects, 2);
    const refused = await failure('cells.update', {
      sheetId: projects,
      edits: [
        { rowId: first!.id, columnKey: 'investment', text: '5000000000000' },
        { rowId: second!.id, columnKey: 'investment', text: '5000000000000' },
      ],
    });
    assert.match(refused.messageZh, /金额超出范围/);
    assert.match(refused.messageEn, /out of range/);
    assert.deepEqual([refused.where?.sheet, refused.where?.row, refused.where?.column], ['重点工程', 1, '投资匡算']);
    assert.notEqual(firstRows(projects, 1)[0]!.cells.investment?.text, '5000000000000', 'nothing stored');
    const summary = await call('plan.summary', {});
    assert.ok(summary.sheets.length > 0);
  });

  test('a sheet of many amounts near the limit totals exactly (no 64-bit overflow)', async () => {
    const sheet = await call('sheets.create', { name: '大额', kind: 'projects' });
    const largest = '99999999999.999999'; // 万元: 1 分 under 10^15 元
    const count = 120; // 120 × ~10^17 分 is past 2^63
    const edits = Array.from({ length: count }, (_, index) => ({
      newRow: index,
      columnKey: 'investment',
      text: largest,
    }));
    const pasted = await call('cells.update', { sheetId: sheet.id, source: 'paste', appendRows: count, edits });
    assert.equal(pasted.applied.length, count);
    const total = (await call('sheet.totals', { sheetId: sheet.id })).totals.find(
      (item) => item.columnKey === 'investment',
    )!;
    assert.equal(total.sum, '11999999999999.99988');
    const summary = await call('plan.summary', {});
    assert.equal(
      summary.sheets.find((item) => item.id === sheet.id)!.totals.find((item) => item.columnKey === 'investment')!.sum,
      '11999999999999.99988',
    );
    const exported = await call('export.sheet', {
      sheetId: sheet.id,
      options: { protect: false, totals: true },
      saveTo: saveTo('large.xlsx'),
    });
    assert.deepEqual(exported.sheets, [{ name: '大额', rows: count }]);
    assert.deepEqual(
      (
        await failure('cells.update', {
          sheetId: sheet.id,
          edits: [{ rowId: pasted.appendedRowIds[0]!, columnKey: 'investment', text: '100000000000' }],
        })
      ).where?.column,
      '投资匡算',
    );
  });

  test('numbers: "1 2" and digits a double cannot keep are refused; "12,345.6" and full width still work', async () => {
    const column = await call('columns.add', { sheetId: projects, name: '建设规模', type: 'number' });
    const [first] = firstRows(projects, 1);
    for (const text of ['1 2', '12345678901234567', '0.12345678901234567']) {
      const refused = await failure('cells.update', {
        sheetId: projects,
        edits: [{ rowId: first!.id, columnKey: column.key, text }],
      });
      assert.match(`${refused.messageZh} ${refused.messageEn}`, /空格|有效数字过多/, text);
      assert.equal(refused.where?.column, '建设规模');
    }
    const result = await call('cells.update', {
      sheetId: projects,
      edits: [{ rowId: first!.id, columnKey: column.key, text: '１２，３４５．６' }],
    });
    assert.deepEqual(result.applied[0]!.cell, { text: '１２，３４５．６', value: 12345.6 });
  });
});

describe('an approximate amount through a workbook and back', () => {
  test('exported as a number shown with 约, imported again as an approximate amount', async () => {
    const [first] = firstRows(projects, 1);
    await call('cells.update', {
      sheetId: projects,
      edits: [{ rowId: first!.id, columnKey: 'investment', text: '约4600' }],
    });
    const exported = await call('export.sheet', {
      sheetId: projects,
      options: { protect: false, totals: true },
      saveTo: saveTo('export.xlsx'),
    });
    const file = path.join(dir, '重点工程（导出）.xlsx');
    fs.writeFileSync(file, madeBytes(exported));
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const cells: { value: unknown; numFmt: string }[] = [];
    book.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => void (cell.value === 4600 && cells.push({ value: cell.value, numFmt: cell.numFmt }))),
    );
    assert.equal(cells.length, 1, 'a number in the workbook, so it sums in Excel');
    assert.match(cells[0]!.numFmt, /^"约"/);

    const shown = await preview(store, file, { kind: 'new', sheetKind: 'projects', name: '导回' });
    const result = await commit(store, shown.previewId);
    const back = store.listRows(result.sheetId, 0, 1).rows[0]!;
    assert.deepEqual(back.cells.investment, { text: '约4600', value: '4600', approximate: true });
  });
});

describe('an import with an amount out of range', () => {
  test('is refused naming sheet, row and column; nothing is imported', async () => {
    const layout = projectsLayout();
    layout.rows[6]![6] = 123456789012345680; // an 18-digit 投资匡算 (as a double holds it)
    const file = path.join(dir, '重点工程（超大金额）.xlsx');
    await writeExcelJs(layout, file);
    const sheetsBefore = store.listSheets().length;
    const latest = store.latestActionId();
    const shown = await preview(store, file, { kind: 'new', sheetKind: 'projects', name: '超大金额' });
    const problem = shown.problems.find((item) => item.kind === 'invalid')!;
    assert.deepEqual([problem.r, problem.column], [7, 'G']);
    assert.match(problem.zh, /金额超出范围/);
    const error = await refusal(context, 'import.commit', { previewId: shown.previewId });
    assert.match(error.messageZh, /金额超出范围/);
    assert.match(error.messageZh, /第 7 行“投资匡算”（G 列）/);
    assert.deepEqual([error.where?.row, error.where?.column], [7, '投资匡算']);
    assert.equal(store.listSheets().length, sheetsBefore, 'no sheet was made');
    assert.equal(store.latestActionId(), latest, 'nothing was logged');
    assert.ok(fs.existsSync(file));
  });
});
