/**
 * Promises of export (electron/core/export/cells.ts, protection.ts): text that a spreadsheet would
 * run as a formula is written as literal, quote-prefixed text; numbers keep every digit; dates
 * are real dates; protection hashes verify only the right password.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dispatch } from '../../../electron/core/api/dispatch';
import {
  excelSerial,
  isFormulaLike,
  numericText,
  outCell,
  significantDigits,
} from '../../../electron/core/export/cells';
import { hashPassword, SPIN_COUNT, verifyPassword } from '../../../electron/core/formats/protection';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import { findEntry, openZip, readEntry } from '../../../electron/core/formats/zip';
import { createSamplePlan } from '../../../electron/core/sample/buildSample';
import type { PlanStore } from '../../../electron/core/store/planStore';
import { tempDir } from '../../helpers';
import { madeBytes, saveTo } from '../../fileRefs';
import type { MadeFile } from '../../../shared/contract/files';

const INJECTIONS = ['=HYPERLINK("http://x","点击")', '+86 0519 8888', '-5℃以下', '@SUM(A1)'];

/** The quotePrefix flag of every cell whose shared-string text is one of `texts`. */
async function quotePrefixes(bytes: Buffer, texts: readonly string[]): Promise<Map<string, boolean>> {
  const zip = await openZip(bufferSource('export.xlsx', bytes));
  const part = async (name: string) => (await readEntry(zip, findEntry(zip, name)!, 64 * 1024 * 1024)).toString('utf8');
  const decode = (xml: string) =>
    xml
      .replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const strings = [...(await part('xl/sharedStrings.xml')).matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    decode([...m[1]!.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')),
  );
  const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s
    .exec(await part('xl/styles.xml'))![1]!
    .match(/<xf [^>]*?(\/>|>.*?<\/xf>)/gs)!;
  const sheet = await part('xl/worksheets/sheet1.xml');
  const found = new Map<string, boolean>();
  for (const cell of sheet.matchAll(/<c r="[A-Z]+\d+"(?: s="(\d+)")? t="s"><v>(\d+)<\/v><\/c>/g)) {
    const text = strings[Number(cell[2])]!;
    if (texts.includes(text)) found.set(text, /quotePrefix="1"/.test(xfs[Number(cell[1] ?? 0)]!));
  }
  return found;
}

describe('promise: text that looks like a formula stays text in an exported workbook', () => {
  const { dir, cleanup } = tempDir();
  let store: PlanStore;

  before(() => {
    store = createSamplePlan(path.join(dir, 'plan.planbench'));
  });
  after(() => {
    store.close();
    cleanup();
  });

  test('cells starting with = + - @ get Excel’s quote prefix; ordinary text does not', async () => {
    const sheetId = store.listSheets().find((sheet) => sheet.name === '重点工程')!.id;
    const rows = store.listRows(sheetId, 0, INJECTIONS.length + 1).rows;
    store.updateCells(
      sheetId,
      [...INJECTIONS, '市住建局负责'].map((text, index) => ({ rowId: rows[index]!.id, columnKey: 'name', text })),
      { source: 'user' },
      'abort',
    );
    const response = await dispatch({ store, edition: 'cli' }, 'export.sheet', {
      sheetId,
      options: { protect: false },
      saveTo: saveTo('export.xlsx'),
    });
    if (!response.ok) throw new Error(response.error.messageEn);
    const bytes = madeBytes(response.result as MadeFile);
    const flags = await quotePrefixes(bytes, [...INJECTIONS, '市住建局负责']);
    for (const text of INJECTIONS)
      assert.equal(flags.get(text), true, `${JSON.stringify(text)} is quote-prefixed text`);
    assert.equal(flags.get('市住建局负责'), false, 'plain text is not marked');
  });
});

describe('promise: exported cells keep their values', () => {
  test('formula-like means the first character only', () => {
    for (const text of ['=1', '+1', '-1', '@a', '\t1', '\r1'])
      assert.equal(isFormulaLike(text), true, JSON.stringify(text));
    for (const text of ['a=1', '1+1', ' =1', '（=）', '', '#REF!'])
      assert.equal(isFormulaLike(text), false, JSON.stringify(text));
  });

  test('numbers are written as numbers only when every digit survives', () => {
    assert.equal(significantDigits('-0.0050'), 2);
    assert.equal(significantDigits('+12.5'), 3);
    assert.equal(significantDigits('100'), 3);
    assert.equal(numericText('123456789012345'), '123456789012345', '15 digits: a number');
    assert.equal(numericText('1234567890123456'), null, '16 digits: text');
    assert.equal(numericText('007'), '7');
    assert.equal(numericText('0.50'), '0.5');
    assert.equal(numericText('-1.50'), '-1.5');
    assert.equal(numericText('-0.00'), '0');
    assert.equal(numericText('1.'), null);
    assert.equal(numericText('.5'), null);
    assert.equal(numericText('1,000'), null);
    assert.equal(numericText('1.05'), '1.05', 'only trailing zeros of the fraction go');
    assert.equal(numericText('x1'), null);
    assert.equal(numericText('1x'), null);
  });

  test('number and year columns write what was typed, as a number', () => {
    const number = { type: 'number' as const };
    const year = { type: 'year' as const };
    assert.deepEqual(outCell(year, { text: '2025年', value: 2025 }), {
      kind: 'number',
      decimal: '2025',
      approximate: false,
    });
    assert.deepEqual(outCell(number, { text: '+5', value: 5 }), { kind: 'number', decimal: '5', approximate: false });
    assert.deepEqual(outCell(number, { text: '１２ ３', value: 123 }), {
      kind: 'number',
      decimal: '123',
      approximate: false,
    });
    assert.deepEqual(outCell(number, { text: '-1,234,567', value: -1234567 }), {
      kind: 'number',
      decimal: '-1234567',
      approximate: false,
    });
    assert.deepEqual(outCell(number, { text: '12,34', value: null }), {
      kind: 'text',
      text: '12,34',
      formulaLike: false,
    });
    assert.deepEqual(outCell(number, { text: '2025年底', value: null }), {
      kind: 'text',
      text: '2025年底',
      formulaLike: false,
    });
    assert.deepEqual(outCell(number, { text: '12,345', value: 12345 }), {
      kind: 'number',
      decimal: '12345',
      approximate: false,
    });
    assert.deepEqual(outCell(number, { text: '1+2', value: null }), { kind: 'text', text: '1+2', formulaLike: false });
    assert.deepEqual(outCell(year, { text: '年2025', value: null }), {
      kind: 'text',
      text: '年2025',
      formulaLike: false,
    });
    assert.deepEqual(outCell(number, undefined), { kind: 'blank' });
    assert.deepEqual(outCell({ type: 'text' }, { text: '', value: null }), { kind: 'blank' });
    assert.deepEqual(outCell({ type: 'text' }, { text: '-', value: null }), {
      kind: 'text',
      text: '-',
      formulaLike: true,
    });
  });

  test('money keeps 约 as a format, and amounts too long for a double become text', () => {
    const money = { type: 'money' as const };
    assert.deepEqual(outCell(money, { text: ' 大约 12', value: '12' }), {
      kind: 'number',
      decimal: '12',
      approximate: true,
    });
    assert.deepEqual(outCell(money, { text: '逾3', value: '3' }), { kind: 'number', decimal: '3', approximate: true });
    assert.deepEqual(outCell(money, { text: '3约', value: '3' }), { kind: 'number', decimal: '3', approximate: false });
    assert.deepEqual(outCell(money, { text: '1234567890123.456', value: '1234567890123.456' }), {
      kind: 'text',
      text: '1234567890123.456',
      formulaLike: false,
    });
    assert.deepEqual(outCell(money, { text: '-5', value: '-5' }), {
      kind: 'number',
      decimal: '-5',
      approximate: false,
    });
  });

  test('dates are Excel serials from 1900-03-01 on; other text stays text', () => {
    assert.equal(excelSerial('1900-03-01'), 61);
    assert.equal(excelSerial('1900-02-28'), null, 'before Excel’s phantom 1900-02-29 serials are wrong: kept as text');
    assert.equal(excelSerial('2023-06-30'), 45107);
    assert.equal(excelSerial('2023-6-30'), null);
    assert.equal(excelSerial('x2023-06-30'), null);
    assert.equal(excelSerial('2023-06-30x'), null);
    const date = { type: 'date' as const };
    assert.deepEqual(outCell(date, { text: '2024-01-01', value: '2024-01-01' }), { kind: 'date', serial: 45292 });
    assert.deepEqual(outCell(date, { text: '2024-01-01前', value: null }), {
      kind: 'text',
      text: '2024-01-01前',
      formulaLike: false,
    });
  });
});

describe('promise: a protection password opens only with that password', () => {
  test('the hash is SHA-512 over salt and UTF-16 password, re-hashed spinCount times', () => {
    const salt = Buffer.alloc(16, 7);
    const hash = hashPassword('规划', 3, salt);
    let expected = crypto.createHash('sha512').update(salt).update(Buffer.from('规划', 'utf16le')).digest();
    for (let i = 0; i < 3; i++) {
      const counter = Buffer.alloc(4);
      counter.writeUInt32LE(i, 0);
      expected = crypto.createHash('sha512').update(expected).update(counter).digest();
    }
    assert.deepEqual(hash, {
      algorithmName: 'SHA-512',
      hashValue: expected.toString('base64'),
      saltValue: salt.toString('base64'),
      spinCount: 3,
    });
    assert.equal(SPIN_COUNT, 100_000, 'Excel’s own spin count');
    assert.notEqual(hashPassword('规划', 2, salt).hashValue, hash.hashValue);
    assert.notEqual(hashPassword('规划', 3).saltValue, hash.saltValue, 'a fresh random salt each time');
    assert.equal(Buffer.from(hashPassword('x', 1).saltValue, 'base64').length, 16);
    assert.ok(verifyPassword('规划', hash));
    assert.ok(!verifyPassword('规划 ', hash));
  });
});
