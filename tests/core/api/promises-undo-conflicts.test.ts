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
 * Promise: when undo or redo would overwrite a colleague's later work, the refusal says exactly
 * whose work, when and what — every colleague named, at most three in full and the rest counted
 * — and redo is held to the same rule as undo; work already taken back does not stand in the way.
 */
describe('promise: undo and redo say exactly whose later work they would overwrite', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'conflicts.planbench');
  let store: PlanStore;
  let sheetId: number;
  let rows: number[];
  const me: Actor = { author: '张三', client: 'browser:meeeeeeee' };
  const colleague = (index: number): Actor => ({ author: `同事${index}`, client: `browser:colleague${index}` });
  const nameless: Actor = { author: '', client: 'browser:namelessss' };

  const call = (actor: Actor, name: string, input: unknown): Promise<ApiResponse> =>
    Promise.resolve(dispatch({ store, edition: 'browser' }, name, input, undefined, actor));
  const edit = async (actor: Actor, row: number, text: string, columnKey = 'investment') => {
    const answer = await call(actor, 'cell.update', { sheetId, rowId: rows[row], columnKey, text });
    assert.ok(answer.ok, JSON.stringify(answer));
  };
  const refusal = async (actor: Actor, name: 'history.undo' | 'history.redo') => {
    const answer = await call(actor, name, {});
    assert.equal(answer.ok, false, `${name} was not refused`);
    if (answer.ok) throw new Error('unreachable');
    assert.equal(answer.error.code, 'conflict');
    return answer.error;
  };
  const value = (row: number) =>
    store.listRows(sheetId, 0, 20).rows.find((candidate) => candidate.id === rows[row])!.cells['investment']!.text;
  const timeOf = (actionId: number) =>
    store
      .history(500)
      .find((action) => action.id === actionId)!
      .at.slice(11, 16);

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    sheetId = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    rows = store.listRows(sheetId, 0, 20).rows.map((row) => row.id);
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('one colleague: named with the time and what they did, in Chinese and English', async () => {
    await edit(me, 0, '10');
    await edit(colleague(1), 0, '11');
    const theirs = store.latestActionId();
    const error = await refusal(me, 'history.undo');
    assert.equal(
      error.messageZh,
      `撤销“用户编辑”会覆盖他人此后对同一单元格或行的修改：同事1 ${timeOf(theirs)}“用户编辑”。未作任何改动；确认覆盖后才会撤销`,
    );
    assert.equal(
      error.messageEn,
      `undo of "用户编辑" would overwrite later changes to the same cells or rows by someone else: 同事1 at ${timeOf(theirs)} ("用户编辑"). Nothing was changed; confirm to overwrite them`,
    );
    assert.equal(value(0), '11');
    assert.ok((await call(me, 'history.undo', { overwrite: true })).ok);
  });

  test('five colleagues on one cell: three named, the others counted; a colleague without a name is “another window”', async () => {
    await edit(me, 1, '20');
    await edit(nameless, 1, '21');
    for (let index = 2; index <= 5; index++) await edit(colleague(index), 1, `2${index}`);
    const error = await refusal(me, 'history.undo');
    assert.match(
      error.messageZh,
      /：另一窗口 \d\d:\d\d“用户编辑”、同事2 \d\d:\d\d“用户编辑”、同事3 \d\d:\d\d“用户编辑”等 5 项。/,
    );
    assert.match(
      error.messageEn,
      /: another window at \d\d:\d\d \("用户编辑"\), 同事2 .* and 2 more\. Nothing was changed/,
    );
    assert.equal(value(1), '25');
    assert.ok((await call(me, 'history.undo', { overwrite: true })).ok);
  });

  test('redo is held to the same rule: a colleague’s edit after my undo is not overwritten without asking', async () => {
    await edit(me, 2, '30');
    assert.ok((await call(me, 'history.undo', {})).ok);
    await edit(colleague(6), 2, '36');
    const error = await refusal(me, 'history.redo');
    assert.match(error.messageZh, /^重做“用户编辑”会覆盖他人此后对同一单元格或行的修改：同事6 /);
    assert.match(error.messageZh, /确认覆盖后才会重做$/);
    assert.match(error.messageEn, /^redo of "用户编辑" would overwrite/);
    assert.equal(value(2), '36');
    assert.ok((await call(me, 'history.redo', { overwrite: true })).ok);
    assert.equal(value(2), '30');
  });

  test('a colleague’s edit that they took back themselves, or made before mine, does not stand in the way', async () => {
    await edit(colleague(7), 3, '40');
    await edit(me, 3, '41');
    await edit(colleague(7), 3, '42');
    assert.ok((await call(colleague(7), 'history.undo', {})).ok, 'the colleague takes their edit back');
    // Their undo is an action of theirs on the same cell, still in force: it is named.
    const error = await refusal(me, 'history.undo');
    assert.match(error.messageZh, /同事7 \d\d:\d\d“撤销：user”/);
    assert.doesNotMatch(error.messageZh, /同事7 \d\d:\d\d“用户编辑”/, 'the edit they took back is not named');
  });
});
