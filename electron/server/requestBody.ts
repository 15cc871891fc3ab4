import type http from 'node:http';

/**
 * Request bodies, read with their memory bounded: each body has a limit (refused with 413 as
 * soon as its Content-Length or its streamed bytes exceed it), and all bodies being read or
 * handled at once share a budget (a request that would exceed it is refused with 503 before it
 * is read, rather than the server growing with every parallel upload). A body's bytes stay
 * reserved until its answer is sent, because handling it (parsing the JSON, decoding a
 * workbook) costs memory in proportion too.
 */

export interface BodyLimits {
  /** The largest body one request may send. */
  perRequestBytes: number;
  /** The most bytes all requests together may have reserved at once. */
  totalBytes: number;
}

export type BodyOutcome =
  { ok: true; body: Buffer } | { ok: false; status: 413 | 503 | 400; messageZh: string; messageEn: string };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** The bytes reserved by the requests in progress, shared by one server's requests. */
export class BodyBudget {
  private reserved = 0;

  constructor(readonly limits: BodyLimits) {}

  /** Bytes currently reserved (for tests and diagnostics). */
  get inUse(): number {
    return this.reserved;
  }

  /** Reserve `bytes` more, or false when the budget cannot take them. */
  tryReserve(bytes: number): boolean {
    if (this.reserved + bytes > this.limits.totalBytes) return false;
    this.reserved += bytes;
    return true;
  }

  release(bytes: number): void {
    this.reserved = Math.max(0, this.reserved - bytes);
  }

  tooLarge(): BodyOutcome & { ok: false } {
    return {
      ok: false,
      status: 413,
      messageZh: `请求过大：单个请求最多 ${sizeText(this.limits.perRequestBytes)}`,
      messageEn: `Payload Too Large: a request may carry at most ${sizeText(this.limits.perRequestBytes)}`,
    };
  }

  busy(): BodyOutcome & { ok: false } {
    return {
      ok: false,
      status: 503,
      messageZh: '服务器正忙：同时上传的数据过多，请等其他上传完成后重试',
      messageEn:
        'Service Unavailable: too much data is being uploaded at once; retry when the other uploads have finished',
    };
  }
}

/**
 * Read a request's body within the budget. Whatever the outcome, the bytes it reserved are
 * released when the response has been sent or the connection is gone.
 */
export function readBody(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  budget: BodyBudget,
): Promise<BodyOutcome> {
  let held = 0;
  const hold = (bytes: number): boolean => {
    if (!budget.tryReserve(bytes)) return false;
    held += bytes;
    return true;
  };
  const releaseAll = () => {
    budget.release(held);
    held = 0;
  };
  response.once('finish', releaseAll);
  response.once('close', releaseAll);

  const declared = request.headers['content-length'];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!/^\d+$/.test(declared) || !Number.isSafeInteger(length)) {
      return Promise.resolve({
        ok: false,
        status: 400,
        messageZh: '请求的 Content-Length 无效',
        messageEn: 'Bad Request: invalid Content-Length',
      });
    }
    if (length > budget.limits.perRequestBytes) return Promise.resolve(budget.tooLarge());
    // The whole declared body is reserved before a byte of it is read.
    if (!hold(length)) return Promise.resolve(budget.busy());
  }

  // A client that asked first (Expect: 100-continue, as curl does for large bodies) sends the
  // body only now that it has room; a refused one never sends it.
  if (/^100-continue$/i.test(request.headers.expect ?? '')) response.writeContinue();

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      if (!outcome.ok) {
        chunks.length = 0;
        // Stop reading; the answer is still sent on this connection, which then closes.
        request.removeAllListeners('data');
        request.pause();
      }
      resolve(outcome);
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > budget.limits.perRequestBytes) return settle(budget.tooLarge());
      // A body without Content-Length (chunked) is reserved as it arrives.
      if (size > held && !hold(size - held)) return settle(budget.busy());
      chunks.push(chunk);
    });
    request.on('end', () => settle({ ok: true, body: Buffer.concat(chunks, size) }));
    request.on('error', () =>
      settle({
        ok: false,
        status: 400,
        messageZh: '请求未完整收到',
        messageEn: 'Bad Request: the request body was cut off',
      }),
    );
    request.on('aborted', () =>
      settle({
        ok: false,
        status: 400,
        messageZh: '请求未完整收到',
        messageEn: 'Bad Request: the request body was cut off',
      }),
    );
  });
}
