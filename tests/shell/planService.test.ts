import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PlanStore } from '../../electron/core/store/planStore';
import type { StandInUtilityProcess } from '../fixtures/electronStandIn';
import { call, type Launched, resultOf, shellHarness, until } from '../fixtures/shellHarness';
import { runPlanbench } from '../helpers';

/**
 * The desktop app's plan service in a process of its own (electron/service/), started by the
 * BUILT shell through the stand-in's utilityProcess.fork — a real Node process — and relayed to
 * by the main process: calls, files, live updates, and a service killed outright mid-burst.
 */

// The services this file starts say where their doors for command lines are in a folder of its own.
process.env.PLANBENCH_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'planbench-shell-data-'));
const { makePlan, launch, close } = shellHarness();
after(close);

/** Whether a process has the file open (Linux: its /proc/<pid>/fd links). */
function holdsOpen(pid: number | 'self', file: string): boolean {
  const dir = `/proc/${pid}/fd`;
  return fs.readdirSync(dir).some((fd) => {
    try {
      return fs.readlinkSync(path.join(dir, fd)) === file;
    } catch {
      return false; // closed while looking
    }
  });
}

/** The service's private file folder holding this upload or download id (in the OS temp folder). */
function filesFolderOf(id: string): string | null {
  const folders = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('planbench-files-'));
  const found = folders.find((name) => fs.existsSync(path.join(os.tmpdir(), name, id)));
  return found ? path.join(os.tmpdir(), found) : null;
}

function currentService(shell: Launched): StandInUtilityProcess {
  const service = shell.recorded.utilityProcesses.at(-1);
  assert.ok(service, 'the shell forked its plan service');
  return service;
}

