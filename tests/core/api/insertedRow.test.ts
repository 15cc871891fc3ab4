import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { callApi } from '../../apiCall';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';

/** A row inserted into a numbered, grouped table takes its place in the numbering and the groups. */
describe('inserting a row into the project table', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'insert.planbench');
  let store: PlanStore;
  let projects: number;

  const call = <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> =>
    callApi({ store, edition: 'cli' }, name, input);
  const rows = () => store.listRows(projects, 0, 1000).rows;
  const texts = (rowId: number) => {
    const row = rows().find((candidate) => candidate.id === rowId)!;
    return {
      seq: row.cells.seq?.text,
      category: row.cells.category?.text,
      subcategory: row.cells.subcategory?.text,
      name: row.cells.name?.text,
    };
  };

  before(() => {
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('below project 24 (the last 生态安全类 row): its 大类/小类 and 序号 25, nothing else', async () => {
    const above = rows()[23]!;
    const { rowIds } = await call('rows.insert', { sheetId: projects, place: { at: 'after', rowId: above.id } });
    assert.deepEqual(texts(rowIds[0]!), {
      seq: '25',
      category: above.cells.category!.text,
      subcategory: above.cells.subcategory!.text,
      name: undefined,
    });
    assert.equal(rows()[24]!.id, rowIds[0]);
  });

  test('above project 1: project 1’s groups and 序号 1; at the end: the last row’s groups and the next number', async () => {
    const first = rows()[0]!;
    const top = await call('rows.insert', { sheetId: projects, place: { at: 'before', rowId: first.id } });
    assert.deepEqual(texts(top.rowIds[0]!), {
      seq: '1',
      category: '生态安全类',
      subcategory: first.cells.subcategory!.text,
      name: undefined,
    });
    const last = rows()[rows().length - 1]!;
    const end = await call('rows.insert', { sheetId: projects, place: { at: 'end' } });
    assert.deepEqual(texts(end.rowIds[0]!), {
      seq: '89',
      category: last.cells.category!.text,
      subcategory: last.cells.subcategory!.text,
      name: undefined,
    });
  });

  test('one undo takes the inserted row away with its cells', async () => {
    const count = rows().length;
    await call('history.undo', {});
    assert.equal(rows().length, count - 1);
  });
});
