import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { PlanbenchError } from '../../../shared/contract/errors';
import { MIGRATIONS, PLAN_APPLICATION_ID, CURRENT_SCHEMA_VERSION } from '../../../electron/core/store/schema';
import type { SheetInit } from '../../../electron/core/store/planStore';
import { PlanStore } from '../../../electron/core/store/planStore';
import { REPO_ROOT, tempDir } from '../../helpers';

const PROJECTS: SheetInit = {
  name: '重点工程',
  kind: 'projects',
  columns: [
    { key: 'seq', name: '序号', type: 'number', role: 'seq' },
    { key: 'category', name: '大类', type: 'text', role: 'category' },
    { key: 'name', name: '项目名称', type: 'text', role: 'name' },
    { key: 'investment', name: '投资匡算', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
    { key: 'units', name: '责任主体', type: 'departmentList', role: 'responsibleUnits' },
  ],
};

function errorCode(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof PlanbenchError, `expected a PlanbenchError, got ${String(error)}`);
    return error.body.code;
  }
  assert.fail('expected an error');
}

describe('plan store', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('create, write, close and reopen a real file', () => {
    const file = path.join(dir, 'roundtrip.planbench');
    const store = PlanStore.create(file, { title: '测试规划', periodStart: 2021, periodEnd: 2030 });
    store.addDepartments([{ name: '市自然资源和规划局', shortName: '市资规局', aliases: ['自然资源和规划局'] }]);
    const sheetId = store.createSheet(PROJECTS);
    store.insertRows(
      sheetId,
      [
        { cells: { seq: '1', category: '生态安全类', name: '甲', investment: '4600', units: '市资规局、未登记单位' } },
        { cells: { seq: '2', category: '生态安全类', name: '乙', investment: '/' } },
      ],
      { source: 'system', label: '测试' },
    );
    store.close();
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => name.startsWith('roundtrip')),
      ['roundtrip.planbench'],
      'a closed plan is one file: the WAL is checkpointed and removed',
    );

    const reopened = PlanStore.open(file);
    try {
      assert.equal(reopened.getMeta().title, '测试规划');
      assert.equal(reopened.getMeta().periodEnd, 2030);
      const { total, rows } = reopened.listRows(sheetId, 0, 10);
      assert.equal(total, 2);
      assert.deepEqual(rows[0]?.cells.investment, { text: '4600', value: '4600' });
      assert.deepEqual(rows[0]?.cells.units, { text: '市资规局、未登记单位', value: ['市自然资源和规划局'] });
      assert.deepEqual(rows[1]?.cells.investment, { text: '/', value: null });
      assert.equal(reopened.history(10).length, 1, 'the insert is one logged action');
    } finally {
      reopened.close();
    }
  });

  test('money is exact: amounts that defeat binary floats sum exactly', () => {
    const store = PlanStore.create(path.join(dir, 'exact.planbench'));
    try {
      const sheetId = store.createSheet(PROJECTS);
      // 0.1 + 0.2 in floats is 0.30000000000000004; here it must be 0.3.
      store.insertRows(sheetId, [{ cells: { investment: '0.1' } }, { cells: { investment: '0.2' } }], {
        source: 'system',
      });
      assert.equal(store.totals(sheetId)[0]?.sum, '0.3');
      // Ten thousand cents-level amounts: float accumulation drifts, integer 分 does not.
      const many = Array.from({ length: 10_000 }, () => ({ cells: { investment: '0.01' } }));
      store.insertRows(sheetId, many, { source: 'system' });
      assert.equal(store.totals(sheetId)[0]?.sum, '100.3');
      assert.equal(0.1 + 0.2 === 0.3, false, 'the float trap is real on this machine');
    } finally {
      store.close();
    }
  });

  test('unknown ("/") is counted apart from 0', () => {
    const store = PlanStore.create(path.join(dir, 'unknown.planbench'));
    try {
      const sheetId = store.createSheet(PROJECTS);
      store.insertRows(
        sheetId,
        [
          { cells: { investment: '0' } },
          { cells: { investment: '/' } },
          { cells: { investment: '' } },
          { cells: { investment: '12.5' } },
        ],
        { source: 'system' },
      );
      const [total] = store.totals(sheetId);
      assert.equal(total?.sum, '12.5');
      assert.equal(total?.known, 2, '0 is a known amount');
      assert.equal(total?.unknown, 2, '"/" and blank are unknown');
    } finally {
      store.close();
    }
  });

  test('a cell update is logged old → new, and a refused value changes nothing', () => {
    const store = PlanStore.create(path.join(dir, 'update.planbench'));
    try {
      const sheetId = store.createSheet(PROJECTS);
      const { rowIds } = store.insertRows(sheetId, [{ cells: { investment: '100' } }], { source: 'system' });
      const rowId = rowIds[0]!;
      const { cell } = store.updateCell(sheetId, rowId, 'investment', '1.2亿', { source: 'user' });
      assert.deepEqual(cell, { text: '1.2亿', value: '12000' });
      const [latest] = store.history(1);
      assert.equal(latest?.source, 'user');
      assert.deepEqual(latest?.changes[0]?.before, { text: '100', value: '100' });
      assert.deepEqual(latest?.changes[0]?.after, { text: '1.2亿', value: '12000' });

      const actions = store.history(100).length;
      assert.equal(
        errorCode(() => store.updateCell(sheetId, rowId, 'investment', 'abc', { source: 'user' })),
        'invalid_value',
      );
      assert.equal(store.history(100).length, actions, 'no action logged for a refused value');
      assert.deepEqual(store.listRows(sheetId, 0, 1).rows[0]?.cells.investment, { text: '1.2亿', value: '12000' });
    } finally {
      store.close();
    }
  });

  test('an import batch with one bad cell writes nothing at all', () => {
    const store = PlanStore.create(path.join(dir, 'atomic.planbench'));
    try {
      const sheetId = store.createSheet(PROJECTS);
      let caught: PlanbenchError | null = null;
      try {
        store.insertRows(sheetId, [{ cells: { investment: '1' } }, { cells: { investment: '两千' } }], {
          source: 'import',
        });
      } catch (error) {
        caught = error as PlanbenchError;
      }
      assert.equal(caught?.body.code, 'invalid_value');
      assert.equal(caught?.body.where?.row, 2);
      assert.equal(caught?.body.where?.column, '投资匡算');
      assert.equal(store.rowCount(sheetId), 0);
      assert.equal(store.history(10).length, 0);
    } finally {
      store.close();
    }
  });

  test('a plan written at schema version 1 opens and is migrated, its data intact', () => {
    const file = path.join(dir, 'v1.planbench');
    const v1 = new Database(file);
    v1.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
    v1.exec(MIGRATIONS[0]!.sql);
    v1.pragma('user_version = 1');
    v1.prepare("INSERT INTO plan_meta (key, value) VALUES ('title', ?)").run(JSON.stringify('旧版规划'));
    v1.prepare("INSERT INTO sheets (id, name, kind, position) VALUES (1, '旧表', 'projects', 0)").run();
    v1.prepare(
      `INSERT INTO columns (id, sheet_id, key, name, type, role, position, settings)
       VALUES (1, 1, 'investment', '投资', 'money', 'investment', 0, '{"moneyUnit":"万元"}')`,
    ).run();
    v1.prepare('INSERT INTO rows (id, sheet_id, position) VALUES (1, 1, 1)').run();
    v1.prepare("INSERT INTO cells (row_id, column_id, text, num) VALUES (1, 1, '3309473.59', 3309473590000)").run();
    v1.close();

    const store = PlanStore.open(file);
    try {
      assert.equal(store.schemaVersion, CURRENT_SCHEMA_VERSION);
      assert.equal(store.getMeta().title, '旧版规划');
      assert.equal(store.totals(1)[0]?.sum, '3309473.59');
      store.updateCell(1, 1, 'investment', '1', { source: 'user' });
      assert.equal(store.history(5).length, 1, 'the migrated plan has a working change log');
    } finally {
      store.close();
    }
  });

  test('a file that is not a plan is refused and left untouched', () => {
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, '这不是规划文件');
    assert.equal(
      errorCode(() => PlanStore.open(text)),
      'not_a_plan',
    );
    assert.equal(fs.readFileSync(text, 'utf8'), '这不是规划文件');

    const otherDb = path.join(dir, 'other.sqlite');
    const db = new Database(otherDb);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const bytes = fs.readFileSync(otherDb);
    assert.equal(
      errorCode(() => PlanStore.open(otherDb)),
      'not_a_plan',
    );
    assert.deepEqual(fs.readFileSync(otherDb), bytes);
    assert.ok(!fs.existsSync(otherDb + '-wal'));

    assert.equal(
      errorCode(() => PlanStore.open(path.join(dir, 'missing.planbench'))),
      'not_found',
    );
  });

  test('a plan from a newer version is refused and left untouched', () => {
    const file = path.join(dir, 'future.planbench');
    PlanStore.create(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${CURRENT_SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = fs.readFileSync(file);
    let caught: PlanbenchError | null = null;
    try {
      PlanStore.open(file);
    } catch (error) {
      caught = error as PlanbenchError;
    }
    assert.equal(caught?.body.code, 'newer_version');
    assert.match(caught?.body.messageZh ?? '', /较新版本/);
    assert.deepEqual(fs.readFileSync(file), bytes);
  });

  test('create refuses to overwrite an existing file', () => {
    const file = path.join(dir, 'exists.planbench');
    fs.writeFileSync(file, 'keep me');
    assert.equal(
      errorCode(() => PlanStore.create(file)),
      'file_exists',
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'keep me');
  });
});

