/**
 * Comments (批注) in the store: on a cell and on a whole row, each add, edit and delete one
 * undoable action in the change log; they keep to their row through moves and reopening, go
 * with a deleted row and come back with its undo; the change envelope says they changed.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import { actingAs, localAuthor } from '../../../electron/core/store/actor';
import { PlanStore } from '../../../electron/core/store/planStore';
import { PlanbenchError } from '../../../shared/contract/errors';
import { tempDir } from '../../helpers';

const ME = { author: '张三', client: 'test-window' };

function makePlan(file: string): { store: PlanStore; sheetId: number; rowIds: number[] } {
  const store = PlanStore.create(file);
  const { value: sheetId } = store.inAction({ source: 'system' }, () =>
    store.createSheet({
      name: '重点工程',
      kind: 'projects',
      columns: [
        { key: 'seq', name: '序号', type: 'text', role: 'seq' },
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '投资匡算', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      ],
    }),
  );
  const { rowIds } = store.insertRows(
    sheetId,
    [
      { cells: { seq: '1', name: '甲工程', investment: '100' } },
      { cells: { seq: '2', name: '乙工程', investment: '200' } },
      { cells: { seq: '3', name: '丙工程', investment: '300' } },
    ],
    { source: 'system' },
  );
  return { store, sheetId, rowIds };
}

describe('comments in the store', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'comments.planbench');
  let store: PlanStore;
  let sheetId: number;
  let rowIds: number[];
  const user = { source: 'user' as const, label: '批注' };

  before(() => ({ store, sheetId, rowIds } = makePlan(file)));
  after(() => {
    store.close();
    cleanup();
  });

  test('a cell comment and a row comment: written with the author acting, each one logged action', () => {
    actingAs(ME, () => {
      const cell = store.setComment(
        sheetId,
        { rowId: rowIds[0]!, columnKey: 'investment' },
        { text: ' 含中央资金\r\n30万 ' },
        user,
      );
      assert.ok(cell.actionId);
      assert.equal(cell.comment.text, '含中央资金\n30万', 'line breaks kept as \\n, blank edges trimmed');
      assert.equal(cell.comment.author, '张三');
      const row = store.setComment(sheetId, { rowId: rowIds[1]!, columnKey: null }, { text: '待论证' }, user);
      assert.ok(row.actionId && row.actionId !== cell.actionId);
    });
    assert.deepEqual(
      store.listComments(sheetId).map((c) => [c.rowId, c.columnKey, c.text, c.author]),
      [
        [rowIds[0], 'investment', '含中央资金\n30万', '张三'],
        [rowIds[1], null, '待论证', '张三'],
      ],
    );
    const [newest] = store.history(1);
    assert.equal(newest!.changes.length, 1);
    assert.equal(newest!.changes[0]!.kind, 'comment');
    assert.equal(newest!.changes[0]!.columnKey, null);
    assert.deepEqual(newest!.changes[0]!.before, null);
    assert.equal((newest!.changes[0]!.after as { text: string }).text, '待论证');
  });

  test('the same text again logs nothing; an empty text or a missing row or column is refused, nothing changed', () => {
    const latest = store.latestActionId();
    const again = store.setComment(sheetId, { rowId: rowIds[1]!, columnKey: null }, { text: '待论证' }, user);
    assert.equal(again.actionId, null);
    assert.throws(
      () => store.setComment(sheetId, { rowId: rowIds[2]!, columnKey: null }, { text: '  ' }, user),
      (error: PlanbenchError) => error.body.messageZh === '批注内容不能为空',
    );
    assert.throws(
      () => store.setComment(sheetId, { rowId: 99_999, columnKey: null }, { text: '注' }, user),
      (error: PlanbenchError) => error.body.code === 'not_found',
    );
    assert.throws(
      () => store.setComment(sheetId, { rowId: rowIds[2]!, columnKey: 'nope' }, { text: '注' }, user),
      (error: PlanbenchError) => error.body.code === 'not_found',
    );
    assert.throws(
      () => store.deleteComment(sheetId, { rowId: rowIds[2]!, columnKey: 'name' }, user),
      (error: PlanbenchError) => error.body.code === 'not_found' && error.body.messageZh === '此处没有批注',
    );
    assert.equal(store.latestActionId(), latest);
    assert.equal(store.listComments(sheetId).length, 2);
  });

  test('edit and delete, each undone and redone', () => {
    const place = { rowId: rowIds[0]!, columnKey: 'investment' };
    const text = () => store.listComments(sheetId).find((c) => c.rowId === place.rowId)?.text ?? null;
    store.setComment(sheetId, place, { text: '含中央资金50万' }, user);
    assert.equal(text(), '含中央资金50万');
    store.deleteComment(sheetId, place, user);
    assert.equal(text(), null);
    store.undo();
    assert.equal(text(), '含中央资金50万', 'undo of the delete brings it back');
    store.undo();
    assert.equal(text(), '含中央资金\n30万', 'undo of the edit gives the old text');
    store.redo();
    assert.equal(text(), '含中央资金50万');
  });

  test('comments keep to their row when rows move, and survive closing and reopening', () => {
    store.moveRows(sheetId, [rowIds[2]!], rowIds[0]!, user);
    store.close();
    store = PlanStore.open(file);
    assert.deepEqual(
      store.listComments(sheetId).map((c) => [c.rowId, c.columnKey]),
      [
        [rowIds[0], 'investment'],
        [rowIds[1], null],
      ],
      'listed in sheet order; each still on its row',
    );
  });

  test('deleting a row takes its comments, and its undo brings them back with the row', () => {
    store.setComment(sheetId, { rowId: rowIds[1]!, columnKey: 'name' }, { text: '名称待定' }, user);
    store.deleteRows(sheetId, [rowIds[1]!], user);
    assert.deepEqual(
      store.listComments(sheetId).map((c) => c.rowId),
      [rowIds[0]],
    );
    store.undo();
    assert.deepEqual(
      store
        .listComments(sheetId)
        .filter((c) => c.rowId === rowIds[1])
        .map((c) => [c.columnKey, c.text, c.author]),
      [
        [null, '待论证', '张三'],
        ['name', '名称待定', localAuthor()],
      ],
    );
    store.redo();
    assert.equal(store.listComments(sheetId).filter((c) => c.rowId === rowIds[1]).length, 0);
    store.undo();
    assert.equal(store.listComments(sheetId).filter((c) => c.rowId === rowIds[1]).length, 2);
  });

  test('undo is yours: a colleague’s comment on a cell does not block undoing your edit of its value, and their edit of your comment does', () => {
    const me = { author: '张三', client: 'window-a' };
    const colleague = { author: '李四', client: 'window-b' };
    const place = { rowId: rowIds[0]!, columnKey: 'name' };
    actingAs(me, () => store.updateCell(sheetId, place.rowId, 'name', '甲工程（一期）', user));
    actingAs(colleague, () => store.setComment(sheetId, place, { text: '请核对名称' }, user));
    actingAs(me, () => store.undo());
    assert.equal(store.listRows(sheetId, 0, 10).rows.find((row) => row.id === place.rowId)!.cells.name!.text, '甲工程');
    assert.equal(
      store.listComments(sheetId).find((c) => c.columnKey === 'name' && c.rowId === place.rowId)?.text,
      '请核对名称',
    );

    actingAs(me, () =>
      store.setComment(sheetId, { rowId: rowIds[2]!, columnKey: 'investment' }, { text: '我的批注' }, user),
    );
    actingAs(colleague, () =>
      store.setComment(sheetId, { rowId: rowIds[2]!, columnKey: 'investment' }, { text: '我的批注（李四改）' }, user),
    );
    assert.throws(
      () => actingAs(me, () => store.undo()),
      (error: PlanbenchError) => error.body.code === 'conflict' && error.body.messageZh.includes('李四'),
    );
  });

  test('through the API: the envelope says the sheet\u2019s comments changed, and nothing else', async () => {
    const response = await dispatch({ store, edition: 'cli' }, 'comments.set', {
      sheetId,
      rowId: rowIds[2]!,
      columnKey: 'name',
      text: '新增',
    });
    assert.ok(response.ok);
    const sheet = response.changes!.sheets.find((candidate) => candidate.sheetId === sheetId)!;
    assert.equal(sheet.commentsChanged, true);
    assert.equal(sheet.rowsChanged, false);
    assert.equal(sheet.columns, null);
    assert.equal(sheet.totals, null, 'a comment changes no total');
    assert.equal(response.changes!.actions[0]!.label, '插入批注');
    const edit = await dispatch({ store, edition: 'cli' }, 'comments.set', {
      sheetId,
      rowId: rowIds[2]!,
      columnKey: 'name',
      text: '新增项目',
    });
    assert.ok(edit.ok);
    assert.equal(edit.changes!.actions[0]!.label, '编辑批注');
    const cellEdit = await dispatch({ store, edition: 'cli' }, 'cell.update', {
      sheetId,
      rowId: rowIds[2]!,
      columnKey: 'name',
      text: '丙工程（调整）',
    });
    assert.ok(cellEdit.ok);
    assert.equal(cellEdit.changes!.sheets[0]!.commentsChanged, false);
    const listed = await dispatch({ store, edition: 'cli' }, 'comments.list', { sheetId });
    assert.ok(listed.ok);
    assert.equal((listed.result as { comments: unknown[] }).comments.length, 6);
  });
});
