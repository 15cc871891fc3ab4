import fs from 'node:fs';
import type http from 'node:http';
import { PlanbenchError } from '../../shared/contract/errors';
import type { FileExchange } from '../core/api/fileExchange';
import { UploadId } from '../../shared/contract/files';
import { sendJson, sendText } from './replies';

/**
 * The browser edition's file transfers, beside its API calls (browserServer.ts has checked the
 * secret, Host and Origin already):
 *   POST …/files?name=<file name>   the body is the file, streamed to a temporary file (never held
 *                                   in memory) and counted against the upload limit as it
 *                                   arrives; answers the id later calls name it by.
 *   GET  …/files/<id>               a file a call made (an export, a send-out, a PDF), as a download.
 * An upload must say it is application/octet-stream — not a type a form on another site could
 * send without asking first.
 */
export async function handleFiles(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  rest: string,
  files: FileExchange,
): Promise<void> {
  if (rest === '') return upload(request, response, files);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendText(response, 405, '不支持的请求方法（Method Not Allowed）');
  const id = rest;
  const made = UploadId.safeParse(id).success ? files.download(id) : null;
  if (!made)
    return sendText(
      response,
      404,
      '文件已过期或不存在，请重新导出（Not Found: the file has expired or does not exist; export it again）',
    );
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(made.bytes),
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(made.fileName)}`,
  });
  if (request.method === 'HEAD') return void response.end();
  await new Promise<void>((resolve) => {
    const stream = fs.createReadStream(made.path);
    stream.on('error', () => {
      response.destroy();
      resolve();
    });
    stream.pipe(response).on('finish', resolve).on('close', resolve);
  });
}

async function upload(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  files: FileExchange,
): Promise<void> {
  if (request.method !== 'POST') return sendText(response, 405, '不支持的请求方法（Method Not Allowed）');
  if (!/^application\/octet-stream\b/.test(request.headers['content-type'] ?? '')) {
    return sendText(
      response,
      415,
      '上传须为 application/octet-stream（Unsupported Media Type: application/octet-stream required）',
    );
  }
  const name = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('name') ?? '';
  const declared = request.headers['content-length'];
  const length = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
  try {
    // A client that asked first (Expect: 100-continue) sends the body only if it is welcome:
    // one announced over the limit is refused before a byte of it is sent.
    const welcome = length === undefined || length <= files.uploadLimit;
    if (welcome && /^100-continue$/i.test(request.headers.expect ?? '')) response.writeContinue();
    const received = await files.receive(request, name, length);
    sendJson(response, 200, { ok: true, result: received });
  } catch (error) {
    refuse(request, response, error);
  }
}

/** How much of a refused upload's body is read and thrown away so its sender sees the answer. */
const DRAIN_BYTES = 16 * 1024 * 1024;
const DRAIN_MS = 3000;

/**
 * An upload refused: a clear message. The rest of its body is stored nowhere; it is read and
 * thrown away for a little while (at most DRAIN_BYTES, DRAIN_MS), because a connection closed
 * under a client that is still sending makes its next write fail (EPIPE, a reset) and it loses
 * the answer that says why. A sender that keeps going past that is cut off.
 */
function refuse(request: http.IncomingMessage, response: http.ServerResponse, error: unknown): void {
  const failure =
    error instanceof PlanbenchError ? error : PlanbenchError.of('io_error', '上传失败', 'the upload failed');
  sendJson(response, failure.body.code === 'invalid_value' ? 413 : 400, { ok: false, error: failure.body });
  if (request.readableEnded) return;
  let drained = 0;
  const cutOff = () => {
    clearTimeout(timer);
    request.destroy();
  };
  const timer = setTimeout(cutOff, DRAIN_MS);
  timer.unref();
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) cutOff();
  });
  request.on('end', () => clearTimeout(timer));
  request.on('error', () => clearTimeout(timer));
  request.resume();
}
