import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiResponse } from '../../../shared/contract/client';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { Actor } from '../../../electron/core/store/actor';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

/**
 * Promise: undo is yours. Two windows (and a command-line run) on one plan: Ctrl+Z in a window
 * takes back that window's own last action, never another window's edit or an import; when a
 * colleague has since changed the same cell, it is refused naming them, and overwrites only
 * when asked to. The log names who did each action.
 */
describe('promise: undo and redo take back your own actions, and never a colleague’s without asking', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'yours.planbench');
  let store: PlanStore;
  let sheetId: number;
  let rows: number[];
  const windowA: Actor = { author: '张三', client: 'browser:windowAAAA' };
  const windowB: Actor = { author: '李四', client: 'browser:windowBBBB' };
  const cli: Actor = { author: '王五', client: 'cli:host:42' };

  const call = (actor: Actor, name: string, input: unknown) =>
    Promise.resolve(dispatch({ store, edition: 'browser' }, name, input, undefined, actor));
  const ok = async (actor: Actor, name: string, input: unknown) => {
    const answer: ApiResponse = await call(actor, name, input);
    assert.ok(answer.ok, JSON.stringify(answer));
    return answer.result;
  };
  const edit = (actor: Actor, row: number, text: string) =>
    ok(actor, 'cell.update', { sheetId, rowId: rows[row], columnKey: 'investment', text });
  const value = (row: number) =>
    store.listRows(sheetId, 0, 10).rows.find((candidate) => candidate.id === rows[row])!.cells['investment']!.text;

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    sheetId = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    rows = store.listRows(sheetId, 0, 10).rows.map((row) => row.id);
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('each window undoes its own last edit; the other window’s later edit stays', async () => {
    await edit(windowA, 0, '100');
    await edit(windowB, 1, '200');
    await edit(cli, 2, '300');
    assert.equal(((await ok(windowA, 'history.state', {})) as { undo: { label: string } }).undo !== null, true);
    await ok(windowA, 'history.undo', {});
    assert.notEqual(value(0), '100', 'A’s edit is undone');
    assert.equal(value(1), '200', 'B’s edit stays');
    assert.equal(value(2), '300', 'the command line’s stays');
    // A has nothing more of its own to undo: undo does nothing rather than take B's.
    assert.equal(await ok(windowA, 'history.undo', {}), null);
    assert.equal(value(1), '200');
    // A redoes its own; B's undo takes B's edit.
    await ok(windowA, 'history.redo', {});
    assert.equal(value(0), '100');
    await ok(windowB, 'history.undo', {});
    assert.notEqual(value(1), '200');
    assert.equal(value(0), '100');
  });

  test('the log names who did each action and through which window', async () => {
    const { actions } = (await ok(windowA, 'history.list', { limit: 20 })) as {
      actions: { source: string; author: string; client: string; label: string }[];
    };
    const edits = actions.filter((action) => action.source === 'user');
    assert.deepEqual(
      edits.slice(0, 3).map((action) => [action.author, action.client]),
      [
        ['王五', 'cli:host:42'],
        ['李四', 'browser:windowBBBB'],
        ['张三', 'browser:windowAAAA'],
      ],
    );
  });

  test('a colleague changed the same cell since: undo is refused naming them, and overwrites only when asked', async () => {
    await edit(windowA, 3, '111');
    await edit(windowB, 3, '222');
    const actionsBefore = store.latestActionId();
    const refused = await call(windowA, 'history.undo', {});
    assert.equal(refused.ok, false);
    if (refused.ok) return;
    assert.equal(refused.error.code, 'conflict');
    assert.match(refused.error.messageZh, /会覆盖他人此后对同一单元格或行的修改：李四/);
    assert.match(refused.error.messageEn, /would overwrite later changes .* by someone else/);
    assert.equal(value(3), '222', 'nothing changed');
    assert.equal(store.latestActionId(), actionsBefore, 'nothing logged');
    await ok(windowA, 'history.undo', { overwrite: true });
    assert.notEqual(value(3), '222');
    assert.notEqual(value(3), '111');
  });

  test('a colleague deleted the row since: undo is refused too', async () => {
    await edit(windowA, 4, '444');
    await ok(windowB, 'rows.delete', { sheetId, rowIds: [rows[4]] });
    const refused = await call(windowA, 'history.undo', {});
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.equal(refused.error.code, 'conflict');
  });

  test('an edit of another cell of the same row by a colleague does not stand in the way', async () => {
    await edit(windowA, 5, '555');
    await ok(windowB, 'cell.update', { sheetId, rowId: rows[5], columnKey: 'name', text: '改名的项目' });
    await ok(windowA, 'history.undo', {});
    assert.notEqual(value(5), '555');
  });
});
