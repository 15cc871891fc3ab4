import fs from 'node:fs';
import path from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
const MIN_SIZE = { width: 800, height: 500 } as const;
/** How much of the title bar must lie on a screen for the saved place to be used. */
const MIN_VISIBLE = 120;

export function readWindowState(file: string): WindowState | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = value.bounds;
    const numbers = b && [b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n));
    return numbers
      ? { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: value.maximized === true }
      : null;
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(state));
  } catch {
    // Remembering the window's place is a convenience; a read-only data folder only loses it.
  }
}

/**
 * Where the window opens: where it was when last closed, if that place is still on a screen
 * (a second monitor may have been unplugged, the resolution lowered) — otherwise the default
 * size, fitted to the primary screen. Sizes are kept within the screen that shows the window.
 */
export function restoredBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): Partial<Rect> & { width: number; height: number } {
  const primary = workAreas[0];
  const fit = (area: Rect | undefined, width: number, height: number) => ({
    width: Math.max(MIN_SIZE.width, Math.min(width, area?.width ?? width)),
    height: Math.max(MIN_SIZE.height, Math.min(height, area?.height ?? height)),
  });
  if (saved) {
    const { x, y, width, height } = saved.bounds;
    const area = workAreas.find((a) => {
      const overlapX = Math.min(x + width, a.x + a.width) - Math.max(x, a.x);
      const titleBarOnScreen = y >= a.y && y < a.y + a.height - 20;
      return overlapX >= MIN_VISIBLE && titleBarOnScreen;
    });
    if (area) return { x, y, ...fit(area, width, height) };
  }
  return fit(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height);
}
