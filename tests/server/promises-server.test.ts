/**
 * Promises of the browser edition's request checks (electron/server/browserServer.ts,
 * shared/contract/security.ts): it answers only requests that carry the launch secret and name this very
 * server as Host and Origin, the API only as JSON over POST, files only from the renderer, and
 * every answer carries the headers that keep the page from being framed, sniffed or cached.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import { PlanStore } from '../../electron/core/store/planStore';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security';
import { tempDir } from '../helpers';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
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
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('promise: the browser edition answers only its own page', () => {
  const { dir, cleanup } = tempDir();
  const SECRET = 'k'.repeat(43);
  let store: PlanStore;
  let server: BrowserServer;
  let host: string;
  let prefix: string;

  before(async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>规划工作台</title>');
    fs.writeFileSync(path.join(renderer, 'app.css'), 'body{}');
    fs.writeFileSync(path.join(renderer, 'assets', 'main-Ab3_x-9Z.css'), 'body{}');
    fs.writeFileSync(path.join(renderer, 'data.bin'), 'bytes');
    fs.writeFileSync(path.join(dir, 'renderer-secret.txt'), 'outside the renderer');
    store = PlanStore.create(path.join(dir, 'server.planbench'), { title: '服务测试' });
    server = await startBrowserServer({
      context: { store, edition: 'browser' },
      rendererDir: renderer,
      secret: SECRET,
    });
    host = `127.0.0.1:${server.port}`;
    prefix = `/s/${SECRET}/`;
  });
  after(async () => {
    await server.close();
    store.close();
    cleanup();
  });

  const api = (name: string, options: { headers?: Record<string, string>; body?: string; method?: string } = {}) =>
    request(server.port, {
      path: `${prefix}api/${name}`,
      method: options.method ?? 'POST',
      headers: { 'Content-Type': 'application/json', Host: host, ...options.headers },
      body: options.body ?? '{}',
    });

  test('the URL names 127.0.0.1, its port and the secret', () => {
    assert.equal(server.url, `http://127.0.0.1:${server.port}/s/${SECRET}/`);
    assert.equal(server.secret, SECRET);
    assert.ok(server.port > 0);
  });

  test('every answer, refusals too, forbids framing, sniffing, referrers and caching', async () => {
    for (const reply of [
      await request(server.port, { path: prefix, headers: { Host: host } }),
      await request(server.port, { path: '/', headers: { Host: host } }),
    ]) {
      assert.equal(reply.headers['content-security-policy'], `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
      assert.equal(reply.headers['x-frame-options'], 'DENY');
      assert.equal(reply.headers['referrer-policy'], 'no-referrer');
      assert.equal(reply.headers['cache-control'], 'no-store');
      assert.equal(reply.headers['cross-origin-opener-policy'], 'same-origin');
      assert.equal(reply.headers['cross-origin-resource-policy'], 'same-origin');
    }
  });

  test('the content security policy allows the app’s own code and nothing remote', () => {
    assert.equal(
      CONTENT_SECURITY_POLICY,
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'",
    );
  });

  test('Host and Origin must name this server: 127.0.0.1 or localhost, on its port', async () => {
    const page = (headers: Record<string, string>) =>
      request(server.port, { path: prefix, headers }).then((reply) => reply.status);
    assert.equal(await page({ Host: host }), 200);
    assert.equal(await page({ Host: `localhost:${server.port}` }), 200);
    assert.equal(await page({ Host: host, Origin: `http://localhost:${server.port}` }), 200);
    assert.equal(await page({ Host: host, Origin: `http://127.0.0.1:${server.port}` }), 200);
    assert.equal(await page({ Host: `127.0.0.1:${server.port + 1}` }), 403);
    assert.equal(await page({ Host: `localhost:${server.port + 1}` }), 403);
    assert.equal(await page({ Host: '127.0.0.1' }), 403);
    assert.equal(await page({ Host: host, Origin: `https://127.0.0.1:${server.port}` }), 403);
    assert.equal(await page({ Host: host, Origin: `http://localhost:${server.port + 1}` }), 403);
    assert.equal(await page({ Host: host, Origin: 'null' }), 403);
    const refused = await request(server.port, { path: prefix, headers: { Host: 'evil.example' } });
    assert.match(refused.body, /拒绝访问.*Forbidden: foreign Host or Origin/);
    assert.equal(refused.headers['content-type'], 'text/plain; charset=utf-8');
  });

  test('the secret must open the path exactly', async () => {
    const status = (pathname: string) =>
      request(server.port, { path: pathname, headers: { Host: host } }).then((reply) => reply);
    const wrong = await status(`/s/${'j'.repeat(43)}/`);
    assert.equal(wrong.status, 403);
    assert.match(wrong.body, /Forbidden: open the full URL printed at launch/);
    assert.equal((await status(`/s/${SECRET}x/`)).status, 403, 'a longer secret is not the secret');
    assert.equal((await status(`/x/${SECRET}/`)).status, 403);
    assert.equal((await status(`/s/${SECRET}/index.html`)).status, 200);
    assert.equal((await status(`/s/${SECRET}/%E0%A4%A`)).status, 400, 'a malformed escape is a bad request');
  });

  test('files: GET or HEAD, only inside the renderer, with their type', async () => {
    const css = await request(server.port, { path: `${prefix}app.css`, headers: { Host: host } });
    assert.deepEqual([css.status, css.headers['content-type'], css.body], [200, 'text/css; charset=utf-8', 'body{}']);
    const hashedCss = await request(server.port, {
      path: `${prefix}assets/main-Ab3_x-9Z.css`,
      headers: { Host: host },
    });
    assert.equal(hashedCss.headers['cache-control'], 'private, max-age=31536000, immutable');
    const unhashedDir = await request(server.port, { path: `${prefix}app.css`, headers: { Host: host } });
    assert.equal(unhashedDir.headers['cache-control'], 'no-store', 'only hashed chunks under assets/ are kept');
    const binary = await request(server.port, { path: `${prefix}data.bin`, headers: { Host: host } });
    assert.equal(binary.headers['content-type'], 'application/octet-stream');
    const head = await request(server.port, { path: prefix, method: 'HEAD', headers: { Host: host } });
    assert.equal(head.status, 200);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const reply = await request(server.port, { path: prefix, method, headers: { Host: host }, body: '' });
      assert.equal(reply.status, 405, method);
    }
    const missing = await request(server.port, { path: `${prefix}nope.html`, headers: { Host: host } });
    assert.equal(missing.status, 404);
    const sibling = await request(server.port, { path: `${prefix}..%2Frenderer-secret.txt`, headers: { Host: host } });
    assert.equal(sibling.status, 404, 'a sibling folder whose name starts like the renderer’s is still outside');
    assert.doesNotMatch(sibling.body, /outside the renderer/);
  });

  test('the API: POST with JSON only; an empty body is no input; the refusal of a call is in the body', async () => {
    const ok = await api('plan.get', { body: '' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal((JSON.parse(ok.body) as { result: { meta: { title: string } } }).result.meta.title, '服务测试');
    const charset = await api('plan.get', { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    assert.equal(charset.status, 200);
    const get = await api('plan.get', { method: 'GET', body: '' });
    assert.equal(get.status, 405);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'text/application/json']) {
      const reply = await api('plan.get', { headers: { 'Content-Type': type } });
      assert.equal(reply.status, 415, type);
      assert.match(reply.body, /Unsupported Media Type/);
    }
    const noType = await request(server.port, {
      path: `${prefix}api/plan.get`,
      method: 'POST',
      headers: { Host: host },
      body: '{}',
    });
    assert.equal(noType.status, 415);
    const broken = await api('plan.get', { body: '{"a":' });
    assert.equal(broken.status, 400);
    assert.deepEqual(JSON.parse(broken.body), {
      ok: false,
      error: {
        code: 'invalid_input',
        messageZh: '请求不是有效的 JSON',
        messageEn: 'the request body is not valid JSON',
      },
    });
    const unknown = await api('no.such.call');
    assert.equal(unknown.status, 200);
    assert.equal((JSON.parse(unknown.body) as { ok: boolean }).ok, false);
  });
});
