import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { rendererDir } from '../../../electron/core/paths';

/**
 * What the window loads before a sheet's first rows can show: the page's boot script, the
 * workbench chunk it imports, and what those import in turn. AG Grid (a megabyte) and zod (the
 * API's schemas) must not be among them: the grid's chunk is loaded after the first rows are
 * painted (FirstScreenTable), and the renderer never validates with zod. Reads the build that
 * `npm test` makes before the tests run.
 */
const assets = path.join(rendererDir(), 'assets');

/** The chunks a chunk imports: statically (`from"./x.js"`), and with `dynamic` also by `import("./x.js")`. */
function importsOf(source: string, dynamic: boolean): string[] {
  const pattern = dynamic
    ? /(?:from|import)\s*\(?\s*["'`]\.\/([\w.-]+\.js)["'`]/g
    : /(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g;
  return [...new Set([...source.matchAll(pattern)].map((match) => match[1]!))];
}

function firstScreenChunks(): Map<string, string> {
  const html = fs.readFileSync(path.join(rendererDir(), 'index.html'), 'utf8');
  const boot = /<script type="module"[^>]*src="\.\/assets\/([\w.-]+\.js)"/.exec(html)?.[1];
  assert.ok(boot, 'index.html names its boot script');
  const chunks = new Map<string, string>();
  const visit = (name: string) => {
    if (chunks.has(name)) return;
    const source = fs.readFileSync(path.join(assets, name), 'utf8');
    chunks.set(name, source);
    // Lazy parts (panels, dialogs, the grid) are behind React.lazy in lazyParts, as dynamic
    // imports: follow only the boot script's (the workbench) and every chunk's static imports.
    for (const imported of importsOf(source, name === boot)) visit(imported);
  };
  visit(boot);
  return chunks;
}

describe('the renderer bundle', () => {
  test('the first screen loads neither AG Grid nor zod', () => {
    const chunks = firstScreenChunks();
    const names = [...chunks.keys()];
    assert.ok(
      names.some((name) => name.startsWith('main-')),
      `the workbench chunk is among them: ${names.join(', ')}`,
    );
    assert.ok(!names.some((name) => name.startsWith('SheetGrid-')), names.join(', '));
    for (const [name, source] of chunks) {
      assert.ok(!source.includes('AG Grid'), `${name} carries AG Grid`);
      assert.ok(!source.includes('ZodError'), `${name} carries zod`);
    }
    const bytes = [...chunks.values()].reduce((total, source) => total + Buffer.byteLength(source), 0);
    assert.ok(bytes < 400 * 1024, `the first screen's code is ${Math.round(bytes / 1024)} KiB`);
  });

  test('the grid chunk does carry AG Grid (the check above would notice it moving)', () => {
    const grid = fs.readdirSync(assets).find((name) => /^SheetGrid-[\w-]+\.js$/.test(name));
    assert.ok(grid, 'a SheetGrid chunk is built');
    assert.ok(fs.readFileSync(path.join(assets, grid), 'utf8').includes('AG Grid'));
  });
});
