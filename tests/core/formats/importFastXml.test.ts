import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bufferSource } from '../../../electron/core/formats/byteSource';
import { IMPORT_CAPS } from '../../../electron/core/formats/caps';
import { FastSheetScanner, FastStringsScanner } from '../../../electron/core/formats/fastXlsx';
import { NotPlainXml } from '../../../electron/core/formats/xmlStream';
import { readWorkbook } from '../../../electron/core/formats/workbook';
import { PlanbenchError } from '../../../shared/contract/errors';
import { worksheetXml, xlsxBytes } from '../../fixtures/rawFiles';

/**
 * The fast reader of worksheets and shared strings (fastXlsx.ts) against the general scanner.
 * A comment is plain XML that only the general scanner takes, so the same workbook with one
 * comment added is read the general way: both readings must give the same grid, for every shape
 * of cell the writers produce. Malformed XML is refused as damaged either way.
 */

const STYLES =
  '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
  '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="10"/></cellXfs>';

const SHARED =
  '<si><t>序号</t></si>' +
  '<si><t xml:space="preserve"> 项目&amp;名称 </t></si>' +
  '<si><r><t>投资</t></r><r><rPr><b/><sz val="11"/></rPr><t>匡算</t></r><rPh sb="0" eb="2"><t>とうし</t></rPh><phoneticPr fontId="1"/></si>' +
  '<si><t>第一行&#10;第二行_x000D_</t></si>' +
  '<si><t/></si>' +
  '<si><t>市住建局、市交通局\r\n市发改委</t></si>';

const SHEET = [
  '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:H6"/>',
  '<sheetViews><sheetView workbookViewId=\'0\'><pane ySplit="1" state="frozen"/></sheetView></sheetViews>',
  '<cols><col min="2" max="2" width="30" hidden="1" customWidth="1"/><col min="5" max="5" width="9"/></cols>',
  '<sheetData>',
  '<row r="1" spans="1:8" ht="20" customHeight="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="0"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
  '\n  <row r="2">\n    <c r="A2"><v>1</v></c>\n    <c r="B2" t="s"><v>3</v></c>\n    <c r="C2" s="1"><v>45107</v></c>\n    <c r="D2" s="2"><v>0.2662</v></c>\n  </row>',
  '<row r="3" hidden="1"><c r="A3"><v>2.5</v></c><c r="B3"/><c r="C3" t="s"><v>4</v></c><c r="D3" t="str"><f>A1&amp;"项"</f><v>市住建局</v></c><c r="E3"><f>SUM(A2:A3)</f></c><c r="F3"><f t="shared" si="0"/><v>3</v></c></row>',
  '<row><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c t="d"><v>2023-06-30T00:00:00Z</v></c><c r="F4" t="inlineStr"><is><r><t>内联</t></r><r><t xml:space="preserve"> 富文本</t></r><rPh sb="0" eb="1"><t>ない</t></rPh></is></c></row>',
  '<row r="6" x14ac:dyDescent="0.25"><c r="A6" t="s"><v>5</v></c><c r="H6" t="inlineStr"><is><t>&lt;p&gt;带标记&lt;/p&gt;</t></is></c><c r="G6"><v></v></c></row>',
  '</sheetData>',
  '<mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="$C$3:$D$3"/></mergeCells>',
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><extLst><ext uri="{x}"><x14:y xmlns:x14="urn:x"/></ext></extLst>',
].join('');

async function read(sheet: string, shared: string) {
  const bytes = xlsxBytes({ sheets: [{ name: '表', xml: sheet }], sharedStrings: shared, styles: STYLES });
  return (await readWorkbook(bufferSource('快慢.xlsx', bytes))).grid;
}

async function refused(sheet: string): Promise<PlanbenchError> {
  try {
    await read(sheet, '<si><t>甲</t></si>');
  } catch (error) {
    if (error instanceof PlanbenchError) return error;
    throw error;
  }
  assert.fail('the workbook was read');
}

/** Feeds a whole part to a fast scanner in small pieces; throws NotPlainXml if it would give up. */
function scanFast(scanner: { write(text: string): void; end(): void }, xml: string): void {
  for (let at = 0; at < xml.length; at += 13) scanner.write(xml.slice(at, at + 13));
  scanner.end();
}

