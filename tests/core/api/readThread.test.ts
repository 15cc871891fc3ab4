import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../../electron/core/api/context';
import { dispatch } from '../../../electron/core/api/dispatch';
import { ReadThreads } from '../../../electron/core/api/readThread';
import { engineFor } from '../../../electron/core/checks/engine';
import { readWorkerScript } from '../../../electron/core/paths';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import type { ApiResponse } from '../../../shared/contract/client';
import type { ChangeEnvelope } from '../../../shared/contract/changes';
import { REPO_ROOT, tempDir } from '../../helpers';

/**
 * The read thread (issue 15): checks and other long reads of an open plan run on a thread with a
 * read connection of its own, so the first check run of a large plan holds up no edit. The thread
 * is the build's compiled script (npm run build), as in the app.
 */

const BULK_ROWS = 30_000;

async function answer(response: ApiResponse | Promise<ApiResponse>): Promise<Record<string, unknown>> {
  const settled = await response;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.messageEn}`);
  return settled as unknown as Record<string, unknown>;
}

interface CheckRun {
  summary: { fail: number; warn: number; total: number };
  results: { id: string; status: string; kind: string }[];
}

describe(
  'checks and long reads on the plan’s read thread',
  { skip: !fs.existsSync(readWorkerScript()) && 'no build' },
  () => {
    const { dir, cleanup } = tempDir();
    let store: PlanStore;
    let threads: ReadThreads;
    let context: ApiContext;
    let projects: number;

    before(() => {
      const file = path.join(dir, 'thread.planbench');
      createSamplePlan(file).close();
      store = PlanStore.open(file);
      projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
      threads = new ReadThreads();
      context = { store, edition: 'browser', readThreads: threads };
    });
    after(async () => {
      await threads.close();
      store.close();
      cleanup();
    });

    test('checks.run is answered by the thread, equal to a run in place, and the caller’s engine stays cold', async () => {
      const response = dispatch(context, 'checks.run', {});
      assert.ok(response instanceof Promise, 'a long read does not answer on the calling thread');
      const onThread = (await answer(response)).result as CheckRun;
      assert.equal(engineFor(store).lastSync, null, 'the calling thread read nothing for the checks');
      const inPlace = (await answer(dispatch({ store, edition: 'browser' }, 'checks.run', {}))).result as CheckRun;
      assert.deepEqual(onThread, inPlace);
      assert.ok(onThread.summary.total > 10);
    });

    test('a write’s answer carries checks the thread ran after the write’s commit', async () => {
      const before = (await answer(dispatch(context, 'checks.run', {}))).result as CheckRun;
      const row = store.listRows(projects, 0, 1).rows[0]!;
      // A second copy of the first project: the duplicate check must see it at once.
      const copy = await answer(dispatch(context, 'rows.duplicate', { sheetId: projects, rowIds: [row.id] }));
      const checks = (copy.changes as ChangeEnvelope).checks;
      assert.equal(checks.following, false);
      assert.ok(checks.summary, 'the checks come with the answer');
      assert.ok(
        checks.summary.fail > before.summary.fail,
        `the copy fails a check (failed ${before.summary.fail} → ${checks.summary.fail})`,
      );
      const rerun = (await answer(dispatch(context, 'checks.run', {}))).result as CheckRun;
      assert.deepEqual({ summary: checks.summary, results: checks.results }, rerun);
    });

    test('a transport that sends two parts gets the thread’s run as the second part', async () => {
      let later: (() => unknown) | null = null;
      const row = store.listRows(projects, 0, 1).rows[0]!;
      const edit = await answer(
        dispatch(
          context,
          'cell.update',
          { sheetId: projects, rowId: row.id, columnKey: 'investment', text: '1234' },
          (run) => {
            later = run;
          },
        ),
      );
      assert.equal((edit.changes as ChangeEnvelope).checks.following, true);
      assert.ok(later, 'the run is handed to the transport');
      const second = (await (later as () => Promise<ChangeEnvelope['checks']>)()) as ChangeEnvelope['checks'];
      const rerun = (await answer(dispatch(context, 'checks.run', {}))).result as CheckRun;
      assert.deepEqual({ summary: second.summary, results: second.results }, rerun);
    });

    test('the dashboard and the by-department view are answered there too, as in place', async () => {
      for (const [name, input] of [
        ['dashboard.get', {}],
        ['departments.rows', { department: '市生态环境局' }],
      ] as const) {
        const response = dispatch(context, name, input);
        assert.ok(response instanceof Promise, `${name} goes to the thread`);
        assert.deepEqual(
          (await answer(response)).result,
          (await answer(dispatch({ store, edition: 'browser' }, name, input))).result,
        );
      }
    });

    test('a plan another computer holds: the thread reads the window’s own private copy, not a newer one', async () => {
      const shared = path.join(dir, 'shared.planbench');
      createSamplePlan(shared).close();
      const writer = PlanStore.open(shared); // "the other computer"
      const sheetId = writer.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
      const rowId = writer.listRows(sheetId, 0, 1).rows[0]!.id;
      const setInvestment = (text: string) =>
        writer.updateCells(sheetId, [{ rowId, columnKey: 'investment', text }], { source: 'user' }, 'abort');
      setInvestment('1000000');
      fs.writeFileSync(`${shared}-lock`, JSON.stringify({ host: 'OTHER-PC', user: '李四', pid: 1, since: '' }));
      const viewer = PlanStore.open(shared);
      const viewerThreads = new ReadThreads();
      try {
        assert.equal(viewer.readOnly, 'elsewhere');
        setInvestment('2000000'); // after the viewer opened: not in what it shows
        const input = { sheetId, columnKey: 'category' } as const;
        const onThread = await answer(
          dispatch({ store: viewer, edition: 'browser', readThreads: viewerThreads }, 'rollup.get', input),
        );
        const inPlace = await answer(dispatch({ store: viewer, edition: 'browser' }, 'rollup.get', input));
        assert.deepEqual(onThread.result, inPlace.result);
        assert.ok(viewerThreads.running(viewer), 'answered by the thread');
      } finally {
        await viewerThreads.close();
        viewer.close();
        writer.close();
      }
    });
  },
);

describe(
  'a cold check run on a large plan holds up no edit',
  { skip: !fs.existsSync(readWorkerScript()) && 'no build' },
  () => {
    const { dir, cleanup } = tempDir();
    let store: PlanStore;
    let sheetId: number;

    before(() => {
      const file = path.join(dir, 'bulk.planbench');
      createSamplePlan(file).close();
      store = PlanStore.open(file);
      sheetId = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
      const rows = Array.from({ length: BULK_ROWS }, (_, index) => ({
        cells: {
          seq: String(100 + index),
          name: `生成项目${index}`,
          investment: String(1000 + (index % 977)),
          responsible: '市住房城乡建设局',
        },
      }));
      store.insertRows(sheetId, rows, { source: 'import', label: '生成' });
    });
    after(() => {
      store.close();
      cleanup();
    });

    async function editsBeforeChecks(context: ApiContext): Promise<number> {
      let checked = false;
      const run = Promise.resolve(dispatch(context, 'checks.run', {})).then((settled) => {
        checked = settled.ok;
      });
      const row = store.listRows(sheetId, 0, 1).rows[0]!;
      let edits = 0;
      for (let i = 0; i < 40 && !checked; i++) {
        await yieldToEvents();
        const edited = await dispatch(context, 'cell.update', {
          sheetId,
          rowId: row.id,
          columnKey: 'investment',
          text: String(2000 + i),
        });
        assert.ok(edited.ok);
        if (!checked) edits++;
      }
      await run;
      return edits;
    }

    test('with the read thread, edits are answered while the first run reads the plan', async () => {
      const threads = new ReadThreads();
      try {
        const edits = await editsBeforeChecks({ store, edition: 'browser', readThreads: threads });
        assert.ok(edits > 0, `${edits} edits were answered before the cold check run ended`);
      } finally {
        await threads.close();
      }
    });

    test('without one (the same plan, a fresh engine), the first run takes the thread and no edit gets in first', async () => {
      const reopened = PlanStore.open(store.file);
      try {
        const edits = await editsBeforeChecks({ store: reopened, edition: 'browser' });
        assert.equal(edits, 0);
      } finally {
        reopened.close();
      }
    });
  },
);

describe('an idle read thread', { skip: !fs.existsSync(readWorkerScript()) && 'no build' }, () => {
  test('never keeps its process running: a program that is done exits with the thread still open', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'idle.planbench');
      createSamplePlan(file).close();
      const script = path.join(dir, 'idle.mts');
      const from = (module: string) => JSON.stringify(path.join(REPO_ROOT, module));
      fs.writeFileSync(
        script,
        [
          `import { ReadThreads } from ${from('electron/core/api/readThread.ts')};`,
          `import { PlanStore } from ${from('electron/core/store/planStore.ts')};`,
          `const store = PlanStore.open(${JSON.stringify(file)});`,
          `const threads = new ReadThreads();`,
          // Started with the plan, as the app and the browser edition start it, and not asked anything.
          `console.log(threads.for(store) ? 'started' : 'no thread');`,
        ].join('\n'),
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const exited = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(false);
        }, 60_000);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      assert.equal(output.trim(), 'started');
      assert.ok(exited, 'the program ended by itself');
    } finally {
      cleanup();
    }
  });
});

describe('a read thread that cannot start', () => {
  test('the call runs in place and answers the same', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'nothread.planbench');
    createSamplePlan(file).close();
    const store = PlanStore.open(file);
    const threads = new ReadThreads(path.join(dir, 'missing-readWorker.cjs'));
    try {
      const withThreads = await answer(dispatch({ store, edition: 'browser', readThreads: threads }, 'checks.run', {}));
      const inPlace = await answer(dispatch({ store: PlanStore.open(file), edition: 'browser' }, 'checks.run', {}));
      assert.deepEqual(withThreads.result, inPlace.result);
      assert.notEqual(engineFor(store).lastSync, null, 'the checks were run on the calling thread');
    } finally {
      await threads.close();
      store.close();
      cleanup();
    }
  });
});
