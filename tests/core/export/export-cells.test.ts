import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  excelSerial,
  isFormulaLike,
  numericText,
  outCell,
  significantDigits,
} from '../../../electron/core/export/cells';
import { displayWidth, layoutColumn, moneyFormat, planHeader } from '../../../electron/core/export/layout';
import { hashPassword, verifyPassword } from '../../../electron/core/formats/protection';
import { StyleRegistry } from '../../../electron/core/formats/styles';
import { sheetName } from '../../../electron/core/formats/xlsxWriter';
import { columnLetters, rangeRef, textElement, xmlText } from '../../../electron/core/formats/xml';

/** The rules of what a plan cell becomes in a workbook, and the XML it is written as. */

describe('export cells', () => {
  test('money is a number exactly when its decimal has at most 15 significant digits', () => {
    assert.equal(significantDigits('3309473.59'), 9);
    assert.equal(significantDigits('0.005'), 1);
    assert.equal(numericText('3309473.59'), '3309473.59');
    assert.equal(numericText('1.50'), '1.5');
    assert.equal(numericText('-0'), '0');
    assert.equal(numericText('123456789012.345'), '123456789012.345');
    // 16 digits would not survive a double: written as text instead.
    assert.equal(numericText('1234567890123.456'), null);
    assert.equal(numericText('约5000'), null);
    for (const decimal of ['3309473.59', '0.01', '1042783.59', '99999999999.99']) {
      assert.equal(String(Number(decimal)), decimal, 'a 15-digit decimal round-trips through a double');
    }
  });

  test('plan cells become numbers, text, dates or blanks', () => {
    const money = { type: 'money' as const };
    assert.deepEqual(outCell(money, { text: '4600', value: '4600' }), {
      kind: 'number',
      decimal: '4600',
      approximate: false,
    });
    assert.deepEqual(outCell(money, { text: '约5000', value: '5000' }), {
      kind: 'number',
      decimal: '5000',
      approximate: true,
    });
    assert.deepEqual(outCell(money, { text: '/', value: null }), { kind: 'text', text: '/', formulaLike: false });
    assert.deepEqual(outCell(money, { text: '', value: null }), { kind: 'blank' });
    assert.deepEqual(outCell({ type: 'number' }, { text: '1,234.50', value: 1234.5 }), {
      kind: 'number',
      decimal: '1234.5',
      approximate: false,
    });
    assert.deepEqual(outCell({ type: 'number' }, { text: '≥95', value: null }), {
      kind: 'text',
      text: '≥95',
      formulaLike: false,
    });
    assert.deepEqual(outCell({ type: 'date' }, { text: '2023-06-30', value: '2023-06-30' }), {
      kind: 'date',
      serial: 45107,
    });
    assert.deepEqual(outCell({ type: 'date' }, { text: '6月底前', value: '2023-06-30' }), {
      kind: 'text',
      text: '6月底前',
      formulaLike: false,
    });
    assert.deepEqual(outCell({ type: 'text' }, { text: '=SUM(A1)', value: null }), {
      kind: 'text',
      text: '=SUM(A1)',
      formulaLike: true,
    });
  });

  test('formula-like text and Excel dates', () => {
    for (const text of ['=1+1', '+86', '-5', '@cmd', '\t=x']) assert.ok(isFormulaLike(text), text);
    for (const text of ['市住建局', '5-6月', '（=）']) assert.ok(!isFormulaLike(text), text);
    assert.equal(excelSerial('1900-03-01'), 61);
    assert.equal(excelSerial('2024-06-30'), 45473);
    assert.equal(excelSerial('6月底前'), null);
  });
});

describe('export XML', () => {
  test('escapes markup, control characters and literal _xHHHH_ sequences', () => {
    assert.equal(xmlText('a<b & "c">'), 'a&lt;b &amp; &quot;c&quot;&gt;');
    assert.equal(xmlText('bell\u0007'), 'bell_x0007_');
    assert.equal(xmlText('keep _x0041_ literal'), 'keep _x005F_x0041_ literal');
    assert.equal(textElement(' 前后空格 '), '<t xml:space="preserve"> 前后空格 </t>');
    assert.equal(textElement('第一行\n第二行'), '<t xml:space="preserve">第一行\n第二行</t>');
  });

  test('references and sheet names', () => {
    assert.equal(columnLetters(0), 'A');
    assert.equal(columnLetters(27), 'AB');
    assert.equal(rangeRef(1, 4, 1, 27), 'B4:B27');
    assert.equal(rangeRef(0, 1, 0, 1), 'A1');
    const taken = new Set<string>();
    assert.equal(sheetName('重点工程', taken), '重点工程');
    assert.equal(sheetName('重点工程', taken), '重点工程(2)');
    assert.equal(sheetName('a/b:c*d?[e]', taken), 'a_b_c_d__e_');
    assert.equal([...sheetName('很长'.repeat(20), taken)].length, 31);
  });

  test('styles are deduplicated and protection is written as Excel writes it', () => {
    const styles = new StyleRegistry();
    const a = styles.style({ border: 'thin', numFmt: '#,##0.00' });
    assert.equal(styles.style({ border: 'thin', numFmt: '#,##0.00' }), a);
    const unlocked = styles.style({ locked: false, quotePrefix: true, numFmt: moneyFormat(2, true) });
    const xml = styles.toXml();
    assert.ok(unlocked > a);
    assert.match(xml, /<protection locked="0"\/>/);
    assert.match(xml, /quotePrefix="1"/);
    assert.match(xml, /formatCode="&quot;约&quot;#,##0.00"/);
    assert.match(xml, /numFmtId="4"/, '#,##0.00 is a built-in format');
  });
});

describe('export layout', () => {
  test('widths count CJK as two, headers group on ·', () => {
    assert.equal(displayWidth('市住建局'), 8);
    assert.equal(displayWidth('abc\n市'), 3);
    const target = layoutColumn({ key: 't', name: '目标值·2025年', type: 'text', role: 'target', settings: {} }, [
      '≥95',
    ]);
    assert.equal(target.group, '目标值');
    assert.equal(target.sub, '2025年');
    const money = layoutColumn(
      { key: 'm', name: '投资匡算', type: 'money', role: 'investment', settings: { moneyUnit: '万元' } },
      ['3309473.59'],
    );
    assert.equal(money.header, '投资匡算（万元）');
    assert.equal(money.align, 'right');
    assert.equal(money.decimals, 2);
    const header = planHeader([{ header: '序号' }, { header: '目标值·2025年' }, { header: '目标值·2030年' }]);
    assert.equal(header.rows, 2);
    assert.deepEqual(header.cells, [
      ['序号', '目标值', ''],
      ['', '2025年', '2030年'],
    ]);
    assert.deepEqual(header.merges, [
      [0, 0, 0, 1],
      [1, 0, 2, 0],
    ]);
    assert.equal(planHeader([{ header: '名称' }]).rows, 1);
  });

  test('protection passwords are hashed the agile way and verify', () => {
    const hash = hashPassword('规划2024', 1000);
    assert.equal(hash.algorithmName, 'SHA-512');
    assert.equal(Buffer.from(hash.hashValue, 'base64').length, 64);
    assert.ok(verifyPassword('规划2024', hash));
    assert.ok(!verifyPassword('规划2025', hash));
  });
});