describe('fast worksheet reader', () => {
  test('takes the plain shape, extensions included, in pieces cut anywhere', () => {
    const cells: number[] = [];
    const sink = {
      startRow: () => {},
      endRow: () => {},
      cell: (column: number) => void cells.push(column),
      column: () => {},
      merge: () => {},
    };
    assert.doesNotThrow(() => scanFast(new FastSheetScanner(sink), worksheetXml(SHEET)));
    assert.equal(cells.length, 20);
    const strings: string[] = [];
    assert.doesNotThrow(() =>
      scanFast(
        new FastStringsScanner((raw) => strings.push(raw)),
        `<?xml version="1.0"?><sst xmlns="urn:x" count="6">${SHARED}</sst>`,
      ),
    );
    assert.deepEqual(strings.slice(0, 3), ['序号', ' 项目&名称 ', '投资匡算']);
    // What it leaves to the general scanner.
    for (const xml of [
      '<x:sheetData><x:row r="1"/></x:sheetData>',
      '<sheetData><!-- 注 --></sheetData>',
      '<sheetData><row r="1"><c r="A1"><v><![CDATA[1]]></v></c></row></sheetData>',
    ]) {
      assert.throws(() => scanFast(new FastSheetScanner(sink), worksheetXml(xml)), NotPlainXml, xml);
    }
  });

  test('reads every shape of cell exactly as the general scanner does', async () => {
    const fast = await read(SHEET, SHARED);
    // A comment in each large part sends both to the general scanner.
    const general = await read(SHEET.replace('<sheetData>', '<sheetData><!-- 通用 -->'), `<!-- 通用 -->${SHARED}`);
    assert.deepEqual(fast, general);
    // And what they read is right.
    assert.deepEqual(
      fast.rows.map((row) => row.r),
      [1, 2, 3, 4, 6],
    );
    assert.deepEqual(fast.rows[0]!.cells, ['序号', ' 项目&名称 ', '投资匡算']);
    assert.deepEqual(fast.rows[1]!.cells, [
      1,
      '第一行\n第二行\r',
      { t: 'd', v: '2023-06-30' },
      { t: 'n', v: 0.2662, percent: true },
    ]);
    assert.equal(fast.rows[2]!.hidden, true);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((column) => fast.rows[2]!.cells[column]),
      [2.5, undefined, undefined, '市住建局', { t: 'f', formula: 'SUM(A2:A3)' }, 3],
    );
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((column) => fast.rows[3]!.cells[column]),
      [{ t: 'b', v: true }, { t: 'e', v: '#DIV/0!' }, { t: 'd', v: '2023-06-30' }, undefined, undefined, '内联 富文本'],
    );
    assert.equal(fast.rows[4]!.cells[7], '<p>带标记</p>');
    assert.deepEqual(fast.rows[4]!.cells[0], '市住建局、市交通局\n市发改委');
    assert.deepEqual(fast.hiddenColumns, [1]);
    assert.deepEqual(fast.merges, [
      { top: 2, bottom: 3, left: 0, right: 0 },
      { top: 3, bottom: 3, left: 2, right: 3 },
    ]);
    assert.equal(fast.columnCount, 8);
  });

  test('a long run of whitespace between rows is skipped, not held: it costs neither memory nor time', () => {
    // Twice what the reader may hold back while waiting for the end of one piece: were the run
    // kept (and scanned again with each chunk), the reader would refuse it as one endless text.
    const run = ' '.repeat(2 * IMPORT_CAPS.xmlPendingChars);
    const rows: number[] = [];
    const sink = {
      startRow: () => {},
      endRow: () => void rows.push(rows.length),
      cell: () => {},
      column: () => {},
      merge: () => {},
    };
    const scanner = new FastSheetScanner(sink);
    const xml = worksheetXml(
      `<sheetData><row r="1"><c r="A1"><v>1</v></c></row>${run}<row r="2"><c r="A2"><v>2</v></c></row></sheetData>`,
    );
    for (let at = 0; at < xml.length; at += 128 * 1024) scanner.write(xml.slice(at, at + 128 * 1024));
    scanner.end();
    assert.equal(rows.length, 2);
  });

  test('malformed XML is refused as damaged, whichever reader meets it', async () => {
    for (const broken of [
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></row></sheetData>',
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>',
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData><sheetData>',
      '<sheetData><row r="1"><c r="A1" t="s" s=1><v>0</v></c></row></sheetData>',
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &bogus; b</t></is></c></row></sheetData>',
    ]) {
      const error = await refused(broken);
      assert.match(error.body.messageZh, /不是有效的 XML/, broken);
      assert.match(error.body.messageEn, /is not valid XML/, broken);
    }
  });
});
