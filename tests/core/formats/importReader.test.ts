import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import type { ByteSource } from '../../../electron/core/formats/byteSource';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import { readWorkbook } from '../../../electron/core/formats/workbook';
import { cellText } from '../../../shared/import/importGrid';
import { encodeGb18030 } from '../../fixtures/writers';
import { escapeXml, inlineCell, numberCell, worksheetXml, xlsxBytes } from '../../fixtures/rawFiles';

/** The .xlsx and CSV readers on the XML and text that Excel, WPS and LibreOffice really write. */

/** A source that hands out its bytes in tiny pieces, so every multi-byte character is split. */
function trickle(name: string, bytes: Buffer, piece = 7): ByteSource {
  const base = bufferSource(name, bytes);
  return {
    ...base,
    stream: (start, end) => {
      function* pieces() {
        for (let at = start; at < end; at += piece) yield bytes.subarray(at, Math.min(end, at + piece));
      }
      return Readable.from(pieces(), { objectMode: false });
    },
  };
}

function texts(rows: { cells: unknown[] }[]): string[][] {
  return rows.map((row) => Array.from(row.cells, (cell) => cellText(cell as never)));
}

describe('xlsx reader', () => {
  test('Chinese characters split between chunks arrive intact (the ExcelJS streaming bug)', async () => {
    const words = Array.from({ length: 2000 }, (_, index) => `常州市生态文明建设第${index}项“绿岛”工程——蓝天保卫`);
    const sheet = words
      .map((_, index) => `<row r="${index + 1}"><c r="A${index + 1}" t="s"><v>${index}</v></c></row>`)
      .join('');
    const bytes = xlsxBytes({
      sheets: [{ name: '表', xml: `<sheetData>${sheet}</sheetData>` }],
      sharedStrings: words.map((word) => `<si><t>${word}</t></si>`).join(''),
      // Stored, not deflated: the 7-byte pieces reach the XML decoder exactly as they are cut.
      override: { 'xl/sharedStrings.xml': { method: 0 }, 'xl/worksheets/sheet1.xml': { method: 0 } },
    });
    const read = await readWorkbook(trickle('chunks.xlsx', bytes));
    const got = read.grid.rows.map((row) => row.cells[0]);
    assert.deepEqual(got, words);
    assert.ok(!got.some((word) => String(word).includes('\ufffd')));
  });

  test('what LibreOffice and WPS write: inline strings, rich text with phonetic runs, t="str", prefixes', async () => {
    const sheet = worksheetXml(
      '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>序号</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:r><x:t>投资</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>匡算</x:t></x:r></x:is></x:c></x:row>' +
        '<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" t="str"><x:f>A1&amp;"项"</x:f><x:v>市住建局_x000D_</x:v></x:c><x:c r="C2"><x:f>SUM(C3:C4)</x:f></x:c><x:c r="D2" t="b"><x:v>1</x:v></x:c><x:c r="E2" t="e"><x:v>#DIV/0!</x:v></x:c></x:row></x:sheetData>',
      'x',
    );
    const bytes = xlsxBytes({
      sheets: [{ name: '表', xml: sheet }],
      sharedStrings:
        '<si><r><t>项目</t></r><r><rPr><i/></rPr><t>名称</t></r><rPh sb="0" eb="2"><t>こうもく</t></rPh></si>',
      application: 'WPS 表格',
    });
    const read = await readWorkbook(bufferSource('wps.xlsx', bytes));
    assert.equal(read.application, 'WPS 表格');
    assert.deepEqual(texts(read.grid.rows), [
      ['序号', '项目名称', '投资匡算'],
      ['1', '市住建局\r', '', 'TRUE', '#DIV/0!'],
    ]);
    assert.deepEqual(
      read.grid.rows[1]!.cells[2],
      { t: 'f', formula: 'SUM(C3:C4)' },
      'a formula without a cached value is said, not read as empty',
    );
  });

  test('dates in the 1900 and 1904 systems, percent and CJK date formats, by cell style', async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00&quot;万元&quot;"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs>';
    const row = `<sheetData><row r="1">${numberCell('A1', 45473, 1)}${numberCell('B1', 0.2662, 2)}${numberCell('C1', 45473, 3)}${numberCell('D1', 4600, 4)}${numberCell('E1', 45473)}</row></sheetData>`;
    const in1900 = await readWorkbook(bufferSource('d.xlsx', xlsxBytes({ sheets: [{ name: 'S', xml: row }], styles })));
    assert.deepEqual(texts(in1900.grid.rows), [['2024-06-30', '26.62%', '2024-06-30', '4600', '45473']]);
    const in1904 = await readWorkbook(
      bufferSource('d.xlsx', xlsxBytes({ sheets: [{ name: 'S', xml: row }], styles, date1904: true })),
    );
    assert.equal(cellText(in1904.grid.rows[0]!.cells[0]), '2028-07-01');
  });

  test('hidden rows, hidden columns, merges, a hidden sheet skipped for the first visible one', async () => {
    const visible =
      '<cols><col min="2" max="3" width="9" hidden="1"/></cols><sheetData>' +
      `<row r="1">${inlineCell('A1', '大类')}${inlineCell('B1', '序号')}${inlineCell('C1', '名称')}</row>` +
      `<row r="2">${inlineCell('A2', '生态安全类')}${numberCell('B2', 1)}${inlineCell('C2', '甲')}</row>` +
      `<row r="3" hidden="1">${numberCell('B3', 2)}${inlineCell('C3', '乙')}</row>` +
      `<row r="4"><c><v>7</v></c><c t="inlineStr"><is><t>${escapeXml('无 r 属性')}</t></is></c></row>` +
      '</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>';
    const bytes = xlsxBytes({
      sheets: [
        { name: '隐藏', xml: `<sheetData><row r="1">${inlineCell('A1', '不该读')}</row></sheetData>`, state: 'hidden' },
        { name: '数据', xml: visible },
      ],
    });
    const read = await readWorkbook(bufferSource('h.xlsx', bytes));
    assert.equal(read.grid.name, '数据');
    assert.deepEqual(read.sheets, [
      { name: '隐藏', hidden: true },
      { name: '数据', hidden: false },
    ]);
    assert.deepEqual(read.grid.hiddenColumns, [1, 2]);
    assert.deepEqual(
      read.grid.rows.map((row) => row.hidden === true),
      [false, false, true, false],
    );
    assert.deepEqual(read.grid.merges, [{ top: 2, left: 0, bottom: 3, right: 0 }]);
    assert.deepEqual(texts([read.grid.rows[3]!]), [['7', '无 r 属性']]);
  });
});

