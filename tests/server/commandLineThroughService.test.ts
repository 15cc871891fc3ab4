import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import { PlanStore } from '../../electron/core/store/planStore';
import type { CliResult } from '../helpers';
import { REPO_ROOT, tempDir } from '../helpers';

/**
 * A command line that writes a plan the workbench has open sends its calls to the workbench's
 * plan service (planServices.ts, serviceEndpoint.ts): the open window hears the change at once,
 * attributed to the command line; relative paths are the command line's; and with no workbench
 * running (or one that ended without a word) the command writes the plan itself. Real processes:
 * `planbench serve`, `planbench` commands, the window's event stream.
 */

const BIN = path.join(REPO_ROOT, 'bin', 'planbench.mjs');

describe('a command line writing a plan the workbench holds', () => {
  let dir = '';
  let cleanup = () => undefined as void;
  let plan = '';
  let env: NodeJS.ProcessEnv = {};

  const planbench = (args: string[], cwd = dir): Promise<CliResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  const serve = (): Promise<{ url: string; stop: () => Promise<void>; kill: () => Promise<void> }> =>
    new Promise((resolve, reject) => {
      // The workbench runs in another folder than the command lines: a relative path must be theirs.
      const child = spawn(process.execPath, [BIN, 'serve', plan, '--json'], {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
        if (!line) return;
        const ended = new Promise<void>((done) => child.once('close', () => done()));
        resolve({
          url: (JSON.parse(line) as { url: string }).url,
          stop: () => (child.kill('SIGTERM'), ended),
          kill: () => (child.kill('SIGKILL'), ended),
        });
      });
      child.on('error', reject);
    });

  /** The window's event stream: every change envelope it hears. */
  const listen = async (url: string) => {
    const heard: {
      actions: { client: string; author: string; label: string }[];
      sheetList: { name: string }[] | null;
    }[] = [];
    const controller = new AbortController();
    const response = await fetch(`${url}events`, { signal: controller.signal });
    const reader = response.body!.getReader();
    let buffer = '';
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (event.startsWith('data: ')) heard.push(JSON.parse(event.slice(6)) as (typeof heard)[number]);
          }
        }
      } catch {
        // aborted
      }
    })();
    return { heard, stop: () => controller.abort() };
  };

  const until = async (what: () => boolean, label: string) => {
    for (let waited = 0; !what(); waited += 50) {
      if (waited > 20_000) throw new Error(`timed out: ${label}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };

  const sheetNames = () => {
    const store = PlanStore.open(plan);
    try {
      return store.listSheets().map((sheet) => sheet.name);
    } finally {
      store.close();
    }
  };

  before(() => {
    ({ dir, cleanup } = tempDir());
    env = { ...process.env, PLANBENCH_DATA_DIR: path.join(dir, 'data') };
    plan = path.join(dir, 'plan.planbench');
    createSamplePlan(plan).close();
  });
  after(() => cleanup());

  test('its writes go through the running workbench, and the window hears them, named as the command line’s', async () => {
    const server = await serve();
    const window = await listen(server.url);
    try {
      const result = await planbench(['meta', plan, '--title', '经由服务修改的标题']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /经由它写入 \/ the plan is open in Planbench; writing through it/);
      await until(
        () => window.heard.some((changes) => changes.actions.some((action) => /^cli:/.test(action.client))),
        'the window hears it',
      );
      // A file named by the command line is read from where the command line runs.
      fs.writeFileSync(path.join(dir, '新表.csv'), '序号,指标名称,单位,2025年\n1,森林覆盖率,%,25\n');
      const imported = await planbench(['import', plan, '新表.csv', '--as', '指标体系', '--name', '经由服务导入']);
      assert.equal(imported.code, 0, imported.stderr);
      await until(
        () => window.heard.some((changes) => changes.sheetList?.some((sheet) => sheet.name === '经由服务导入')),
        'the window hears the import',
      );
      // A large import through the service says how far it got, as it does on its own.
      const rows = [
        '序号,指标名称,单位,2025年',
        ...Array.from({ length: 12_000 }, (_, i) => `${i + 1},指标${i + 1},%,${i % 100}`),
      ];
      fs.writeFileSync(path.join(dir, '大表.csv'), rows.join('\n') + '\n');
      const large = await planbench(['import', plan, '大表.csv', '--as', '指标体系', '--name', '经由服务的大表']);
      assert.equal(large.code, 0, large.stderr);
      assert.match(large.stderr, /经由它写入/);
      assert.match(large.stderr, /正在写入 \d+\/12000 行/);
      const summary = JSON.parse((await planbench(['summary', plan, '--json'])).stdout) as {
        title?: string;
        meta?: { title: string };
      };
      assert.equal(summary.meta?.title ?? summary.title, '经由服务修改的标题');
    } finally {
      window.stop();
      await server.stop();
    }
    assert.ok(sheetNames().includes('经由服务导入'));
    assert.deepEqual(
      fs.readdirSync(path.join(dir, 'data', 'services')),
      [],
      'the service withdrew its address when it stopped',
    );
  });

  test('with no workbench running it writes the plan itself, without the note', async () => {
    const result = await planbench(['meta', plan, '--title', '直接修改的标题']);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /经由它写入/);
  });

  test('a workbench that ended without a word (kill -9) leaves an address the command line sees through', async () => {
    const server = await serve();
    await server.kill();
    assert.equal(fs.readdirSync(path.join(dir, 'data', 'services')).length, 1, 'the killed service left its address');
    const result = await planbench(['meta', plan, '--title', '服务被强行结束之后']);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /经由它写入/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'data', 'services')), [], 'and it is removed');
  });

  test('the service’s door answers no one without its secret, and no page', async () => {
    const server = await serve();
    try {
      const [entry] = fs.readdirSync(path.join(dir, 'data', 'services'));
      const file = path.join(dir, 'data', 'services', entry!);
      assert.equal(fs.statSync(file).mode & 0o077, 0, 'only this user can read the address and secret');
      const { url, secret } = JSON.parse(fs.readFileSync(file, 'utf8')) as { url: string; secret: string };
      const call = (headers: Record<string, string>, client = 'cli:test') =>
        fetch(`${url}/call/plan.get`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ input: {}, actor: { author: 'x', client }, cwd: dir }),
        });
      assert.equal((await call({})).status, 403, 'no secret');
      assert.equal((await call({ 'x-planbench-service': 'x'.repeat(secret.length) })).status, 403, 'a wrong one');
      assert.equal(
        (await call({ 'x-planbench-service': secret, origin: 'http://evil.example' })).status,
        403,
        'a page',
      );
      assert.equal((await call({ 'x-planbench-service': secret })).status, 200);
      // A relative path is the command line's (its folder is sent along), not the service's.
      const exported = await fetch(`${url}/call/export.sheet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-planbench-service': secret },
        body: JSON.stringify({
          input: { saveTo: { path: '导出.xlsx' } },
          actor: { author: 'x', client: 'cli:t' },
          cwd: dir,
        }),
      });
      assert.equal(((await exported.json()) as { ok: boolean }).ok, true);
      assert.ok(fs.existsSync(path.join(dir, '导出.xlsx')), 'written in the command line’s folder');
      assert.equal(fs.existsSync(path.join(REPO_ROOT, '导出.xlsx')), false, 'not in the workbench’s');
      assert.equal(
        (await call({ 'x-planbench-service': secret }, 'browser:some-window')).status,
        400,
        'posing as a window',
      );
      // A rebinding site's Host is refused, even with the secret.
      const rebound = await new Promise<number>((resolve, reject) => {
        const target = new URL(url);
        const sent = http.request(
          {
            host: '127.0.0.1',
            port: target.port,
            path: '/ping?challenge=' + '0'.repeat(32),
            headers: { host: 'evil.example' },
          },
          (response) => resolve(response.statusCode ?? 0),
        );
        sent.on('error', reject);
        sent.end();
      });
      assert.equal(rebound, 403);
      // The challenge is answered with a proof of the secret, never the secret itself.
      const ping = (await (await fetch(`${url}/ping?challenge=${'ab'.repeat(16)}`)).json()) as Record<string, unknown>;
      assert.equal(typeof ping.proof, 'string');
      assert.doesNotMatch(JSON.stringify(ping), new RegExp(secret));
      assert.equal((await fetch(`${url}/ping`)).status, 403, 'no challenge, no secret');
    } finally {
      await server.stop();
    }
  });
});
