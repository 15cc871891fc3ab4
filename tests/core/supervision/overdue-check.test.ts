import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/handlers';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/contract/contract';
import { kindColumns } from '../../../shared/model/sheetKinds';
import { callApi } from '../../apiCall';
import { tempDir } from '../../helpers';

/** 检查 counts the tasks past their deadline and not done (a failing finding), and lets go of one once done. */

const { dir, cleanup } = tempDir();
after(cleanup);

test('overdue tasks are failing findings in 检查, listed with their deadline; finishing one clears it', async () => {
  const store = PlanStore.create(path.join(dir, 'overdue.planbench'), { title: '逾期', periodStart: 2020 });
  const context: ApiContext = { store, edition: 'cli' };
  const call = <N extends ApiName>(name: N, input: ApiInput<N>): Promise<ApiOutput<N>> => callApi(context, name, input);
  try {
    const sheetId = store.createSheet({ name: '任务', kind: 'tasks', description: '', columns: kindColumns('tasks') });
    store.insertRows(
      sheetId,
      [
        { cells: { seq: '1', item: '早已到期', deadline: '2020年6月底', rate: '50' } },
        { cells: { seq: '2', item: '到期且已完成', deadline: '2020年底前', rate: '100' } },
        { cells: { seq: '3', item: '到期未报送', deadline: '2021年上半年' } },
        { cells: { seq: '4', item: '尚未到期', deadline: '2199年底前', rate: '10' } },
        { cells: { seq: '5', item: '长期任务', deadline: '长期坚持' } },
      ],
      { source: 'user', label: 'test' },
    );
    const overdue = async () =>
      (await call('checks.run', { sheetId })).results.find((result) => result.kind === 'overdueTask')!;
    const first = await overdue();
    assert.equal(first.status, 'fail');
    assert.equal(first.computed, '2');
    assert.deepEqual(
      first.rows.map((row) => row.rowNumber),
      [1, 3],
    );
    assert.match(first.messageZh, /第1行（时限 2020-06-30）/);
    const done = first.rows[0]!;
    await call('cell.update', { sheetId, rowId: done.rowId, columnKey: 'rate', text: '100' });
    const second = await overdue();
    assert.equal(second.computed, '1');
    await call('cell.update', { sheetId, rowId: first.rows[1]!.rowId, columnKey: 'deadline', text: '长期坚持' });
    assert.equal((await overdue()).status, 'pass');
  } finally {
    store.close();
  }
});