describe('the plan service, in its own process behind the main process', () => {
  let plan: string;
  let shell: Launched;

  before(async () => {
    plan = makePlan('服务.planbench', '服务规划');
    shell = await launch([plan]);
  });

  test('the plan is held and every call answered by the service process, not the main process', () => {
    const service = currentService(shell);
    assert.equal(shell.recorded.utilityProcesses.length, 1);
    assert.equal(service.options.serviceName, 'Planbench plan service');
    assert.ok(service.pid && service.pid !== process.pid, `the service runs as a process of its own (${service.pid})`);
    assert.equal(holdsOpen(service.pid, plan), true, 'the service has the plan file open');
    assert.equal(holdsOpen('self', plan), false, 'the main process does not');
    assert.equal(shell.mainWindow!.getTitle(), '服务规划 — 规划工作台');
  });

  test('a command line writing the plan sends its calls to the service: the window hears them, named as the command line’s', async () => {
    const contents = shell.mainWindow!.webContents;
    const sentBefore = contents.sent.length;
    const result = await runPlanbench(['meta', plan, '--title', '命令行经由服务改的标题']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /经由它写入/);
    const heard = () =>
      contents.sent
        .slice(sentBefore)
        .map((message) => message.args[0] as { actions: { client: string }[] })
        .find((changes) => changes.actions.some((action) => /^cli:/.test(action.client)));
    await until(() => heard() !== undefined);
    assert.ok(heard(), 'the window heard the command line’s change');
    assert.equal(resultOf(await call(shell, 'plan.get', {})).meta.title, '命令行经由服务改的标题');
    resultOf(await call(shell, 'plan.meta.set', { title: '服务规划' })); // as the tests below expect it
  });

  test('an upload lands in the service’s file folder and is imported there; an export is downloaded from it', async () => {
    const scheme = shell.recorded.protocolHandlers.get('planbench')!;
    const csv = '序号,项目名称,投资匡算（万元）\r\n1,服务进程导入的项目,88.5\r\n';
    const uploaded = await scheme(
      new Request('planbench://app/files?name=' + encodeURIComponent('服务.csv'), {
        method: 'POST',
        body: Buffer.from('\ufeff' + csv),
      }),
    );
    const receipt = (await uploaded.json()) as { ok: boolean; result: { upload: string; bytes: number } };
    assert.equal(receipt.ok, true);
    assert.equal(receipt.result.bytes, Buffer.byteLength('\ufeff' + csv));
    const folder = filesFolderOf(receipt.result.upload);
    assert.ok(folder, 'the upload is in a private folder of the page’s files');
    const preview = resultOf(
      await call(shell, 'import.preview', {
        file: { upload: receipt.result.upload },
        target: { kind: 'new', sheetKind: 'projects', name: '服务导入' },
      }),
    );
    assert.equal(resultOf(await call(shell, 'import.commit', { previewId: preview.previewId })).inserted, 1);
    const sheets = resultOf(await call(shell, 'plan.get', {})).sheets;
    const imported = sheets.find((sheet) => sheet.name === '服务导入');
    assert.ok(imported, 'the imported sheet is in the plan');

    const exported = resultOf(await call(shell, 'export.sheet', { sheetId: imported.id }));
    assert.ok(exported.download);
    assert.equal(filesFolderOf(exported.download), folder, 'the export is kept beside the upload, by the service');
    const fetched = await scheme(new Request(`planbench://app/files/${exported.download}`));
    assert.equal(fetched.status, 200);
    const bytes = Buffer.from(await fetched.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx (a zip)');
    assert.equal(bytes.length, exported.bytes);
    assert.match(fetched.headers.get('Content-Disposition')!, /filename\*=UTF-8''/);
    // An id nobody was given is not found; a path is not an id.
    assert.equal((await scheme(new Request('planbench://app/files/AAAAAAAAAAAAAAAAAAAAAAAA'))).status, 404);
    assert.equal((await scheme(new Request('planbench://app/files/..%2F..%2Fetc%2Fpasswd'))).status, 404);
  });

  test('killed outright mid-burst of edits: every acknowledged edit is in the file, the service is back on the same plan', async () => {
    const before = currentService(shell);
    const oldFolder = await (async () => {
      const made = resultOf(await call(shell, 'export.sheet', {}));
      return filesFolderOf(made.download!);
    })();
    assert.ok(oldFolder);
    const sheetId = resultOf(await call(shell, 'plan.get', {})).sheets[0]!.id;
    const reader = PlanStore.open(plan);
    const textColumns = reader
      .columns(sheetId)
      .filter((column) => column.type === 'text')
      .map((column) => column.key);
    const rowIds = reader.listRows(sheetId, 0, 1000).rows.map((row) => row.id);
    reader.close();
    const cells = rowIds.flatMap((rowId) => textColumns.map((columnKey) => ({ rowId, columnKey })));
    const edits = cells.slice(0, 240).map((cell, index) => ({ ...cell, text: `断电测试 ${index}` }));
    assert.ok(edits.length >= 120, `enough distinct cells (${edits.length})`);

    // Eight windows' worth of edits in flight at once; after the 40th answer the service is killed.
    const acknowledged = new Set<number>();
    const lost: string[] = [];
    let next = 0;
    const KILL_AFTER = 40;
    async function writer(): Promise<void> {
      while (next < edits.length) {
        const index = next++;
        const edit = edits[index]!;
        for (;;) {
          let answer: Awaited<ReturnType<typeof call<'cell.update'>>>;
          try {
            answer = await call(shell, 'cell.update', { sheetId, ...edit });
          } catch (error) {
            // As the page does (renderer/src/data/transport.ts): a cell edit the service did not answer is sent again.
            lost.push(String(error));
            assert.ok(lost.length < 100, 'the service came back');
            continue;
          }
          assert.equal(answer.ok, true, JSON.stringify(answer));
          acknowledged.add(index);
          if (acknowledged.size === KILL_AFTER) process.kill(before.pid!, 'SIGKILL');
          break;
        }
      }
    }
    await Promise.all(Array.from({ length: 8 }, writer));

    assert.ok(lost.length >= 1, 'edits were in flight when the service was killed');
    for (const message of lost) assert.match(message, /规划服务意外退出.*plan service stopped unexpectedly/s);
    assert.equal(acknowledged.size, edits.length);
    const after = currentService(shell);
    assert.notEqual(after, before, 'a new service was started');
    assert.equal(before.pid, undefined, 'the killed one is gone');
    assert.ok(after.pid && after.pid !== before.pid);

    const check = PlanStore.open(plan);
    try {
      const rows = new Map(check.listRows(sheetId, 0, 1000).rows.map((row) => [row.id, row]));
      const missing = edits.filter((edit) => rows.get(edit.rowId)?.cells[edit.columnKey]?.text !== edit.text);
      assert.deepEqual(missing, [], 'every acknowledged edit is in the plan file');
    } finally {
      check.close();
    }
    // The same plan, and calls work again; the dead service's files are cleared away.
    assert.equal(resultOf(await call(shell, 'plan.get', {})).meta.title, '服务规划');
    assert.equal(fs.existsSync(oldFolder), false, 'the killed service’s file folder is removed');
    assert.equal(shell.recorded.errorBoxes.length, 0, 'a restart the user need not hear of');
  });

  test('what another program changes reaches the window through the restarted service', async () => {
    const contents = shell.mainWindow!.webContents;
    const sentBefore = contents.sent.length;
    const other = PlanStore.open(plan);
    let sheetId: number;
    try {
      sheetId = other.listSheets()[0]!.id;
      const rowId = other.listRows(sheetId, 0, 1).rows[0]!.id;
      const column = other.columns(sheetId).find((candidate) => candidate.type === 'text')!;
      other.updateCell(sheetId, rowId, column.key, '命令行写的', { source: 'user', label: '命令行的修改' });
    } finally {
      other.close();
    }
    await until(() => contents.sent.length > sentBefore);
    const message = contents.sent.at(-1);
    assert.equal(message?.channel, 'planbench:changes');
    // The window's own edits since the service started come along too; the page leaves those out (they name its window).
    const changes = message.args[0] as { actions: { label: string }[] };
    assert.equal(changes.actions.at(-1)?.label, '命令行的修改');
  });

  test('a service that keeps dying is not restarted in a loop: the user is told, and opening a plan starts it again', async () => {
    const boxes = shell.recorded.errorBoxes.length;
    const started = shell.recorded.utilityProcesses.length;
    // One restart already happened this minute; three more stops pass the limit of three.
    for (let stop = 0; stop < 3; stop++) {
      const service = currentService(shell);
      const exited = new Promise((resolve) => service.child.once('exit', resolve));
      process.kill(service.pid!, 'SIGKILL');
      await exited;
      await until(
        () => shell.recorded.utilityProcesses.length > started + stop || shell.recorded.errorBoxes.length > boxes,
      );
    }
    assert.equal(shell.recorded.utilityProcesses.length, started + 2, 'restarted twice, then not again');
    assert.equal(shell.recorded.errorBoxes.length, boxes + 1);
    assert.match(shell.recorded.errorBoxes.at(-1)!.content, /规划服务多次意外退出/);
    const refused = await call(shell, 'plan.get', {});
    assert.equal(refused.ok, false);
    // Opening a plan (the menu, a double-clicked file) starts the service again.
    const other = makePlan('重开.planbench', '重开规划');
    shell.app.emit('second-instance', {}, ['planbench.exe', other], path.dirname(other));
    await until(() => shell.mainWindow!.getTitle().startsWith('重开规划'));
    assert.equal(resultOf(await call(shell, 'plan.get', {})).meta.title, '重开规划');
    assert.equal(shell.recorded.utilityProcesses.length, started + 3);
  });
});
