/**
 * Promises of the browser edition when a request goes wrong (electron/server/browserServer.ts):
 * a body over the limit or beyond the shared budget is refused before it is read, in Chinese and
 * English, and the connection closes; a request the HTTP parser cannot read or whose target is no
 * URL is refused; a call that fails unexpectedly is answered 500 — and the server keeps serving.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiContext } from '../../electron/core/api/handlers';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import { PlanStore } from '../../electron/core/store/planStore';
import { tempDir } from '../helpers';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Bytes written as they are onto a new connection; the raw answer, once the server closes it. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** A POST that announces its body and waits for "100 Continue" before sending it. */
function announced(port: number, target: string, host: string, size: number) {
  let continued: () => void = () => undefined;
  let send: () => void = () => undefined;
  let wasAskedToContinue = false;
  const ready = new Promise<void>((resolve) => (continued = resolve));
  const reply = new Promise<Reply>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: 'POST',
        headers: {
          Host: host,
          'Content-Type': 'application/json',
          'Content-Length': String(size),
          Expect: '100-continue',
        },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('continue', () => {
      wasAskedToContinue = true;
      continued();
    });
    request.on('error', reject);
    send = () => request.end(`{}${' '.repeat(size - 2)}`);
  });
  return { ready, reply, send: () => send(), askedToContinue: () => wasAskedToContinue };
}

describe('promise: a request that goes wrong is refused with the reason, and the server keeps serving', () => {
  const { dir, cleanup } = tempDir();
  const SECRET = 'f'.repeat(43);
  let store: PlanStore;
  let server: BrowserServer;
  let host: string;
  let broken = false;

  before(async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer, { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>规划工作台</title>');
    store = PlanStore.create(path.join(dir, 'failures.planbench'), { title: '失败测试' });
    const context = {
      edition: 'browser',
      get store(): PlanStore {
        if (broken) throw new Error('the plan went away');
        return store;
      },
    } as ApiContext;
    server = await startBrowserServer({
      context,
      rendererDir: renderer,
      secret: SECRET,
      bodyLimits: { perRequestBytes: 1024, totalBytes: 1536 },
    });
    host = `127.0.0.1:${server.port}`;
  });
  after(async () => {
    await server.close();
    store.close();
    cleanup();
  });

  const api = `/s/${SECRET}/api/plan.get`;
  const stillServing = async () => {
    const reply = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: `/s/${SECRET}/`, headers: { Host: host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
        .on('error', reject);
    });
    assert.equal(reply, 200, 'the server still answers');
  };

  test('a body over the per-request limit: 413, in both languages, and the connection closes', async () => {
    const large = announced(server.port, api, host, 2048);
    const reply = await large.reply;
    assert.equal(reply.status, 413);
    assert.equal(large.askedToContinue(), false, 'the client is never asked to send the body');
    assert.equal(reply.body, '请求过大：单个请求最多 1 KiB（Payload Too Large: a request may carry at most 1 KiB）\n');
    assert.equal(reply.headers.connection, 'close');
    assert.equal(reply.headers['retry-after'], undefined, 'waiting does not help a body that is too large');
    await stillServing();
  });

  test('a second body beyond the shared budget: 503, retry in 5 seconds; the first still goes through', async () => {
    const first = announced(server.port, api, host, 1000);
    await first.ready;
    const second = await announced(server.port, api, host, 1000).reply;
    assert.equal(second.status, 503);
    assert.equal(second.headers['retry-after'], '5');
    assert.equal(second.headers.connection, 'close');
    assert.match(second.body, /^服务器正忙：.*（Service Unavailable: .*）\n$/);
    first.send();
    const done = await first.reply;
    assert.equal(done.status, 200);
    assert.equal((JSON.parse(done.body) as { ok: boolean }).ok, true);
  });

  test('the server listens on 127.0.0.1 only, on the port asked for', async () => {
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal);
    if (outside) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = net.connect(server.port, outside.address, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      assert.equal(reached, false, `not reachable on ${outside.address}`);
    }
    const free = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    const fixed = await startBrowserServer({
      context: { store, edition: 'browser' },
      rendererDir: path.join(dir, 'renderer'),
      port: free,
    });
    try {
      assert.equal(fixed.port, free);
      assert.match(
        fixed.url,
        new RegExp(`^http://127\\.0\\.0\\.1:${free}/s/[A-Za-z0-9_-]{43}/$`),
        'a random 32-byte secret',
      );
    } finally {
      await fixed.close();
    }
  });

  test('a request the HTTP parser cannot read gets a plain 400 and the connection closes', async () => {
    const answer = await raw(server.port, 'NOT A REQUEST\r\n\r\n');
    assert.equal(answer, 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    await stillServing();
  });

  test('a request target that is no URL is refused like a missing secret', async () => {
    const answer = await raw(
      server.port,
      `GET http://[/s/${SECRET}/ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    );
    assert.match(answer, /^HTTP\/1\.1 403 /);
    assert.match(answer, /Forbidden: open the full URL printed at launch/);
  });

  test('a call that fails unexpectedly is answered 500 and the connection closes', async () => {
    broken = true;
    try {
      const reply = await new Promise<Reply>((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: api,
            method: 'POST',
            headers: { Host: host, 'Content-Type': 'application/json' },
          },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
          },
        );
        request.on('error', reject);
        request.end('{}');
      });
      assert.equal(reply.status, 500);
      assert.equal(reply.headers.connection, 'close');
      assert.equal(reply.headers['content-type'], 'text/plain; charset=utf-8');
      assert.equal(reply.body, '服务器内部错误，请求未完成（Internal Server Error: the request was not completed）\n');
    } finally {
      broken = false;
    }
    await stillServing();
  });
});
