import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapStoreError } from '../../../electron/core/store/storeErrors';
import { PlanbenchError } from '../../../shared/contract/errors';

/** SQLite's codes as better-sqlite3 reports them (SqliteError.code), to the errors people see. */
function sqliteError(code: string): Error {
  return Object.assign(new Error(`sqlite says ${code}`), { code });
}

test('each failure of the plan file gets its code and a message in Chinese and English naming the file', () => {
  const cases: [string, string, RegExp][] = [
    ['SQLITE_FULL', 'disk_full', /磁盘已满/],
    ['SQLITE_IOERR_WRITE', 'io_error', /磁盘已满或存储设备出错/],
    ['SQLITE_IOERR_FSYNC', 'io_error', /磁盘已满或存储设备出错/],
    ['SQLITE_IOERR_SHMSIZE', 'io_error', /磁盘已满或存储设备出错/],
    ['SQLITE_IOERR_READ', 'io_error', /存储设备或网络故障/],
    ['SQLITE_CORRUPT', 'damaged', /已损坏.*可从备份恢复/],
    ['SQLITE_CORRUPT_INDEX', 'damaged', /已损坏/],
    ['SQLITE_NOTADB', 'damaged', /已损坏/],
    ['SQLITE_READONLY', 'read_only', /只读/],
    ['SQLITE_READONLY_DIRECTORY', 'read_only', /只读/],
    ['SQLITE_BUSY', 'busy', /另一程序正在写入此计划.*没有保存/],
    ['SQLITE_BUSY_SNAPSHOT', 'busy', /另一程序正在写入此计划/],
    ['SQLITE_CANTOPEN', 'io_error', /无法打开/],
  ];
  for (const [code, expected, zh] of cases) {
    const mapped = mapStoreError(sqliteError(code), '/plans/a.planbench');
    assert.ok(mapped instanceof PlanbenchError, code);
    assert.equal(mapped.body.code, expected, code);
    assert.match(mapped.body.messageZh, zh, code);
    assert.ok(
      mapped.body.messageEn.length > 0 && !/[\u4e00-\u9fff]/.test(mapped.body.messageEn),
      `${code}: English too`,
    );
    assert.equal(mapped.body.where?.file, '/plans/a.planbench', code);
  }
});

test('anything else is not a file failure and stays what it is', () => {
  assert.equal(mapStoreError(new TypeError('a bug')), null);
  assert.equal(
    mapStoreError(sqliteError('SQLITE_CONSTRAINT_UNIQUE')),
    null,
    'a broken rule of the schema is not the file’s fault',
  );
  assert.equal(
    mapStoreError(Object.assign(new Error('no space'), { code: 'ENOSPC' })),
    null,
    'file-system errors are mapped where files are written',
  );
  assert.equal(mapStoreError('SQLITE_FULL'), null);
});
