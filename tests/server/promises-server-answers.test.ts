/**
 * Promises of the browser edition's answers (electron/server/browserServer.ts): each refusal says
 * what was wrong in Chinese and English, a path shorter than the secret is refused like any other
 * without the secret, a body of spaces is no input, and a port already taken is reported at start.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import { PlanStore } from '../../electron/core/store/planStore';
import { tempDir } from '../helpers';

interface Reply {
  status: number;
  body: string;
}

function request(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('promise: every refusal says what was wrong, in Chinese and English', () => {
  const { dir, cleanup } = tempDir();
  const SECRET = 'a'.repeat(43);
  let store: PlanStore;
  let server: BrowserServer;
  let host: string;
  const prefix = `/s/${SECRET}/`;

  before(async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer, { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
    store = PlanStore.create(path.join(dir, 'answers.planbench'), { title: '回答测试' });
    server = await startBrowserServer({
      context: { store, edition: 'browser' },
      rendererDir: renderer,
      secret: SECRET,
    });
    host = `127.0.0.1:${server.port}`;
  });
  after(async () => {
    await server.close();
    store.close();
    cleanup();
  });

  test('the texts of 400, 404, 405 and 415', async () => {
    const page = (pathname: string, method = 'GET') =>
      request(server.port, {
        path: pathname,
        method,
        headers: { Host: host },
        body: method === 'GET' ? undefined : '',
      });
    assert.deepEqual(await page(`${prefix}%E0%A4%A`), {
      status: 400,
      body: '请求路径编码无效（Bad Request: malformed percent-encoding）\n',
    });
    assert.deepEqual(await page(`${prefix}nope.html`), { status: 404, body: '找不到该文件（Not Found）\n' });
    assert.deepEqual(await page(prefix, 'PUT'), { status: 405, body: '不支持的请求方法（Method Not Allowed）\n' });
    assert.deepEqual(await page(`${prefix}api/plan.get`), {
      status: 405,
      body: '不支持的请求方法（Method Not Allowed）\n',
    });
    const text = await request(server.port, {
      path: `${prefix}api/plan.get`,
      method: 'POST',
      headers: { Host: host, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    assert.deepEqual(text, {
      status: 415,
      body: '请求须为 JSON（Unsupported Media Type: application/json required）\n',
    });
  });

  test('a path shorter than the secret is refused, not an error', async () => {
    for (const pathname of ['/', '/s/', `/s/${SECRET.slice(0, 10)}`]) {
      const reply = await request(server.port, { path: pathname, headers: { Host: host } });
      assert.equal(reply.status, 403, pathname);
    }
  });

  test('a body of spaces is no input', async () => {
    const reply = await request(server.port, {
      path: `${prefix}api/plan.get`,
      method: 'POST',
      headers: { Host: host, 'Content-Type': 'application/json' },
      body: '  \n ',
    });
    assert.equal(reply.status, 200);
    assert.equal((JSON.parse(reply.body) as { ok: boolean }).ok, true);
  });

  test('a port already taken is reported when the server starts', async () => {
    await assert.rejects(
      startBrowserServer({
        context: { store, edition: 'browser' },
        rendererDir: path.join(dir, 'renderer'),
        port: server.port,
      }),
      { code: 'EADDRINUSE' },
    );
  });
});
