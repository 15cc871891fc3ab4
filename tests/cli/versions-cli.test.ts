import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { editSendOut } from '../core/exchange/exchange-libreoffice';
import { runPlanbench, tempDir } from '../helpers';

/**
 * `planbench history`, `planbench version` and `planbench diff` as a user runs them: a collected
 * return in a cell's history names the department and the returned file; a version saved, the
 * plan changed by the return, the diff shows it, and restoring takes it back.
 */
describe('history, versions and diff on the command line', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'plan.planbench');
  const out = path.join(dir, 'sent');

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
  });
  after(cleanup);

  test('a version saved, a department’s return collected: history names department and file, diff shows it', async () => {
    const saved = await runPlanbench(['version', 'save', plan, '--name', '征求意见稿', '--note', '发各部门前']);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, /已保存版本“征求意见稿”/);

    const sent = await runPlanbench([
      'sendout',
      plan,
      '--sheet',
      '重点工程',
      '--out',
      out,
      '--departments',
      '市住建局',
      '--fill',
      '完成投资,进展情况',
      '--json',
    ]);
    assert.equal(sent.code, 0, sent.stderr);
    const housing = (JSON.parse(sent.stdout) as { files: { file: string }[] }).files[0]!.file;
    const returned = path.join(dir, '住建局返回.xlsx');
    await editSendOut(housing, returned, { cells: [[1, '进展情况', '已开工']] });
    const collected = await runPlanbench(['collect', plan, returned, '--apply', 'all']);
    assert.equal(collected.code, 0, collected.stderr);

    const rows = await runPlanbench(['rows', plan, '--sheet', '重点工程', '--json']);
    const sheet = JSON.parse(rows.stdout) as { rows: { cells: Record<string, string> }[] };
    const changed = sheet.rows.find((row) => row.cells['进展情况'] === '已开工')!;
    const seq = changed.cells['序号']!;

    const history = await runPlanbench([
      'history',
      plan,
      '--sheet',
      '重点工程',
      '--row',
      seq,
      '--column',
      '进展情况',
      '--json',
    ]);
    assert.equal(history.code, 0, history.stderr);
    const entries = (
      JSON.parse(history.stdout) as {
        current: string;
        entries: { source: string; after: string; who: { department: string; file: string } }[];
      }
    ).entries;
    const merge = entries.find((entry) => entry.source === 'merge')!;
    assert.equal(merge.after, '已开工');
    assert.match(merge.who.department, /住房和城乡建设局/);
    assert.equal(merge.who.file, '住建局返回.xlsx');
    const text = await runPlanbench(['history', plan, '--sheet', '重点工程', '--row', seq, '--column', '进展情况']);
    assert.match(text.stdout, /住房和城乡建设局的填报（住建局返回\.xlsx）\s+“” → “已开工”/);

    const diff = await runPlanbench(['diff', plan, '--from', '征求意见稿']);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(diff.stdout, /版本“征求意见稿” → 当前/);
    assert.match(diff.stdout, new RegExp(`修改 ${seq} .* · 进展情况：“” → “已开工”`));
  });

  test('list, restore and a diff with nothing left; wrong input exit 1, wrong usage exit 2', async () => {
    const list = await runPlanbench(['version', 'list', plan]);
    assert.match(list.stdout, /^征求意见稿\t.*\t发各部门前$/m);
    const restored = await runPlanbench(['version', 'restore', plan, '--name', '征求意见稿']);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /已恢复到版本“征求意见稿”/);
    // 进展情况 was added by the return: emptied, kept, and said so.
    assert.match(restored.stdout, /列“进展情况”是该版本之后新建的，已清空其内容/);
    const diff = await runPlanbench(['diff', plan, '--from', '征求意见稿', '--json']);
    assert.deepEqual((JSON.parse(diff.stdout) as { sheets: unknown[] }).sheets, []);

    const missing = await runPlanbench(['diff', plan, '--from', '定稿']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /没有名为“定稿”的版本.*no version named "定稿"/s);
    const twice = await runPlanbench(['version', 'save', plan, '--name', '征求意见稿']);
    assert.equal(twice.code, 1);
    const noRow = await runPlanbench(['history', plan, '--sheet', '重点工程', '--row', '999', '--column', '进展情况']);
    assert.equal(noRow.code, 1);
    assert.match(noRow.stderr, /没有序号为“999”的行/);
    assert.equal((await runPlanbench(['version', 'save', plan])).code, 2);
    assert.equal((await runPlanbench(['version', 'rename', plan, '--name', 'x'])).code, 2);
    assert.equal((await runPlanbench(['diff', plan])).code, 2);
    assert.equal((await runPlanbench(['history', plan, '--sheet', '重点工程'])).code, 2);
  });
});
