import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where things are when Planbench runs from its source tree (the CLI, `npm start`, tests).
 * The packaged Electron app computes the same places from app.getAppPath() instead.
 */
export const SOURCE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built renderer (vite build output). */
export function rendererDir(root = SOURCE_ROOT): string {
  return path.join(root, 'dist', 'renderer');
}

/** The import writer thread, compiled by npm run build (scripts/build-electron.ts). */
export function importWriterScript(root = SOURCE_ROOT): string {
  return path.join(root, 'dist', 'electron', 'importWriter.cjs');
}

/** The read thread (api/readWorker.ts), compiled by npm run build. */
export function readWorkerScript(root = SOURCE_ROOT): string {
  return path.join(root, 'dist', 'electron', 'readWorker.cjs');
}

/** The per-user folder where `npm start` keeps the user's copy of the sample plan. */
export function userDataDir(): string {
  if (process.env.PLANBENCH_DATA_DIR) return path.resolve(process.env.PLANBENCH_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Planbench');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Planbench');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'planbench');
}

/** The file name of the user's working copy of the bundled sample plan. */
export const SAMPLE_PLAN_FILE_NAME = '常州市生态文明建设规划（示例）.planbench';
