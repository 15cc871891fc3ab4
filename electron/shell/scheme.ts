import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { SCHEME } from './origin';
import type { PageFiles } from './pageFiles';
import { isFileRequest, pageFileRequest } from './pageFiles';

/**
 * The private scheme that serves the built renderer. Registered before the app is ready
 * (Electron requires it); codeCache lets V8 keep the compiled bundle between starts, so the
 * window reaches its first rows sooner from the second start on.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // supportFetchAPI and stream: the page uploads files to its own scheme as streams (pageFiles.ts).
    {
      scheme: SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        corsEnabled: false,
        codeCache: true,
      },
    },
  ]);
}

/**
 * The file under `rendererRoot` a request names, or null when it names anything outside it
 * (`..`, an encoded `%2e%2e`, an absolute path) — those are answered 404.
 */
export function rendererFile(rendererRoot: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = path.resolve(rendererRoot, '.' + (pathname === '/' ? '/index.html' : pathname));
  return file.startsWith(rendererRoot + path.sep) ? file : null;
}

/** The scheme answers the built renderer's files, and the page's uploads and downloads. */
export function serveRendererFrom(rendererRoot: string, pageFiles: PageFiles): void {
  protocol.handle(SCHEME, (request) => {
    if (isFileRequest(request)) return pageFileRequest(request, pageFiles);
    const file = rendererFile(rendererRoot, request.url);
    if (!file) return new Response('Not Found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
