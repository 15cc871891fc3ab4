import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers';

/**
 * The CLI is a front end like the UI: it parses flags, builds API inputs and calls the one
 * dispatcher. So nothing it runs reaches the plan store except through the API (electron/core/api):
 * this walks the source import graph from every file of electron/cli — the modules that are
 * loaded at run time, `import type` being erased — and stops at electron/core/api, the boundary.
 */

const CLI_DIR = path.join(REPO_ROOT, 'electron', 'cli');
const API_DIR = path.join(REPO_ROOT, 'electron', 'core', 'api');
const STORE_DIR = path.join(REPO_ROOT, 'electron', 'core', 'store');

/** The relative modules a source file loads at run time (static imports and re-exports, dynamic imports). */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s+)?['"]([^'"]+)['"]/gm))
    specifiers.push(match[2]!);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const base = path.resolve(path.dirname(file), specifier);
      const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(
        (candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
      );
      assert.ok(found, `${path.relative(REPO_ROOT, file)} imports ${specifier}, which does not exist`);
      return found;
    });
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

/** Every path from a CLI file to the store that does not pass through electron/core/api. */
function storePaths(): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (file: string, trail: string[]) => {
    if (file.startsWith(STORE_DIR + path.sep)) return void found.push([...trail, file]);
    if (file.startsWith(API_DIR + path.sep) || seen.has(file)) return;
    seen.add(file);
    for (const next of runtimeImports(file)) walk(next, [...trail, file]);
  };
  for (const file of sourceFiles(CLI_DIR)) walk(file, []);
  return found.map((trail) => trail.map((file) => path.relative(REPO_ROOT, file)));
}

test('the CLI reaches the plan store only through the API (no import of electron/core/store from electron/cli)', () => {
  assert.deepEqual(storePaths(), []);
});

test('the import scanner sees the imports it must: a CLI module that imported the store would be caught', () => {
  // The scanner on files known to load the store directly and through a module.
  const session = path.join(API_DIR, 'planSession.ts');
  assert.ok(runtimeImports(session).includes(path.join(STORE_DIR, 'planStore.ts')));
  const writer = path.join(REPO_ROOT, 'electron', 'core', 'import', 'writerWorker.ts');
  assert.ok(runtimeImports(writer).includes(path.join(STORE_DIR, 'planStore.ts')));
  // Type-only imports are erased: context.ts names PlanStore only as a type.
  assert.ok(!runtimeImports(path.join(API_DIR, 'context.ts')).includes(path.join(STORE_DIR, 'planStore.ts')));
});
