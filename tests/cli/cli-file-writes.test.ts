import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPlanbench, tempDir } from '../helpers';

/**
 * Commands that write files: a target that cannot be written (a folder that cannot be made, a
 * full disk) fails with a clear message and exit 1, leaves no temporary file, and leaves the
 * plan byte-identical — nothing is recorded before the files are in place.
 */

function hashOf(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file of the plan (with any -wal/-shm beside it), so "nothing changed" covers them all. */
function planState(plan: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of fs.readdirSync(path.dirname(plan))) {
    if (name.startsWith(path.basename(plan))) state[name] = hashOf(path.join(path.dirname(plan), name));
  }
  return state;
}

/**
 * A real full disk: a tiny tmpfs. Mounting needs root (CI runs as root); elsewhere the full-disk
 * tests are skipped with that reason.
 */
function mountTinyDisk(dir: string): { mounted: true } | { mounted: false; reason: string } {
  fs.mkdirSync(dir, { recursive: true });
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=32k', 'tmpfs', dir], { encoding: 'utf8' });
  if (result.status === 0) return { mounted: true };
  return {
    mounted: false,
    reason: `cannot mount a small tmpfs to fill (needs root): ${(result.stderr || String(result.error)).trim()}`,
  };
}

describe('CLI commands that write files, when the target cannot be written', () => {
  const { dir, cleanup } = tempDir();
  const plan = path.join(dir, 'sample.planbench');
  const full = path.join(dir, 'full');
  let disk: ReturnType<typeof mountTinyDisk> = { mounted: false, reason: 'not mounted yet' };

  before(async () => {
    const created = await runPlanbench(['new', plan, '--sample']);
    assert.equal(created.code, 0, created.stderr);
    disk = mountTinyDisk(full);
  });
  after(() => {
    if (disk.mounted) spawnSync('umount', [full]);
    cleanup();
  });

  const assertNoTrace = (stderr: string) => {
    assert.doesNotMatch(stderr, /内部错误|internal error|\n\s+at /, 'a message, not a stack trace');
  };

  test('sendout --out a folder that cannot be created: exit 1, the plan byte-identical, no batch recorded', async () => {
    const blocker = path.join(dir, 'not-a-folder.txt');
    fs.writeFileSync(blocker, 'a file where a folder was expected');
    const before = planState(plan);
    const result = await runPlanbench(['sendout', plan, '--sheet', '重点工程', '--out', path.join(blocker, 'out')]);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(planState(plan), before, 'the plan files are byte-identical');
    assert.match(result.stderr, /无法写入.*所在文件夹不存在/);
    assert.match(result.stderr, /cannot write/);
    assertNoTrace(result.stderr);

    // The same send-out to a folder that can be made works, and only then is the batch recorded.
    const out = path.join(dir, 'sent');
    const done = await runPlanbench(['sendout', plan, '--sheet', '重点工程', '--out', out, '--json']);
    assert.equal(done.code, 0, done.stderr);
    const files = (JSON.parse(done.stdout) as { files: { file: string }[] }).files;
    assert.ok(files.length > 1);
    for (const file of files) assert.ok(fs.existsSync(file.file), file.file);
    assert.notDeepEqual(planState(plan), before, 'a successful send-out is recorded');
  });

  test('sendout to a full disk: 磁盘已满, exit 1, no file or temporary file left, the plan byte-identical', async (t) => {
    if (!disk.mounted) return t.skip(disk.reason);
    const before = planState(plan);
    const out = path.join(full, 'sendout');
    const result = await runPlanbench(['sendout', plan, '--sheet', '重点工程', '--out', out]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /磁盘已满/);
    assert.match(result.stderr, /disk full/);
    assertNoTrace(result.stderr);
    assert.deepEqual(fs.readdirSync(full), [], 'no workbook, temporary file or created folder is left');
    assert.deepEqual(planState(plan), before, 'the plan files are byte-identical');
  });

  test('export to a full disk: 磁盘已满, exit 1, no OUT.xlsx and no temporary file left', async (t) => {
    if (!disk.mounted) return t.skip(disk.reason);
    const before = planState(plan);
    for (const args of [[], ['--json']]) {
      const result = await runPlanbench(['export', plan, path.join(full, 'out.xlsx'), ...args]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /磁盘已满，无法写入.*out\.xlsx/);
      assert.match(result.stderr, /disk full/);
      assertNoTrace(result.stderr);
      assert.deepEqual(fs.readdirSync(full), [], 'neither out.xlsx nor out.xlsx.<pid>.tmp is left');
      if (args.length) assert.equal((JSON.parse(result.stdout) as { ok: boolean }).ok, false);
    }
    assert.deepEqual(planState(plan), before);
  });
});
