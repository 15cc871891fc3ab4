import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, tempDir } from '../helpers';

/**
 * `npm start` run a second time while the workbench runs on the sample plan does not start a
 * second workbench: it prints the address of the one already running (from the user's own list
 * of running plan services, core/api/planServices.ts) and ends.
 */
test('a second npm start points to the workbench already running', { timeout: 60_000 }, async () => {
  const { dir, cleanup } = tempDir();
  const env = { ...process.env, PLANBENCH_DATA_DIR: dir, PLANBENCH_BROWSER: '1' };
  const start = () =>
    spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'start.ts')], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const first = start();
  let second: ReturnType<typeof start> | null = null;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      first.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /(http:\/\/127\.0\.0\.1:\d+\/s\/[^\s]+)/.exec(out);
        if (found) resolve(found[1]!);
      });
      first.once('close', (code) => reject(new Error(`npm start ended with ${code}: ${out}`)));
    });
    const again = (second = start());
    let out = '';
    again.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => again.once('close', resolve));
    assert.equal(code, 0, out);
    assert.match(out, /规划工作台已在运行，请打开 \/ Planbench is already running/);
    assert.ok(out.includes(url), `the running workbench's address: ${url}\n${out}`);
  } finally {
    second?.kill('SIGKILL');
    const ended = new Promise((done) => first.once('close', done));
    first.kill('SIGTERM');
    await ended;
    cleanup();
  }
});