describe('durability', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('an edit acknowledged just before the process is killed is in the file', () => {
    const file = path.join(dir, 'killed.planbench');
    const store = PlanStore.create(file);
    const sheetId = store.createSheet(PROJECTS);
    const { rowIds } = store.insertRows(sheetId, [{ cells: { investment: '1' } }], { source: 'system' });
    store.close();

    // A child process edits, prints that it saved, then dies by SIGKILL without closing.
    const script = `
      import { PlanStore } from ${JSON.stringify(path.join(REPO_ROOT, 'electron/core/store/planStore.ts'))};
      const store = PlanStore.open(${JSON.stringify(file)});
      store.updateCell(${sheetId}, ${rowIds[0]}, 'investment', '2468.01', { source: 'user' });
      process.stdout.write('saved\\n');
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    assert.equal(child.signal, 'SIGKILL');
    assert.equal(child.stdout.trim(), 'saved', child.stderr);

    const reopened = PlanStore.open(file);
    try {
      assert.deepEqual(reopened.listRows(sheetId, 0, 1).rows[0]?.cells.investment, {
        text: '2468.01',
        value: '2468.01',
      });
      assert.equal(reopened.history(1)[0]?.changes[0]?.kind, 'cell');
    } finally {
      reopened.close();
    }
  });
});
