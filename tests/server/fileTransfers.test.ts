import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { FileExchange } from '../../electron/core/api/fileExchange';
import type { BrowserServer } from '../../electron/server/browserServer';
import { startBrowserServer } from '../../electron/server/browserServer';
import { createSamplePlan } from '../../electron/core/sample/buildSample';
import type { PlanStore } from '../../electron/core/store/planStore';
import type { ApiResponse } from '../../shared/contract/client';
import type { ImportPreview, ImportResult } from '../../shared/contract/calls/importing';
import type { MadeFile } from '../../shared/contract/files';
import { tempDir } from '../helpers';

/**
 * Files through the browser edition: a page uploads (a stream to a temporary file, counted
 * against the limit as it arrives) and downloads; it can never name a path on this computer.
 */

const UPLOAD_LIMIT = 4 * 1024 * 1024;

interface Reply {
  status: number;
  body: string;
}

describe('browser edition: files as uploads and downloads, never paths', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;
  let server: BrowserServer;
  let planFile: string;

  before(async () => {
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>规划工作台</title>');
    planFile = path.join(dir, 'plan.planbench');
    store = createSamplePlan(planFile);
    server = await startBrowserServer({
      context: { store, edition: 'browser' },
      rendererDir: renderer,
      fileLimits: { uploadBytes: UPLOAD_LIMIT },
    });
  });
  after(async () => {
    await server.close();
    store.close();
    cleanup();
  });

  const call = async (name: string, input: unknown): Promise<ApiResponse> => {
    const response = await fetch(`${server.url}api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await response.json()) as ApiResponse;
  };
  const result = async <T>(name: string, input: unknown): Promise<T> => {
    const response = await call(name, input);
    if (!response.ok) throw new Error(`${name}: ${response.error.messageZh} / ${response.error.messageEn}`);
    return response.result as T;
  };
  const uploadFile = async (file: string, name: string): Promise<string> => {
    const response = await fetch(`${server.url}files?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const answer = (await response.json()) as ApiResponse;
    assert.ok(answer.ok, JSON.stringify(answer));
    return (answer.result as { upload: string }).upload;
  };
  /** What the plan holds: its change log and every sheet's size. */
  const fingerprint = () =>
    JSON.stringify({
      history: store.history(1000).length,
      sheets: store.listSheets().map((sheet) => [sheet.name, sheet.rowCount]),
    });

  test('a path named by the page is refused, whatever the call, and nothing is read or written', async () => {
    const before = fingerprint();
    const written = path.join(dir, 'written-by-page.xlsx');
    const sheetId = store.listSheets()[0]!.id;
    const attempts: [string, unknown][] = [
      ['import.preview', { file: { path: planFile }, target: { kind: 'new', sheetKind: 'table', name: '偷看' } }],
      ['import.run', { file: { path: '/etc/passwd' }, target: { kind: 'new', sheetKind: 'table' } }],
      ['collect.preview', { file: { path: planFile } }],
      ['documents.preview', { file: { path: planFile } }],
      ['export.sheet', { sheetId, saveTo: { path: written } }],
      ['export.word', { sheetId, saveTo: { path: path.join(dir, 'written-by-page.docx') } }],
      ['print.pdf', { sheetId, saveTo: { path: path.join(dir, 'written-by-page.pdf') } }],
      [
        'sendout.create',
        { sheetId: store.listSheets().find((sheet) => sheet.name === '重点工程')!.id, saveTo: { path: dir } },
      ],
    ];
    for (const [name, input] of attempts) {
      const response = await call(name, input);
      assert.equal(response.ok, false, `${name} took a path from the page`);
      if (response.ok) continue;
      assert.equal(response.error.code, 'invalid_input', name);
      assert.match(response.error.messageZh, /页面不能指定本机文件路径/, name);
      assert.match(response.error.messageEn, /cannot name a file path/, name);
    }
    assert.ok(
      !fs.existsSync(written) &&
        !fs.existsSync(path.join(dir, 'written-by-page.pdf')) &&
        !fs.existsSync(path.join(dir, 'written-by-page.docx')),
    );
    assert.ok(
      !fs.readdirSync(dir).some((name) => /^(重点工程|.*填报表|.*下发)/.test(name)),
      'no send-out file was written into the folder the page named',
    );
    assert.equal(fingerprint(), before);
  });

  test('an upload announced over the limit is refused before it is sent, with the limit in Chinese and English', async () => {
    const before = fingerprint();
    const reply = await new Promise<Reply>((resolve, reject) => {
      const request = http.request(
        new URL(`${server.url}files?name=${encodeURIComponent('大表.xlsx')}`),
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/octet-stream',
            'Content-Length': String(UPLOAD_LIMIT + 1),
            Expect: '100-continue',
          },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('continue', () => reject(new Error('the server asked for a body over the limit')));
      request.on('error', reject);
      request.flushHeaders();
    });
    assert.equal(reply.status, 413);
    const answer = JSON.parse(reply.body) as ApiResponse;
    assert.ok(!answer.ok);
    if (answer.ok) return;
    assert.equal(answer.error.messageZh, '文件“大表.xlsx”超过 4 MiB 的上传上限，未被接收，规划未作任何修改');
    assert.match(
      answer.error.messageEn,
      /larger than the 4 MiB upload limit; it was not accepted and the plan is unchanged/,
    );
    assert.equal(answer.error.where?.file, '大表.xlsx');
    assert.equal(fingerprint(), before);
  });

  test('an upload streamed past the limit (no length announced) is stopped there, its bytes thrown away', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const reply = await new Promise<Reply>((resolve, reject) => {
      let answered = false;
      const request = http.request(
        new URL(`${server.url}files?name=stream.csv`),
        { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' } },
        (response) => {
          answered = true;
          let body = '';
          response.on('data', (part: Buffer) => (body += part.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      // Once refused, the server reads no more and closes: a write may then fail, which is fine.
      request.on('error', (error) => (answered ? undefined : reject(error)));
      let sent = 0;
      const more = () => {
        if (answered) return;
        if (sent > UPLOAD_LIMIT * 4) return reject(new Error('the server kept reading past the limit'));
        sent += chunk.length;
        request.write(chunk, () => setImmediate(more));
      };
      more();
    });
    assert.equal(reply.status, 413);
    assert.match(reply.body, /超过 4 MiB 的上传上限/);
  });

  test(
    'a 60 MiB CSV (past the old 50 MiB cap) imports through an upload, and the export comes back as a download',
    { timeout: 240_000 },
    async () => {
      // 2,000 rows, each with a long 建设内容 of Chinese text: some 21 million characters in 61 MiB,
      // within the import's limits (rows, cells, text per sheet), far past the old JSON cap.
      const file = path.join(dir, '大型项目表.csv');
      const out = fs.openSync(file, 'w');
      fs.writeSync(out, '序号,项目名称,建设内容,投资匡算（万元）\r\n');
      const long = '建设生态廊道与湿地修复工程，完善配套设施。'.repeat(500);
      for (let row = 1; row <= 2000; row++)
        fs.writeSync(out, `${row},第${row}号生态项目,${long}${row},${row * 10}\r\n`);
      fs.closeSync(out);
      const bytes = fs.statSync(file).size;
      assert.ok(bytes > 60 * 1024 * 1024, `the file is ${bytes} bytes`);

      // The server under test allows 4 MiB: this one gets a server with the real limit (1 GiB).
      const big = await startBrowserServer({
        context: { store, edition: 'browser' },
        rendererDir: path.join(dir, 'renderer'),
      });
      try {
        const response = await fetch(`${big.url}files?name=${encodeURIComponent('大型项目表.csv')}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/octet-stream' },
          body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
          duplex: 'half',
        } as RequestInit);
        const answer = (await response.json()) as ApiResponse;
        assert.ok(answer.ok, JSON.stringify(answer));
        const uploaded = answer.result as { upload: string; fileName: string; bytes: number };
        assert.deepEqual([uploaded.fileName, uploaded.bytes], ['大型项目表.csv', bytes]);

        const api = async <T>(name: string, input: unknown): Promise<T> => {
          const reply = (await (
            await fetch(`${big.url}api/${name}`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(input),
            })
          ).json()) as ApiResponse;
          if (!reply.ok) throw new Error(`${name}: ${reply.error.messageZh} / ${reply.error.messageEn}`);
          return reply.result as T;
        };
        const preview = await api<ImportPreview>('import.preview', {
          file: { upload: uploaded.upload },
          target: { kind: 'new', sheetKind: 'projects', name: '大型项目' },
          rowLimit: 5,
        });
        assert.equal(preview.fileName, '大型项目表.csv');
        assert.equal(preview.rowCount, 2000);
        const done = await api<ImportResult>('import.commit', { previewId: preview.previewId });
        assert.equal(done.inserted, 2000);
        const sheet = store.listSheets().find((candidate) => candidate.name === '大型项目')!;
        assert.equal(sheet.rowCount, 2000);
        const last = store.listRows(sheet.id, 1999, 1).rows[0]!;
        const texts = Object.values(last.cells).map((cell) => cell.text);
        assert.ok(texts.includes(`${long}2000`), 'the long text arrived whole');

        // The sheet exported: a download by id, its bytes a workbook, no base64 anywhere.
        const exported = await api<MadeFile>('export.sheet', { sheetId: sheet.id });
        assert.equal(exported.path, null);
        const download = await fetch(`${big.url}files/${exported.download}`);
        assert.equal(download.status, 200);
        assert.match(download.headers.get('content-disposition') ?? '', /attachment; filename\*=UTF-8''/);
        const workbook = Buffer.from(await download.arrayBuffer());
        assert.equal(workbook.length, exported.bytes);
        assert.equal(workbook.subarray(0, 2).toString('latin1'), 'PK');
      } finally {
        await big.close();
      }
    },
  );

  test('a download is served only by the id a call gave; anything else is not found', async () => {
    const exported = await result<MadeFile>('export.sheet', { sheetId: store.listSheets()[0]!.id });
    assert.ok(exported.download);
    const good = await fetch(`${server.url}files/${exported.download}`);
    assert.equal(good.status, 200);
    for (const bad of ['../plan.planbench', 'x'.repeat(24), `${exported.download}x`, encodeURIComponent(planFile)]) {
      assert.equal((await fetch(`${server.url}files/${bad}`)).status, 404, bad);
    }
    // An upload id is not a download: a page cannot fetch back what another call read.
    const csv = path.join(dir, 'small.csv');
    fs.writeFileSync(csv, '名称\r\n一\r\n');
    const upload = await uploadFile(csv, 'small.csv');
    assert.equal((await fetch(`${server.url}files/${upload}`)).status, 404);
  });
});

describe('file exchange (a page transport’s files)', () => {
  test('an upload over the limit leaves no file behind; one within it is read back whole under its name', async () => {
    const files = new FileExchange({ uploadBytes: 1000, files: 10, totalBytes: 4000, idleMs: 60_000 });
    try {
      await assert.rejects(
        files.receive(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 'big.xlsx'),
        /超过 1000 B|上传上限/,
      );
      assert.deepEqual(fs.readdirSync(files.dir), [], 'the partial file is gone');
      const bytes = Buffer.from('序号,名称\r\n1,一\r\n');
      const { upload } = await files.receive(Readable.from([bytes]), '../../etc/返回.csv');
      const read = files.read({ upload });
      assert.equal(read.fileName, '返回.csv', 'only the last part of a name a page sends');
      assert.ok(path.dirname(read.path) === files.dir);
      assert.equal(
        createHash('sha256').update(fs.readFileSync(read.path)).digest('hex'),
        createHash('sha256').update(bytes).digest('hex'),
      );
      assert.throws(() => files.read({ path: read.path }), /页面不能指定本机文件路径/);
      assert.throws(() => files.make({ path: path.join(files.dir, 'x.xlsx') }, 'x.xlsx'), /页面不能指定本机文件路径/);
      // Within the disk budget (4,000 bytes): the least recently used files go first.
      const ids: string[] = [];
      for (let index = 0; index < 5; index++)
        ids.push((await files.receive(Readable.from([Buffer.alloc(900)]), `${index}.csv`)).upload);
      assert.throws(() => files.read({ upload }), /已过期或不存在/, 'the oldest went first');
      assert.throws(() => files.read({ upload: ids[0]! }), /已过期或不存在/);
      assert.equal(files.read({ upload: ids[4]! }).fileName, '4.csv');
      assert.equal(fs.readdirSync(files.dir).length, 4);
    } finally {
      files.close();
    }
    assert.ok(!fs.existsSync(files.dir), 'closing removes every file');
  });
});
