import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPlanbench, tempDir } from '../helpers';

/** `planbench comment add|list|delete` as a user runs it, on the sample plan. */
describe('comments on the command line', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'plan.planbench');

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
  });
  after(cleanup);

  interface Listed {
    comments: { row: string; column: string | null; text: string; author: string }[];
  }
  const list = async (...extra: string[]): Promise<Listed> => {
    const listed = await runPlanbench(['comment', 'list', plan, '--sheet', '重点工程', ...extra, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    return JSON.parse(listed.stdout) as Listed;
  };

  test('add to a cell and to a row, list them, delete one', async () => {
    const onCell = await runPlanbench([
      'comment',
      'add',
      plan,
      '--sheet',
      '重点工程',
      '--row',
      '2',
      '--column',
      '投资匡算',
      '--text',
      '含中央预算内资金',
    ]);
    assert.equal(onCell.code, 0, onCell.stderr);
    assert.match(onCell.stdout, /已写入批注/);
    const onRow = await runPlanbench(['comment', 'add', plan, '--sheet', '重点工程', '--row', '5', '--text', '待论证']);
    assert.equal(onRow.code, 0, onRow.stderr);

    const all = await list();
    assert.deepEqual(
      all.comments.map((comment) => [comment.row, comment.column, comment.text]),
      [
        ['2', '投资匡算', '含中央预算内资金'],
        ['5', null, '待论证'],
      ],
    );
    assert.ok(
      all.comments.every((comment) => comment.author !== ''),
      'each names its author',
    );
    assert.equal((await list('--row', '5')).comments.length, 1);

    const text = await runPlanbench(['comment', 'list', plan, '--sheet', '重点工程']);
    assert.match(text.stdout, /^2 · 投资匡算\t.+\t含中央预算内资金$/m);
    assert.match(text.stdout, /^5（整行）\t/m);

    const deleted = await runPlanbench([
      'comment',
      'delete',
      plan,
      '--sheet',
      '重点工程',
      '--row',
      '2',
      '--column',
      '投资匡算',
    ]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.deepEqual(
      (await list()).comments.map((comment) => comment.row),
      ['5'],
    );
  });

  test('wrong usage is exit 2; a row or comment that is not there is exit 1 with a message, nothing changed', async () => {
    const noText = await runPlanbench(['comment', 'add', plan, '--sheet', '重点工程', '--row', '1']);
    assert.equal(noText.code, 2);
    assert.match(noText.stderr, /comment add 需要 --text/);
    assert.equal((await runPlanbench(['comment', 'edit', plan, '--sheet', '重点工程'])).code, 2);
    const noRow = await runPlanbench(['comment', 'add', plan, '--sheet', '重点工程', '--row', '999', '--text', '注']);
    assert.equal(noRow.code, 1);
    assert.match(noRow.stderr, /没有序号为“999”的行/);
    const none = await runPlanbench(['comment', 'delete', plan, '--sheet', '重点工程', '--row', '1']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /此处没有批注/);
    assert.equal((await list()).comments.length, 1);
  });
});
