/**
 * Promises of the change log and undo/redo (electron/core/store: changeLog, changeAppliers, undoRedo
 * and the logged cell edits of cellEdits): every real change is one logged step, a change that
 * changes nothing is no step, undo and redo walk the log exactly and as far as the user goes.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { SheetInit } from '../../../electron/core/store/planStore';
import { PlanStore } from '../../../electron/core/store/planStore';
import { PlanbenchError } from '../../../shared/contract/errors';
import { tempDir } from '../../helpers';

const SHEET: SheetInit = {
  name: '重点工程',
  kind: 'projects',
  columns: [
    { key: 'name', name: '项目名称', type: 'text', role: 'name' },
    { key: 'investment', name: '投资匡算', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
  ],
};

const USER = { source: 'user' as const };

describe('promise: undo and redo walk the change log exactly', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let sheetId: number;
  let rowIds: number[];
  let planCount = 0;

  const text = (rowId: number, key = 'name') => store.rowsById(sheetId, [rowId])[0]?.cells[key]?.text ?? '';
  const names = () => store.listRows(sheetId, 0, 100).rows.map((row) => row.cells.name?.text ?? '');

  beforeEach(() => {
    store?.close();
    store = PlanStore.create(path.join(dir, `plan${++planCount}.planbench`));
    sheetId = store.createSheet(SHEET);
    rowIds = store.insertRows(
      sheetId,
      [{ cells: { name: '甲', investment: '100' } }, { cells: { name: '乙', investment: '200' } }],
      { source: 'system' },
    ).rowIds;
  });
  after(() => {
    store?.close();
    cleanup();
  });

  test('an edit that leaves a cell as it was is not an undo step', () => {
    const latest = store.latestActionId();
    const same = store.updateCell(sheetId, rowIds[0]!, 'name', '甲', USER);
    assert.equal(same.actionId, null, 'no action for an unchanged text');
    assert.deepEqual(same.cell, { text: '甲', value: null });
    const blank = store.updateCells(
      sheetId,
      [{ rowId: rowIds[0]!, columnKey: 'investment', text: '100' }],
      USER,
      'abort',
    );
    assert.equal(blank.actionId, null, 'an amount typed again is no change');
    assert.equal(store.latestActionId(), latest, 'nothing was logged');
    assert.equal(store.undoState().undo, null, 'nothing to undo: creating the plan is not undoable');
    const added = store.addColumn(sheetId, { key: 'note', name: '备注', type: 'text' }, USER);
    const afterColumn = store.latestActionId();
    assert.equal(
      store.updateCell(sheetId, rowIds[0]!, added.key, '', USER).actionId,
      null,
      'blank over blank is no change',
    );
    assert.equal(store.latestActionId(), afterColumn);
  });

  test('one batch is one step; only the cells that changed are in it, and undo restores each', () => {
    const result = store.updateCells(
      sheetId,
      [
        { rowId: rowIds[0]!, columnKey: 'name', text: '甲' },
        { rowId: rowIds[0]!, columnKey: 'investment', text: '150' },
        { rowId: rowIds[1]!, columnKey: 'name', text: '丙' },
        { rowId: rowIds[1]!, columnKey: 'name', text: '丁' },
      ],
      { source: 'paste', label: '粘贴' },
      'abort',
    );
    assert.notEqual(result.actionId, null);
    assert.equal(result.applied.length, 4);
    const [logged] = store.history(1);
    assert.equal(logged!.id, result.actionId);
    assert.equal(logged!.source, 'paste');
    assert.equal(logged!.label, '粘贴');
    assert.deepEqual(
      logged!.changes.map((change) => [
        change.rowId,
        change.columnKey,
        (change.before as { text: string } | null)?.text,
        (change.after as { text: string }).text,
      ]),
      [
        [rowIds[0], 'investment', '100', '150'],
        [rowIds[1], 'name', '乙', '丙'],
        [rowIds[1], 'name', '丙', '丁'],
      ],
    );
    assert.deepEqual(store.undoState().undo?.actionId, result.actionId);
    assert.equal(store.undoState().undo?.label, '粘贴');
    const undone = store.undo();
    assert.deepEqual(undone, { actionId: result.actionId, label: '粘贴', sheetIds: [sheetId] });
    assert.equal(text(rowIds[1]!), '乙', 'the cell edited twice is back to what it was before the batch');
    assert.equal(text(rowIds[0]!, 'investment'), '100');
    store.redo();
    assert.equal(text(rowIds[1]!), '丁', 'redo replays the batch in its order');
    assert.equal(text(rowIds[0]!, 'investment'), '150');
  });

  test('redo goes forward as far as undo went back', () => {
    for (const name of ['一', '二', '三']) store.updateCell(sheetId, rowIds[0]!, 'name', name, USER);
    for (let i = 0; i < 3; i++) assert.ok(store.undo());
    assert.equal(text(rowIds[0]!), '甲');
    assert.equal(store.undo(), null, 'nothing older to undo');
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      assert.ok(store.redo(), `redo ${i + 1}`);
      seen.push(text(rowIds[0]!));
    }
    assert.deepEqual(seen, ['一', '二', '三']);
    assert.equal(store.redo(), null, 'nothing left to redo');
    assert.equal(store.undoState().redo, null);
    store.undo();
    assert.equal(text(rowIds[0]!), '二', 'undo after redo takes back the newest step');
  });

  test('a new change after undo ends the redo chain, even if it is undone later', () => {
    store.updateCell(sheetId, rowIds[0]!, 'name', '一', USER);
    store.updateCell(sheetId, rowIds[0]!, 'name', '二', USER);
    store.undo();
    store.undo();
    const fresh = store.updateCell(sheetId, rowIds[1]!, 'name', '新', USER);
    assert.equal(store.undoState().redo, null, 'the new change ended the chain');
    assert.equal(store.redo(), null);
    store.undo();
    assert.equal(text(rowIds[1]!), '乙');
    assert.equal(store.undoState().redo?.actionId, fresh.actionId, 'only the new change can be redone');
    store.redo();
    assert.equal(store.redo(), null, 'the older undone steps stay undone');
    assert.equal(text(rowIds[0]!), '甲');
  });

  test('undo and redo are logged, and survive closing the plan', () => {
    const edit = store.updateCell(sheetId, rowIds[0]!, 'name', '一', USER);
    store.undo();
    const [undoAction] = store.history(1);
    assert.equal(undoAction!.source, 'undo');
    assert.equal(undoAction!.detail, String(edit.actionId));
    assert.match(undoAction!.label, /^撤销：/);
    assert.deepEqual(
      undoAction!.changes.map((change) => [
        (change.before as { text: string }).text,
        (change.after as { text: string }).text,
      ]),
      [['一', '甲']],
    );
    const file = path.join(dir, `plan${planCount}.planbench`);
    store.close();
    store = PlanStore.open(file);
    assert.equal(store.undoState().redo?.actionId, edit.actionId, 'redo is still there after reopening');
    store.redo();
    const [redoAction] = store.history(1);
    assert.equal(redoAction!.source, 'redo');
    assert.match(redoAction!.label, /^重做：/);
    assert.equal(text(rowIds[0]!), '一');
    assert.equal(store.history(10).find((action) => action.id === edit.actionId)!.state, 'done');
  });

  test('a refused value in an abort batch changes nothing; in a skip batch the rest is applied and reported', () => {
    const latest = store.latestActionId();
    assert.throws(
      () =>
        store.updateCells(
          sheetId,
          [
            { rowId: rowIds[0]!, columnKey: 'name', text: '改' },
            { rowId: rowIds[1]!, columnKey: 'investment', text: '很多' },
          ],
          USER,
          'abort',
        ),
      (error: unknown) => error instanceof PlanbenchError && error.body.code === 'invalid_value',
    );
    assert.equal(text(rowIds[0]!), '甲');
    assert.equal(store.latestActionId(), latest);
    const skipped = store.updateCells(
      sheetId,
      [
        { rowId: rowIds[0]!, columnKey: 'name', text: '改' },
        { rowId: rowIds[1]!, columnKey: 'investment', text: '很多' },
      ],
      USER,
      'skip',
    );
    assert.equal(text(rowIds[0]!), '改');
    assert.equal(skipped.applied.length, 1);
    assert.equal(skipped.rejected.length, 1);
    assert.equal(skipped.rejected[0]!.row, 2, 'the row as the user counts it');
    assert.equal(skipped.rejected[0]!.column, '投资匡算');
    assert.equal(skipped.rejected[0]!.text, '很多');
    assert.ok(skipped.rejected[0]!.reasonZh.length > 0 && skipped.rejected[0]!.reasonEn.length > 0);
    assert.throws(
      () => store.updateCells(sheetId, [{ rowId: 999_999, columnKey: 'name', text: 'x' }], USER, 'skip'),
      PlanbenchError,
    );
    assert.throws(
      () => store.updateCells(sheetId, [{ rowId: rowIds[0]!, columnKey: 'nope', text: 'x' }], USER, 'skip'),
      PlanbenchError,
    );
  });

  test('a row or column that is not in the sheet is named, and nothing is written', () => {
    const latest = store.latestActionId();
    const named = (zh: string, en: string) => (error: unknown) =>
      error instanceof PlanbenchError &&
      error.body.code === 'not_found' &&
      error.body.messageZh === zh &&
      error.body.messageEn === en;
    assert.throws(
      () => store.updateCells(sheetId, [{ rowId: 999_999, columnKey: 'name', text: 'x' }], USER, 'skip'),
      named('找不到行（999999）', 'no such row (999999)'),
    );
    assert.throws(
      () => store.updateCells(sheetId, [{ rowId: rowIds[0]!, columnKey: 'nope', text: 'x' }], USER, 'skip'),
      named('找不到列（nope）', 'no such column (nope)'),
    );
    assert.equal(store.latestActionId(), latest);
  });

  test('a cell cleared is a step that undo fills again; cleared and retyped in one batch, it starts from empty', () => {
    const cleared = store.updateCell(sheetId, rowIds[0]!, 'investment', '', USER);
    assert.notEqual(cleared.actionId, null, 'clearing a cell is a change');
    assert.deepEqual(
      store.history(1)[0]!.changes.map((change) => [change.before, change.after]),
      [
        [
          { text: '100', value: '100' },
          { text: '', value: null },
        ],
      ],
    );
    store.undo();
    assert.equal(text(rowIds[0]!, 'investment'), '100');

    store.updateCells(
      sheetId,
      [
        { rowId: rowIds[1]!, columnKey: 'name', text: '' },
        { rowId: rowIds[1]!, columnKey: 'name', text: '新' },
      ],
      USER,
      'abort',
    );
    assert.deepEqual(
      store.history(1)[0]!.changes.map((change) => [change.before, change.after]),
      [
        [
          { text: '乙', value: null },
          { text: '', value: null },
        ],
        [null, { text: '新', value: null }],
      ],
    );
    store.undo();
    assert.equal(text(rowIds[1]!), '乙');
  });

  test('undo skips a cell whose column is gone since, and undoes the rest of the step', () => {
    store.addColumn(sheetId, { key: 'note', name: '备注', type: 'text' }, USER);
    store.updateCells(
      sheetId,
      [
        { rowId: rowIds[0]!, columnKey: 'note', text: '说明' },
        { rowId: rowIds[0]!, columnKey: 'name', text: '改' },
      ],
      USER,
      'abort',
    );
    // The column removed behind the store's back (as another program could).
    const other = new Database(path.join(dir, `plan${planCount}.planbench`));
    other.pragma('foreign_keys = ON');
    other.prepare("DELETE FROM columns WHERE sheet_id = ? AND key = 'note'").run(sheetId);
    other.close();
    assert.equal(store.undo()?.sheetIds[0], sheetId);
    assert.equal(text(rowIds[0]!), '甲');
  });

  test('rows inserted, deleted and moved, columns added and sheets renamed all undo and redo', () => {
    const inserted = store.insertRows(sheetId, [{ cells: { name: '丙' } }], USER);
    store.deleteRows(sheetId, [rowIds[0]!], USER);
    store.moveRows(sheetId, [inserted.rowIds[0]!], rowIds[1]!, USER);
    store.addColumn(sheetId, { key: 'note', name: '备注', type: 'text' }, USER);
    store.renameSheet(sheetId, '项目', USER);
    const states: string[] = [];
    const snapshot = () =>
      `${store.getSheet(sheetId).name}|${store
        .columns(sheetId)
        .map((column) => column.key)
        .join(',')}|${names().join(',')}`;
    states.push(snapshot());
    for (let i = 0; i < 5; i++) {
      store.undo();
      states.push(snapshot());
    }
    assert.deepEqual(states, [
      '项目|name,investment,note|丙,乙',
      '重点工程|name,investment,note|丙,乙',
      '重点工程|name,investment|丙,乙',
      '重点工程|name,investment|乙,丙',
      '重点工程|name,investment|甲,乙,丙',
      '重点工程|name,investment|甲,乙',
    ]);
    for (let i = 0; i < 5; i++) store.redo();
    assert.equal(snapshot(), states[0], 'redo brings every step back');
    assert.equal(text(rowIds[1]!, 'investment'), '200');
  });
});

describe('promise: column changes and sheets made inside an import undo and redo too', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  before(() => {
    store = PlanStore.create(path.join(dir, 'columns.planbench'));
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('a column renamed and re-typed comes back as it was, and again on redo', () => {
    const sheetId = store.createSheet(SHEET);
    store.insertRows(sheetId, [{ cells: { name: '甲', investment: '1.5' } }], { source: 'system' });
    store.updateColumn(
      sheetId,
      'investment',
      { name: '投资（亿元）', settings: { moneyUnit: '亿元' } },
      { source: 'user' },
    );
    assert.equal(store.undoState().undo?.label, 'user', 'an action without a label is named by its source');
    const undone = store.undo();
    assert.equal(undone?.label, 'user');
    const restored = store.columns(sheetId).find((column) => column.key === 'investment')!;
    assert.deepEqual([restored.name, restored.settings.moneyUnit], ['投资匡算', '万元']);
    assert.equal(store.listRows(sheetId, 0, 1).rows[0]!.cells.investment!.value, '1.5');
    store.redo();
    const again = store.columns(sheetId).find((column) => column.key === 'investment')!;
    assert.deepEqual([again.name, again.settings.moneyUnit], ['投资（亿元）', '亿元']);
    assert.match(store.history(1)[0]!.label, /^重做：user$/);
  });

  test('a sheet created by an import goes with the import on undo and comes back with its id on redo', () => {
    const before = store.listSheets().length;
    const { value: sheetId } = store.inAction({ source: 'import', label: '导入新表' }, () => {
      const id = store.createSheet({ ...SHEET, name: '导入的表' });
      store.insertRows(id, [{ cells: { name: '乙' } }], { source: 'import' });
      return id;
    });
    assert.equal(store.listSheets().length, before + 1);
    store.undo();
    assert.equal(store.listSheets().length, before, 'the sheet is gone with the import');
    store.redo();
    assert.deepEqual(
      store
        .listSheets()
        .map((sheet) => sheet.id)
        .at(-1),
      sheetId,
    );
    assert.equal(store.getSheet(sheetId).name, '导入的表');
    assert.equal(store.listRows(sheetId, 0, 10).rows[0]!.cells.name!.text, '乙');
  });
});

describe('promise: a bulk import is one step that undo removes and redo restores exactly', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  before(() => {
    store = PlanStore.create(path.join(dir, 'bulk.planbench'));
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('rows appended in chunks of one import go and come back with their ids, texts, amounts and sub-rows', () => {
    const sheetId = store.createSheet(SHEET);
    const kept = store.insertRows(sheetId, [{ cells: { name: '原有' } }], { source: 'user' }).rowIds[0]!;
    const { actionId } = store.inAction({ source: 'import', label: '导入' }, () => {
      store.appendParsedRows(
        sheetId,
        ['name', 'investment'],
        { texts: ['甲', '100', '甲-1', '40'], nums: [null, 100_000_000n, null, 40_000_000n], parentIndexes: [null, 0] },
        { source: 'import' },
      );
      store.appendParsedRows(
        sheetId,
        ['name', 'investment'],
        { texts: ['乙', '/'], nums: [null, null] },
        { source: 'import' },
      );
      return null;
    });
    assert.notEqual(actionId, null);
    const imported = () =>
      store
        .listRows(sheetId, 0, 10)
        .rows.map((row) => [
          row.id,
          row.parentId === null ? null : 'child',
          row.cells.name?.text,
          row.cells.investment?.value ?? null,
        ]);
    const afterImport = imported();
    assert.equal(afterImport.length, 4);
    assert.equal(store.latestActionId(), actionId);
    assert.equal(store.latestActionId(), store.history(1)[0]!.id, 'the newest action in the log');
    store.undo();
    assert.deepEqual(
      store.listRows(sheetId, 0, 10).rows.map((row) => row.id),
      [kept],
      'only the rows that were there before',
    );
    store.redo();
    assert.deepEqual(imported(), afterImport, 'the same rows, ids, texts, amounts and sub-rows');
    assert.ok(store.latestActionId() > actionId!);
  });
});

describe('promise: nested work is one undo step', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  before(() => {
    store = PlanStore.create(path.join(dir, 'nested.planbench'));
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('changes made inside inAction are one action; an inAction that changes nothing logs none', () => {
    const sheetId = store.createSheet(SHEET);
    const latest = store.latestActionId();
    const nothing = store.inAction({ source: 'import', label: '无' }, () => 42);
    assert.deepEqual(nothing, { value: 42, actionId: null });
    assert.equal(store.latestActionId(), latest);
    const { actionId } = store.inAction({ source: 'import', label: '导入' }, () => {
      const { rowIds } = store.insertRows(sheetId, [{ cells: { name: '甲' } }], { source: 'user' });
      store.updateCell(sheetId, rowIds[0]!, 'investment', '5', { source: 'user' });
      return store.inAction({ source: 'merge' }, () =>
        store.addColumn(sheetId, { key: 'note', name: '备注', type: 'text' }, { source: 'user' }),
      );
    });
    assert.notEqual(actionId, null);
    const [action] = store.history(1);
    assert.equal(action!.id, actionId);
    assert.equal(action!.source, 'import', 'the outer origin names the step');
    assert.equal(action!.label, '导入');
    assert.deepEqual(
      action!.changes.map((change) => change.kind),
      ['rowInsert', 'cell', 'columnAdd'],
    );
    store.undo();
    assert.equal(store.rowCount(sheetId), 0);
    assert.equal(store.columns(sheetId).length, 2);
  });
});
