/**
 * 重排序号 (rows.renumber) on a large sheet gives what it always gave: top-level rows numbered
 * 1, 2, 3… in sheet order, sub-rows left alone, `changed` counting the numbers that differ, one
 * undoable action. The reference below is the handler as it was before it was made linear (it
 * looked every row's old number up with a scan of the sheet); its time is in `npm run bench`.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { RowData } from '../../../shared/contract/contract';
import { PlanStore } from '../../../electron/core/store/planStore';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

const ROWS = 3_000;

/** The numbers the handler gave before, computed its old way. */
function reference(rows: RowData[], columnKey: string): { texts: Map<number, string>; changed: number } {
  const edits = rows
    .filter((row) => row.parentId === null)
    .map((row, index) => ({ rowId: row.id, text: String(index + 1) }));
  const changed = edits.filter(
    (edit) => rows.find((row) => row.id === edit.rowId)?.cells[columnKey]?.text !== edit.text,
  ).length;
  const texts = new Map(rows.map((row) => [row.id, row.cells[columnKey]?.text ?? '']));
  for (const edit of edits) texts.set(edit.rowId, edit.text);
  return { texts, changed };
}

describe('rows.renumber on a large sheet', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('numbers the items of a reordered sheet as before, sub-rows kept, in one undoable action', async () => {
    const store = PlanStore.create(path.join(dir, 'renumber.planbench'));
    try {
      const sheetId = store.createSheet({
        name: '重点工程',
        kind: 'projects',
        columns: [
          { key: 'seq', name: '序号', type: 'text', role: 'seq' },
          { key: 'name', name: '项目名称', type: 'text', role: 'name' },
        ],
      });
      // Items numbered as typed (some right, some wrong, some empty), every fifth with a sub-item.
      const init = Array.from({ length: ROWS }, (_, index) =>
        index % 5 === 4
          ? { cells: { seq: `${index}.1`, name: `子项${index}` }, parentIndex: index - 1 }
          : {
              cells: { seq: index % 3 === 0 ? '' : String(index % 7 === 0 ? index : index + 1), name: `项目${index}` },
            },
      );
      const { rowIds } = store.insertRows(sheetId, init, { source: 'system' });
      // The last 500 rows moved to the top: most numbers are now out of order.
      store.moveRows(sheetId, rowIds.slice(-500), rowIds[0]!, { source: 'system' });
      const before = store.listRows(sheetId, 0, ROWS).rows;
      const expected = reference(before, 'seq');
      assert.ok(expected.changed > ROWS / 2, 'most numbers change');

      const result = await callApi({ store, edition: 'cli' }, 'rows.renumber', { sheetId, columnKey: 'seq' });
      assert.equal(result.changed, expected.changed);
      const afterRows = store.listRows(sheetId, 0, ROWS).rows;
      assert.deepEqual(
        afterRows.map((row) => [row.id, row.cells.seq?.text ?? '']),
        before.map((row) => [row.id, expected.texts.get(row.id)]),
      );
      const [action] = store.history(1);
      assert.equal(action!.id, result.actionId);
      assert.equal(action!.changes.length, expected.changed, 'only the numbers that changed are logged');

      store.undo();
      assert.deepEqual(store.listRows(sheetId, 0, ROWS).rows, before, 'one undo gives the old numbers back');
    } finally {
      store.close();
    }
  });
});
