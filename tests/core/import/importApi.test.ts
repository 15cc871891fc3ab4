import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PREVIEW_CACHE_LIMITS, PreviewCache } from '../../../electron/core/import/previewCache';
import type { BuiltPreview } from '../../../electron/core/import/preview';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import type { ImportPreview } from '../../../shared/contract/calls/importing';
import { allRows, call, commit, preview, refusal } from '../../fixtures/importHarness';
import { autismLayout, projectsLayout } from '../../fixtures/seedLayouts';
import { writeExcelJs } from '../../fixtures/writers';
import { tempDir } from '../../helpers';

/** The import calls as the wizard uses them: update with a diff, append, corrections, memory. */

const { dir, cleanup } = tempDir();
let store: PlanStore;
let projectsSheet: number;

function sheetId(name: string): number {
  return store.listSheets().find((sheet) => sheet.name === name)!.id;
}

before(() => {
  store = createSamplePlan(path.join(dir, 'plan.planbench'));
  projectsSheet = sheetId('重点工程');
});

after(() => {
  store.close();
  cleanup();
});

describe('import calls', () => {
  test('update matched on 序号: only the cells that differ change, shown cell by cell, as one action', async () => {
    const layout = projectsLayout();
    layout.rows[4]![6] = 4800; // project 1: 4600 → 4800
    layout.rows[5]![7] = '市住建局'; // project 2: 市生态环境局 → 市住房和城乡建设局
    layout.rows.push([null, 999, null, '不存在的项目', '', '2025', 1, '市住建局']);
    const file = path.join(dir, '重点工程（部门返回）.xlsx');
    await writeExcelJs(layout, file);
    const shown = await preview(store, file, { kind: 'update', sheetId: projectsSheet, keyColumn: 'seq' });
    assert.equal(shown.summary.update, 2);
    assert.equal(shown.summary.unchanged, 86);
    assert.equal(shown.summary.unmatched, 1);
    assert.equal(shown.summary.cellsChanged, 2);
    const changes = await call<{ rows: ImportPreview['rows'] }>({ store, edition: 'cli' }, 'import.rows', {
      previewId: shown.previewId,
      filter: 'changes',
    });
    assert.deepEqual(
      changes.rows.map((row) =>
        Object.entries(row.cells)
          .filter(([, cell]) => cell.before !== undefined)
          .map(([key, cell]) => [row.r, key, cell.before, cell.text]),
      ),
      [[[5, 'investment', '4600', '4800']], [[6, 'responsible', '市生态环境局', '市住房和城乡建设局']]],
    );
    assert.ok(shown.problems.some((problem) => problem.kind === 'keyUnmatched' && problem.r === 93));
    const before = store.listRows(projectsSheet, 0, 100).rows;
    const result = await commit(store, shown.previewId);
    assert.deepEqual([result.updated, result.cellsChanged, result.inserted], [2, 2, 0]);
    const rows = store.listRows(projectsSheet, 0, 100).rows;
    assert.equal(rows[0]!.cells.investment?.value, '4800');
    assert.deepEqual(rows[1]!.cells.responsible?.value, ['市住房和城乡建设局']);
    assert.deepEqual(rows.slice(2), before.slice(2), 'nothing else changed');
    const action = store.history(1)[0]!;
    assert.deepEqual([action.source, action.detail, action.changes.length], ['import', '重点工程（部门返回）.xlsx', 2]);
  });

  test('an update refuses to commit over changes made after its preview', async () => {
    const layout = projectsLayout();
    layout.rows[4]![6] = 5000;
    const file = path.join(dir, 'stale.xlsx');
    await writeExcelJs(layout, file);
    const shown = await preview(store, file, { kind: 'update', sheetId: projectsSheet, keyColumn: 'seq' });
    const row = store.listRows(projectsSheet, 0, 1).rows[0]!;
    store.updateCell(projectsSheet, row.id, 'content', '同时有人修改了这一格', { source: 'user' });
    const error = await refusal({ store, edition: 'cli' }, 'import.commit', { previewId: shown.previewId });
    assert.match(error.messageZh, /重新预览/);
    assert.equal(store.listRows(projectsSheet, 0, 1).rows[0]!.cells.investment?.value, '4800');
  });

  test('corrections: an unreadable cell is fixed before commit; a wrong correction is refused with its place', async () => {
    const layout = projectsLayout();
    layout.rows[6]![6] = '一百万';
    const file = path.join(dir, 'fix.xlsx');
    await writeExcelJs(layout, file);
    const shown = await preview(store, file, { kind: 'new', sheetKind: 'projects', name: '待修正' });
    assert.equal(shown.summary.invalid, 1);
    const problem = shown.problems.find((item) => item.kind === 'invalid')!;
    assert.deepEqual([problem.r, problem.column, problem.value], [7, 'G', '一百万']);
    const sheetsBefore = store.listSheets().length;
    const wrong = await refusal({ store, edition: 'cli' }, 'import.commit', {
      previewId: shown.previewId,
      fixes: [{ r: 7, columnKey: 'investment', text: '一百' }],
    });
    assert.equal(wrong.where?.row, 7);
    assert.equal(wrong.where?.column, '投资匡算');
    assert.equal(store.listSheets().length, sheetsBefore, 'a refused commit writes nothing');
    const result = await commit(store, shown.previewId, [{ r: 7, columnKey: 'investment', text: '100' }]);
    assert.equal(result.cellsLeftEmpty, 0);
    assert.equal(store.listRows(result.sheetId, 2, 1).rows[0]!.cells.investment?.value, '100');
  });

  test('append into an existing sheet; the layout’s mapping is remembered for the next file', async () => {
    const file = path.join(dir, 'autism.xlsx');
    await writeExcelJs(autismLayout(), file);
    const target = { kind: 'append' as const, sheetId: sheetId('孤独症任务分解表') };
    const first = await preview(store, file, target, { mapping: [{ source: 1, target: null }] });
    assert.equal(first.columns[1]!.how, 'user');
    const result = await commit(store, first.previewId);
    assert.equal(result.inserted, 33);
    assert.equal(store.rowCount(target.sheetId), 66);
    const again = await preview(store, file, target);
    assert.deepEqual(
      [again.columns[1]!.target, again.columns[1]!.how],
      [null, 'saved'],
      'the choice to leave 工作事项 out is remembered',
    );
    assert.equal(again.columns[3]!.how, 'saved');
    await call({ store, edition: 'cli' }, 'import.cancel', { previewId: again.previewId });
  });

  test('formulas give their cached value (and say when there is none); hidden rows and columns import and are said', async () => {
    const layout = projectsLayout();
    layout.hiddenRows = [6];
    layout.hiddenColumns = [4];
    const file = path.join(dir, 'formulas.xlsx');
    await writeExcelJs(layout, file);
    // ExcelJS writes a formula's cached result only when given one: one cell with, one without.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    sheet.getCell('G5').value = { formula: '2300*2', result: 4600 } as never;
    sheet.getCell('G6').value = { formula: '12000*2' } as never;
    await workbook.xlsx.writeFile(file);

    const shown = await preview(store, file, { kind: 'new', sheetKind: 'projects', name: '公式与隐藏' });
    const rows = await allRows(store, shown.previewId);
    assert.equal(rows[0]!.cells.investment?.text, '4600', 'the cached result of =2300*2');
    assert.deepEqual(
      rows[1]!.cells.investment?.issues?.map((item) => item.kind),
      ['formulaNoValue'],
    );
    assert.equal(shown.summary.formulasWithoutValue, 1);
    assert.equal(rows[1]!.hidden, true);
    assert.equal(shown.summary.hiddenRows, 1);
    assert.equal(shown.columns[4]!.hidden, true);
    const notices = shown.notices.map((notice) => notice.zh).join('\n');
    assert.match(notices, /1 个隐藏行，已一并导入/);
    assert.match(notices, /隐藏列 E 已一并导入/);
    assert.match(notices, /1 个公式单元格没有保存计算结果/);
    const result = await commit(store, shown.previewId);
    assert.equal(result.inserted, 88, 'the hidden row is imported too');
    assert.ok(store.listRows(result.sheetId, 1, 1).rows[0]!.cells.content?.text, 'the hidden column is imported too');
  });

  test('an amount merged over several rows counts once, in the first of them', async () => {
    const file = path.join(dir, 'merged-amount.xlsx');
    await writeExcelJs(
      {
        base: 'merged',
        sheetName: '表',
        rows: [
          ['项目名称', '投资匡算（万元）'],
          ['甲', 300],
          ['乙', null],
          ['丙', 50],
        ],
        merges: ['B2:B3'],
      },
      file,
    );
    const shown = await preview(store, file, { kind: 'new', sheetKind: 'projects', name: '合并金额' });
    const rows = await allRows(store, shown.previewId);
    assert.equal(rows[0]!.cells.investment?.text, '300');
    assert.equal(rows[1]!.cells.investment?.text, '');
    assert.equal(rows[1]!.cells.investment?.issues?.[0]?.level, 'warning');
    const result = await commit(store, shown.previewId);
    assert.equal(store.totals(result.sheetId).find((total) => total.columnKey === 'investment')?.sum, '350');
  });

  test('a re-preview reuses the uploaded file: another header row, another target', async () => {
    const file = path.join(dir, 'again.xlsx');
    await writeExcelJs(projectsLayout(), file);
    const shown = await preview(store, file, { kind: 'new', sheetKind: 'projects', name: '再预览' });
    const moved = await call<ImportPreview>({ store, edition: 'cli' }, 'import.preview', {
      file: { previewId: shown.previewId },
      target: { kind: 'new', sheetKind: 'table', name: '再预览2' },
      header: { row: 3, rows: 1 },
      rowLimit: 5,
    });
    assert.notEqual(moved.previewId, shown.previewId);
    assert.equal(moved.rows.length, 5);
    assert.equal(moved.rowCount, 88);
    assert.ok(
      moved.target.columns.every((column) => column.role === null),
      'a plain table has no template roles',
    );
    const rows = await allRows(store, moved.previewId);
    assert.equal(rows.length, 88);
  });
});