describe('CSV reader', () => {
  const table =
    '序号,项目名称,投资匡算（万元）,责任主体\r\n1,"深化工业园区、企业集群综合治理",4600,"各辖市区人民政府、\n常州经开区管委会"\r\n2,"工业""绿岛""建设",24000,市生态环境局\r\n';

  test('quoted fields with separators, quotes and line breaks (RFC 4180)', async () => {
    const read = await readWorkbook(bufferSource('a.csv', Buffer.from(table, 'utf8')));
    assert.equal(read.encoding, 'UTF-8');
    assert.deepEqual(texts(read.grid.rows)[1], [
      '1',
      '深化工业园区、企业集群综合治理',
      '4600',
      '各辖市区人民政府、\n常州经开区管委会',
    ]);
    assert.equal(texts(read.grid.rows)[2]![1], '工业"绿岛"建设');
  });

  test('GB18030 is detected even when the first non-UTF-8 byte comes after 64 KiB of ASCII', async () => {
    const padding = `${'1,2,3,4\r\n'.repeat(8000)}`;
    const bytes = Buffer.concat([Buffer.from(padding), encodeGb18030('5,合计,3309473.59,市生态环境局\r\n')]);
    const read = await readWorkbook(bufferSource('late.csv', bytes));
    assert.equal(read.encoding, 'GB18030/GBK');
    assert.deepEqual(texts(read.grid.rows).at(-1), ['5', '合计', '3309473.59', '市生态环境局']);
  });

  test('tab-separated UTF-16 text (Excel’s "Unicode text")', async () => {
    const body = '序号\t名称\r\n1\t市住建局\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
    const read = await readWorkbook(bufferSource('u.txt', bytes));
    assert.equal(read.encoding, 'UTF-16LE');
    assert.deepEqual(texts(read.grid.rows), [
      ['序号', '名称'],
      ['1', '市住建局'],
    ]);
  });
});
