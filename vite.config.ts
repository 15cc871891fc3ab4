import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/contract/security.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Writes the one Content Security Policy into index.html, so the Electron app enforces it too. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'planbench-csp',
    transformIndexHtml: (html) =>
      html.replace('<!--csp-->', `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

export default defineConfig({
  root: path.join(root, 'renderer'),
  // Relative asset URLs: the same build loads from the Electron app's private scheme and under the
  // browser edition's secret path prefix.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
