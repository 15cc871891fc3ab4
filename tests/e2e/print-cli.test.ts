import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPlanbench, tempDir } from '../helpers';

/**
 * `planbench print` as a user runs it: the real command, headless Chromium, a PDF on disk that
 * poppler reads; wrong input exits 1 and writes nothing, wrong usage exits 2.
 */

function pageSize(file: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), width: Number(size?.[1]), height: Number(size?.[2]) };
}

describe('planbench print', { timeout: 120_000 }, () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'sample.planbench');
  after(cleanup);

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample', '--json']);
    assert.equal(created.code, 0, created.stderr);
  });

  test('prints a sheet to an A4 landscape PDF and reports its pages', async () => {
    const out = path.join(dir, '重点工程.pdf');
    const result = await runPlanbench(['print', plan, out, '--sheet', '重点工程', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { ok: boolean; pages: number; bytes: number; warnings: string[] };
    assert.equal(report.ok, true);
    const info = pageSize(out);
    assert.equal(info.pages, report.pages);
    assert.ok(info.width > info.height, 'landscape');
    assert.ok(Math.abs(info.width - 841.92) < 1, `A4: ${info.width}`);
    assert.equal(fs.statSync(out).size, report.bytes);
    const text = execFileSync('pdftotext', ['-l', '1', out, '-'], { encoding: 'utf8' });
    assert.match(text, /常州市生态文明建设重点工程表/);
  });

  test('A3 portrait, grouped by a column given by its name, with the 附件 line, for people', async () => {
    const out = path.join(dir, 'tasks-a3.pdf');
    const result = await runPlanbench([
      'print',
      plan,
      out,
      '--sheet',
      '孤独症任务分解表',
      '--paper',
      'A3',
      '--portrait',
      '--group-by',
      '牵头单位',
      '--attachment',
      '2',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /已生成 .*tasks-a3\.pdf：工作表“孤独症任务分解表”，\d+ 页/);
    const info = pageSize(out);
    assert.ok(
      Math.abs(info.width - 841.89) < 1.5 && Math.abs(info.height - 1190.55) < 1.5,
      `A3 portrait: ${info.width} x ${info.height}`,
    );
    const text = execFileSync('pdftotext', ['-l', '1', out, '-'], { encoding: 'utf8' });
    assert.match(text, /附件2/);
    assert.match(text, /牵头单位：/);
  });

  test('a sheet the plan lacks, or a column the sheet lacks: exit 1, named, no file', async () => {
    const out = path.join(dir, 'missing.pdf');
    const missing = await runPlanbench(['print', plan, out, '--sheet', '不存在的表']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /没有名为“不存在的表”的工作表/);
    assert.match(missing.stderr, /no sheet named/);
    const column = await runPlanbench([
      'print',
      plan,
      out,
      '--sheet',
      '重点工程',
      '--group-by',
      '不存在的列',
      '--json',
    ]);
    assert.equal(column.code, 1);
    assert.equal((JSON.parse(column.stdout) as { error: { code: string } }).error.code, 'invalid_value');
    const folder = await runPlanbench([
      'print',
      plan,
      path.join(dir, 'no-such-folder', 'x.pdf'),
      '--sheet',
      '重点工程',
    ]);
    assert.equal(folder.code, 1);
    assert.match(folder.stderr, /无法写入 PDF/);
    assert.equal(fs.existsSync(out), false);
  });

  test('wrong usage exits 2 with the usage text', async () => {
    for (const args of [
      ['print', plan, path.join(dir, 'a.pdf')],
      ['print', plan, path.join(dir, 'a.pdf'), '--sheet', '重点工程', '--paper', 'B5'],
      ['print', plan, path.join(dir, 'a.docx'), '--sheet', '重点工程'],
      ['print', plan, '--sheet', '重点工程'],
    ]) {
      const result = await runPlanbench(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /用法 \/ Usage/);
    }
  });
});
