import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPlanbench, tempDir } from '../helpers';
import { editSendOut } from '../core/exchange/exchange-libreoffice';

/** `planbench sendout` and `planbench collect` as a user runs them: files, exit codes, JSON. */

describe('sendout and collect on the command line', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'plan.planbench');
  const out = path.join(dir, 'sent');
  let housing = '';

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
  });

  after(cleanup);

  test('sendout writes one workbook per department and says where', async () => {
    const result = await runPlanbench([
      'sendout',
      plan,
      '--sheet',
      '重点工程',
      '--out',
      out,
      '--departments',
      '市住建局,市发改委',
      '--fill',
      '完成投资,进展情况,推进状态',
      '--json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { files: { department: string; file: string; rows: number }[] };
    assert.deepEqual(
      report.files.map((file) => [file.department, file.rows]),
      [
        ['市住房和城乡建设局', 5],
        ['市发展和改革委员会', 2],
      ],
    );
    for (const file of report.files) assert.ok(fs.existsSync(file.file));
    assert.deepEqual(
      fs.readdirSync(out).filter((name) => name.endsWith('.tmp')),
      [],
    );
    housing = report.files[0]!.file;
  });

  test('collect reports, then applies with --apply all', async () => {
    const edited = path.join(dir, '返回.xlsx');
    await editSendOut(housing, edited, { cells: [[1, '推进状态', '推进中']] });
    const report = await runPlanbench(['collect', plan, edited]);
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /提议修改 1/);
    assert.match(report.stdout, /\[提议\] 推进状态：“” → “推进中”/);
    assert.match(report.stdout, /仅报告，未修改规划/);
    const applied = await runPlanbench(['collect', plan, edited, '--apply', 'all', '--json']);
    assert.equal(applied.code, 0, applied.stderr);
    const json = JSON.parse(applied.stdout) as { applied: { applied: { cells: number; columnsAdded: string[] } } };
    assert.deepEqual(json.applied.applied, { cells: 1, inserts: 0, comments: 0, columnsAdded: ['推进状态'] });
    const again = await runPlanbench(['collect', plan, edited]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /收回过.*already collected/);
  });

  test('wrong input: exit 1 with the reason; wrong usage: exit 2', async () => {
    const stranger = path.join(dir, 'stranger.xlsx');
    const exported = await runPlanbench(['export', plan, stranger, '--sheet', '重点工程']);
    assert.equal(exported.code, 0, exported.stderr);
    const refused = await runPlanbench(['collect', plan, stranger]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /不是规划工作台下发的填报文件.*not a Planbench send-out workbook/);
    const noSheet = await runPlanbench(['sendout', plan, '--sheet', '不存在', '--out', out]);
    assert.equal(noSheet.code, 1);
    assert.match(noSheet.stderr, /没有名为“不存在”的工作表/);
    const usage = await runPlanbench(['sendout', plan, '--sheet', '重点工程']);
    assert.equal(usage.code, 2);
    const badApply = await runPlanbench(['collect', plan, stranger, '--apply', 'some']);
    assert.equal(badApply.code, 2);
  });
});
