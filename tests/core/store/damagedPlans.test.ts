import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { dispatch } from '../../../electron/core/api/dispatch';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import { PlanStore } from '../../../electron/core/store/planStore';
import { CURRENT_SCHEMA_VERSION } from '../../../electron/core/store/schema';
import { PlanbenchError } from '../../../shared/contract/errors';
import { strayFiles } from '../../fileSystems';
import { runPlanbench, tempDir } from '../../helpers';

/**
 * Files given as plans that are not whole plans: each is refused with a message that names the
 * problem in Chinese and English, exit 1 from the CLI (never "内部错误" and a stack trace), and
 * the file is left byte for byte as it was, with no -wal or -shm beside it.
 */

interface BadFile {
  label: string;
  file: string;
  code: 'damaged' | 'not_a_plan' | 'newer_version';
  zh: RegExp;
  en: RegExp;
}

const DAMAGED = { code: 'damaged', zh: /已损坏.*可从备份恢复/, en: /damaged.*backup/ } as const;
const NOT_A_PLAN = { code: 'not_a_plan', zh: /不是规划工作台的规划文件/, en: /not a Planbench plan/ } as const;

describe('damaged files and files that are not plans', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);
  const sample = path.join(dir, 'sample.planbench');
  const bad: BadFile[] = [];
  let pageSize = 0;

  const write = (name: string, bytes: Buffer | string, expected: Omit<BadFile, 'label' | 'file'>) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    bad.push({ label: name, file, ...expected });
  };

  before(async () => {
    createSamplePlan(sample).close();
    const plan = fs.readFileSync(sample);
    pageSize = plan.readUInt16BE(16);
    const pages = plan.length / pageSize;

    // Truncated copies: a download or a copy to a USB stick cut short, at a page boundary or not.
    write('truncated-half.planbench', plan.subarray(0, Math.floor(pages / 2) * pageSize), DAMAGED);
    write('truncated-odd.planbench', plan.subarray(0, Math.floor(plan.length / 3) + 123), DAMAGED);
    write('truncated-header.planbench', plan.subarray(0, 60), DAMAGED);
    write('truncated-magic.planbench', plan.subarray(0, 9), DAMAGED);
    write('empty.planbench', Buffer.alloc(0), { ...DAMAGED, zh: /已损坏（文件是空的/ });
    write('text.planbench', '序号,项目名称,投资匡算\n1,城市轨道交通,120000\n', NOT_A_PLAN);
    write(
      'random.planbench',
      crypto.createHash('sha512').update('planbench').digest().toString('hex').repeat(64),
      NOT_A_PLAN,
    );

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('重点工程').addRow(['序号', '项目名称']);
    write('workbook.planbench', Buffer.from(await workbook.xlsx.writeBuffer()), {
      ...NOT_A_PLAN,
      zh: /Excel 工作簿/,
      en: /Excel workbook/,
    });

    const otherDb = path.join(dir, 'other.sqlite');
    const db = new Database(otherDb);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    bad.push({ label: 'other.sqlite', file: otherDb, ...NOT_A_PLAN, zh: /SQLite 数据库，但不是规划文件/ });

    const future = path.join(dir, 'future.planbench');
    fs.copyFileSync(sample, future);
    const newer = new Database(future);
    newer.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`);
    newer.close();
    bad.push({
      label: 'future.planbench',
      file: future,
      code: 'newer_version',
      zh: /由较新版本.*创建/,
      en: /newer Planbench/,
    });
  });

  test('opening each is refused with its own code and message, the file untouched', () => {
    for (const { label, file, code, zh, en } of bad) {
      const bytes = fs.readFileSync(file);
      let caught: unknown = null;
      try {
        PlanStore.open(file).close();
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof PlanbenchError, `${label}: expected a PlanbenchError, got ${String(caught)}`);
      assert.equal(caught.body.code, code, label);
      assert.match(caught.body.messageZh, zh, label);
      assert.match(caught.body.messageEn, en, label);
      assert.equal(caught.body.where?.file, file, `${label}: the message names the file`);
      assert.deepEqual(fs.readFileSync(file), bytes, `${label}: bytes unchanged`);
      assert.deepEqual(strayFiles(file), [], `${label}: nothing left beside it`);
    }
  });

  test('an SQLite database with changes still in its -wal that is not a plan is refused, its files untouched', () => {
    // Copied while another program had it open: the header alone cannot be trusted.
    const live = path.join(dir, 'live.sqlite');
    const db = new Database(live);
    db.pragma('journal_mode = WAL');
    db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('未检查点的内容')");
    const copy = path.join(dir, 'copied-live.planbench');
    for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(live + suffix, copy + suffix);
    db.close();
    // The file and its -wal hold the data; the -shm is only an index every reader rebuilds.
    const files = ['', '-wal'].map((suffix) => fs.readFileSync(copy + suffix));
    assert.ok(files[1]!.length > 0, 'the copy has a -wal with changes in it');
    let caught: unknown = null;
    try {
      PlanStore.open(copy).close();
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof PlanbenchError, String(caught));
    assert.equal(caught.body.code, 'not_a_plan');
    assert.deepEqual(
      ['', '-wal'].map((suffix) => fs.readFileSync(copy + suffix)),
      files,
      'no checkpoint, no change',
    );
  });

  test('the CLI exits 1 with the message in Chinese and English, never an internal error', async () => {
    for (const { label, file, zh, en } of bad) {
      const bytes = fs.readFileSync(file);
      const result = await runPlanbench(['summary', file]);
      assert.equal(result.code, 1, `${label}: ${result.stderr}`);
      assert.match(result.stderr, zh, label);
      assert.match(result.stderr, en, label);
      assert.doesNotMatch(result.stderr, /内部错误|internal error|\bat .*\.ts:\d+/, label);
      assert.equal(result.stdout, '', label);
      assert.deepEqual(fs.readFileSync(file), bytes, `${label}: bytes unchanged`);
      assert.deepEqual(strayFiles(file), [], `${label}: nothing left beside it`);
    }
  });

  test('the browser edition does not start on a damaged plan: exit 1 with the message', async () => {
    for (const { label, file, zh } of bad.filter(
      ({ label }) => label === 'truncated-half.planbench' || label === 'workbook.planbench',
    )) {
      const result = await runPlanbench(['serve', file]);
      assert.equal(result.code, 1, `${label}: ${result.stderr}`);
      assert.match(result.stderr, zh, label);
      assert.doesNotMatch(result.stderr, /内部错误|internal error/, label);
    }
  });

  test('damage found only while reading (the header intact) comes out of the API and CLI as "damaged"', async () => {
    // The second half of the file overwritten with zeros: the header, sizes and schema still
    // look right, so the plan opens, and the broken pages are met by the first read of them.
    const file = path.join(dir, 'zeroed.planbench');
    const plan = fs.readFileSync(sample);
    plan.fill(0, Math.floor(plan.length / pageSize / 2) * pageSize);
    fs.writeFileSync(file, plan);

    const store = PlanStore.open(file);
    try {
      const response = await dispatch({ store, edition: 'cli' }, 'plan.summary', {});
      assert.equal(response.ok, false);
      assert.equal(response.ok ? null : response.error.code, 'damaged');
      assert.match(response.ok ? '' : response.error.messageZh, /已损坏.*可从备份恢复/);
    } finally {
      store.close();
    }
    assert.deepEqual(fs.readFileSync(file), plan);

    for (const args of [
      ['summary', file],
      ['check', file],
      ['export', file, path.join(dir, 'out.xlsx')],
    ]) {
      const result = await runPlanbench(args);
      assert.equal(result.code, 1, `${args[0]}: ${result.stderr}`);
      assert.match(result.stderr, /规划文件已损坏，可从备份恢复/, args[0]);
      assert.match(result.stderr, /the plan file is damaged/, args[0]);
      assert.doesNotMatch(result.stderr, /内部错误|internal error/, args[0]);
    }
    assert.deepEqual(fs.readFileSync(file), plan, 'the damaged plan is left exactly as it was');
    assert.deepEqual(strayFiles(file), []);
    assert.ok(!fs.existsSync(path.join(dir, 'out.xlsx')));
  });
});
