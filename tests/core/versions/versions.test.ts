import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/**
 * Named versions: saved, listed, compared (cells with exact money differences, rows added and
 * deleted, totals by category), restored as one action that one undo takes back.
 */
describe('named versions', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'versions.planbench');
  let store: PlanStore;
  let projects: number;
  const context = () => ({ store, edition: 'cli' as const });
  const rows = () => store.listRows(projects, 0, 1000).rows;
  const state = () =>
    JSON.stringify([store.listRows(projects, 0, 1000), store.totals(projects), store.categoryTotals(projects)]);

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('save and list; a name is used once', async () => {
    const before = fs.statSync(file).size;
    const { version } = await callApi(context(), 'versions.save', { name: '初稿', note: '第一次征求意见前' });
    assert.equal(version.name, '初稿');
    assert.equal(version.note, '第一次征求意见前');
    assert.ok(version.bytes > 1000 && version.bytes < before, `a version takes ${version.bytes} bytes`);
    await assert.rejects(callApi(context(), 'versions.save', { name: '初稿' }), /已有名为“初稿”的版本.*already exists/);
    const { versions } = await callApi(context(), 'versions.list', {});
    assert.deepEqual(
      versions.map((entry) => entry.name),
      ['初稿'],
    );
    await assert.rejects(
      callApi(context(), 'versions.compare', { from: '终稿' }),
      /没有名为“终稿”的版本（现有：初稿）/,
    );
  });

  test('compare: changed cells with exact money differences, rows added and deleted, totals by category', async () => {
    const first = rows()[0]!;
    const second = rows()[1]!;
    const deleted = rows()[5]!;
    const investment = first.cells.investment!.text;
    await callApi(context(), 'cell.update', {
      sheetId: projects,
      rowId: first.id,
      columnKey: 'investment',
      text: '0.01',
    });
    await callApi(context(), 'cell.update', {
      sheetId: projects,
      rowId: second.id,
      columnKey: 'name',
      text: '改过的名称',
    });
    await callApi(context(), 'rows.delete', { sheetId: projects, rowIds: [deleted.id] });
    const added = store.insertRows(
      projects,
      [{ cells: { name: '新增工程', investment: '12.34', category: first.cells.category!.text } }],
      {
        source: 'user',
      },
    ).rowIds[0]!;

    const comparison = await callApi(context(), 'versions.compare', { from: '初稿' });
    assert.equal(comparison.to, null);
    assert.equal(comparison.sheets.length, 1);
    const sheet = comparison.sheets[0]!;
    assert.equal(sheet.sheetId, projects);
    const money = sheet.cells.find((cell) => cell.columnKey === 'investment')!;
    assert.equal(money.rowId, first.id);
    assert.equal(money.before, investment);
    assert.equal(money.after, '0.01');
    // Exact: 0.01 万元 less what it was.
    const was = store.getSheet(projects).columns.find((column) => column.key === 'investment')!;
    assert.equal(was.settings.moneyUnit ?? '万元', money.unit);
    assert.equal(money.difference, `-${subtractText(investment, '0.01')}`);
    const name = sheet.cells.find((cell) => cell.columnKey === 'name')!;
    assert.deepEqual([name.before, name.after, name.difference], [second.cells.name!.text, '改过的名称', null]);
    assert.deepEqual(
      sheet.addedRows.map((row) => [row.rowId, row.cells.name]),
      [[added, '新增工程']],
    );
    assert.deepEqual(
      sheet.deletedRows.map((row) => [row.rowId, row.cells.name]),
      [[deleted.id, deleted.cells.name!.text]],
    );
    const categories = new Map(sheet.categories.map((group) => [group.category, group]));
    const firstCategory = categories.get(first.cells.category!.text)!;
    assert.equal(
      firstCategory.countAfter - firstCategory.countBefore,
      deleted.cells.category!.text === first.cells.category!.text ? 0 : 1,
    );
    const total = sheet.totals.find((entry) => entry.columnKey === 'investment')!;
    assert.equal(total.difference, subtractText(total.sumAfter!, total.sumBefore!));
    assert.equal(store.totals(projects).find((entry) => entry.columnKey === 'investment')!.sum, total.sumAfter);
  });

  test('compare two versions; a version with itself has no changes', async () => {
    await callApi(context(), 'versions.save', { name: '征求意见稿' });
    const between = await callApi(context(), 'versions.compare', { from: '初稿', to: '征求意见稿' });
    const now = await callApi(context(), 'versions.compare', { from: '初稿' });
    assert.equal(between.to!.name, '征求意见稿');
    assert.deepEqual(between.sheets, now.sheets);
    assert.deepEqual((await callApi(context(), 'versions.compare', { from: '征求意见稿' })).sheets, []);
  });

  test('restore: the whole plan back to a version as one action; one undo returns to before the restore', async () => {
    const edited = state();
    const result = await callApi(context(), 'versions.restore', { version: '初稿' });
    assert.ok(result.actionId);
    assert.equal(result.rowsRestored, 1);
    assert.equal(result.rowsRemoved, 1);
    assert.equal(result.cells, 2);
    assert.deepEqual(result.notRestored, []);
    assert.deepEqual((await callApi(context(), 'versions.compare', { from: '初稿' })).sheets, []);
    const restored = state();
    const undoState = await callApi(context(), 'history.state', {});
    assert.equal(undoState.undo!.label, '恢复到版本“初稿”');
    await callApi(context(), 'history.undo', {});
    assert.equal(state(), edited);
    await callApi(context(), 'history.redo', {});
    assert.equal(state(), restored);
  });

  test('versions survive closing and reopening the plan', async () => {
    store.close();
    store = PlanStore.open(file);
    const { versions } = await callApi(context(), 'versions.list', {});
    assert.deepEqual(
      versions.map((entry) => entry.name),
      ['初稿', '征求意见稿'],
    );
  });
});

/** a − b for plain decimal strings, exactly (test-side arithmetic, independent of the product's). */
function subtractText(a: string, b: string): string {
  const scale = 6;
  const toUnits = (text: string) => {
    const [whole, fraction = ''] = text.replace(/,/g, '').split('.');
    const negative = whole!.startsWith('-');
    const units = BigInt(whole!.replace('-', '') + fraction.padEnd(scale, '0'));
    return negative ? -units : units;
  };
  const units = toUnits(a) - toUnits(b);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}${fraction ? `.${fraction}` : ''}`;
}
