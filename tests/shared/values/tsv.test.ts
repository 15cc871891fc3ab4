import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeTsv, encodeTsv } from '../../../shared/values/tsv';

describe('clipboard text as Excel writes and reads it', () => {
  test('encode: tabs, CRLF after every row, multi-line cells quoted', () => {
    assert.equal(
      encodeTsv([
        ['1', '生态安全类'],
        ['2', ''],
      ]),
      '1\t生态安全类\r\n2\t\r\n',
    );
    assert.equal(encodeTsv([['第一行\n第二行', '4600']]), '"第一行\n第二行"\t4600\r\n');
    assert.equal(encodeTsv([['他说"好"', '"引号开头']]), '他说"好"\t"""引号开头"\r\n');
  });

  test('decode what Excel, WPS and LibreOffice put on the clipboard', () => {
    assert.deepEqual(decodeTsv('1\t2\r\n3\t4\r\n'), [
      ['1', '2'],
      ['3', '4'],
    ]);
    assert.deepEqual(
      decodeTsv('1\t2\n3\t4'),
      [
        ['1', '2'],
        ['3', '4'],
      ],
      'LF and no final break',
    );
    assert.deepEqual(decodeTsv('"第一行\r\n第二行"\t5\r\n'), [['第一行\n第二行', '5']]);
    assert.deepEqual(decodeTsv('a\t\tc\r\n'), [['a', '', 'c']], 'an empty middle cell');
    assert.deepEqual(decodeTsv('a\t\r\n'), [['a', '']], 'an empty last cell');
    assert.deepEqual(decodeTsv('"a""b"\tc'), [['a"b', 'c']]);
    assert.deepEqual(decodeTsv('他说"好"\t1'), [['他说"好"', '1']], 'a quote inside an unquoted cell');
    assert.deepEqual(decodeTsv('单个值'), [['单个值']]);
    assert.deepEqual(decodeTsv(''), []);
  });

  test('round trip', () => {
    const rows = [
      ['序号', '项目名称', '投资'],
      ['1', '多行\n内容', '1,000.5'],
      ['2', '"引号"', '/'],
    ];
    assert.deepEqual(decodeTsv(encodeTsv(rows)), rows);
  });
});
