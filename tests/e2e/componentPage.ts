import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security';
import { REPO_ROOT } from '../helpers';

/**
 * A page that mounts one renderer component on its own, for end-to-end tests of a panel or
 * dialog without the app shell: `source` (TSX, imports relative to the repository root) is
 * bundled into `outDir` with an index.html under the app's real Content Security Policy, ready
 * for startBrowserServer({ rendererDir: outDir }).
 */
export async function buildComponentPage(outDir: string, source: string, name: string): Promise<void> {
  await build({
    stdin: { contents: source, resolveDir: REPO_ROOT, loader: 'tsx', sourcefile: `${name}.tsx` },
    bundle: true,
    outdir: outDir,
    entryNames: 'harness',
    format: 'esm',
    jsx: 'automatic',
    logLevel: 'error',
  });
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">` +
      '<link rel="stylesheet" href="harness.css"></head><body><div id="root"></div><script type="module" src="harness.js"></script></body></html>',
  );
}

/**
 * Build one of the renderer's test harness pages (renderer/src/panels/<part>/harness: an index.html that
 * mounts a panel or dialog alone) with Vite into `outDir`, for startBrowserServer.
 */
export async function buildHarness(part: string, outDir: string): Promise<void> {
  await viteBuild({
    configFile: false,
    logLevel: 'warn',
    root: path.join(REPO_ROOT, 'renderer', 'src', 'panels', part, 'harness'),
    base: './',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  });
}

/** Console errors and uncaught exceptions of a page, collected for a test to assert there are none. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}
