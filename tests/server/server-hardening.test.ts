import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveStaticFile } from '../../electron/server/staticFiles';
import type { ServerProcess } from '../fixtures/serverProcess';
import { startServerProcess } from '../fixtures/serverProcess';
import { tempDir } from '../helpers';

/**
 * Hostile requests to the browser edition: no request path or body may end the process or read
 * outside the renderer, and bodies are bounded one by one and all together.
 */

interface Reply {
  status: number;
  body: string;
}

/** Bytes sent as they are (http.request would refuse many of these targets), one answer read. */
function rawRequest(port: number, head: string | Buffer, options: { endInput?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : 0, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    // A request the server would wait on for more bytes (a cut-off body) is ended by closing
    // our side; any other is answered and closed by the server (Connection: close).
    if (options.endInput) socket.end(head);
    else socket.write(head);
  });
}

function get(port: number, target: string): Promise<Reply> {
  return rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
}

/** A small deterministic generator, so a failing case can be reproduced from the test. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const FRAGMENTS = [
  'index.html',
  'assets',
  'main-Ab3_x-9Z.js',
  '..',
  '.',
  '%2e%2e',
  '%2E%2e',
  '%2e',
  '%2f',
  '%2F',
  '/',
  '//',
  '\\',
  '%5c',
  '%5C',
  '%00',
  '%00.js',
  '\u0000',
  '%c0%ae',
  '%c0%af',
  '%e0%80%ae',
  '%c1%9c',
  '%ff',
  '%fe%ff',
  '%',
  '%zz',
  '%e4%b8',
  '%e4%b8%ad',
  '中文',
  '%0a',
  '%0d%0a',
  '%20',
  '~',
  ':',
  'C:',
  '%3a',
  '..%2f',
  '..%5c',
  '%252e%252e',
  '.htaccess',
  'secret.txt',
  '?x=1',
  '#frag',
  ';',
  '*',
  '|',
  '<',
  '"',
  'a'.repeat(300),
  'b'.repeat(4000),
];

/**
 * A POST whose body is sent only after the server says "100 Continue", as curl does for large
 * bodies. `continued` resolves when the server has accepted the body (and reserved room for it);
 * `send` then sends it; `reply` is the answer.
 */
interface PendingPost {
  continued: Promise<void>;
  send: () => void;
  reply: Promise<Reply>;
  /** The answer if the server refuses without asking for the body; throws if it asks for it. */
  refusal: () => Promise<Reply>;
}

function postAfterContinue(port: number, target: string, body: Buffer): PendingPost {
  let markContinued: () => void = () => undefined;
  const continued = new Promise<void>((resolve) => (markContinued = resolve));
  const request = http.request({
    host: '127.0.0.1',
    port,
    path: target,
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
      Expect: '100-continue',
      Connection: 'close',
    },
  });
  request.on('continue', markContinued);
  const reply = new Promise<Reply>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
  });
  request.flushHeaders();
  const refusal = async () => {
    const first = await Promise.race([reply, continued.then(() => 'continued' as const)]);
    if (first === 'continued') {
      request.destroy();
      throw new assert.AssertionError({ message: 'the server asked for a body it should have refused' });
    }
    return first;
  };
  return { continued, send: () => request.end(body), reply, refusal };
}

/** A JSON body of exactly `size` bytes: {} padded with spaces. */
function jsonOfSize(size: number): Buffer {
  return Buffer.from('{}' + ' '.repeat(size - 2));
}

