import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChangeEnvelope, LateChecks } from '../../shared/contract/changes';
import { LATE_CHECKS_HEADER } from '../../shared/contract/changes';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import { PlanStore } from '../../electron/core/store/planStore';
import { tempDir } from '../helpers';

interface Parts {
  contentType: string;
  /** The body's lines, each with the time it arrived (ms after the request was sent). */
  lines: { text: string; at: number }[];
}

/**
 * The browser edition's two-part answer: a write's result and changes at once, the checks after
 * them in a second line of the same response — so an edit's total never waits for the checks.
 */
describe('a write’s checks as the second part of its answer', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let projects: number;

  function post(name: string, input: unknown, headers: Record<string, string> = {}): Promise<Parts> {
    return new Promise((resolve, reject) => {
      const sent = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/s/${server.secret}/api/${name}`,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Host: `127.0.0.1:${server.port}`, ...headers },
        },
        (res) => {
          const parts: Parts = { contentType: String(res.headers['content-type']), lines: [] };
          let text = '';
          // Decoded as a stream: a character's bytes may arrive in two chunks.
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n')) {
              parts.lines.push({ text: text.slice(0, end), at: performance.now() - sent });
              text = text.slice(end + 1);
            }
          });
          res.on('end', () => {
            if (text !== '') parts.lines.push({ text, at: performance.now() - sent });
            resolve(parts);
          });
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });
  }
  const firstRow = () => store.listRows(projects, 0, 1).rows[0]!.id;

  before(async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>规划工作台</title>');
    const file = path.join(dir, 'late.planbench');
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir: renderer });
    // The checks have run once (as the page does after its first screen).
    await post('checks.run', {});
  });
  after(async () => {
    await server.close();
    store.close();
    cleanup();
  });

  test('asked for: the answer says the checks follow, and the next line brings them, equal to a check run', async () => {
    const parts = await post(
      'cell.update',
      { sheetId: projects, rowId: firstRow(), columnKey: 'investment', text: '99999' },
      { [LATE_CHECKS_HEADER]: '1' },
    );
    assert.match(parts.contentType, /^application\/x-ndjson/);
    assert.equal(parts.lines.length, 2);
    const answer = JSON.parse(parts.lines[0]!.text) as { ok: true; changes: ChangeEnvelope };
    assert.equal(answer.ok, true);
    assert.deepEqual(answer.changes.checks, { changed: true, summary: null, results: null, following: true });
    assert.ok(answer.changes.sheets[0]!.totals, 'the new totals come in the first part');
    const late = JSON.parse(parts.lines[1]!.text) as LateChecks;
    const run = JSON.parse((await post('checks.run', {})).lines[0]!.text) as {
      result: { summary: unknown; results: unknown };
    };
    assert.deepEqual(late.checks, {
      changed: true,
      summary: run.result.summary,
      results: run.result.results,
      following: false,
    });
  });

  test('not asked for (the CLI, tests, other clients): one JSON answer with the checks in it', async () => {
    const parts = await post('cell.update', {
      sheetId: projects,
      rowId: firstRow(),
      columnKey: 'investment',
      text: '4600',
    });
    assert.match(parts.contentType, /^application\/json/);
    const answer = JSON.parse(parts.lines.map((line) => line.text).join('\n')) as { changes: ChangeEnvelope };
    assert.equal(answer.changes.checks.following, false);
    assert.ok(answer.changes.checks.summary);
  });

  test('reads and refusals are one JSON answer even when parts are asked for', async () => {
    const read = await post('history.state', {}, { [LATE_CHECKS_HEADER]: '1' });
    assert.match(read.contentType, /^application\/json/);
    const refused = await post(
      'cell.update',
      { sheetId: projects, rowId: firstRow(), columnKey: 'investment', text: '两千' },
      { [LATE_CHECKS_HEADER]: '1' },
    );
    assert.match(refused.contentType, /^application\/json/);
    assert.equal((JSON.parse(refused.lines.map((line) => line.text).join('\n')) as { ok: boolean }).ok, false);
  });
});
