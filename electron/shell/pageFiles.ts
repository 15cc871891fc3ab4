import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { PlanbenchError } from '../../shared/contract/errors';
import { UploadId } from '../../shared/contract/files';

/**
 * Where the page's files are kept: a FileExchange, or the desktop app's plan service, which
 * keeps them in its own process (planServiceHost.ts streams uploads into its folder).
 */
export interface PageFiles {
  receive(
    body: Readable,
    name: string,
    declared?: number,
  ): Promise<{ upload: string; fileName: string; bytes: number }>;
  download(
    id: string,
  ):
    | { path: string; fileName: string; bytes: number }
    | null
    | Promise<{ path: string; fileName: string; bytes: number } | null>;
}

/**
 * The desktop app's file transfers, on its own scheme (planbench://app/files), the same as the
 * browser edition's over HTTP (server/transfers.ts): the page uploads a file as a stream
 * (POST /files?name=…) and downloads what its calls made (GET /files/<id>). Web Request and
 * Response only, so this needs nothing of Electron; the shell routes its scheme's requests here.
 */
export async function pageFileRequest(request: Request, files: PageFiles): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === '/files') {
    if (request.method !== 'POST' || !request.body) return new Response('Method Not Allowed', { status: 405 });
    const declared = request.headers.get('content-length');
    try {
      const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
      const received = await files.receive(
        body,
        url.searchParams.get('name') ?? '',
        declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined,
      );
      return Response.json({ ok: true, result: received });
    } catch (error) {
      const failure =
        error instanceof PlanbenchError ? error : PlanbenchError.of('io_error', '上传失败', 'the upload failed');
      return Response.json(
        { ok: false, error: failure.body },
        { status: failure.body.code === 'invalid_value' ? 413 : 400 },
      );
    }
  }
  const id = url.pathname.slice('/files/'.length);
  const made = UploadId.safeParse(id).success ? await files.download(id) : null;
  if (!made) return new Response('Not Found', { status: 404 });
  const body = Readable.toWeb(fs.createReadStream(made.path)) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(made.bytes),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(made.fileName)}`,
    },
  });
}

/** Whether a request on the app's scheme is a file transfer (else it is the renderer's files). */
export function isFileRequest(request: Request): boolean {
  const { pathname } = new URL(request.url);
  return pathname === '/files' || pathname.startsWith('/files/');
}
