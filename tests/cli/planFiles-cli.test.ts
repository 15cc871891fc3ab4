import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPlanbench, tempDir } from '../helpers';

/** `planbench meta`, `planbench backup` and `planbench saveas` as a user runs them. */
describe('plan details, backups and copies on the command line', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'plan.planbench');

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
  });
  after(cleanup);

  test('meta shows and edits the details; a bad value exits 1 and changes nothing', async () => {
    const edited = await runPlanbench([
      'meta',
      plan,
      '--issuer',
      '常州市人民政府',
      '--doc-number',
      '常政发〔2021〕12号',
      '--period',
      '2021-2030',
    ]);
    assert.equal(edited.code, 0, edited.stderr);
    assert.match(edited.stdout, /已修改规划信息（可撤销）/);
    assert.match(edited.stdout, /文号\t常政发〔2021〕12号/);
    const bad = await runPlanbench(['meta', plan, '--period', '2030-2021', '--title', '新名称']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /结束年 2021 早于起始年 2030/);
    assert.match(bad.stderr, /before the first year/);
    const shown = await runPlanbench(['meta', plan, '--json']);
    const { meta } = JSON.parse(shown.stdout) as { meta: { title: string; periodStart: number; issuer: string } };
    assert.equal(meta.periodStart, 2021);
    assert.equal(meta.issuer, '常州市人民政府');
    assert.notEqual(meta.title, '新名称');
    assert.equal((await runPlanbench(['meta', plan, '--unit', '千元'])).code, 1);
  });

  test('an import leaves a backup that backup list shows and backup restore brings back; saveas copies', async () => {
    const csv = path.join(dir, 'more.csv');
    fs.writeFileSync(csv, '序号,项目名称,投资匡算（万元）\n89,追加一,1\n');
    const rowsBefore = (await runPlanbench(['rows', plan, '--sheet', '重点工程', '--csv'])).stdout;
    assert.equal((await runPlanbench(['import', plan, csv, '--into', '重点工程'])).code, 0);
    const listed = await runPlanbench(['backup', 'list', plan, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const { backups } = JSON.parse(listed.stdout) as { backups: { name: string; reason: string }[] };
    assert.equal(backups.length, 1);
    assert.equal(backups[0]!.reason, 'import');
    assert.match((await runPlanbench(['backup', 'list', plan])).stdout, /导入前/);
    const restored = await runPlanbench(['backup', 'restore', plan, '--name', backups[0]!.name]);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /已将规划恢复为备份/);
    assert.equal((await runPlanbench(['rows', plan, '--sheet', '重点工程', '--csv'])).stdout, rowsBefore);
    assert.equal((await runPlanbench(['backup', 'restore', plan])).code, 2, 'no --name: wrong usage');

    const copy = path.join(dir, 'copy.planbench');
    const saved = await runPlanbench(['saveas', plan, copy]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal((await runPlanbench(['rows', copy, '--sheet', '重点工程', '--csv'])).stdout, rowsBefore);
  });
});