describe('browser edition server under hostile requests', () => {
  const { dir, cleanup } = tempDir();
  let server: ServerProcess;
  let renderer: string;

  before(async () => {
    renderer = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>规划工作台</title>');
    fs.writeFileSync(path.join(renderer, 'assets', 'main-Ab3_x-9Z.js'), 'export {};');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
    // Small limits, so the test sends kilobytes rather than the real tens of megabytes.
    server = await startServerProcess(dir, { perRequestBytes: 64 * 1024, totalBytes: 100 * 1024 });
  });
  after(async () => {
    await server.stop();
    cleanup();
  });

  const stillServing = async () => {
    assert.ok(server.alive(), 'the server process is still running');
    const page = await get(server.port, `/s/${server.secret}/`);
    assert.equal(page.status, 200, 'the server still answers');
    assert.match(page.body, /规划工作台/);
  };

  test('the reported request (index.html%00.js) is answered, and the server keeps serving', async () => {
    const reply = await get(server.port, `/s/${server.secret}/index.html%00.js`);
    assert.equal(reply.status, 404);
    await stillServing();
  });

  test('fuzzed paths: every one is answered below 500, none reads outside the renderer, the server keeps serving', async () => {
    const random = generator(13);
    const prefix = `/s/${server.secret}/`;
    const seen = new Map<number, number>();
    for (let attempt = 0; attempt < 400; attempt++) {
      const count = 1 + Math.floor(random() * 5);
      let tail = '';
      for (let index = 0; index < count; index++)
        tail += (random() < 0.3 ? '/' : '') + FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]!;
      const reply = await get(server.port, prefix + tail);
      seen.set(reply.status, (seen.get(reply.status) ?? 0) + 1);
      assert.ok(reply.status >= 200 && reply.status < 500, `${JSON.stringify(tail)} → ${reply.status}`);
      assert.doesNotMatch(reply.body, /outside the renderer/, tail);
    }
    assert.ok((seen.get(404) ?? 0) > 0 && (seen.get(400) ?? 0) > 0, `a mix of answers: ${JSON.stringify([...seen])}`);
    await stillServing();
  });

  test('raw bytes in the request line, huge targets and broken requests are refused, not fatal', async () => {
    const prefix = `/s/${server.secret}/`;
    const heads: (string | Buffer)[] = [
      `GET ${prefix}index.html\u0000.js HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
      Buffer.concat([
        Buffer.from(`GET ${prefix}`),
        Buffer.from([0xc0, 0xae, 0xc0, 0xae, 0x2f, 0xff]),
        Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`),
      ]),
      `GET ${prefix}${'x'.repeat(70_000)} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
      `GET ${prefix}..\\..\\secret.txt HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
      `POST ${prefix}api/plan.get HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 5x\r\nConnection: close\r\n\r\n{}`,
      'NOT HTTP AT ALL\r\n\r\n',
    ];
    for (const head of heads) {
      const reply = await rawRequest(server.port, head);
      assert.ok(
        reply.status === 0 || (reply.status >= 400 && reply.status < 500),
        `${String(head).slice(0, 60)} → ${reply.status}`,
      );
      assert.doesNotMatch(reply.body, /outside the renderer/);
    }
    const cut = await rawRequest(
      server.port,
      `POST ${prefix}api/plan.get HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"cut`,
      { endInput: true },
    );
    assert.ok(cut.status === 0 || cut.status === 400, `a cut-off body → ${cut.status}`);
    await stillServing();
  });

  test('a body over the per-request limit is refused with 413 before it is read, in Chinese and English', async () => {
    const api = `/s/${server.secret}/api/plan.get`;
    const declared = postAfterContinue(server.port, api, jsonOfSize(65 * 1024));
    const refused = await declared.refusal();
    assert.equal(refused.status, 413);
    assert.match(refused.body, /请求过大：单个请求最多 64 KiB/);
    assert.match(refused.body, /Payload Too Large/);

    // Without Content-Length (chunked), the limit applies to the bytes as they stream in.
    const streamed = await new Promise<Reply>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: api,
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      for (let index = 0; index < 20; index++) request.write(' '.repeat(8 * 1024));
      request.end('{}');
    });
    assert.equal(streamed.status, 413);
    assert.match(streamed.body, /请求过大/);
    await stillServing();
  });

  test('bodies in flight share one budget: a second large upload waits (503) while small calls still run', async () => {
    const api = `/s/${server.secret}/api/plan.get`;
    const first = postAfterContinue(server.port, api, jsonOfSize(60 * 1024));
    await first.continued; // the server has reserved room for the first body

    const second = postAfterContinue(server.port, api, jsonOfSize(60 * 1024));
    const busy = await second.refusal();
    assert.equal(busy.status, 503);
    assert.match(busy.body, /服务器正忙/);
    assert.match(busy.body, /Service Unavailable/);

    const small = postAfterContinue(server.port, api, jsonOfSize(1024));
    await small.continued;
    small.send();
    assert.equal((await small.reply).status, 200, 'a small call fits beside the large upload');

    first.send();
    const done = await first.reply;
    assert.equal(done.status, 200);
    assert.equal((JSON.parse(done.body) as { ok: boolean }).ok, true);

    // The first upload's room is free again once it has been answered.
    const again = postAfterContinue(server.port, api, jsonOfSize(60 * 1024));
    await again.continued;
    again.send();
    assert.equal((await again.reply).status, 200);
    await stillServing();
  });

  test('a request path is resolved only to files a build could have made, inside the renderer', () => {
    assert.equal(
      resolveStaticFile(renderer, 'assets/main-Ab3_x-9Z.js'),
      path.join(renderer, 'assets', 'main-Ab3_x-9Z.js'),
    );
    assert.equal(resolveStaticFile(renderer, ''), path.join(renderer, 'index.html'));
    for (const bad of [
      'index.html\u0000.js',
      '../secret.txt',
      'assets/../../secret.txt',
      'assets\\..\\..\\secret.txt',
      'C:/x',
      '.env',
      'a//b',
      `${'a'.repeat(256)}.js`,
      'assets/\n.js',
    ]) {
      assert.equal(resolveStaticFile(renderer, bad), null, JSON.stringify(bad));
    }
  });
});
