/**
 * Promises of reading a returned workbook's stamp (electron/core/exchange/stamp.ts, readStamp): every
 * field reads back whole — numbers of any length, a missing title as empty — and a damaged stamp
 * is refused with the field that is wrong, never read as something else.
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
} from '../../../electron/core/exchange/stamp';

const base: Stamp = {
  planId: 'plan-1',
  planTitle: '规划',
  sheetId: 123,
  sheetName: '重点工程',
  batchId: 'batch-1',
  fileId: 'file-1',
  department: '市住房和城乡建设局',
  createdAt: '2024-07-01T00:00:00.000Z',
  dataSheet: '填报',
  headerRow: 12,
  firstDataRow: 13,
  columns: [
    {
      key: 'name',
      header: '项目名称',
      role: 'identifying',
      type: 'text',
      target: { kind: 'column', columnKey: 'name' },
    },
  ],
  rows: [{ rowId: 1024, fingerprint: rowFingerprint(1024, ['项目甲']) }],
  fingerprint: '',
};
const stamp = { ...base, fingerprint: fileFingerprint(base) };

function lines(from: Stamp = stamp): string[][] {
  return [
    [STAMP_MAGIC, STAMP_VERSION],
    ['规划标识', from.planId],
    ['规划名称', from.planTitle],
    ['工作表', from.sheetName, String(from.sheetId)],
    ['下发批次', from.batchId],
    ['文件标识', from.fileId],
    ['填报单位', from.department],
    ['下发时间', from.createdAt],
    ['数据工作表', from.dataSheet],
    ['表头行/首个数据行', String(from.headerRow), String(from.firstDataRow)],
    ['列定义', JSON.stringify(from.columns)],
    ['校验码', from.fingerprint],
    ['行标识', '行校验码'],
    ...from.rows.map((row) => [String(row.rowId), row.fingerprint]),
  ];
}

const without = (label: string) => lines().filter((line) => line[0] !== label);
const replaced = (label: string, line: string[]) => lines().map((old) => (old[0] === label ? line : old));

describe('promise: a stamp reads back whole, or is refused naming what is wrong', () => {
  test('numbers of several digits read back whole', () => {
    assert.deepEqual(readStamp(lines()), stamp);
  });

  test('a stamp without a title reads with an empty title; other fields are required', () => {
    assert.equal(readStamp(without('规划名称'))!.planTitle, '');
    assert.throws(() => readStamp(without('列定义')), { message: 'stamp field 列定义 is missing' });
    assert.throws(() => readStamp(without('规划标识')), { message: 'stamp field 规划标识 is missing' });
    assert.throws(() => readStamp(replaced('工作表', ['工作表', '重点工程'])), {
      message: 'stamp field 工作表 is missing',
    });
  });

  test('a stamp without a version names none; another version is named', () => {
    assert.throws(() => readStamp([[STAMP_MAGIC], ...lines().slice(1)]), { message: 'unsupported stamp version ' });
    assert.throws(() => readStamp([[STAMP_MAGIC, '2'], ...lines().slice(1)]), {
      message: 'unsupported stamp version 2',
    });
  });

  test('a number with anything after its digits is not a number', () => {
    assert.throws(() => readStamp(replaced('表头行/首个数据行', ['表头行/首个数据行', '12', '13行'])), {
      message: 'stamp field 表头行/首个数据行 is not a number',
    });
    assert.throws(() => readStamp(replaced('工作表', ['工作表', '重点工程', '1e3'])), {
      message: 'stamp field 工作表 is not a number',
    });
  });

  test('a row id or row checksum with anything more is a damaged row list', () => {
    const fingerprint = stamp.rows[0]!.fingerprint;
    const rows = (row: string[]) => [...lines().slice(0, -1), row];
    assert.throws(() => readStamp(rows(['1024x', fingerprint])), { message: 'stamp row list is damaged' });
    assert.throws(() => readStamp(rows(['1024', `${fingerprint}0`])), { message: 'stamp row list is damaged' });
    assert.throws(() => readStamp(rows(['1024', fingerprint.toUpperCase()])), { message: 'stamp row list is damaged' });
    assert.throws(() => readStamp(rows([])), { message: 'stamp row list is damaged' });
    assert.deepEqual(readStamp(rows(['1024', fingerprint, '多余'])), stamp, 'a cell after the checksum is ignored');
  });

  test('fields after the row list header are rows, not fields', () => {
    const shifted = [...lines().filter((line) => line[0] !== '校验码'), ['校验码', stamp.fingerprint]];
    assert.throws(() => readStamp(shifted), { message: 'stamp row list is damaged' });
    const unlabelled = [...lines().slice(0, 2), [], ...lines().slice(2)];
    assert.deepEqual(readStamp(unlabelled as string[][]), stamp, 'an empty row among the fields is skipped');
  });
});
