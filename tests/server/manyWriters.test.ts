import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPlanbench, servePlan, tempDir } from '../helpers';

/**
 * One plan, many hands, as real offices share a plan file: two browser-edition servers (two
 * processes, two connections) on the same plan, each with four writers sending edits as fast as
 * they are answered, and command-line imports at the same time. Every writer waits its turn
 * for the plan and then succeeds: no edit fails, none is lost, and each import lands whole.
 */

interface Answer {
  ok: boolean;
  result?: unknown;
  error?: { code: string; messageZh: string };
}

async function call(url: string, name: string, input: unknown): Promise<Answer> {
  const response = await fetch(`${url}api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Answer;
}

async function projectSheet(url: string): Promise<{ sheetId: number; rowIds: number[] }> {
  const plan = (await call(url, 'plan.get', {})).result as { sheets: { id: number; name: string }[] };
  const sheetId = plan.sheets.find((sheet) => sheet.name === '重点工程')!.id;
  const { rows } = (await call(url, 'sheet.rows', { sheetId, offset: 0, limit: 500 })).result as {
    rows: { id: number }[];
  };
  return { sheetId, rowIds: rows.map((row) => row.id) };
}

/** A CSV of `count` projects whose names say which import they came from. */
function projectsCsv(file: string, tag: string, count: number): void {
  const lines = ['序号,项目名称,投资匡算（万元）,责任单位'];
  for (let index = 1; index <= count; index++) lines.push(`${index},${tag}项目${index},${index * 10},市发改委`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

describe('two servers and the command line writing one plan: every writer waits, then succeeds', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'shared.planbench');
  const servers: { url: string; stop: () => Promise<void> }[] = [];

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
    servers.push(await servePlan(plan), await servePlan(plan));
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    cleanup();
  });

  test('2 servers × 4 writers × 100 edits, with two imports from the command line meanwhile: 0 failures, 0 lost', async () => {
    const { sheetId, rowIds } = await projectSheet(servers[0]!.url);
    const EDITS = 100;
    const failures: string[] = [];
    // Writer w of server s owns row 4s + w and writes 1, 2, … EDITS into its 投资匡算.
    const writer = async (server: number, index: number) => {
      const rowId = rowIds[server * 4 + index]!;
      for (let edit = 1; edit <= EDITS; edit++) {
        const answer = await call(servers[server]!.url, 'cell.update', {
          sheetId,
          rowId,
          columnKey: 'investment',
          text: String(edit * 1000 + server * 4 + index),
        });
        if (!answer.ok) failures.push(`server ${server} writer ${index} edit ${edit}: ${answer.error?.messageZh}`);
      }
    };
    const csvA = path.join(dir, 'a.csv');
    const csvB = path.join(dir, 'b.csv');
    projectsCsv(csvA, '甲', 3000);
    projectsCsv(csvB, '乙', 3000);
    const imports = Promise.all([
      runPlanbench(['import', plan, csvA, '--as', 'projects', '--name', '导入甲']),
      runPlanbench(['import', plan, csvB, '--as', 'projects', '--name', '导入乙']),
    ]);
    await Promise.all([0, 1].flatMap((server) => [0, 1, 2, 3].map((index) => writer(server, index))));
    const [importA, importB] = await imports;

    assert.deepEqual(failures, [], `${failures.length} of 800 edits failed`);
    assert.equal(importA.code, 0, importA.stderr);
    assert.equal(importB.code, 0, importB.stderr);

    // Both servers read the same, final figures, and both imports are whole.
    for (const server of servers) {
      const { rows } = (await call(server.url, 'sheet.rows', { sheetId, offset: 0, limit: 500 })).result as {
        rows: { cells: Record<string, { text: string }> }[];
      };
      for (let owner = 0; owner < 8; owner++)
        assert.equal(rows[owner]!.cells['investment']!.text, String(EDITS * 1000 + owner));
      const plan = (await call(server.url, 'plan.get', {})).result as {
        sheets: { name: string; rowCount: number }[];
      };
      for (const name of ['导入甲', '导入乙'])
        assert.equal(plan.sheets.find((sheet) => sheet.name === name)?.rowCount, 3000, name);
    }
    const history = (await call(servers[1]!.url, 'history.list', { limit: 1000 })).result as {
      actions: { source: string }[];
    };
    assert.equal(history.actions.filter((action) => action.source === 'user').length, 800);
  });
});
