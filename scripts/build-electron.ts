/**
 * Bundles the Electron main process, its plan service (a utility process) and preload into
 * dist/electron as CommonJS (a sandboxed preload must be one CommonJS file), and the threads — the import writer (electron/core/import/
 * writerWorker.ts) and the read thread (electron/core/api/readWorker.ts) — which the CLI and every
 * other front end load as compiled JavaScript: a worker never compiles TypeScript at run time. 'electron' is provided by the runtime; better-sqlite3
 * stays a real module because its native binary is loaded from node_modules.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node22',
  sourcemap: true,
  // playwright-core drives a system Chromium for the CLI and the browser edition; the desktop
  // app prints with Electron's own, so it stays out of the bundle.
  external: ['electron', 'better-sqlite3', 'playwright-core'],
  logLevel: 'warning' as const,
  // electron/core/paths.ts finds the source tree through import.meta.url; in the bundle it finds
  // itself, and the shell passes explicit paths from app.getAppPath() anyway.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'shell', 'main.ts')],
  outfile: path.join(root, 'dist', 'electron', 'main.cjs'),
});
await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'shell', 'preload.ts')],
  outfile: path.join(root, 'dist', 'electron', 'preload.cjs'),
});
await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'core', 'import', 'writerWorker.ts')],
  outfile: path.join(root, 'dist', 'electron', 'importWriter.cjs'),
});
await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'core', 'api', 'readWorker.ts')],
  outfile: path.join(root, 'dist', 'electron', 'readWorker.cjs'),
});
// The desktop app's plan service, forked by the main process into a utility process (electron/service/).
await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'service', 'main.ts')],
  outfile: path.join(root, 'dist', 'electron', 'planService.cjs'),
});
console.log('built dist/electron/main.cjs, preload.cjs, importWriter.cjs, readWorker.cjs and planService.cjs');
