/**
 * Promises of the send-out stamp (electron/core/exchange/stamp.ts): its checksums change with every
 * part of what identifies a file and its rows, and a damaged stamp is refused with the reason.
 * (The round trip through real workbooks is in promises-exchange.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Stamp } from '../../../electron/core/exchange/stamp';
import {
  fileFingerprint,
  readStamp,
  rowFingerprint,
  STAMP_MAGIC,
  STAMP_VERSION,
  StampError,
} from '../../../electron/core/exchange/stamp';

const DEPARTMENT = '市住房和城乡建设局';

describe('promise: the stamp identifies exactly what was sent', () => {
  const base: Stamp = {
    planId: 'plan-1',
    planTitle: '规划',
    sheetId: 3,
    sheetName: '重点工程',
    batchId: 'batch-1',
    fileId: 'file-1',
    department: DEPARTMENT,
    createdAt: '2024-07-01T00:00:00.000Z',
    dataSheet: '填报',
    headerRow: 3,
    firstDataRow: 4,
    columns: [
      {
        key: 'name',
        header: '项目名称',
        role: 'identifying',
        type: 'text',
        target: { kind: 'column', columnKey: 'name' },
      },
      {
        key: 'progress',
        header: '进展情况',
        role: 'fill',
        type: 'longText',
        target: { kind: 'standard', id: 'progress' },
      },
    ] as Stamp['columns'],
    rows: [
      { rowId: 7, fingerprint: rowFingerprint(7, ['项目甲', '']) },
      { rowId: 9, fingerprint: rowFingerprint(9, ['项目乙', '']) },
    ],
    fingerprint: '',
  };

  test('the file checksum changes with every part of what identifies the file', () => {
    const print = fileFingerprint(base);
    assert.match(print, /^[0-9a-f]{32}$/);
    assert.equal(fileFingerprint({ ...base }), print, 'the same stamp has the same checksum');
    const changes: Partial<Stamp>[] = [
      { planId: 'plan-2' },
      { batchId: 'batch-2' },
      { fileId: 'file-2' },
      { department: '市生态环境局' },
      { sheetId: 4 },
      { columns: base.columns.slice(0, 1) },
      { columns: base.columns.map((column) => ({ ...column, key: `${column.key}x` })) },
      { columns: base.columns.map((column) => ({ ...column, role: 'identifying' as const })) },
      {
        columns: base.columns.map((column) => ({ ...column, target: { kind: 'column' as const, columnKey: 'other' } })),
      },
      { rows: base.rows.slice(1) },
      { rows: base.rows.map((row) => ({ ...row, rowId: row.rowId + 1 })) },
      { rows: [...base.rows].reverse() },
      { rows: base.rows.map((row) => ({ ...row, fingerprint: rowFingerprint(row.rowId, ['改过']) })) },
    ];
    for (const change of changes)
      assert.notEqual(fileFingerprint({ ...base, ...change }), print, Object.keys(change).join());
  });

  test('a row checksum changes with the row id and with any text', () => {
    const print = rowFingerprint(7, ['项目甲', '']);
    assert.match(print, /^[0-9a-f]{16}$/);
    assert.notEqual(rowFingerprint(8, ['项目甲', '']), print);
    assert.notEqual(rowFingerprint(7, ['项目甲 ', '']), print);
    assert.notEqual(rowFingerprint(7, ['', '项目甲']), print);
  });

  test('a stamp reads back field by field; a damaged one is refused with the reason', () => {
    const stamp = { ...base, fingerprint: fileFingerprint(base) };
    const lines = [
      [STAMP_MAGIC, STAMP_VERSION],
      ['规划标识', stamp.planId],
      ['规划名称', stamp.planTitle],
      ['工作表', stamp.sheetName, String(stamp.sheetId)],
      ['下发批次', stamp.batchId],
      ['文件标识', stamp.fileId],
      ['填报单位', stamp.department],
      ['下发时间', stamp.createdAt],
      ['数据工作表', stamp.dataSheet],
      ['表头行/首个数据行', String(stamp.headerRow), String(stamp.firstDataRow)],
      ['列定义', JSON.stringify(stamp.columns)],
      ['校验码', stamp.fingerprint],
      ['行标识', '行校验码'],
      ...stamp.rows.map((row) => [String(row.rowId), row.fingerprint]),
    ];
    assert.deepEqual(readStamp(lines), stamp);
    assert.equal(readStamp([['其他', '1']]), null, 'a sheet that is no stamp');
    assert.equal(readStamp([]), null);
    const damaged = (index: number, row: string[]) => lines.map((line, at) => (at === index ? row : line));
    assert.throws(() => readStamp(damaged(0, [STAMP_MAGIC, '9'])), /unsupported stamp version 9/);
    assert.throws(() => readStamp(damaged(6, ['填报单位', ''])), /stamp field 填报单位 is missing/);
    assert.throws(() => readStamp(damaged(9, ['表头行/首个数据行', 'x', '4'])), /表头行\/首个数据行 is not a number/);
    assert.throws(() => readStamp(damaged(3, ['工作表', '重点工程', '3a'])), StampError);
    assert.throws(() => readStamp(damaged(10, ['列定义', '{broken'])), /stamp column list is damaged/);
    assert.throws(() => readStamp(damaged(13, ['7', 'XYZ'])), /stamp row list is damaged/);
    assert.throws(() => readStamp(damaged(13, ['x7', stamp.rows[0]!.fingerprint])), /stamp row list is damaged/);
    assert.throws(() => readStamp(lines.slice(0, 12)), /stamp row list is missing/);
  });
});
