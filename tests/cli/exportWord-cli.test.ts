import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { docxPart } from '../core/export/word/wordPages';
import { runPlanbench, tempDir } from '../helpers';

/** `planbench export PLAN OUT.docx --sheet NAME` as a user runs it: the file, the exit codes, JSON. */

describe('export to Word on the command line', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'plan.planbench');

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
  });

  after(cleanup);

  test('the .docx extension picks Word: 附件2 as asked, portrait when asked, the sheet named', async () => {
    const out = path.join(dir, '孤独症.docx');
    const result = await runPlanbench([
      'export',
      plan,
      out,
      '--sheet',
      '孤独症任务分解表',
      '--attachment',
      '2',
      '--portrait',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { file: string; rows: number; orientation: string };
    assert.deepEqual([report.file, report.rows, report.orientation], [out, 33, 'portrait']);
    const document = await docxPart(out, 'word/document.xml');
    assert.match(document, /<w:t[^>]*>附件2<\/w:t>/);
    assert.match(document, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(document, /常州市深化孤独症全程支持服务实施方案任务分解表/);

    const plain = await runPlanbench(['export', plan, path.join(dir, 'projects.docx'), '--sheet', '重点工程']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /已导出 .*“重点工程” 88 行，A4 横向/);
  });

  test('wrong usage exits 2 and an unknown sheet or folder exits 1, writing nothing', async () => {
    const out = path.join(dir, 'nothing.docx');
    const noSheet = await runPlanbench(['export', plan, out]);
    assert.equal(noSheet.code, 2);
    assert.match(noSheet.stderr, /--sheet/);
    const workbookFlag = await runPlanbench(['export', plan, out, '--sheet', '重点工程', '--protect']);
    assert.equal(workbookFlag.code, 2);
    assert.match(workbookFlag.stderr, /--protect 只用于 \.xlsx/);
    const wordFlag = await runPlanbench(['export', plan, path.join(dir, 'x.xlsx'), '--portrait']);
    assert.equal(wordFlag.code, 2);
    assert.match(wordFlag.stderr, /--portrait 只用于 \.docx/);
    const unknown = await runPlanbench(['export', plan, out, '--sheet', '没有这张表']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /没有名为“没有这张表”的工作表/);
    const folder = await runPlanbench(['export', plan, path.join(dir, 'missing', 'a.docx'), '--sheet', '重点工程']);
    assert.equal(folder.code, 1);
    assert.match(folder.stderr, /文件夹不存在/);
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => name.startsWith('nothing') || name === 'x.xlsx' || name === 'missing'),
      [],
    );
  });
});
