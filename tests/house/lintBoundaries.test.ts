import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELECTRON_PACKAGE as E } from '../../electron/shell/electronTypes';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

/**
 * The house's walls as `npm run lint` enforces them (eslint.config.mjs, its table of boundaries):
 * code is linted as if it were written at a path in the tree, with the repository's own config.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: REPO_ROOT });

/** The import-boundary and restricted-global findings for `code` written at `file`. */
async function wallsHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  assert.ok(result, `no lint result for ${file}`);
  const fatal = result.messages.filter((message) => message.fatal);
  assert.deepEqual(fatal, [], `${file} did not parse`);
  return result.messages
    .filter((message) => message.ruleId === 'planbench/import-boundaries' || message.ruleId === 'no-restricted-globals')
    .map((message) => message.message);
}

async function refused(file: string, code: string): Promise<void> {
  const hits = await wallsHit(file, code);
  assert.equal(hits.length, 1, `expected one refusal for ${file}: ${code}\ngot: ${hits.join('\n')}`);
}

async function allowed(file: string, code: string): Promise<void> {
  assert.deepEqual(await wallsHit(file, code), [], `expected ${file} to be allowed: ${code}`);
}

describe('shared/ imports nothing outside shared/, no Node and no DOM', () => {
  test('the main side, the renderer and the tests are out of reach, at any depth', async () => {
    await refused(
      'shared/values/x.ts',
      "import { PlanStore } from '../../electron/core/store/planStore.ts';\nexport const a = PlanStore;",
    );
    await refused('shared/x.ts', "import { App } from '../renderer/src/app/App';\nexport const a = App;");
    await refused('shared/contract/calls/x.ts', "export * from '../../../tests/helpers.ts';");
    await refused('shared/values/x.ts', "export type T = import('../../electron/core/api/context').Edition;");
  });

  test('Node built-ins are refused with or without node:', async () => {
    await refused('shared/values/x.ts', "import fs from 'node:fs';\nexport const a = fs;");
    await refused('shared/values/x.ts', "import { readFile } from 'fs/promises';\nexport const a = readFile;");
  });

  test('globals of only Node or only a browser are refused', async () => {
    await refused('shared/values/x.ts', 'export const home = process.env.HOME;');
    await refused('shared/values/x.ts', 'export const title = document.title;');
    await refused('shared/values/x.ts', "export const bytes = Buffer.from('a');");
  });

  test('shared/ itself, packages and globals both sides have are allowed', async () => {
    await allowed(
      'shared/api/x.ts',
      "import { z } from 'zod';\nimport { MONEY_UNITS } from '../domain/money.ts';\nexport const a = [z, MONEY_UNITS, new TextEncoder(), Math.max(1, 2)];",
    );
  });
});

describe('the renderer reaches the main side only through shared/', () => {
  test('electron/ is refused, for types too', async () => {
    await refused(
      'renderer/src/grid/x.tsx',
      "import { dispatch } from '../../../electron/core/api/dispatch';\nexport const a = dispatch;",
    );
    await refused(
      'renderer/src/data/x.ts',
      "import type { ApiContext } from '../../../electron/core/api/handlers';\nexport type A = ApiContext;",
    );
  });

  test("Node built-ins and Electron's package are refused", async () => {
    await refused('renderer/src/x.ts', "import path from 'node:path';\nexport const a = path;");
    await refused('renderer/src/x.ts', `import { ipcRenderer } from '${E}';\nexport const a = ipcRenderer;`);
  });

  test('shared/, its own files and packages are allowed', async () => {
    await allowed(
      'renderer/src/grid/x.tsx',
      "import { apiContract } from '../../../shared/api/contract';\nimport { api } from '../api';\nimport { useState } from 'react';\nexport const a = [apiContract, api, useState];",
    );
  });
});

