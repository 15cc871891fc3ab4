import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChangeEnvelope } from '../../../shared/contract/changes';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

/** Every call that writes says what it changed, and what it says equals what the plan now reads. */
describe('the change envelope of mutations', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'changes.planbench');
  let store: PlanStore;
  let projects: number;

  async function call<N extends ApiName>(
    name: N,
    input: ApiInput<N>,
  ): Promise<{ result: ApiOutput<N>; changes: ChangeEnvelope | undefined }> {
    const response = await dispatch({ store, edition: 'cli' }, name, input);
    if (!response.ok) throw new PlanbenchError(response.error);
    return { result: response.result as ApiOutput<N>, changes: response.changes };
  }
  async function changesOf<N extends ApiName>(name: N, input: ApiInput<N>): Promise<ChangeEnvelope> {
    const { changes } = await call(name, input);
    assert.ok(changes, `${name} says what it changed`);
    return changes;
  }
  const rows = () => store.listRows(projects, 0, 5000).rows;
  const sheetOf = (changes: ChangeEnvelope, sheetId = projects) =>
    changes.sheets.find((sheet) => sheet.sheetId === sheetId);

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('a call that only reads carries no envelope', async () => {
    assert.equal((await call('sheet.totals', { sheetId: projects })).changes, undefined);
    assert.equal((await call('history.state', {})).changes, undefined);
  });

  test('a typed cell: its action, its cell, the exact new totals, the undo state; no row or sheet list changes', async () => {
    const row = rows()[3]!;
    const changes = await changesOf('cell.update', {
      sheetId: projects,
      rowId: row.id,
      columnKey: 'investment',
      text: '约123.45',
    });
    assert.equal(changes.actions.length, 1);
    assert.equal(changes.actions[0]!.source, 'user');
    assert.equal(changes.sheetList, null);
    const sheet = sheetOf(changes)!;
    assert.equal(changes.sheets.length, 1);
    assert.equal(sheet.rowsChanged, false);
    assert.equal(sheet.columns, null);
    assert.deepEqual(sheet.cells, [
      { rowId: row.id, columnKey: 'investment', cell: store.rowsById(projects, [row.id])[0]!.cells.investment! },
    ]);
    assert.deepEqual(sheet.totals, store.totals(projects));
    assert.deepEqual(changes.undo, store.undoState());
    assert.equal(changes.undo.undo?.actionId, changes.actions[0]!.id);
    assert.equal(changes.checks.changed, true);
  });

  test('totals adjusted edit after edit stay equal to the store summing them again (money, approximate, cleared, numbers)', async () => {
    await call('sheet.totals', { sheetId: projects });
    const texts = ['100', '约2.5', '', '3亿', '0.01', '/', '-7.25'];
    const numberColumn = store.columns(projects).find((column) => column.type === 'number' && column.role !== 'seq');
    for (const [index, text] of texts.entries()) {
      const row = rows()[index * 5]!;
      const edits = [{ rowId: row.id, columnKey: 'investment', text }];
      if (numberColumn) edits.push({ rowId: row.id, columnKey: numberColumn.key, text: text.replace(/[约亿]/g, '') });
      const changes = await changesOf('cells.update', { sheetId: projects, edits, source: 'paste', onInvalid: 'skip' });
      assert.deepEqual(sheetOf(changes)!.totals, store.totals(projects), `after “${text}”`);
    }
  });

  test('the same cell changed twice in one call is reported once, with its last value and the totals counting it once', async () => {
    await call('sheet.totals', { sheetId: projects });
    const row = rows()[1]!;
    const changes = await changesOf('cells.update', {
      sheetId: projects,
      edits: [
        { rowId: row.id, columnKey: 'investment', text: '5' },
        { rowId: row.id, columnKey: 'investment', text: '7' },
      ],
      source: 'paste',
    });
    assert.deepEqual(
      sheetOf(changes)!.cells.map((cell) => [cell.rowId, cell.columnKey, cell.cell.text]),
      [[row.id, 'investment', '7']],
    );
    assert.deepEqual(sheetOf(changes)!.totals, store.totals(projects));
  });

  test('another connection writing in between: its change is read from the log, never missed', async () => {
    await call('sheet.totals', { sheetId: projects });
    const other = PlanStore.open(file);
    try {
      other.updateCell(projects, rows()[10]!.id, 'investment', '999999', { source: 'user' });
    } finally {
      other.close();
    }
    const changes = await changesOf('cell.update', {
      sheetId: projects,
      rowId: rows()[11]!.id,
      columnKey: 'investment',
      text: '1',
    });
    assert.deepEqual(sheetOf(changes)!.totals, store.totals(projects));
  });

  test('writes that did not pass here are followed from the change log; one that moved rows makes the totals summed again', async () => {
    await call('sheet.totals', { sheetId: projects });
    // Through the store itself, as the CLI's own paths and another window's service write.
    store.updateCell(projects, rows()[12]!.id, 'investment', '约1234.5', { source: 'user' });
    store.updateCell(projects, rows()[13]!.id, 'investment', '', { source: 'user' });
    const followed = await changesOf('cell.update', {
      sheetId: projects,
      rowId: rows()[14]!.id,
      columnKey: 'investment',
      text: '77',
    });
    assert.deepEqual(sheetOf(followed)!.totals, store.totals(projects));
    store.deleteRows(projects, [rows()[15]!.id], { source: 'user' });
    const summed = await changesOf('cell.update', {
      sheetId: projects,
      rowId: rows()[16]!.id,
      columnKey: 'investment',
      text: '88',
    });
    assert.deepEqual(sheetOf(summed)!.totals, store.totals(projects));
  });

  test('rows inserted, then the insert undone: rows to read again, the new row counts, fresh totals, redo offered', async () => {
    const count = store.rowCount(projects);
    const inserted = await changesOf('rows.insert', { sheetId: projects, place: { at: 'end' }, count: 2 });
    const sheet = sheetOf(inserted)!;
    assert.equal(sheet.rowsChanged, true);
    assert.deepEqual(sheet.cells, []);
    assert.deepEqual(sheet.totals, store.totals(projects));
    assert.equal(inserted.sheetList?.find((info) => info.id === projects)?.rowCount, count + 2);

    const undone = await changesOf('history.undo', {});
    assert.equal(undone.actions[0]!.source, 'undo');
    assert.equal(sheetOf(undone)!.rowsChanged, true);
    assert.equal(undone.sheetList?.find((info) => info.id === projects)?.rowCount, count);
    assert.equal(undone.undo.redo?.actionId, inserted.actions[0]!.id);
  });

  test('a cell edit undone reports the cell back at its old value', async () => {
    const row = rows()[20]!;
    const before = row.cells.investment ?? { text: '', value: null };
    await call('cell.update', { sheetId: projects, rowId: row.id, columnKey: 'investment', text: '42' });
    const undone = await changesOf('history.undo', {});
    const cell = sheetOf(undone)!.cells.find((candidate) => candidate.rowId === row.id)!;
    assert.equal(cell.cell.text, before.text);
    assert.deepEqual(sheetOf(undone)!.totals, store.totals(projects));
  });

  test('a sheet made, then its making undone: the sheet list, then the sheet removed', async () => {
    const { result: made, changes } = await call('sheets.create', { name: '新表', kind: 'projects' });
    assert.ok(changes?.sheetList?.some((info) => info.id === made.id));
    assert.ok(sheetOf(changes!, made.id)?.columns?.length);
    const undone = await changesOf('history.undo', {});
    assert.equal(sheetOf(undone, made.id)?.removed, true);
    assert.equal(
      undone.sheetList?.some((info) => info.id === made.id),
      false,
    );
  });

  test('a column layout is no action but says the sheet’s new columns; it leaves the checks alone', async () => {
    const key = store.columns(projects)[1]!.key;
    const changes = await changesOf('columns.layout', { sheetId: projects, layout: [{ key, width: 222 }] });
    assert.deepEqual(changes.actions, []);
    assert.equal(sheetOf(changes)!.columns?.find((column) => column.key === key)?.width, 222);
    assert.equal(changes.checks.changed, false);
  });

  test('once the checks have run, each mutation carries their new results', async () => {
    const first = await call('checks.run', {});
    const row = rows()[2]!;
    const changes = await changesOf('cell.update', {
      sheetId: projects,
      rowId: row.id,
      columnKey: 'investment',
      text: '123456789',
    });
    const now = (await call('checks.run', {})).result;
    assert.ok(first.result.summary.total > 0);
    assert.deepEqual(changes.checks.summary, now.summary);
    assert.deepEqual(changes.checks.results, now.results);
  });
});
