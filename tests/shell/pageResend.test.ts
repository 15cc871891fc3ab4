import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PlanStore } from '../../electron/core/store/planStore';
import type { ApiResponse, ApiTransport } from '../../shared/contract/client';
import { ipcEvent, OWN_PAGE, shellHarness, until } from '../fixtures/shellHarness';

/**
 * The page's own transport (renderer/src/data/transport.ts) over the desktop bridge, the preload's
 * `window.planbench.call` answered by the BUILT shell's IPC route and its plan service process:
 * when the service is killed with the page's cell edits unanswered, the page keeps them and sends
 * them again, in the order they were typed, and they all land once the service is back.
 */

const { makePlan, launch, close } = shellHarness();
after(close);

test('cell edits the killed service did not answer are sent again by the page and land in order', async () => {
  const plan = makePlan('重发.planbench', '重发规划');
  const shell = await launch([plan]);
  const route = shell.recorded.ipcHandlers.get('planbench:call')!;
  const event = ipcEvent(shell.mainWindow!.webContents, OWN_PAGE);
  // What the preload exposes, its invoke answered by the shell's route (a rejection travels as one).
  (globalThis as { window?: unknown }).window = {
    planbench: { call: async (name: string, input: unknown) => (await route(event, name, input)) as ApiResponse },
  };
  // Named at run time: the renderer's module is typed for a browser (its `window`), this project's types are Node's.
  const pageTransport: string = '../../renderer/src/data/transport.ts';
  const { transport, onWaitingEdits } = (await import(pageTransport)) as {
    transport: ApiTransport;
    onWaitingEdits(listener: (count: number) => void): () => void;
  };
  const waiting: number[] = [];
  onWaitingEdits((count) => waiting.push(count));

  const reader = PlanStore.open(plan);
  const sheetId = reader.listSheets()[0]!.id;
  const column = reader.columns(sheetId).find((candidate) => candidate.type === 'text')!.key;
  const rowIds = reader
    .listRows(sheetId, 0, 40)
    .rows.slice(0, 20)
    .map((row) => row.id);
  reader.close();
  // Twenty cells, then the first cell twice more: the last text typed must be the one kept.
  const edits = [
    ...rowIds.map((rowId, index) => ({ rowId, text: `重发 ${index}` })),
    { rowId: rowIds[0]!, text: '第二次' },
    { rowId: rowIds[0]!, text: '第三次' },
  ];
  const service = shell.recorded.utilityProcesses.at(-1)!;
  const answers = edits.map((edit) => transport('cell.update', { sheetId, columnKey: column, ...edit }));
  process.kill(service.pid!, 'SIGKILL'); // before any of them is answered
  const answered = await Promise.all(answers);

  assert.deepEqual(
    answered.filter((answer) => !answer.ok),
    [],
  );
  assert.ok(Math.max(...waiting) >= 1, 'the page counted edits waiting to be sent again');
  await until(() => waiting.at(-1) === 0); // counted down once each answer has been taken in
  assert.equal(waiting.at(-1), 0, 'and then none');
  assert.equal(shell.recorded.utilityProcesses.length, 2, 'the service was started again');
  const check = PlanStore.open(plan);
  try {
    const rows = new Map(check.listRows(sheetId, 0, 40).rows.map((row) => [row.id, row]));
    assert.equal(rows.get(rowIds[0]!)?.cells[column]?.text, '第三次');
    for (let index = 1; index < rowIds.length; index++)
      assert.equal(rows.get(rowIds[index]!)?.cells[column]?.text, `重发 ${index}`);
  } finally {
    check.close();
  }
});
