import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ApiResponse } from '../../shared/api/client';
import type { ApiContext } from '../api/handlers';
import { dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

/**
 * The browser edition: the same renderer and the same API calls as the Electron app, served over
 * HTTP on 127.0.0.1 only. Every request must carry the per-launch secret as the first path
 * segment (/s/<secret>/…) and a Host (and Origin, when sent) naming this very server, so neither
 * another local user's page nor a DNS-rebinding site can reach the plan.
 */

export interface BrowserServerOptions {
  context: ApiContext;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Tests may fix it; otherwise 32 random bytes per launch. */
  secret?: string;
}

export interface BrowserServer {
  url: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

// An imported workbook arrives base64-encoded: 50 MiB of file is 66.7 MiB of body.
const MAX_BODY_BYTES = 72 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};


export function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const secret = options.secret ?? crypto.randomBytes(32).toString('base64url');
  const prefix = `/s/${secret}/`;
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;

  const server = http.createServer((request, response) => {
    setCommonHeaders(response);
    if (!isOwnHost(request.headers.host, port) || !isOwnOrigin(request.headers.origin, port)) {
      return sendText(response, 403, '拒绝访问：请求来源不是本机的规划工作台（Forbidden: foreign Host or Origin）');
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!hasSecretPrefix(url.pathname, prefix)) {
      return sendText(response, 403, '拒绝访问：请使用启动时打印的完整链接（Forbidden: open the full URL printed at launch）');
    }
    let rest: string;
    try {
      rest = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return sendText(response, 400, 'Bad Request');
    }
    if (rest.startsWith('api/')) return handleApi(request, response, rest.slice(4), options.context);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method Not Allowed');
    return serveStatic(response, rendererDir, rest === '' ? 'index.html' : rest);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        port,
        secret,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function setCommonHeaders(response: http.ServerResponse): void {
  response.setHeader('Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  // The secret is in the URL: never let it travel in a Referer header.
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isOwnOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Compares in constant time, so the secret cannot be guessed a character at a time. */
function hasSecretPrefix(pathname: string, prefix: string): boolean {
  const candidate = Buffer.from(pathname.slice(0, prefix.length));
  const expected = Buffer.from(prefix);
  return candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected);
}

function handleApi(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  name: string,
  context: ApiContext,
): void {
  if (request.method !== 'POST') return sendText(response, 405, 'Method Not Allowed');
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
    return sendText(response, 415, '请求须为 JSON（Unsupported Media Type: application/json required）');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      sendText(response, 413, '请求过大（Payload Too Large）');
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', async () => {
    if (response.headersSent) return;
    let input: unknown;
    try {
      const body = Buffer.concat(chunks).toString('utf8');
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return sendJson(response, 400, {
        ok: false,
        error: { code: 'invalid_input', messageZh: '请求不是有效的 JSON', messageEn: 'the request body is not valid JSON' },
      });
    }
    // The call ran: its outcome, success or a refusal such as an unreadable value, is in the
    // body. HTTP errors are kept for requests that never reached the API (no secret, not JSON).
    sendJson(response, 200, await dispatch(context, name, input));
  });
}

/**
 * The build's chunks carry a hash of their content in their names (main-3Fk2a9Qx.js): a name
 * never comes back with other content, so the browser may keep them. A reload then neither
 * fetches nor compiles the workbench's code again (Chromium keeps compiled code for cached
 * scripts), as the Electron app does with its code cache. They hold code only, never plan data;
 * the page itself and every API answer stay no-store.
 */
const HASHED_ASSET = /^assets\/[\w.-]+-[\w-]{8}\.(js|css)$/;

function serveStatic(response: http.ServerResponse, root: string, relative: string): void {
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return sendText(response, 404, 'Not Found');
  fs.readFile(file, (error, data) => {
    if (error) return sendText(response, 404, 'Not Found');
    if (HASHED_ASSET.test(relative)) response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(data);
  });
}

function sendText(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text + '\n');
}

function sendJson(response: http.ServerResponse, status: number, body: ApiResponse): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