describe('preview cache', () => {
  const built = (rows: number) => ({ rows: new Array(rows) }) as unknown as BuiltPreview;
  const file = (fileName: string) => ({ path: `/nowhere/${fileName}`, fileName });

  test('least recently used previews go first; idle ones expire; a missing one says so', () => {
    let now = 0;
    const cache = new PreviewCache({ ...PREVIEW_CACHE_LIMITS, entries: 2 }, () => now);
    const a = cache.put(file('a.xlsx'), built(1));
    const b = cache.put(file('b.xlsx'), built(1));
    cache.get(a.id);
    cache.put(file('c.xlsx'), built(1));
    assert.throws(() => cache.get(b.id), /过期或不存在/);
    assert.equal(cache.get(a.id).file.fileName, 'a.xlsx');
    now += PREVIEW_CACHE_LIMITS.idleMs + 1;
    assert.throws(() => cache.get(a.id), /expired/);
  });

  test('large previews are limited by rows held', () => {
    const cache = new PreviewCache({ ...PREVIEW_CACHE_LIMITS, rows: 100 });
    const first = cache.put(file('a.xlsx'), built(80));
    const second = cache.put(file('b.xlsx'), built(80));
    assert.throws(() => cache.get(first.id));
    assert.equal(cache.get(second.id).file.fileName, 'b.xlsx');
  });
});
