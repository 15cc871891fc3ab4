import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanbenchError } from '../../../shared/contract/errors';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { actingAs } from '../../../electron/core/store/actor';
import { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/** The plan's metadata edited through the API: one undoable action; bad values refused, nothing written. */
describe('editing the plan’s metadata', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'meta.planbench');
  let store: PlanStore;
  const context = () => ({ store, edition: 'cli' as const });

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('an edit is one action that undo takes back and redo brings again; it survives reopening', async () => {
    const original = store.getMeta();
    const { meta, actionId } = await callApi(context(), 'plan.meta.set', {
      title: '  常州市生态文明建设规划（送审稿）  ',
      issuer: '常州市人民政府',
      docNumber: '常政发〔2021〕12号',
      periodStart: 2021,
      periodEnd: 2030,
      moneyUnit: '亿元',
    });
    assert.ok(actionId);
    assert.equal(meta.title, '常州市生态文明建设规划（送审稿）', 'trimmed');
    assert.equal(meta.docNumber, '常政发〔2021〕12号');
    assert.equal(meta.moneyUnit, '亿元');
    const logged = store.history(1)[0]!;
    assert.equal(logged.label, '修改规划信息');
    assert.deepEqual(
      logged.changes.map((change) => change.kind),
      ['planMeta'],
    );
    assert.deepEqual(
      (await callApi(context(), 'plan.meta.set', { title: meta.title })).actionId,
      null,
      'nothing differed: no action',
    );
    store.close();
    store = PlanStore.open(file);
    assert.equal(store.getMeta().issuer, '常州市人民政府');
    await callApi(context(), 'history.undo', {});
    assert.deepEqual(store.getMeta(), original);
    await callApi(context(), 'history.redo', {});
    assert.equal(store.getMeta().docNumber, '常政发〔2021〕12号');
    assert.equal(store.getMeta().moneyUnit, '亿元');
    // The print setup offers the plan's 文号 as the one to print.
    const projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    const setup = await callApi(context(), 'print.options.get', { sheetId: projects });
    assert.equal(setup.planDocNumber, '常政发〔2021〕12号');
  });

  test('bad values are refused in Chinese and English, naming each field, and nothing changes', async () => {
    const before = store.getMeta();
    const actions = store.history(1)[0]!.id;
    const cases: [Record<string, unknown>, RegExp, RegExp][] = [
      [{ title: '   ' }, /规划名称：不能为空/, /title: must not be empty/],
      [{ docNumber: '第12号文件' }, /文号：“第12号文件”不是文号的写法/, /is not a document number/],
      [{ periodStart: 2030, periodEnd: 2021 }, /结束年 2021 早于起始年 2030/, /before the first year/],
      [{ periodStart: 21, periodEnd: 2030 }, /规划期起始年：“21”不是 1949—2100 之间的年份/, /not a year/],
      [{ periodStart: 2021, periodEnd: null }, /规划期须同时填写起止年/, /both years/],
      [{ issuer: '局'.repeat(61) }, /发文机关：不能超过 60 字/, /issuing body: at most 60/],
    ];
    for (const [patch, zh, en] of cases) {
      await assert.rejects(
        callApi(context(), 'plan.meta.set', patch),
        (error: unknown) =>
          error instanceof PlanbenchError &&
          zh.test(error.message) &&
          en.test(error.message) &&
          /未保存/.test(error.message),
        JSON.stringify(patch),
      );
    }
    assert.deepEqual(store.getMeta(), before);
    assert.equal(store.history(1)[0]!.id, actions, 'no action logged');
    for (const docNumber of ['苏政办发[2023]5号', '常政发（2022）第3号', '']) {
      await callApi(context(), 'plan.meta.set', { docNumber });
      assert.equal(store.getMeta().docNumber, docNumber, 'kept as typed');
    }
  });

  test('undoing a detail a colleague changed since is refused, naming them; other details are not held up', async () => {
    const mine = { author: '张三', client: 'window-a' };
    const theirs = { author: '李四', client: 'window-b' };
    await actingAs(mine, () => callApi(context(), 'plan.meta.set', { title: '我的标题', issuer: '市发改委' }));
    await actingAs(theirs, () => callApi(context(), 'plan.meta.set', { title: '他的标题' }));
    await assert.rejects(
      actingAs(mine, () => callApi(context(), 'history.undo', {})),
      (error: unknown) =>
        error instanceof PlanbenchError && error.body.code === 'conflict' && /李四/.test(error.message),
    );
    assert.equal(store.getMeta().title, '他的标题', 'nothing changed');
    await actingAs(theirs, () => callApi(context(), 'plan.meta.set', { docNumber: '' }));
    await actingAs(mine, () => callApi(context(), 'history.undo', { overwrite: true }));
    await actingAs(mine, () => callApi(context(), 'plan.meta.set', { periodStart: 2021, periodEnd: 2035 }));
    await actingAs(theirs, () => callApi(context(), 'plan.meta.set', { docNumber: '常政发〔2022〕1号' }));
    await actingAs(mine, () => callApi(context(), 'history.undo', {}));
    assert.equal(store.getMeta().periodEnd, 2030, 'a different detail: undone without asking');
  });
});
