import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_ROOT } from '../core/paths';

/**
 * Where Electron's runtime binary is, if it has been downloaded. Electron ≥ 42 installs without
 * it and fetches it on the first require('electron'); intranet machines cannot, so callers check
 * here first — reading the package's path.txt, never requiring the package.
 */
export function electronRuntime(root = SOURCE_ROOT): string | null {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let relative: string;
  try {
    relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = process.platform === 'win32' ? 'electron.exe' : 'electron';
    if (!override) return null;
  }
  const binary = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  return fs.existsSync(binary) ? binary : null;
}
