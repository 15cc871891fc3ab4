import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'node:test';
import { importWriterScript } from '../../../electron/core/paths';
import { REPO_ROOT } from '../../helpers';

/**
 * The import writer thread is compiled JavaScript from the build (dist/electron/importWriter.cjs),
 * never TypeScript compiled when an import starts: it runs in a plain Node with no loader at all.
 */
test('the import writer thread is built JavaScript that runs without any TypeScript loader', () => {
  const script = importWriterScript();
  assert.ok(fs.existsSync(script), `${script} is built by npm run build`);
  // A plain Node (no tsx): start the thread, tell it to abort before it begins, hear it answer.
  const probe = `
    const { Worker, MessageChannel } = require('node:worker_threads');
    const channel = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(${JSON.stringify(script)}, { execArgv: [] });
    worker.on('error', (error) => { console.log('error ' + error.message); process.exit(1); });
    worker.on('exit', () => { console.log('exited'); });
    worker.postMessage({ port: channel.port2, signal: signal.buffer }, [channel.port2]);
    channel.port1.postMessage({ type: 'abort' });
    Atomics.add(signal, 0, 1); Atomics.notify(signal, 0);
    setTimeout(() => { worker.terminate(); channel.port1.close(); }, 2000);
  `;
  const run = spawnSync(process.execPath, ['-e', probe], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /exited/);
  assert.doesNotMatch(run.stdout + run.stderr, /error|Unknown file extension|ERR_/);
});

test('the main side starts the writer thread from the built script, with none of its own loaders', () => {
  const source = fs.readFileSync(`${REPO_ROOT}/electron/core/import/writer.ts`, 'utf8');
  assert.match(source, /new Worker\(importWriterScript\(\), \{ execArgv: \[\] \}\)/);
  // Not the TypeScript source, not tsx's loader (which compiled it at every import's start).
  assert.doesNotMatch(source, /resolve\('tsx'\)|new URL\('\.\/writerWorker\.ts'/);
});
