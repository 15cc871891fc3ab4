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
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be set the way an attacker's browser would. */
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
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('browser edition server', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let host: string;

  before(async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>规划工作台</title>');
    fs.mkdirSync(path.join(renderer, 'assets'));
    fs.writeFileSync(path.join(renderer, 'assets', 'main-Ab3_x-9Z.js'), 'export {};');
    fs.writeFileSync(path.join(renderer, 'assets', 'notes.js'), 'export {};');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
    store = PlanStore.create(path.join(dir, 'server.planbench'), { title: '服务测试' });
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir: renderer });
    host = `127.0.0.1:${server.port}`;
  });
  after(async () => {
    await server.close();
    store.close();
    cleanup();
  });

  const apiCall = (prefix: string, headers: Record<string, string> = {}) =>
    request(server.port, {
      path: `${prefix}api/plan.get`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Host: host, ...headers },
      body: '{}',
    });

  test('listens on 127.0.0.1 with a long per-launch secret in the URL', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{40,}\/$/);
  });

  test('with the secret and its own Host, the page and the API are served', async () => {
    const page = await request(server.port, { path: `/s/${server.secret}/`, headers: { Host: host } });
    assert.equal(page.status, 200);
    assert.match(page.body, /规划工作台/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(page.headers['referrer-policy'], 'no-referrer');

    const api = await apiCall(`/s/${server.secret}/`, { Origin: `http://${host}` });
    assert.equal(api.status, 200);
    const body = JSON.parse(api.body) as { ok: boolean; result: { meta: { title: string } } };
    assert.equal(body.ok, true);
    assert.equal(body.result.meta.title, '服务测试');

    const viaLocalhost = await request(server.port, {
      path: `/s/${server.secret}/`,
      headers: { Host: `localhost:${server.port}` },
    });
    assert.equal(viaLocalhost.status, 200);
  });

  test('hashed build chunks may be kept by the browser; the page, other files and API answers may not', async () => {
    const prefix = `/s/${server.secret}/`;
    const chunk = await request(server.port, { path: `${prefix}assets/main-Ab3_x-9Z.js`, headers: { Host: host } });
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(chunk.headers['cache-control'], 'private, max-age=31536000, immutable');
    const unhashed = await request(server.port, { path: `${prefix}assets/notes.js`, headers: { Host: host } });
    assert.equal(unhashed.headers['cache-control'], 'no-store');
    const page = await request(server.port, { path: prefix, headers: { Host: host } });
    assert.equal(page.headers['cache-control'], 'no-store');
    const api = await apiCall(prefix);
    assert.equal(api.headers['cache-control'], 'no-store');
  });

  test('without the secret, or with a wrong one, nothing is served', async () => {
    for (const pathname of ['/', '/index.html', '/s/', `/s/${server.secret.slice(0, -1)}x/`, `/s/${server.secret}`]) {
      const reply = await request(server.port, { path: pathname, headers: { Host: host } });
      assert.equal(reply.status, 403, pathname);
      assert.doesNotMatch(reply.body, /<title>/);
    }
    assert.equal((await apiCall('/s/wrong/')).status, 403);
  });

  test('a foreign Host (DNS rebinding) or Origin is refused even with the secret', async () => {
    const prefix = `/s/${server.secret}/`;
    const rebinding = await request(server.port, { path: prefix, headers: { Host: 'evil.example' } });
    assert.equal(rebinding.status, 403);
    const rebindingWithPort = await request(server.port, {
      path: prefix,
      headers: { Host: `evil.example:${server.port}` },
    });
    assert.equal(rebindingWithPort.status, 403);
    const crossOrigin = await apiCall(prefix, { Origin: 'http://evil.example' });
    assert.equal(crossOrigin.status, 403);
    const otherPort = await apiCall(prefix, { Origin: `http://127.0.0.1:${server.port + 1}` });
    assert.equal(otherPort.status, 403);
  });

  test('the API needs POST with JSON, validates input, and never serves files outside the renderer', async () => {
    const prefix = `/s/${server.secret}/`;
    const get = await request(server.port, { path: `${prefix}api/plan.get`, headers: { Host: host } });
    assert.equal(get.status, 405);
    const form = await request(server.port, {
      path: `${prefix}api/plan.get`,
      method: 'POST',
      headers: { Host: host, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    assert.equal(form.status, 415, 'a cross-site form post cannot reach the API');
    const bad = await request(server.port, {
      path: `${prefix}api/sheet.rows`,
      method: 'POST',
      headers: { Host: host, 'Content-Type': 'application/json' },
      body: '{"sheetId":"x"}',
    });
    assert.equal(bad.status, 200, 'the call ran and refused the input: the refusal is in the body');
    assert.equal((JSON.parse(bad.body) as { error: { code: string } }).error.code, 'invalid_input');
    const notJson = await request(server.port, {
      path: `${prefix}api/plan.get`,
      method: 'POST',
      headers: { Host: host, 'Content-Type': 'application/json' },
      body: '{',
    });
    assert.equal(notJson.status, 400);
    for (const traversal of ['../secret.txt', '..%2Fsecret.txt', '%2e%2e/secret.txt']) {
      const reply = await request(server.port, { path: `${prefix}${traversal}`, headers: { Host: host } });
      assert.notEqual(reply.status, 200, traversal);
      assert.doesNotMatch(reply.body, /outside the renderer/);
    }
  });
});
