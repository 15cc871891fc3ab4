import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProposedTaskRow } from '../../../../shared/contract/calls/documents';
import {
  acceptedRows,
  editableRows,
  isPolicyDocument,
  mergeUp,
  splitAt,
  typedUnits,
  updateRow,
} from '../../../../renderer/src/panels/documents/documentRows';

/** Corrections in the document preview: merge, split, re-assign units, leave out. */

function proposed(seq: string, item: string, content: string, lead: string[], coop: string[] = []): ProposedTaskRow {
  return {
    seq,
    section: '二、重点任务',
    item,
    content,
    lead: lead.map((name) => ({ name, known: !name.includes('新'), written: name })),
    coop: coop.map((name) => ({ name, known: true, written: name })),
    deadline: '',
    timePhrases: [],
    targets: [],
    place: { page: 1, paragraph: Number(seq) },
    source: '第1页',
    responsibility: '',
    responsibilityFrom: 'own',
    kind: 'task',
    parentSeq: null,
    confidence: seq === '3' ? 0.6 : 1,
    reasons: seq === '3' ? [{ zh: '未找到责任单位', en: 'no responsible unit found', penalty: 0.4 }] : [],
  };
}

const rows = editableRows([
  proposed('1', '甲', '第一句。第二句。', ['市发展和改革委员会'], ['市财政局']),
  proposed('2', '乙', '乙的内容。', ['市财政局', '新设办公室']),
  proposed('3', '丙', '丙的内容。', []),
]);

describe('document preview corrections', () => {
  test('the proposal: units by name, unknown ones listed, an unsure row noted for 备注', () => {
    assert.deepEqual(rows[1]!.unknown, ['新设办公室']);
    assert.equal(rows[2]!.note, '待核实：未找到责任单位');
    assert.equal(rows[0]!.note, '');
  });

  test('merge a row into the one above: text appended, units joined in order, a lead not repeated as 配合', () => {
    const merged = mergeUp(rows, 1);
    assert.equal(merged.length, 2);
    assert.equal(merged[0]!.content, '第一句。第二句。\n乙。乙的内容。');
    assert.deepEqual(merged[0]!.lead, ['市发展和改革委员会', '市财政局', '新设办公室']);
    assert.deepEqual(merged[0]!.coop, []);
    assert.deepEqual(mergeUp(rows, 0), rows);
  });

  test('split after the first sentence: the rest is a new row titled by its first sentence', () => {
    const split = splitAt(rows, 0, 1);
    assert.equal(split.length, 4);
    assert.equal(split[0]!.content, '第一句。');
    assert.equal(split[1]!.item, '第二句');
    assert.equal(split[1]!.content, '');
    assert.deepEqual(split[1]!.lead, ['市发展和改革委员会']);
    assert.notEqual(split[1]!.key, split[0]!.key);
    assert.deepEqual(splitAt(rows, 1, 1), rows);
  });

  test('re-assigned units and rows left out are what the commit sends', () => {
    let edited = updateRow(rows, 2, { lead: typedUnits('市教育局、 市残联 市教育局') });
    edited = updateRow(edited, 1, { included: false });
    const sent = acceptedRows(edited);
    assert.deepEqual(
      sent.map((row) => [row.seq, row.lead]),
      [
        ['1', ['市发展和改革委员会']],
        ['3', ['市教育局', '市残联']],
      ],
    );
  });

  test('which files are policy documents', () => {
    assert.ok(isPolicyDocument('方案.DOCX') && isPolicyDocument('a.doc') && isPolicyDocument('a.pdf'));
    assert.ok(!isPolicyDocument('a.xlsx') && !isPolicyDocument('a.csv'));
  });
});
