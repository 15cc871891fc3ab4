import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/**
 * No module of the product imports itself round a loop, type-only imports included: a cycle
 * means two modules each know the other, so neither can be understood, tested or moved alone
 * (and a runtime cycle hands one of them a half-initialised module). Relative imports are
 * followed as written; packages are leaves.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_FOLDERS = ['electron', 'shared', 'renderer/src'];
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = new Set<string>();
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveImport(file, (match[1] ?? match[2])!);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** One cycle per strongly connected group of modules (Tarjan), each as the files in it. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(group.reverse());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

test('the cycle finder finds a loop of type-only imports and a self-import, and nothing in a tree', () => {
  const graph = new Map<string, string[]>([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['d']],
    ['e', ['a', 'f']],
    ['f', []],
  ]);
  assert.deepEqual(
    importCycles(graph).map((cycle) => [...cycle].sort()),
    [['a', 'b', 'c'], ['d']],
  );
  const text = "import type { X } from './x';\nexport { Y } from '../y';\nimport './side';\n";
  assert.deepEqual(
    [...text.matchAll(IMPORT)].map((match) => match[1] ?? match[2]),
    ['./x', '../y', './side'],
  );
});

test('no source module of electron/, shared/ or the renderer imports itself round a loop', () => {
  const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder)));
  assert.ok(files.length > 100, `found only ${files.length} source files`);
  const cycles = importCycles(importGraph(files)).map((cycle) =>
    cycle.map((file) => path.relative(ROOT, file)).join(' → '),
  );
  assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
});
