import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChangeEnvelope } from '../../shared/contract/changes';
import { WINDOW_HEADER } from '../../shared/contract/windowHeader';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import { PlanStore } from '../../electron/core/store/planStore';
import { tempDir } from '../helpers';

/**
 * Promise: every window hears every change to its plan, whoever made it — a call through the
 * same server, or another program writing the same file — once each, naming who did it, over
 * an event stream that answers nothing without the launch secret.
 */
describe('promise: the event stream brings every change to the plan, once, naming who made it', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'events.planbench');
  let store: PlanStore;
  let otherProgram: PlanStore;
  let server: BrowserServer;
  let projects: number;
  let rowIds: number[];
  const received: ChangeEnvelope[] = [];
  /** What the stream of the window that names itself tabAAAAAAAA brings. */
  const receivedByTab: ChangeEnvelope[] = [];
  let stream: http.ClientRequest;
  let ownStream: http.ClientRequest;

  const openStream = (target: string, into: ChangeEnvelope[]) =>
    new Promise<http.ClientRequest>((opened) => {
      const request = http.get(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/s/${server.secret}/${target}`,
          headers: { Host: `127.0.0.1:${server.port}` },
        },
        (response) => {
          assert.match(String(response.headers['content-type']), /^text\/event-stream/);
          response.setEncoding('utf8');
          let text = '';
          response.on('data', (chunk: string) => {
            text += chunk;
            for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
              const event = text.slice(0, end);
              text = text.slice(end + 2);
              const data = event.split('\n').find((line) => line.startsWith('data: '));
              if (data) into.push(JSON.parse(data.slice(6)) as ChangeEnvelope);
            }
          });
          opened(request);
        },
      );
    });

  const waitFor = async (check: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!check() && Date.now() < deadline) await new Promise((resume) => setTimeout(resume, 20));
  };

  before(async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>规划工作台</title>');
    createSamplePlan(file).close();
    store = PlanStore.open(file);
    otherProgram = PlanStore.open(file);
    projects = store.listSheets().find((sheet) => sheet.kind === 'projects')!.id;
    rowIds = store.listRows(projects, 0, 5).rows.map((row) => row.id);
    server = await startBrowserServer({ context: { store, edition: 'browser' }, rendererDir: renderer });
    stream = await openStream('events', received);
    ownStream = await openStream('events?window=tabAAAAAAAA', receivedByTab);
  });
  after(async () => {
    stream.destroy();
    ownStream.destroy();
    await server.close();
    otherProgram.close();
    store.close();
    cleanup();
  });

  test('another program’s edit of the same file arrives, with its cell, the new totals and its author', async () => {
    received.length = 0;
    otherProgram.updateCell(projects, rowIds[0]!, 'investment', '1234', { source: 'user', label: '编辑单元格' });
    await waitFor(() => received.length > 0);
    assert.equal(received.length, 1);
    const [event] = received as [ChangeEnvelope];
    assert.equal(event.actions.length, 1);
    assert.equal(event.actions[0]!.label, '编辑单元格');
    assert.match(event.actions[0]!.client, /^process:/);
    const sheet = event.sheets.find((candidate) => candidate.sheetId === projects)!;
    assert.deepEqual(
      sheet.cells.map((cell) => [cell.rowId, cell.columnKey, cell.cell.text]),
      [[rowIds[0], 'investment', '1234']],
    );
    assert.deepEqual(sheet.totals, store.totals(projects));
    // Undo is the receiving window's own: an event never says what it would undo.
    assert.deepEqual(event.undo, { undo: null, redo: null });
  });

  test('an edit through this server arrives once, naming the window it came from', async () => {
    received.length = 0;
    receivedByTab.length = 0;
    await new Promise<void>((done, fail) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/s/${server.secret}/api/cell.update`,
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Host: `127.0.0.1:${server.port}`,
            [WINDOW_HEADER]: 'tabAAAAAAAA',
          },
        },
        (response) => {
          response.resume();
          response.on('end', done);
        },
      );
      request.on('error', fail);
      request.end(JSON.stringify({ sheetId: projects, rowId: rowIds[1], columnKey: 'investment', text: '777' }));
    });
    await waitFor(() => received.length > 0);
    // The poll runs meanwhile: it must not send the same action a second time.
    await new Promise((resume) => setTimeout(resume, 300));
    assert.equal(received.length, 1);
    assert.equal(received[0]!.actions[0]!.client, 'browser:tabAAAAAAAA');
    assert.equal(received[0]!.sheets[0]!.cells[0]!.cell.text, '777');
    // The window that made it knows it from its answer: its own stream leaves it out.
    assert.equal(receivedByTab.length, 0);
  });

  test('without the launch secret there is no stream', async () => {
    const status = await new Promise<number>((done) => {
      http.get(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/s/wrong/events',
          headers: { Host: `127.0.0.1:${server.port}` },
        },
        (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        },
      );
    });
    assert.equal(status, 403);
  });
});
