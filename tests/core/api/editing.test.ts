import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiName, ApiOutput } from '../../../shared/contract/contract';
import { PlanbenchError } from '../../../shared/contract/errors';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

describe('editing through the API, undo and redo over the change log', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'edit.planbench');
  let store: PlanStore;
  let projects: number;

  async function call<N extends ApiName>(name: N, input: unknown): Promise<ApiOutput<N>> {
    const response = await dispatch({ store, edition: 'cli' }, name, input);
    if (!response.ok) throw new PlanbenchError(response.error);
    return response.result as ApiOutput<N>;
  }
  const rows = () => store.listRows(projects, 0, 1000).rows;
  const investment = () => store.totals(projects).find((total) => total.columnKey === 'investment')!;

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('creating the sample is not undoable', async () => {
    assert.deepEqual(await call('history.state', {}), { undo: null, redo: null });
    assert.equal(await call('history.undo', {}), null);
    assert.equal(rows().length, 88);
  });

  test('a paste past the last row: one action, bad cells reported and left alone, undone in one step', async () => {
    const last = rows()[87]!;
    const result = await call('cells.update', {
      sheetId: projects,
      source: 'paste',
      onInvalid: 'skip',
      appendRows: 2,
      edits: [
        { rowId: last.id, columnKey: 'investment', text: '1,000.5' },
        { rowId: last.id, columnKey: 'name', text: '第一行\n第二行' },
        { newRow: 0, columnKey: 'name', text: '新项目甲' },
        { newRow: 0, columnKey: 'investment', text: '两千' },
        { newRow: 1, columnKey: 'name', text: '新项目乙' },
        { newRow: 1, columnKey: 'investment', text: '1.2亿' },
      ],
    });
    assert.equal(result.appendedRowIds.length, 2);
    assert.equal(result.applied.length, 5);
    assert.equal(result.rejected.length, 1);
    assert.deepEqual(
      { row: result.rejected[0]!.row, column: result.rejected[0]!.column, text: result.rejected[0]!.text },
      { row: 89, column: '投资匡算', text: '两千' },
    );
    assert.equal(rows().length, 90);
    // 3309473.59 + 1000.5 (row 88 was "/") + 12000
    assert.equal(investment().sum, '3322474.09');
    assert.equal(store.history(1)[0]!.source, 'paste');
    assert.equal(store.history(1)[0]!.changes.filter((change) => change.kind === 'rowInsert').length, 2);

    const undone = await call('history.undo', {});
    assert.deepEqual(undone?.sheetIds, [projects]);
    assert.equal(rows().length, 88);
    assert.equal(investment().sum, '3309473.59');
    assert.equal(rows()[87]!.cells.investment?.text, '/');

    await call('history.redo', {});
    assert.equal(rows().length, 90);
    assert.equal(investment().sum, '3322474.09');
    assert.equal(rows()[87]!.cells.name?.text, '第一行\n第二行', 'line breaks kept');
    await call('history.undo', {});
  });

  test('delete, move and duplicate rows, each undone exactly, even after closing and reopening', async () => {
    const before = rows().map((row) => ({
      id: row.id,
      name: row.cells.name?.text,
      amount: row.cells.investment?.text,
    }));
    const [first, second, third] = before;
    await call('rows.delete', { sheetId: projects, rowIds: [second!.id] });
    await call('rows.move', { sheetId: projects, rowIds: [first!.id], beforeRowId: null });
    await call('rows.duplicate', { sheetId: projects, rowIds: [third!.id] });
    assert.equal(rows().length, 88);
    assert.equal(rows()[0]!.id, third!.id);
    assert.equal(rows()[1]!.cells.name?.text, third!.name, 'the copy sits right after the original');
    assert.equal(rows()[87]!.id, first!.id);

    store.close();
    store = PlanStore.open(file);
    for (let step = 0; step < 3; step++) assert.ok(await call('history.undo', {}));
    assert.deepEqual(
      rows().map((row) => ({ id: row.id, name: row.cells.name?.text, amount: row.cells.investment?.text })),
      before,
      'same rows, same ids, same order, same cells',
    );
    assert.equal(investment().sum, '3309473.59');
  });

  test('a new edit after undo ends the redo chain; undo and redo are logged, never pruned', async () => {
    const row = rows()[1]!;
    await call('cells.update', {
      sheetId: projects,
      edits: [{ rowId: row.id, columnKey: 'investment', text: '25000' }],
    });
    await call('history.undo', {});
    assert.ok((await call('history.state', {})).redo);
    await call('cells.update', {
      sheetId: projects,
      edits: [{ rowId: row.id, columnKey: 'investment', text: '26000' }],
    });
    assert.equal((await call('history.state', {})).redo, null);
    const sources = store.history(5).map((action) => action.source);
    assert.deepEqual(sources.slice(0, 3), ['user', 'undo', 'user']);
  });

  test('one batch editing a cell twice logs each step from the value before it, and undoes to the start', async () => {
    const row = rows()[1]!;
    const original = { investment: row.cells.investment?.text ?? '', responsible: row.cells.responsible?.text ?? '' };
    const result = await call('cells.update', {
      sheetId: projects,
      edits: [
        { rowId: row.id, columnKey: 'investment', text: '111' },
        { rowId: row.id, columnKey: 'responsible', text: '市住建局、市财政局' },
        { rowId: row.id, columnKey: 'investment', text: '222' },
        { rowId: row.id, columnKey: 'responsible', text: '市财政局' },
      ],
    });
    assert.equal(result.applied.length, 4);
    const changes = store.history(1)[0]!.changes.filter((change) => change.kind === 'cell');
    const investmentSteps = changes.filter((change) => change.columnKey === 'investment');
    assert.deepEqual(
      investmentSteps.map((change) => [
        (change.before as { text: string } | null)?.text ?? '',
        (change.after as { text: string }).text,
      ]),
      [
        [original.investment, '111'],
        ['111', '222'],
      ],
    );
    const responsibleSteps = changes.filter((change) => change.columnKey === 'responsible');
    assert.deepEqual((responsibleSteps[1]!.before as { value: string[] }).value, ['市住房和城乡建设局', '市财政局']);
    assert.deepEqual(rows()[1]!.cells.responsible?.value, ['市财政局']);
    await call('history.undo', {});
    assert.equal(rows()[1]!.cells.investment?.text ?? '', original.investment);
    assert.equal(rows()[1]!.cells.responsible?.text ?? '', original.responsible);
  });

  test('an edit of a row of another sheet is refused and changes nothing', async () => {
    const other = store.listSheets().find((sheet) => sheet.id !== projects)!;
    const foreign = store.listRows(other.id, 0, 1).rows[0]!;
    const actions = store.history(1000).length;
    await assert.rejects(
      call('cells.update', { sheetId: projects, edits: [{ rowId: foreign.id, columnKey: 'investment', text: '1' }] }),
      (error: PlanbenchError) => error.body.code === 'not_found',
    );
    assert.equal(store.history(1000).length, actions);
  });

  test('a refused edit changes nothing; abort refuses the whole batch', async () => {
    const actions = store.history(1000).length;
    const row = rows()[0]!;
    await assert.rejects(
      call('cells.update', {
        sheetId: projects,
        edits: [
          { rowId: row.id, columnKey: 'investment', text: '1' },
          { rowId: row.id, columnKey: 'investment', text: 'abc' },
        ],
      }),
      (error: PlanbenchError) => error.body.code === 'invalid_value',
    );
    assert.equal(store.history(1000).length, actions);
  });

  test('columns: add, retype (refused while cells do not fit), rename, undo', async () => {
    const column = await call('columns.add', { sheetId: projects, name: '完成投资', type: 'text' });
    const row = rows()[0]!;
    await call('cells.update', {
      sheetId: projects,
      edits: [{ rowId: row.id, columnKey: column.key, text: '进行中' }],
    });
    await assert.rejects(
      call('columns.update', {
        sheetId: projects,
        columnKey: column.key,
        type: 'money',
        settings: { moneyUnit: '万元' },
      }),
      (error: PlanbenchError) => error.body.code === 'invalid_value' && /第 1 行“进行中”/.test(error.body.messageZh),
    );
    assert.equal(store.columns(projects).find((c) => c.key === column.key)?.type, 'text');
    await call('cells.update', { sheetId: projects, edits: [{ rowId: row.id, columnKey: column.key, text: '120万' }] });
    const retyped = await call('columns.update', {
      sheetId: projects,
      columnKey: column.key,
      type: 'money',
      settings: { moneyUnit: '万元' },
    });
    assert.equal(retyped.type, 'money');
    assert.equal(rows()[0]!.cells[column.key]?.value, '120');
    await call('history.undo', {});
    assert.equal(store.columns(projects).find((c) => c.key === column.key)?.type, 'text');
    await call('history.undo', {});
    await call('history.undo', {});
    await call('history.undo', {});
    assert.equal(
      store.columns(projects).some((c) => c.key === column.key),
      false,
      'the added column is gone',
    );
  });

  test('a sheet created inside an action (an import into a new sheet) goes away with its undo and comes back with redo', async () => {
    const sheetsBefore = store.listSheets().length;
    const { actionId } = store.inAction({ source: 'import', detail: '新表.xlsx', label: '导入 新表.xlsx' }, () => {
      const sheetId = store.createSheet({
        name: '导入的表',
        kind: 'table',
        columns: [{ key: 'a', name: '甲', type: 'money', settings: { moneyUnit: '万元' } }],
      });
      store.insertRows(sheetId, [{ cells: { a: '1.5' } }, { cells: { a: '2' } }], { source: 'import' });
    });
    assert.ok(actionId);
    const created = store.listSheets().find((sheet) => sheet.name === '导入的表')!;
    await call('history.undo', {});
    assert.equal(store.listSheets().length, sheetsBefore, 'the sheet is gone with the rows');
    await call('history.redo', {});
    const back = store.listSheets().find((sheet) => sheet.name === '导入的表');
    assert.equal(back?.id, created.id, 'same id');
    assert.equal(store.totals(created.id)[0]?.sum, '3.5');
  });

  test('a new sheet of a kind comes with its columns; new sheets and renames are undoable; names stay unique', async () => {
    const budget = await call('sheets.create', { name: '2024年资金预算', kind: 'budget' });
    assert.equal(budget.kind, 'budget');
    const columns = store.columns(budget.id);
    assert.ok(columns.some((column) => column.type === 'money' && column.role === 'investment'));
    const matrix = await call('sheets.create', { name: '新分解表', kind: 'allocation' });
    assert.deepEqual(
      store
        .columns(matrix.id)
        .filter((column) => column.role === 'count')
        .map((column) => column.settings.year),
      [2025, 2030],
      'an allocation over the plan’s milestone years',
    );
    await assert.rejects(call('sheets.create', { name: '重点工程', kind: 'table' }), (error: PlanbenchError) =>
      /已有名为/.test(error.body.messageZh),
    );
    await call('sheets.rename', { sheetId: budget.id, name: '资金预算' });
    assert.equal(store.listSheets().find((sheet) => sheet.id === budget.id)?.name, '资金预算');
    await call('history.undo', {});
    assert.equal(store.listSheets().find((sheet) => sheet.id === budget.id)?.name, '2024年资金预算');
    await call('history.undo', {});
    await call('history.undo', {});
    assert.equal(
      store.listSheets().some((sheet) => sheet.id === budget.id),
      false,
      'undoing the creation removes the sheet',
    );
  });

  test('renumbering 序号 is one action in the current order', async () => {
    const [a, b] = rows();
    await call('rows.move', { sheetId: projects, rowIds: [b!.id], beforeRowId: a!.id });
    const result = await call('rows.renumber', { sheetId: projects, columnKey: 'seq' });
    assert.equal(result.changed, 2);
    assert.deepEqual(
      rows()
        .slice(0, 3)
        .map((row) => row.cells.seq?.text),
      ['1', '2', '3'],
    );
  });
});
