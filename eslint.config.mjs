// ESLint for the whole repository: `npm run lint` (run first by `npm test`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import planbench from './scripts/lint/importBoundaries.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

// ── What may import what ─────────────────────────────────────────────────────────────────────────
// The one table of the house's walls. Paths are from the repository root: 'shared/' is a folder and
// everything below it, 'electron/shell/main.ts' one file. When a folder moves, change it here only.
const PLACES = {
  shared: ['shared/'],
  renderer: ['renderer/'],
  mainSide: ['electron/'],
  // The Electron shell: the only files that may import 'electron'.
  shell: ['electron/shell/'],
  core: ['electron/core/'],
  // The desktop app's plan service, in a utility process of its own (no Electron main-process API there).
  service: ['electron/service/'],
  frontEnds: ['electron/shell/', 'electron/service/', 'electron/cli/', 'electron/server/'],
  formats: ['electron/core/formats/'],
  documents: ['electron/core/documents/'],
  cli: ['electron/cli/'],
  store: ['electron/core/store/'],
  // Everything that is code: the shell's rule is written for all of it.
  everything: ['electron/', 'renderer/', 'shared/', 'tests/', 'bench/', 'scripts/', 'bin/'],
};

const BOUNDARIES = [
  {
    name: 'shared',
    files: PLACES.shared,
    mayImportOnly: PLACES.shared,
    nodeBuiltins: false,
    because: 'shared/ is pure TypeScript used by both sides: it imports nothing outside shared/, no Node, no DOM.',
  },
  {
    name: 'renderer',
    files: PLACES.renderer,
    mayNotImport: PLACES.mainSide,
    nodeBuiltins: false,
    because: 'The renderer reaches the main side only through the contract in shared/ (IPC or HTTP).',
  },
  {
    name: 'main side',
    files: PLACES.mainSide,
    mayNotImport: PLACES.renderer,
    because: 'The main side serves the renderer, built on its own; it shares code with it only through shared/.',
  },
  {
    name: 'outside the Electron shell',
    files: PLACES.everything,
    except: PLACES.shell,
    packages: ['electron'],
    // `import type` is erased: the shell's stand-in in tests is typed by Electron's own definitions.
    typesAllowed: true,
    because:
      "Only the Electron shell imports 'electron': the rest runs in plain Node or a browser (CLI, browser edition, " +
      'tests; the Electron smoke test starts the installed runtime as a process).',
  },
  {
    name: 'core',
    files: PLACES.core,
    mayNotImport: PLACES.frontEnds,
    because: 'The core serves every front end (shell, CLI, browser edition) and knows none of them.',
  },
  {
    name: 'formats',
    files: PLACES.formats,
    mayImportOnly: [...PLACES.formats, ...PLACES.shared],
    because: 'formats/ turns bytes into grids and back, knowing nothing of plans: no store, import, export or API.',
  },
  {
    name: 'documents',
    files: PLACES.documents,
    mayImportOnly: [...PLACES.documents, ...PLACES.formats, ...PLACES.shared, ...PLACES.store],
    because:
      'documents/ reads policy documents into paragraphs and tables and proposes their task breakdown: no API, import or export.',
  },
  {
    name: 'plan service',
    files: PLACES.service,
    mayNotImport: PLACES.shell,
    because:
      "The plan service runs in a utility process, where Electron's main-process API is not: it talks to the shell only by messages (service/protocol.ts).",
  },
  {
    name: 'cli',
    files: PLACES.cli,
    mayNotImport: PLACES.store,
    because: 'The CLI is a front end like the others: it goes through the dispatcher, never to the store.',
  },
];

// No source file over 700 lines. PENDING_SPLIT may list one that is being split (none is today).
const MAX_LINES = 700;
const PENDING_SPLIT = [];

// Globals that exist only in Node or only in a browser: shared/ must run in both.
const es = new Set(Object.keys(globals.es2023));
const notEverywhere = (own, other) => Object.keys(own).filter((name) => !es.has(name) && !(name in other));
const NODE_OR_DOM_ONLY = [
  ...notEverywhere(globals.node, globals.browser),
  ...notEverywhere(globals.browser, globals.node),
];

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'test-output/',
      'bench/results/',
      'mutation/results/',
      '.stryker-tmp/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { planbench },
    rules: {
      'planbench/import-boundaries': ['error', { root, boundaries: BOUNDARIES }],
      // `const { omitted: _, ...rest } = x` is how the code drops a field; `_name` marks a parameter
      // kept for its position (as tsc's noUnusedParameters allows).
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // Readers of binary and XML formats match control characters on purpose (XML 1.0 forbids
      // most of them, file names must not hold them); the rule would flag exactly those.
      'no-control-regex': 'off',
      'max-lines': ['error', { max: MAX_LINES }],
    },
  },
  PENDING_SPLIT.length > 0 ? { files: PENDING_SPLIT, rules: { 'max-lines': 'off' } } : {},
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two rules of hooks. The React Compiler's rules (refs, set-state-in-effect, …) are left
    // out: the app does not use the compiler, and its "latest value in a ref" pattern is deliberate.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-globals': ['error', ...NODE_OR_DOM_ONLY] },
  },
);