describe("only the Electron shell imports Electron's package", () => {
  test('the shell may', async () => {
    await allowed('electron/shell/main.ts', `import { app } from '${E}';\nexport const a = app;`);
    await allowed(
      'electron/shell/preload.ts',
      `import { contextBridge } from '${E}';\nexport const a = contextBridge;`,
    );
  });

  test('the rest of the main side may not, however it asks', async () => {
    await refused('electron/core/api/x.ts', `import { app } from '${E}';\nexport const a = app;`);
    await refused('electron/core/print/x.ts', `export const load = () => import('${E}');`);
    await refused('electron/server/x.ts', `const electron = require('${E}');\nexport const a = electron;`);
    await refused('bench/x.ts', `import { app } from '${E}';\nexport const a = app;`);
  });

  test('nor may the main side, shell included, import the renderer', async () => {
    await refused(
      'electron/core/export/x.ts',
      "import { cellText } from '../../../renderer/src/grid/cellDisplay';\nexport const a = cellText;",
    );
    await refused('electron/shell/main.ts', "import { App } from '../../renderer/src/app/App';\nexport const a = App;");
  });

  test('tests may not import it either', async () => {
    await refused('tests/unit/x.test.ts', `const electron = require('${E}');\nexport const a = electron;`);
    await refused('tests/e2e/x.test.ts', `import { app } from '${E}';\nexport const a = app;`);
    await allowed(
      'tests/unit/x.test.ts',
      "import { PlanStore } from '../../electron/core/store/planStore';\nexport const a = PlanStore;",
    );
  });
});

describe('the CLI goes through the dispatcher, never to the store', () => {
  test('a CLI command importing the store is refused', async () => {
    await refused(
      'electron/cli/commands/x.ts',
      "import { PlanStore } from '../../core/store/planStore';\nexport const a = PlanStore;",
    );
    await refused(
      'electron/cli/x.ts',
      "import type { PlanStore } from '../core/store/planStore.ts';\nexport type A = PlanStore;",
    );
  });

  test('the dispatcher is allowed, and the store may be imported by the rest of the main side', async () => {
    await allowed(
      'electron/cli/commands/x.ts',
      "import { dispatch } from '../../core/api/dispatch';\nexport const a = dispatch;",
    );
    await allowed(
      'electron/core/api/x.ts',
      "import { PlanStore } from '../store/planStore';\nexport const a = PlanStore;",
    );
  });
});

describe('the core knows no front end, and formats/ knows no plan', () => {
  test('the core may not import the shell, the CLI or the browser edition', async () => {
    await refused('electron/core/api/x.ts', "import { serveApi } from '../../shell/ipc';\nexport const a = serveApi;");
    await refused('electron/core/import/x.ts', "import { runCli } from '../../cli/main';\nexport const a = runCli;");
    await refused(
      'electron/core/print/x.ts',
      "import type { BrowserServer } from '../../server/browserServer';\nexport type A = BrowserServer;",
    );
  });

  test('formats/ imports only formats/ and shared/', async () => {
    await refused(
      'electron/core/formats/x.ts',
      "import { PlanStore } from '../store/planStore';\nexport const a = PlanStore;",
    );
    await refused(
      'electron/core/formats/xls/x.ts',
      "import type { ImportTarget } from '../../import/importFile';\nexport type A = ImportTarget;",
    );
    await allowed(
      'electron/core/formats/x.ts',
      "import { readZip } from './zip';\nimport type { GridRow } from '../../../shared/import/importGrid';\nexport const a = readZip;\nexport type B = GridRow;",
    );
  });

  test('a type-only import of electron is erased, so tests may type their stand-in with it', async () => {
    await allowed('tests/fixtures/x.ts', `import type { App } from '${E}';\nexport type A = App;`);
    await refused('tests/fixtures/x.ts', `import { app } from '${E}';\nexport const a = app;`);
  });
});

describe('no source file over 700 lines', () => {
  const lines = (count: number) =>
    Array.from({ length: count }, (_, index) => `export const v${index} = ${index};`).join('\n');
  const maxLinesHits = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
    return (result?.messages ?? []).filter((message) => message.ruleId === 'max-lines').length;
  };

  test('701 lines are refused, 700 are not', async () => {
    assert.equal(await maxLinesHits('electron/export/x.ts', lines(701)), 1);
    assert.equal(await maxLinesHits('renderer/src/x.tsx', lines(701)), 1);
    assert.equal(await maxLinesHits('electron/export/x.ts', lines(700)), 0);
  });
});
