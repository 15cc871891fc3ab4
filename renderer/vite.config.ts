import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../shared/security.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Writes the one Content Security Policy into index.html, so the Electron app enforces it too. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'planbench-csp',
    transformIndexHtml: (html) =>
      html.replace('<!--csp-->', `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build loads from file:// in Electron and under the
  // browser edition's secret path prefix.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: path.resolve(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
