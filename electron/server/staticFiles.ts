import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/**
 * The renderer's built files, served read-only. A request path comes from whatever a page or a
 * script sends, so it is checked as text before it ever reaches the file system: anything a
 * build never produces (NUL and other control characters, backslashes, drive letters, empty,
 * "." or ".." segments, hidden files, names too long for a file system) is simply not found.
 * The resolved file must then still lie inside the renderer folder.
 */

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

/** Longer names than any build writes, and within every file system's limits. */
const MAX_SEGMENT_BYTES = 255;
const MAX_PATH_BYTES = 1024;
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f\\:*?"<>|]/;

/**
 * The file a decoded request path names inside `root`, or null when the path is not one a build
 * could have produced or would leave the folder.
 */
export function resolveStaticFile(root: string, relative: string): string | null {
  if (relative === '') relative = 'index.html';
  if (Buffer.byteLength(relative) > MAX_PATH_BYTES || FORBIDDEN_CHARACTERS.test(relative)) return null;
  const segments = relative.split('/');
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('.') || Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return null;
  }
  const file = path.resolve(root, ...segments);
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * The build's chunks carry a hash of their content in their names (main-3Fk2a9Qx.js): a name
 * never comes back with other content, so the browser may keep them. A reload then neither
 * fetches nor compiles the workbench's code again (Chromium keeps compiled code for cached
 * scripts), as the Electron app does with its code cache. They hold code only, never plan data;
 * the page itself and every API answer stay no-store.
 */
const HASHED_ASSET = /^assets\/[\w.-]+-[\w-]{8}\.(js|css)$/;

/** Serve one file of the renderer, or 404. Never throws: a failure is an answer. */
export function serveStatic(response: http.ServerResponse, root: string, relative: string, notFound: () => void): void {
  const file = resolveStaticFile(root, relative);
  if (file === null) return notFound();
  fs.readFile(file, (error, data) => {
    if (error) return notFound();
    if (HASHED_ASSET.test(relative)) response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(data);
  });
}
