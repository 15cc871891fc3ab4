/**
 * The typed change log reads plans written before it: tests/fixtures/plans/changeLog-v4.sql is a
 * plan that the store wrote (through writeEveryKind below) before the log was typed and the
 * store split. Its history is read typed, undo and redo walk it to the start and back, the
 * checks' snapshot follows it, and today's store logs the same steps in the same bytes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { PlanSnapshot } from '../../../electron/core/checks/snapshot';
import { PlanStore } from '../../../electron/core/store/planStore';
import { PlanbenchError } from '../../../shared/contract/errors';
import { PLAN_APPLICATION_ID } from '../../../electron/core/store/schema';
import type { Change, ChangeOf } from '../../../shared/model/changes';
import { CHANGE_KINDS } from '../../../shared/model/changes';
import { REPO_ROOT, tempDir } from '../../helpers';

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'plans', 'changeLog-v4.sql');

/** The steps the fixture was written with: every kind of change, an undo, a redo, an undone edit. */
function writeEveryKind(store: PlanStore): number {
  store.addDepartments([
    { name: '市发改委', aliases: ['发改委'] },
    { name: '市生态环境局', aliases: ['生态环境局'] },
  ]);
  const { value: sheetId } = store.inAction({ source: 'import', detail: 'old.xlsx', label: '导入 old.xlsx' }, () => {
    const id = store.createSheet({
      name: '重点工程',
      kind: 'projects',
      columns: [
        { key: 'seq', name: '序号', type: 'text', role: 'seq' },
        { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        { key: 'investment', name: '投资匡算', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
        { key: 'lead', name: '牵头单位', type: 'departmentList', role: 'leadUnit' },
      ],
    });
    store.appendParsedRows(
      id,
      ['seq', 'name', 'investment', 'lead'],
      {
        texts: ['1', '甲工程', '100', '发改委', '2', '乙工程', '/', '市生态环境局', '2.1', '乙工程子项', '50.5', ''],
        nums: [null, null, 100000000n, null, null, null, null, null, null, null, 50500000n, null],
        parentIndexes: [null, null, 1],
      },
      { source: 'import' },
    );
    return id;
  });
  const inserted = store.insertRows(
    sheetId,
    [{ cells: { seq: '3', name: '丙工程', investment: '7.25', lead: '发改委' } }],
    {
      source: 'user',
      label: '插入行',
    },
  );
  store.updateCells(
    sheetId,
    [
      { rowId: 1, columnKey: 'investment', text: '120' },
      { rowId: 2, columnKey: 'investment', text: '约80' },
    ],
    { source: 'paste', label: '粘贴' },
    'abort',
  );
  store.moveRows(sheetId, [inserted.rowIds[0]!], 1, { source: 'user', label: '移动 1 行' });
  store.deleteRows(sheetId, [2], { source: 'user', label: '删除 1 行' });
  store.addColumn(sheetId, { key: 'c5', name: '备注', type: 'text' }, { source: 'user', label: '添加列“备注”' });
  store.updateCell(sheetId, 1, 'c5', '待定', { source: 'user', label: '填写备注' });
  store.updateColumn(
    sheetId,
    'investment',
    { name: '总投资', settings: { moneyUnit: '亿元' } },
    { source: 'user', label: '修改列' },
  );
  store.renameSheet(sheetId, '重点项目', { source: 'user', label: '重命名工作表为“重点项目”' });
  store.undo();
  store.redo();
  store.updateCell(sheetId, 1, 'name', '甲工程（调整）', { source: 'user', label: '编辑单元格' });
  store.undo();
  return sheetId;
}

/** The fixture restored into a plan file, as the old store left it. */
function restoreFixture(file: string): void {
  const db = new Database(file);
  db.exec(fs.readFileSync(FIXTURE, 'utf8'));
  db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
  db.pragma('user_version = 4');
  db.close();
}

/** Every logged change as stored, but for the timestamps of the actions. */
function storedLog(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return [
      db.prepare('SELECT id, source, detail, label, state FROM actions ORDER BY id').all(),
      db
        .prepare(
          'SELECT id, action_id, sheet_id, row_id, column_id, column_key, kind, before, after FROM changes ORDER BY id',
        )
        .all(),
    ];
  } finally {
    db.close();
  }
}

/** The plan's sheets, columns and rows, to compare states of the plan. */
function contents(store: PlanStore): unknown {
  return store.listSheets().map((sheet) => ({
    ...sheet,
    columns: store.columns(sheet.id),
    rows: store.listRows(sheet.id, 0, 1000).rows,
  }));
}

describe('the typed change log reads a plan written before it', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('today’s store logs every kind of change in the bytes the old store wrote', () => {
    const old = path.join(dir, 'old-bytes.planbench');
    restoreFixture(old);
    const fresh = path.join(dir, 'fresh.planbench');
    const store = PlanStore.create(fresh);
    writeEveryKind(store);
    store.close();
    assert.deepEqual(storedLog(fresh), storedLog(old));
  });

  test('its history reads typed: every kind, with its payloads', () => {
    const file = path.join(dir, 'old-history.planbench');
    restoreFixture(file);
    const store = PlanStore.open(file);
    try {
      const actions = store.history(100).reverse();
      assert.deepEqual(
        actions.map((action) => [action.source, action.state, action.changes.map((change) => change.kind)]),
        [
          ['import', 'done', ['sheetCreate', 'rowsInsert']],
          ['user', 'done', ['rowInsert']],
          ['paste', 'done', ['cell', 'cell']],
          ['user', 'done', ['rowMove']],
          ['user', 'done', ['rowDelete', 'rowDelete']],
          ['user', 'done', ['columnAdd']],
          ['user', 'done', ['cell']],
          ['user', 'done', ['columnUpdate']],
          ['user', 'done', ['sheetRename']],
          ['undo', 'done', ['sheetRename']],
          ['redo', 'done', ['sheetRename']],
          ['user', 'undone', ['cell']],
          ['undo', 'done', ['cell']],
        ],
      );
      const changes = actions.flatMap((action) => action.changes);
      assert.deepEqual(
        new Set(changes.map((change) => change.kind)),
        // Kinds added after the old store are not in its bytes; their own tests log, undo and redo them:
        // sheetSetting (tests/core/budgets/factorSettingsLog.test.ts), setting (督查's thresholds,
        // tests/core/supervision/thresholds.test.ts), comment (tests/core/comments/commentsStore.test.ts)
        // and planMeta (tests/core/planFiles/planMeta.test.ts).
        new Set(CHANGE_KINDS.filter((kind) => !['sheetSetting', 'setting', 'comment', 'planMeta'].includes(kind))),
        'the fixture holds every kind of the old store',
      );
      const first = <K extends Change['kind']>(kind: K) =>
        changes.find((change) => change.kind === kind) as ChangeOf<K>;
      assert.deepEqual(first('rowsInsert').after?.rows[2], [2, 3, '2.1', '乙工程子项', '50.5', null]);
      assert.deepEqual(first('cell').before, { text: '100', value: '100' });
      assert.deepEqual(first('cell').after, { text: '120', value: '120' });
      const typedIntoEmpty = changes.find((change) => change.kind === 'cell' && change.columnKey === 'c5');
      assert.deepEqual(
        [typedIntoEmpty?.before, typedIntoEmpty?.after],
        [null, { text: '待定', value: null }],
        'an empty side reads as null',
      );
      assert.deepEqual(first('rowDelete').before, {
        parentId: 2,
        position: 3,
        cells: { seq: '2.1', name: '乙工程子项', investment: '50.5' },
      });
      assert.equal(first('columnUpdate').after?.settings.moneyUnit, '亿元');
      assert.equal(first('sheetCreate').after?.columns.length, 4);
      assert.deepEqual([first('rowMove').before, first('rowMove').after], [{ position: 4 }, { position: 0 }]);
    } finally {
      store.close();
    }
  });

  test('undo walks its log back to the start and redo forward again, and the snapshot follows', () => {
    const file = path.join(dir, 'old-undo.planbench');
    restoreFixture(file);
    const store = PlanStore.open(file);
    try {
      const atEnd = contents(store);
      const snapshot = new PlanSnapshot(store, () => []);
      snapshot.sync();
      const name = () => snapshot.list()[0]!.rows.get(1)!.cells.name?.text;
      assert.equal(name(), '甲工程');

      // The undone edit of the old log comes back, and the snapshot replays it as one cell.
      assert.equal(store.redo()?.label, '编辑单元格');
      const report = snapshot.sync();
      assert.deepEqual([report.cellChanges, report.reloadedSheets], [1, []]);
      assert.equal(name(), '甲工程（调整）');
      assert.equal(store.undo()?.label, '编辑单元格');
      snapshot.sync();
      assert.equal(name(), '甲工程');

      const undone: string[] = [];
      for (let outcome = store.undo(); outcome; outcome = store.undo()) undone.push(outcome.label);
      assert.deepEqual(undone, [
        '重命名工作表为“重点项目”',
        '修改列',
        '填写备注',
        '添加列“备注”',
        '删除 1 行',
        '移动 1 行',
        '粘贴',
        '插入行',
        '导入 old.xlsx',
      ]);
      assert.deepEqual(store.listSheets(), [], 'undoing the import took its sheet away');
      snapshot.sync();
      assert.deepEqual(snapshot.list(), []);

      const redone: string[] = [];
      for (let outcome = store.redo(); outcome; outcome = store.redo()) redone.push(outcome.label);
      // Redo goes as far as undo went back: to the edit undone before the plan was closed.
      assert.deepEqual(redone, [...undone.reverse(), '编辑单元格']);
      assert.equal(store.undo()?.label, '编辑单元格');
      assert.deepEqual(contents(store), atEnd, 'redo brought back the plan as the old store left it');
      snapshot.sync();
      assert.deepEqual(
        snapshot.list()[0]!.order.map((id) => snapshot.list()[0]!.rows.get(id)!.cells.name?.text),
        ['丙工程', '甲工程'],
      );
    } finally {
      store.close();
    }
  });

  test('a kind of change this version does not know is named, not guessed at', () => {
    const file = path.join(dir, 'unknown-kind.planbench');
    restoreFixture(file);
    const db = new Database(file);
    db.prepare(
      "INSERT INTO actions (id, at, source, label) VALUES (14, '2030-01-01T00:00:00.000Z', 'user', '未来的操作')",
    ).run();
    db.prepare(
      'INSERT INTO changes (action_id, sheet_id, kind, after) VALUES (14, 1, \'sheetColour\', \'{"colour":"red"}\')',
    ).run();
    db.close();
    const store = PlanStore.open(file);
    try {
      const unknown = (error: unknown) =>
        error instanceof PlanbenchError &&
        error.body.code === 'internal' &&
        error.body.messageZh === '无法识别的变更类型：sheetColour' &&
        /sheetColour/.test(error.body.messageEn);
      assert.throws(() => store.history(1), unknown);
      const before = contents(store);
      assert.throws(() => store.undo(), unknown);
      assert.deepEqual(contents(store), before, 'the refused undo changed nothing');
      assert.equal(store.latestActionId(), 14, 'and logged nothing');
    } finally {
      store.close();
    }
  });
});
